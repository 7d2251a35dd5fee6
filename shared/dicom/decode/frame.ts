/**
 * A decoded frame: the samples a viewer renders and `cartella dicom decode` writes out.
 * One shape for every transfer syntax, so that the rendering maths never asks how a frame
 * was stored:
 * - colour samples are interleaved (R1G1B1R2…), whatever the Planar Configuration was;
 * - the sample type follows BitsAllocated (8, 16 or 32; 1-bit frames unpacked to one 0/1
 *   byte per pixel) and PixelRepresentation (signed arrays for 1);
 * - `photometric` is the interpretation of these samples, which differs from the file's
 *   when the codec converted colour (JPEG's YCbCr → RGB, JPEG 2000's ICT/RCT inverse).
 * Values are as the codec or the file gave them: bits above BitsStored are not yet
 * masked (render/stored-value.ts does that, PS3.5 §8.1.1).
 */
export type PixelArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array;

export interface DecodedFrame {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
  bitsStored: number;
  pixelRepresentation: 0 | 1;
  photometric: string;
  pixels: PixelArray;
}

/** An empty sample array of the type for these bits and signedness. */
export function pixelArray(bitsAllocated: number, signed: boolean, length: number): PixelArray {
  if (bitsAllocated <= 8) return signed ? new Int8Array(length) : new Uint8Array(length);
  if (bitsAllocated <= 16) return signed ? new Int16Array(length) : new Uint16Array(length);
  return signed ? new Int32Array(length) : new Uint32Array(length);
}

/** A view of little-endian sample bytes as the array type for these bits (copying when unaligned). */
export function viewSamples(bytes: Uint8Array, bitsAllocated: number, signed: boolean, length: number): PixelArray {
  const size = bitsAllocated <= 8 ? 1 : bitsAllocated <= 16 ? 2 : 4;
  const source = bytes.byteOffset % size === 0 ? bytes : bytes.slice();
  const { buffer, byteOffset } = source;
  if (size === 1) return signed ? new Int8Array(buffer, byteOffset, length) : new Uint8Array(buffer, byteOffset, length);
  if (size === 2) return signed ? new Int16Array(buffer, byteOffset, length) : new Uint16Array(buffer, byteOffset, length);
  return signed ? new Int32Array(buffer, byteOffset, length) : new Uint32Array(buffer, byteOffset, length);
}

/** Planar (R…G…B…) samples → interleaved (R1G1B1…), PS3.3 C.7.6.3.1.3. */
export function interleave<T extends PixelArray>(planar: T, samplesPerPixel: number): T {
  const pixels = planar.length / samplesPerPixel;
  const out = new (planar.constructor as new (n: number) => T)(planar.length);
  for (let s = 0; s < samplesPerPixel; s++) {
    const base = s * pixels;
    for (let i = 0; i < pixels; i++) out[i * samplesPerPixel + s] = planar[base + i]!;
  }
  return out;
}

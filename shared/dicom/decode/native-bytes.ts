/**
 * A decoded frame back to the bytes native DICOM would store (PS3.5 §8.1): grey and
 * palette samples little-endian in BitsAllocated bits (1-bit frames packed, least
 * significant bit first, §8.1.1), colour as interleaved 8-bit samples (colour-by-pixel),
 * frames of more than 8 bits per colour sample scaled to 8 by their BitsStored.
 * The bytes `cartella dicom decode` writes; a lossless codec's output must equal the
 * uncompressed twin's pixel data byte for byte (after BitsStored masking).
 */
import type { DecodedFrame } from './frame.ts';

export function nativeBytes(frame: DecodedFrame, bitsAllocated: number): Uint8Array {
  const px = frame.pixels;
  if (frame.samplesPerPixel > 1) {
    const down = Math.max(0, Math.min(frame.bitsStored, frame.bitsAllocated) - 8);
    if (px.BYTES_PER_ELEMENT === 1 && down === 0) return new Uint8Array(px.buffer, px.byteOffset, px.length);
    return Uint8Array.from(px, (v) => (v >>> down) & 0xff);
  }
  if (bitsAllocated === 1) {
    const out = new Uint8Array(Math.ceil(px.length / 8));
    for (let i = 0; i < px.length; i++) if (px[i]! & 1) out[i >> 3]! |= 1 << (i & 7);
    return out;
  }
  // Typed arrays are in the platform's byte order; every platform Cartella runs on is little-endian.
  return new Uint8Array(px.buffer, px.byteOffset, px.byteLength);
}

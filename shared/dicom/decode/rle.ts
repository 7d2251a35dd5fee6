/**
 * RLE Lossless (PS3.5 Annex G). A frame is a 64-byte header (segment count, then up to 15
 * segment offsets, little-endian uint32) and one PackBits-style segment per byte plane:
 * for each sample, the most significant byte first (G.2). A segment decodes to exactly
 * rows × columns bytes; a sample's planes rebuild its BitsAllocated-bit value.
 */
import { dicomError } from '../errors.ts';
import type { ImageMetadata } from '../metadata.ts';
import { pixelArray, type DecodedFrame } from './frame.ts';

function u32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

/** One segment (G.3.2): n in 0..127 copies n+1 literal bytes, -1..-127 repeats the next byte 1-n times, -128 is a no-op. */
function decodeSegment(src: Uint8Array, start: number, end: number, out: Uint8Array, offset: number, stride: number, count: number): void {
  let i = start;
  let written = 0;
  while (i < end && written < count) {
    const n = src[i++]!;
    if (n < 128) {
      const len = Math.min(n + 1, count - written, end - i);
      for (let k = 0; k < len; k++) out[offset + (written + k) * stride] = src[i + k]!;
      i += n + 1;
      written += len;
    } else if (n > 128) {
      if (i >= end) break;
      const value = src[i++]!;
      const len = Math.min(257 - n, count - written);
      for (let k = 0; k < len; k++) out[offset + (written + k) * stride] = value;
      written += len;
    }
  }
  if (written < count) throw dicomError('corrupt-pixel-data', `RLE segment decoded ${written} of ${count} bytes`);
}

export function decodeRle(bytes: Uint8Array, image: ImageMetadata): DecodedFrame {
  const { rows, columns, samplesPerPixel, bitsAllocated } = image;
  if (bitsAllocated !== 8 && bitsAllocated !== 16 && bitsAllocated !== 32) {
    throw dicomError('unsupported-image', `RLE with BitsAllocated ${bitsAllocated}`, `bits-allocated-${bitsAllocated}`);
  }
  if (bytes.length < 64) throw dicomError('corrupt-pixel-data', 'RLE frame shorter than its header');
  const bytesPerSample = bitsAllocated / 8;
  const segments = u32(bytes, 0);
  const expected = samplesPerPixel * bytesPerSample;
  if (segments !== expected) throw dicomError('corrupt-pixel-data', `RLE header has ${segments} segments, expected ${expected}`);
  const offsets = Array.from({ length: segments }, (_, i) => u32(bytes, 4 + i * 4));
  const pixels = rows * columns;
  // Output as little-endian interleaved samples: byte b of sample s of pixel p is at
  // (p * samplesPerPixel + s) * bytesPerSample + b.
  const signed = image.pixelRepresentation === 1;
  const out = pixelArray(bitsAllocated, signed, pixels * samplesPerPixel);
  const outBytes = new Uint8Array(out.buffer);
  for (let seg = 0; seg < segments; seg++) {
    const start = offsets[seg]!;
    const end = seg + 1 < segments ? offsets[seg + 1]! : bytes.length;
    if (start < 64 || end > bytes.length || end < start) throw dicomError('corrupt-pixel-data', `RLE segment ${seg} offsets ${start}..${end}`);
    const sample = Math.floor(seg / bytesPerSample);
    const byteInSample = bytesPerSample - 1 - (seg % bytesPerSample); // most significant plane first
    decodeSegment(bytes, start, end, outBytes, sample * bytesPerSample + byteInSample, samplesPerPixel * bytesPerSample, pixels);
  }
  return {
    rows,
    columns,
    samplesPerPixel,
    bitsAllocated,
    bitsStored: image.bitsStored,
    pixelRepresentation: image.pixelRepresentation,
    photometric: image.photometric,
    pixels: out,
  };
}

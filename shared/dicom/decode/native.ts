/**
 * Native (uncompressed) frames, PS3.5 §8.1: little-endian samples as they are, big-endian
 * (Explicit VR Big Endian, retired) swapped per sample, 1-bit packed data unpacked
 * (§8.1.1: least significant bit first), colour-by-plane reordered to colour-by-pixel,
 * YBR_FULL_422 (Y1 Y2 Cb Cr per pixel pair, PS3.3 C.7.6.3.1.2) widened to YBR_FULL.
 */
import { dicomError } from '../errors.ts';
import type { ImageMetadata } from '../metadata.ts';
import { interleave, pixelArray, viewSamples, type DecodedFrame } from './frame.ts';

export function decodeNative(bytes: Uint8Array, image: ImageMetadata, littleEndian: boolean, photometric = image.photometric): DecodedFrame {
  const { rows, columns, samplesPerPixel, bitsAllocated } = image;
  const signed = image.pixelRepresentation === 1;
  const count = rows * columns * samplesPerPixel;
  const frame = (pixels: DecodedFrame['pixels'], as = photometric): DecodedFrame => ({
    rows,
    columns,
    samplesPerPixel,
    bitsAllocated,
    bitsStored: image.bitsStored,
    pixelRepresentation: image.pixelRepresentation,
    photometric: as,
    pixels: samplesPerPixel > 1 && image.planarConfiguration === 1 ? interleave(pixels, samplesPerPixel) : pixels,
  });
  if (photometric === 'YBR_FULL_422' && samplesPerPixel === 3) return frame(upsample422(bytes, image), 'YBR_FULL');
  if (bitsAllocated === 1) {
    const out = new Uint8Array(count);
    for (let i = 0; i < count; i++) out[i] = (bytes[i >> 3]! >> (i & 7)) & 1;
    return frame(out);
  }
  if (bitsAllocated !== 8 && bitsAllocated !== 16 && bitsAllocated !== 32) {
    throw dicomError('unsupported-image', `BitsAllocated ${bitsAllocated}`, `bits-allocated-${bitsAllocated}`);
  }
  const size = bitsAllocated / 8;
  if (bytes.length < count * size) throw dicomError('truncated', `frame has ${bytes.length} bytes, needs ${count * size}`);
  if (littleEndian || size === 1) return frame(viewSamples(bytes, bitsAllocated, signed, count));
  const out = pixelArray(bitsAllocated, signed, count);
  const swapped = new Uint8Array(out.buffer);
  for (let i = 0; i < count * size; i += size) {
    for (let b = 0; b < size; b++) swapped[i + b] = bytes[i + size - 1 - b]!;
  }
  return frame(out);
}

function upsample422(bytes: Uint8Array, image: ImageMetadata): Uint8Array {
  if (image.bitsAllocated !== 8) throw dicomError('unsupported-image', 'YBR_FULL_422 with more than 8 bits', 'ybr-422-bits');
  const { rows, columns } = image;
  const pairsPerRow = Math.ceil(columns / 2);
  if (bytes.length < rows * pairsPerRow * 4) throw dicomError('truncated', 'YBR_FULL_422 frame too short');
  const out = new Uint8Array(rows * columns * 3);
  for (let r = 0; r < rows; r++) {
    for (let p = 0; p < pairsPerRow; p++) {
      const at = (r * pairsPerRow + p) * 4;
      const [y1, y2, cb, cr] = [bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!];
      for (const [c, y] of [[p * 2, y1], [p * 2 + 1, y2]] as const) {
        if (c >= columns) continue;
        const o = (r * columns + c) * 3;
        out[o] = y;
        out[o + 1] = cb;
        out[o + 2] = cr;
      }
    }
  }
  return out;
}

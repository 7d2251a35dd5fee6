/**
 * Colour samples → 8-bit RGB (PS3.3 C.7.6.3.1.2 for the YBR family, C.7.6.3.1.5–6 for
 * PALETTE COLOR). Inputs are DecodedFrame samples (interleaved); colour frames of more
 * than 8 bits are scaled down by their BitsStored.
 */
import type { DecodedFrame } from '../decode/frame.ts';
import type { ImageMetadata, Lut } from '../metadata.ts';
import { dicomError } from '../errors.ts';
import { patternValue, samplePattern, storedValueLayout } from './stored-value.ts';

const clamp8 = (x: number) => (x <= 0 ? 0 : x >= 255 ? 255 : Math.round(x));

type Converter = (a: number, b: number, c: number, out: Uint8ClampedArray, at: number) => void;

const CONVERTERS: Record<string, Converter> = {
  RGB: (r, g, b, out, at) => {
    out[at] = r;
    out[at + 1] = g;
    out[at + 2] = b;
  },
  // Full-range YCbCr (also YBR_ICT's irreversible transform, JPEG 2000 Annex G.2).
  YBR_FULL: (y, cb, cr, out, at) => {
    out[at] = clamp8(y + 1.402 * (cr - 128));
    out[at + 1] = clamp8(y - 0.344136 * (cb - 128) - 0.714136 * (cr - 128));
    out[at + 2] = clamp8(y + 1.772 * (cb - 128));
  },
  // Partial range: Y 16..235, Cb/Cr 16..240 (ITU-R BT.601).
  YBR_PARTIAL_422: (y, cb, cr, out, at) => {
    const l = 1.164383 * (y - 16);
    out[at] = clamp8(l + 1.596027 * (cr - 128));
    out[at + 1] = clamp8(l - 0.391762 * (cb - 128) - 0.812968 * (cr - 128));
    out[at + 2] = clamp8(l + 2.017232 * (cb - 128));
  },
  // Reversible colour transform (JPEG 2000 Annex G.1), chroma stored with a +128 offset.
  YBR_RCT: (y, cb, cr, out, at) => {
    const g = y - Math.floor((cb - 128 + (cr - 128)) / 4);
    out[at] = clamp8(cr - 128 + g);
    out[at + 1] = clamp8(g);
    out[at + 2] = clamp8(cb - 128 + g);
  },
};
CONVERTERS.YBR_FULL_422 = CONVERTERS.YBR_FULL!;
CONVERTERS.YBR_ICT = CONVERTERS.YBR_FULL!;
CONVERTERS.YBR_PARTIAL_420 = CONVERTERS.YBR_PARTIAL_422!;

/** Three-sample frames → RGBA. */
export function colourToRgba(frame: DecodedFrame, out: Uint8ClampedArray, invert: boolean): void {
  const convert = CONVERTERS[frame.photometric];
  if (!convert || frame.samplesPerPixel !== 3) {
    throw dicomError('unsupported-image', `photometric ${frame.photometric} with ${frame.samplesPerPixel} samples`, frame.photometric);
  }
  const px = frame.pixels;
  const down = Math.max(0, Math.min(frame.bitsStored, frame.bitsAllocated) - 8);
  const n = frame.rows * frame.columns;
  for (let i = 0; i < n; i++) {
    const s = i * 3;
    const o = i * 4;
    convert(px[s]! >> down, px[s + 1]! >> down, px[s + 2]! >> down, out, o);
    if (invert) {
      out[o] = 255 - out[o]!;
      out[o + 1] = 255 - out[o + 1]!;
      out[o + 2] = 255 - out[o + 2]!;
    }
    out[o + 3] = 255;
  }
}

/** A palette LUT as 8-bit output (16-bit entries keep their high byte). */
function paletteTable(lut: Lut): Uint8Array {
  let max = 0;
  for (const v of lut.data) if (v > max) max = v;
  // Some writers declare 8 bits and store 16-bit entries (PS3.3 C.7.6.3.1.5 note): go by the data.
  const shift = lut.bits > 8 || max > 255 ? 8 : 0;
  return Uint8Array.from(lut.data, (v) => v >> shift);
}

/** PALETTE COLOR frames → RGBA through the Red/Green/Blue Palette Color LUTs. */
export function paletteToRgba(frame: DecodedFrame, image: ImageMetadata, out: Uint8ClampedArray, invert: boolean): void {
  const palette = image.palette;
  if (!palette) throw dicomError('unsupported-image', 'PALETTE COLOR without its lookup tables', 'palette-missing');
  const tables = [paletteTable(palette.red), paletteTable(palette.green), paletteTable(palette.blue)];
  const layout = storedValueLayout(frame, image.highBit);
  const px = frame.pixels;
  const n = frame.rows * frame.columns;
  const luts = [palette.red, palette.green, palette.blue];
  for (let i = 0; i < n; i++) {
    const value = patternValue(samplePattern(px[i]!, layout), layout);
    const o = i * 4;
    for (let c = 0; c < 3; c++) {
      const t = tables[c]!;
      const k = value - luts[c]!.firstMapped;
      const v = t[k < 0 ? 0 : k >= t.length ? t.length - 1 : k]!;
      out[o + c] = invert ? 255 - v : v;
    }
    out[o + 3] = 255;
  }
}

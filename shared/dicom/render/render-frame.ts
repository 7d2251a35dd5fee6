/**
 * A decoded frame → RGBA bytes for a canvas (ImageData), the whole grey pipeline of
 * PS3.3 C.11 (Figure C.11-1: stored value → Modality LUT → VOI LUT → Presentation LUT)
 * or the colour conversions of colour.ts. Grey frames of up to 16 stored bits go through
 * one table indexed by the stored bit pattern, rebuilt per call (cheap: 2^BitsStored
 * entries), so a 512×512 CT costs one lookup per pixel.
 */
import type { DecodedFrame } from '../decode/frame.ts';
import type { ImageMetadata } from '../metadata.ts';
import { colourToRgba, paletteToRgba } from './colour.ts';
import { modalityValue } from './modality-lut.ts';
import { patternValue, samplePattern, storedValueLayout } from './stored-value.ts';
import { defaultVoi, voiLevel, type Voi } from './voi.ts';

export interface RenderOptions {
  /** Grey frames: the VOI to apply; default: the file's own (voi.ts defaultVoi). */
  voi?: Voi;
  /** The doctor's invert toggle, on top of MONOCHROME1 / Presentation LUT Shape INVERSE. */
  invert?: boolean;
}

/** Whether grey levels are shown inverted before the doctor's toggle (C.7.6.3.1.2, C.11.6.1). */
export function invertedByFile(image: ImageMetadata, frame: DecodedFrame): boolean {
  return frame.photometric === 'MONOCHROME1' || image.presentationLutShape === 'INVERSE';
}

function greyToRgba(frame: DecodedFrame, image: ImageMetadata, voi: Voi, invert: boolean, out: Uint8ClampedArray): void {
  const layout = storedValueLayout(frame, image.highBit);
  const px = frame.pixels;
  const n = frame.rows * frame.columns;
  const grey = (pattern: number) => {
    const y = Math.round(voiLevel(modalityValue(patternValue(pattern, layout), image), voi) * 255);
    return invert ? 255 - y : y;
  };
  if (layout.bits <= 16) {
    const table = new Uint8Array(layout.mask + 1);
    if (voi.kind === 'window' && voi.fn === 'LINEAR' && !image.modalityLut) {
      // The common case (rescale + LINEAR window), inlined: the table is rebuilt on every
      // window drag. Same formula as voi.ts windowLevel.
      const { slope, intercept } = image.rescale;
      const w = Math.max(voi.width, 1);
      const low = voi.center - 0.5 - (w - 1) / 2;
      const high = voi.center - 0.5 + (w - 1) / 2;
      const half = 2 ** (layout.bits - 1);
      const full = 2 ** layout.bits;
      for (let p = 0; p <= layout.mask; p++) {
        const x = (layout.signed && p >= half ? p - full : p) * slope + intercept;
        const y = x <= low ? 0 : x > high ? 255 : w === 1 ? 255 : Math.round(((x - (voi.center - 0.5)) / (w - 1) + 0.5) * 255);
        table[p] = invert ? 255 - y : y;
      }
    } else for (let p = 0; p <= layout.mask; p++) table[p] = grey(p);
    const { shift, mask } = layout;
    for (let i = 0, o = 0; i < n; i++, o += 4) {
      const g = table[(px[i]! >>> shift) & mask]!;
      out[o] = g;
      out[o + 1] = g;
      out[o + 2] = g;
      out[o + 3] = 255;
    }
    return;
  }
  for (let i = 0, o = 0; i < n; i++, o += 4) {
    const g = grey(samplePattern(px[i]!, layout));
    out[o] = g;
    out[o + 1] = g;
    out[o + 2] = g;
    out[o + 3] = 255;
  }
}

/** RGBA (rows × columns × 4, opaque) for a decoded frame. `out` may be reused between frames. */
export function renderRgba(frame: DecodedFrame, image: ImageMetadata, options: RenderOptions = {}, out?: Uint8ClampedArray): Uint8ClampedArray {
  const size = frame.rows * frame.columns * 4;
  const target = out && out.length === size ? out : new Uint8ClampedArray(size);
  const invert = options.invert === true;
  if (frame.photometric === 'PALETTE COLOR') paletteToRgba(frame, image, target, invert);
  else if (frame.samplesPerPixel > 1) colourToRgba(frame, target, invert);
  else greyToRgba(frame, image, options.voi ?? defaultVoi(image, frame), invertedByFile(image, frame) !== invert, target);
  return target;
}

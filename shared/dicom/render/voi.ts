/**
 * The VOI LUT (PS3.3 C.11.2): modality values → display grey levels. The window comes from
 * the file first (its first Window Center/Width pair, or its first VOI LUT), then a preset
 * the doctor picks, then the frame's own value range. Window functions per C.11.2.1.2:
 * LINEAR (with its −0.5 and w−1 terms), LINEAR_EXACT and SIGMOID.
 */
import type { DecodedFrame } from '../decode/frame.ts';
import type { ImageMetadata, Lut, VoiWindow } from '../metadata.ts';
import { modalityValue } from './modality-lut.ts';
import { storedValueLayout } from './stored-value.ts';

export type VoiFunction = ImageMetadata['voiLutFunction'];

/**
 * Window presets in Hounsfield units for CT, as a radiology workstation offers them
 * (centre/width): lung, bone, abdomen (soft tissue), brain. Names are translated in the UI.
 */
export const WINDOW_PRESETS = {
  polmone: { center: -600, width: 1500 },
  osso: { center: 400, width: 1800 },
  addome: { center: 40, width: 400 },
  encefalo: { center: 40, width: 80 },
} as const satisfies Record<string, VoiWindow>;

export type WindowPreset = keyof typeof WINDOW_PRESETS;

/** What maps modality values to grey: a window, or a VOI LUT from the file. */
export type Voi = { kind: 'window'; center: number; width: number; fn: VoiFunction } | { kind: 'lut'; lut: Lut };

/** y in [0, 1] for modality value x under a window (C.11.2.1.2.1, C.11.2.1.3.1–2). */
export function windowLevel(x: number, center: number, width: number, fn: VoiFunction): number {
  if (fn === 'SIGMOID') return 1 / (1 + Math.exp((-4 * (x - center)) / width));
  if (fn === 'LINEAR_EXACT') {
    if (x <= center - width / 2) return 0;
    if (x > center + width / 2) return 1;
    return (x - center) / width + 0.5;
  }
  const w = Math.max(width, 1);
  if (x <= center - 0.5 - (w - 1) / 2) return 0;
  if (x > center - 0.5 + (w - 1) / 2) return 1;
  return w === 1 ? 1 : (x - (center - 0.5)) / (w - 1) + 0.5;
}

/** y in [0, 1] for a VOI LUT: entries scaled by the LUT's declared output bits. */
export function voiLutLevel(x: number, lut: Lut): number {
  const i = Math.round(x) - lut.firstMapped;
  const v = lut.data[i < 0 ? 0 : i >= lut.data.length ? lut.data.length - 1 : i]!;
  return v / (2 ** lut.bits - 1);
}

export function voiLevel(x: number, voi: Voi): number {
  return voi.kind === 'window' ? windowLevel(x, voi.center, voi.width, voi.fn) : voiLutLevel(x, voi.lut);
}

/** Smallest and largest modality value in a grey frame. */
export function modalityRange(frame: DecodedFrame, image: ImageMetadata): { min: number; max: number } {
  const layout = storedValueLayout(frame, image.highBit);
  let lo = Infinity;
  let hi = -Infinity;
  const px = frame.pixels;
  // Inlined samplePattern/patternValue: this loop runs once per pixel of every frame shown.
  const { shift, mask, signed, bits } = layout;
  const half = 2 ** (bits - 1);
  const full = 2 ** bits;
  for (let i = 0; i < px.length; i++) {
    let s = bits >= 32 ? px[i]! >>> 0 : (px[i]! >>> shift) & mask;
    if (signed && s >= half) s -= full;
    if (s < lo) lo = s;
    if (s > hi) hi = s;
  }
  if (lo === Infinity) return { min: 0, max: 0 };
  // A linear rescale is monotonic (either way); a Modality LUT need not be: scan its entries.
  let min = Math.min(modalityValue(lo, image), modalityValue(hi, image));
  let max = Math.max(modalityValue(lo, image), modalityValue(hi, image));
  if (image.modalityLut) for (let s = lo; s <= hi; s++) {
    const m = modalityValue(s, image);
    if (m < min) min = m;
    if (m > max) max = m;
  }
  return { min, max };
}

/**
 * The file's own VOI (first window, then first VOI LUT), else a window over the frame's
 * value range. `which` picks another of the file's windows (0-based).
 */
export function defaultVoi(image: ImageMetadata, frame: DecodedFrame, which = 0): Voi {
  const w = image.windows[which] ?? image.windows[0];
  if (w) return { kind: 'window', center: w.center, width: w.width, fn: image.voiLutFunction };
  const lut = image.voiLuts[which] ?? image.voiLuts[0];
  if (lut) return { kind: 'lut', lut };
  return rangeVoi(image, frame);
}

/** A window spanning the frame's values, darkest to brightest (the viewer's "auto" window). */
export function rangeVoi(image: ImageMetadata, frame: DecodedFrame): Voi {
  const { min, max } = modalityRange(frame, image);
  return { kind: 'window', center: (min + max + 1) / 2, width: Math.max(1, max - min + 1), fn: 'LINEAR' };
}

/** A preset's window (meaningful in Hounsfield units: CT, or a rescale type of HU). */
export function presetVoi(preset: WindowPreset): Voi {
  const p = WINDOW_PRESETS[preset];
  return { kind: 'window', center: p.center, width: p.width, fn: 'LINEAR' };
}

/** Whether presets in Hounsfield units apply to this image. */
export function presetsApply(image: ImageMetadata, modality: string | undefined): boolean {
  return image.samplesPerPixel === 1 && image.photometric.startsWith('MONOCHROME') && (modality === 'CT' || image.rescale.type === 'HU');
}

/**
 * The Modality LUT (PS3.3 C.11.1): stored values → modality values (Hounsfield units for
 * CT, Gy for RT Dose, …), by Rescale Slope/Intercept, or by a Modality LUT Sequence when
 * the file has one (which then replaces the linear rescale, C.11.1.1).
 */
import type { ImageMetadata, Lut } from '../metadata.ts';

export function lutLookup(lut: Lut, value: number): number {
  const i = Math.round(value) - lut.firstMapped;
  return lut.data[i < 0 ? 0 : i >= lut.data.length ? lut.data.length - 1 : i]!;
}

export function modalityValue(stored: number, image: Pick<ImageMetadata, 'rescale' | 'modalityLut'>): number {
  if (image.modalityLut) return lutLookup(image.modalityLut, stored);
  return stored * image.rescale.slope + image.rescale.intercept;
}

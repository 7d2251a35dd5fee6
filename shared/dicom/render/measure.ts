/**
 * Length of a segment drawn on the image, in millimetres (PS3.3 C.7.6.2.1.1: Pixel Spacing
 * is row spacing then column spacing; x runs along a row, so Δx is scaled by the column
 * spacing and Δy by the row spacing). With Imager Pixel Spacing only (projection
 * radiographs, C.8.11.4) the length is at the detector plane, larger than in the patient
 * by the geometric magnification: the result says so, and the viewer tells the doctor.
 */
import type { PixelSpacing } from '../metadata.ts';

export interface ImagePoint {
  /** Column coordinate, in pixels (may be fractional). */
  x: number;
  /** Row coordinate, in pixels. */
  y: number;
}

export interface Length {
  pixels: number;
  /** Absent when the image has no spacing: the viewer shows pixels then. */
  mm?: number;
  /** 'detector' when measured with Imager Pixel Spacing (not corrected for magnification). */
  plane?: 'patient' | 'detector';
}

export function measureLength(a: ImagePoint, b: ImagePoint, spacing: PixelSpacing | undefined): Length {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const pixels = Math.hypot(dx, dy);
  if (!spacing) return { pixels };
  return {
    pixels,
    mm: Math.hypot(dx * spacing.column, dy * spacing.row),
    plane: spacing.source === 'PixelSpacing' ? 'patient' : 'detector',
  };
}

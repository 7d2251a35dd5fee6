/**
 * Where the image sits on the viewport: fitted to the viewport, then zoomed about its centre,
 * rotated in quarter turns, mirrored, and panned. One affine matrix maps image pixels to
 * viewport (CSS) pixels; its inverse maps the pointer back onto the image, so that a length
 * is measured in image pixels whatever the zoom or rotation.
 */
import type { ImagePoint } from '../../../../shared/dicom/render/measure.ts';

export interface Geometry {
  zoom: number;
  pan: { x: number; y: number };
  rotation: 0 | 90 | 180 | 270;
  flipH: boolean;
  flipV: boolean;
}

/** [a, b, c, d, e, f]: x' = a·x + c·y + e, y' = b·x + d·y + f (canvas setTransform's order). */
export type Matrix = [number, number, number, number, number, number];

export function fitScale(viewport: { width: number; height: number }, image: { width: number; height: number }, rotation: Geometry['rotation']): number {
  const [w, h] = rotation % 180 === 0 ? [image.width, image.height] : [image.height, image.width];
  return Math.min(viewport.width / w, viewport.height / h);
}

export function imageToViewport(viewport: { width: number; height: number }, image: { width: number; height: number }, g: Geometry): Matrix {
  const s = fitScale(viewport, image, g.rotation) * g.zoom;
  const rad = (g.rotation * Math.PI) / 180;
  const cos = Math.round(Math.cos(rad));
  const sin = Math.round(Math.sin(rad));
  const fx = g.flipH ? -1 : 1;
  const fy = g.flipV ? -1 : 1;
  // M = T(centre + pan) · S(s) · R(rotation) · F(flips) · T(−image centre)
  const a = s * cos * fx;
  const b = s * sin * fx;
  const c = -s * sin * fy;
  const d = s * cos * fy;
  const cx = image.width / 2;
  const cy = image.height / 2;
  const e = viewport.width / 2 + g.pan.x - (a * cx + c * cy);
  const f = viewport.height / 2 + g.pan.y - (b * cx + d * cy);
  return [a, b, c, d, e, f];
}

export function apply(m: Matrix, p: ImagePoint): ImagePoint {
  return { x: m[0] * p.x + m[2] * p.y + m[4], y: m[1] * p.x + m[3] * p.y + m[5] };
}

export function invert(m: Matrix): Matrix {
  const [a, b, c, d, e, f] = m;
  const det = a * d - b * c;
  return [d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det];
}

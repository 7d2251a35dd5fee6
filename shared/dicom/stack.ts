/**
 * Where a slice lies in its stack, so that scrolling walks a series head to feet (or the
 * way it was acquired) whatever order the files came in: the distance of Image Position
 * (Patient) along the normal of Image Orientation (Patient), the row and column direction
 * cosines' cross product (PS3.3 C.7.6.2.1.1). Without that geometry, Slice Location
 * (C.7.6.2.1.2, informative), else none: the instance number orders the stack then (the
 * index query: position, then instance number).
 */
import type { ImageMetadata } from './metadata.ts';

export function stackPosition(image: Pick<ImageMetadata, 'imagePosition' | 'imageOrientation' | 'sliceLocation'> | undefined): number | undefined {
  if (!image) return undefined;
  const p = image.imagePosition;
  const o = image.imageOrientation;
  if (p?.length === 3 && o?.length === 6) {
    const [rx, ry, rz, cx, cy, cz] = o as [number, number, number, number, number, number];
    const n = [ry * cz - rz * cy, rz * cx - rx * cz, rx * cy - ry * cx] as const;
    const length = Math.hypot(n[0], n[1], n[2]);
    if (length > 0.5) return (p[0]! * n[0] + p[1]! * n[1] + p[2]! * n[2]) / length;
  }
  return image.sliceLocation;
}

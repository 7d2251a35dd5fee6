import { describe, expect, it } from 'vitest';
import { stackPosition } from '../../../shared/dicom/stack.ts';

describe('stack position of a slice', () => {
  it('is the distance along the normal of the orientation (axial: z; sagittal: x; oblique: projected)', () => {
    expect(stackPosition({ imagePosition: [-100, -100, 12.5], imageOrientation: [1, 0, 0, 0, 1, 0] })).toBeCloseTo(12.5);
    expect(stackPosition({ imagePosition: [30, -100, 40], imageOrientation: [0, 1, 0, 0, 0, -1] })).toBeCloseTo(-30);
    const c = Math.SQRT1_2;
    // Rows along x, columns tilted 45° between y and z: normal (0, -c, c).
    expect(stackPosition({ imagePosition: [0, 10, 10], imageOrientation: [1, 0, 0, 0, c, c] })).toBeCloseTo(0);
    expect(stackPosition({ imagePosition: [0, 0, 10], imageOrientation: [1, 0, 0, 0, c, c] })).toBeCloseTo(10 * c);
  });

  it('falls back to Slice Location when the orientation is degenerate or absent, else nothing', () => {
    expect(stackPosition({ sliceLocation: -4 })).toBe(-4);
    expect(stackPosition({ imagePosition: [0, 0, 1], imageOrientation: [0, 0, 0, 0, 0, 0], sliceLocation: 7 })).toBe(7);
    expect(stackPosition({})).toBeUndefined();
  });
});

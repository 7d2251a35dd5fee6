/**
 * From a decoded sample to its stored value (PS3.5 §8.1.1, PS3.3 C.7.6.3.1.1): only the
 * BitsStored bits ending at HighBit are the value; bits above may hold overlays or
 * garbage; with PixelRepresentation 1 the value is two's complement in BitsStored bits.
 * Decoders hand either raw bit patterns (JPEG-LS, JPEG lossless, native files) or values
 * already sign-extended (OpenJPEG): masking first makes both the same bit pattern.
 */
import type { DecodedFrame } from '../decode/frame.ts';

export interface StoredValueLayout {
  /** Right shift that puts the lowest stored bit at bit 0 (HighBit + 1 − BitsStored). */
  shift: number;
  bits: number;
  mask: number;
  signed: boolean;
}

export function storedValueLayout(frame: Pick<DecodedFrame, 'bitsAllocated' | 'bitsStored' | 'pixelRepresentation'>, highBit?: number): StoredValueLayout {
  const bits = Math.max(1, Math.min(frame.bitsStored || frame.bitsAllocated, frame.bitsAllocated, 32));
  const hb = highBit !== undefined && highBit >= bits - 1 && highBit < frame.bitsAllocated ? highBit : bits - 1;
  const shift = hb + 1 - bits;
  return { shift, bits, mask: bits >= 32 ? 0xffffffff : 2 ** bits - 1, signed: frame.pixelRepresentation === 1 };
}

/** The stored value of the bit pattern `pattern` (already shifted and masked). */
export function patternValue(pattern: number, layout: StoredValueLayout): number {
  return layout.signed && pattern >= 2 ** (layout.bits - 1) ? pattern - 2 ** layout.bits : pattern;
}

/** The masked bit pattern of a raw sample. */
export function samplePattern(raw: number, layout: StoredValueLayout): number {
  if (layout.bits >= 32) return raw >>> 0;
  return (raw >>> layout.shift) & layout.mask;
}

/** The stored value of a raw sample. */
export function storedValue(raw: number, layout: StoredValueLayout): number {
  return patternValue(samplePattern(raw, layout), layout);
}

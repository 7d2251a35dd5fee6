/**
 * The bytes of one frame, before decoding. Native pixel data (PS3.5 §8.1) is sliced by
 * frame size (bit-packed for BitsAllocated 1, §8.1.1); encapsulated pixel data (PS3.5 A.4)
 * is grouped into frames by, in order: the Basic Offset Table when present, one frame per
 * file, one fragment per frame, or else the start-of-codestream marker that opens each
 * frame's first fragment (JPEG SOI, JPEG 2000 SOC/JP2 signature, RLE header), since a
 * frame may span several fragments and the table may be empty (A.4 note, Table A.4-1).
 */
import type { Element, Fragment } from './dicom-parser.ts';
import { dicomError } from './errors.ts';
import type { ImageMetadata } from './metadata.ts';
import type { ParsedDicom } from './parse.ts';
import { TAG } from './tags.ts';
import type { PixelCodec } from './transfer-syntax.ts';

export function pixelDataElement(parsed: ParsedDicom): Element {
  const el = parsed.dataSet.elements[TAG.PixelData];
  if (!el) {
    const float = parsed.dataSet.elements[TAG.FloatPixelData] ?? parsed.dataSet.elements[TAG.DoubleFloatPixelData];
    if (float) throw dicomError('unsupported-image', 'float pixel data', 'float-pixel-data');
    throw dicomError('no-pixel-data', 'no Pixel Data (7FE0,0010)');
  }
  return el;
}

function checkIndex(image: ImageMetadata, index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= image.frames) {
    throw dicomError('frame-out-of-range', `frame ${index} of ${image.frames}`);
  }
}

/** Bits of one native frame. */
export function nativeFrameBits(image: ImageMetadata): number {
  return image.rows * image.columns * nativeSamplesPerPixel(image) * image.bitsAllocated;
}

/** Stored samples per pixel: YBR_FULL_422 keeps two luma per chroma pair (PS3.3 C.7.6.3.1.2). */
export function nativeSamplesPerPixel(image: ImageMetadata): number {
  return image.photometric === 'YBR_FULL_422' && image.samplesPerPixel === 3 ? 2 : image.samplesPerPixel;
}

function nativeFrame(parsed: ParsedDicom, el: Element, image: ImageMetadata, index: number): Uint8Array {
  const bytes = parsed.dataSet.byteArray;
  const frameBits = nativeFrameBits(image);
  const startBit = index * frameBits;
  const available = Math.min(el.length, bytes.length - el.dataOffset);
  if (Math.ceil((startBit + frameBits) / 8) > available) {
    throw dicomError('truncated', `pixel data has ${available} bytes, frame ${index} needs ${Math.ceil((startBit + frameBits) / 8)}`);
  }
  if (startBit % 8 === 0) return bytes.subarray(el.dataOffset + startBit / 8, el.dataOffset + Math.ceil((startBit + frameBits) / 8));
  // 1-bit frames need not start on a byte (PS3.5 §8.1.1): re-pack from bit 0.
  const out = new Uint8Array(Math.ceil(frameBits / 8));
  for (let i = 0; i < frameBits; i++) {
    const bit = startBit + i;
    if ((bytes[el.dataOffset + (bit >> 3)]! >> (bit & 7)) & 1) out[i >> 3]! |= 1 << (i & 7);
  }
  return out;
}

function fragmentBytes(parsed: ParsedDicom, fragments: readonly Fragment[]): Uint8Array {
  const bytes = parsed.dataSet.byteArray;
  for (const f of fragments) {
    if (f.position < 0 || f.length < 0 || f.position + f.length > bytes.length) throw dicomError('truncated', 'fragment past the end of the file');
  }
  if (fragments.length === 1) return bytes.subarray(fragments[0]!.position, fragments[0]!.position + fragments[0]!.length);
  const out = new Uint8Array(fragments.reduce((n, f) => n + f.length, 0));
  let at = 0;
  for (const f of fragments) {
    out.set(bytes.subarray(f.position, f.position + f.length), at);
    at += f.length;
  }
  return out;
}

/** Whether a fragment opens a new frame's codestream, by the codec's first bytes. */
function opensFrame(bytes: Uint8Array, at: number, length: number, codec: PixelCodec): boolean {
  const b = (i: number) => (i < length ? bytes[at + i]! : -1);
  switch (codec) {
    case 'jpeg-baseline':
    case 'jpeg-extended':
    case 'jpeg-lossless':
    case 'jpeg-ls':
      return b(0) === 0xff && b(1) === 0xd8; // SOI
    case 'jpeg-2000':
    case 'htj2k':
      // SOC + SIZ of a raw codestream, or the JP2 signature box.
      return (b(0) === 0xff && b(1) === 0x4f && b(2) === 0xff && b(3) === 0x51) || (b(0) === 0 && b(1) === 0 && b(2) === 0 && b(3) === 0x0c && b(4) === 0x6a && b(5) === 0x50);
    case 'rle': {
      // RLE header (PS3.5 G.5): segment count 1..15, first offset 64.
      const segments = b(0) | (b(1) << 8) | (b(2) << 16) | (b(3) << 24);
      return segments >= 1 && segments <= 15 && b(4) === 64 && b(5) === 0 && b(6) === 0 && b(7) === 0;
    }
    default:
      return false;
  }
}

function encapsulatedFrame(parsed: ParsedDicom, el: Element, image: ImageMetadata, index: number, codec: PixelCodec): Uint8Array {
  const fragments = el.fragments ?? [];
  if (fragments.length === 0) throw dicomError('corrupt-pixel-data', 'encapsulated pixel data has no fragments');
  const bot = el.basicOffsetTable ?? [];
  if (bot.length === image.frames && bot.every((o, i) => i === 0 || o > bot[i - 1]!)) {
    const start = bot[index]!;
    const end = index + 1 < bot.length ? bot[index + 1]! : Infinity;
    const own = fragments.filter((f) => f.offset >= start && f.offset < end);
    if (own.length > 0 && own[0]!.offset === start) return fragmentBytes(parsed, own);
  }
  if (image.frames === 1) return fragmentBytes(parsed, fragments);
  if (fragments.length === image.frames) return fragmentBytes(parsed, [fragments[index]!]);
  const bytes = parsed.dataSet.byteArray;
  const starts = fragments.flatMap((f, i) => (opensFrame(bytes, f.position, f.length, codec) ? [i] : []));
  if (starts.length !== image.frames || starts[0] !== 0) {
    throw dicomError('corrupt-pixel-data', `${fragments.length} fragments, ${starts.length} frame starts for ${image.frames} frames`);
  }
  return fragmentBytes(parsed, fragments.slice(starts[index]!, starts[index + 1] ?? fragments.length));
}

/** The stored bytes of frame `index` (0-based): native bytes, or one frame's codestream. */
export function frameBytes(parsed: ParsedDicom, image: ImageMetadata, index: number): Uint8Array {
  checkIndex(image, index);
  const el = pixelDataElement(parsed);
  const ts = parsed.transferSyntax;
  if (!ts) throw dicomError('unsupported-transfer-syntax', `transfer syntax ${parsed.transferSyntaxUid}`, parsed.transferSyntaxUid);
  if (!ts.encapsulated || !el.encapsulatedPixelData) {
    if (ts.encapsulated) throw dicomError('corrupt-pixel-data', 'native pixel data in an encapsulated transfer syntax');
    return nativeFrame(parsed, el, image, index);
  }
  return encapsulatedFrame(parsed, el, image, index, ts.codec);
}

/**
 * One frame's stored bytes → a DecodedFrame, for every transfer syntax of
 * transfer-syntax.ts. The codecs' outputs are checked against the file's Image Pixel
 * module (a codestream that disagrees with Rows/Columns/Samples is corrupt, not resized)
 * and brought to DecodedFrame's one shape (frame.ts).
 */
import { Decoder as JpegLosslessDecoder } from '@cornerstonejs/jpeg-lossless-decoder-js';
import { dicomError, thrownText } from '../errors.ts';
import type { ImageMetadata } from '../metadata.ts';
import type { TransferSyntax } from '../transfer-syntax.ts';
import { interleave, pixelArray, viewSamples, type DecodedFrame, type PixelArray } from './frame.ts';
import { decodeJpegDct } from './jpeg-dct.ts';
import { decodeNative } from './native.ts';
import { decodeRle } from './rle.ts';
import { wasmDecode, type WasmCodecName } from './wasm-codecs.ts';

const MAX_FRAME_BYTES = 2 ** 30;

interface CodecOutput {
  width: number;
  height: number;
  components: number;
  /** Bytes per sample of `bytes` (1 or 2, little-endian). */
  bytesPerSample: number;
  bytes: Uint8Array;
  planar: boolean;
  photometric: string;
}

/** JPEG 2000's ICT/RCT and JPEG's YCbCr are undone by the decoders: their samples are RGB. */
function photometricAfter(codecConverted: boolean, image: ImageMetadata): string {
  return codecConverted && image.samplesPerPixel === 3 ? 'RGB' : image.photometric;
}

function toFrame(out: CodecOutput, image: ImageMetadata): DecodedFrame {
  const { rows, columns, samplesPerPixel, bitsAllocated } = image;
  if (out.width !== columns || out.height !== rows || out.components !== samplesPerPixel) {
    throw dicomError('corrupt-pixel-data', `codestream is ${out.width}x${out.height}x${out.components}, file says ${columns}x${rows}x${samplesPerPixel}`);
  }
  const count = rows * columns * samplesPerPixel;
  if (out.bytes.length < count * out.bytesPerSample) throw dicomError('corrupt-pixel-data', `decoded ${out.bytes.length} bytes, expected ${count * out.bytesPerSample}`);
  const signed = image.pixelRepresentation === 1;
  const outBits = bitsAllocated === 1 ? 8 : bitsAllocated;
  let pixels: PixelArray;
  if ((out.bytesPerSample === 1 && outBits === 8) || (out.bytesPerSample === 2 && outBits === 16)) {
    pixels = viewSamples(out.bytes, outBits, signed, count);
  } else {
    // e.g. an 8-bit codestream in a 16-bit allocation: widen sample by sample.
    const source = viewSamples(out.bytes, out.bytesPerSample * 8, false, count);
    pixels = pixelArray(outBits, signed, count);
    for (let i = 0; i < count; i++) pixels[i] = source[i]!;
  }
  if (out.planar && samplesPerPixel > 1) pixels = interleave(pixels, samplesPerPixel);
  return {
    rows,
    columns,
    samplesPerPixel,
    bitsAllocated: outBits,
    bitsStored: image.bitsStored,
    pixelRepresentation: image.pixelRepresentation,
    photometric: out.photometric,
    pixels,
  };
}

async function viaWasm(codec: WasmCodecName, bytes: Uint8Array, image: ImageMetadata, converts: boolean): Promise<DecodedFrame> {
  const d = await wasmDecode(codec, bytes);
  return toFrame(
    {
      width: d.info.width,
      height: d.info.height,
      components: d.info.componentCount,
      bytesPerSample: d.info.bitsPerSample > 8 ? 2 : 1,
      bytes: d.bytes,
      // CharLS returns the layout it was encoded in: interleave mode 0 is by plane.
      planar: codec === 'charls' && d.interleaveMode === 0,
      photometric: photometricAfter(converts, image),
    },
    image,
  );
}

/** Sample precision of a JPEG codestream's frame header (SOFn), or undefined. */
export function jpegPrecision(bytes: Uint8Array): number | undefined {
  for (let i = 2; i + 4 < bytes.length; ) {
    if (bytes[i] !== 0xff) return undefined;
    const marker = bytes[i + 1]!;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return bytes[i + 4];
    if (marker === 0xda) return undefined;
    i += 2 + ((bytes[i + 2]! << 8) | bytes[i + 3]!);
  }
  return undefined;
}

function jpegLossless(bytes: Uint8Array, image: ImageMetadata): DecodedFrame {
  const bytesPerSample = image.bitsAllocated > 8 ? 2 : 1;
  let samples: Uint8Array | Uint16Array;
  try {
    samples = new JpegLosslessDecoder().decode(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.length, bytesPerSample);
  } catch (e) {
    throw dicomError('corrupt-pixel-data', `JPEG lossless: ${thrownText(e)}`);
  }
  if (!samples) throw dicomError('corrupt-pixel-data', 'JPEG lossless: no output');
  const count = image.rows * image.columns * image.samplesPerPixel;
  if (samples.length !== count) throw dicomError('corrupt-pixel-data', `JPEG lossless: ${samples.length} samples, expected ${count}`);
  return toFrame(
    {
      width: image.columns,
      height: image.rows,
      components: image.samplesPerPixel,
      bytesPerSample: samples.BYTES_PER_ELEMENT,
      bytes: new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength),
      planar: false,
      photometric: image.photometric,
    },
    image,
  );
}

function jpegDct(bytes: Uint8Array, image: ImageMetadata): DecodedFrame {
  const j = decodeJpegDct(bytes, { width: image.columns, height: image.rows, components: image.samplesPerPixel });
  return toFrame(
    {
      width: j.width,
      height: j.height,
      components: j.components,
      bytesPerSample: j.samples.BYTES_PER_ELEMENT,
      bytes: new Uint8Array(j.samples.buffer, j.samples.byteOffset, j.samples.byteLength),
      planar: false,
      photometric: photometricAfter(j.convertedToRgb, image),
    },
    image,
  );
}

/** Decodes one frame's stored bytes (from frames.ts) under the file's transfer syntax. */
export async function decodeFrameBytes(bytes: Uint8Array, image: ImageMetadata, ts: TransferSyntax): Promise<DecodedFrame> {
  if (image.bitsAllocated > 32 || (ts.codec !== 'native' && image.bitsAllocated === 1)) {
    throw dicomError('unsupported-image', `BitsAllocated ${image.bitsAllocated} with ${ts.uid}`, `bits-allocated-${image.bitsAllocated}`);
  }
  // A frame over 1 GiB decoded is not an image a doctor views; it is a corrupt header.
  if (image.rows * image.columns * image.samplesPerPixel * Math.max(1, image.bitsAllocated / 8) > MAX_FRAME_BYTES) {
    throw dicomError('unsupported-image', `frame of ${image.rows}x${image.columns}x${image.samplesPerPixel} samples`, 'too-large');
  }
  switch (ts.codec) {
    case 'native':
      return decodeNative(bytes, image, ts.littleEndian);
    case 'rle':
      return decodeRle(bytes, image);
    case 'jpeg-baseline':
    case 'jpeg-extended':
      // libjpeg-turbo's 8-bit build for 8-bit codestreams; ours for 12-bit (process 4).
      return jpegPrecision(bytes) === 12 ? jpegDct(bytes, image) : viaWasm('libjpeg-turbo', bytes, image, true);
    case 'jpeg-lossless':
      return jpegLossless(bytes, image);
    case 'jpeg-ls':
      return viaWasm('charls', bytes, image, false);
    case 'jpeg-2000':
      return viaWasm('openjpeg', bytes, image, image.photometric === 'YBR_ICT' || image.photometric === 'YBR_RCT');
    case 'htj2k':
      return viaWasm('openjph', bytes, image, image.photometric === 'YBR_ICT' || image.photometric === 'YBR_RCT');
  }
}

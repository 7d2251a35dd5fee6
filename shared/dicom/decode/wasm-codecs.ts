/**
 * The WebAssembly decoders (Cornerstone's Emscripten builds): libjpeg-turbo for JPEG
 * baseline 8-bit, CharLS for JPEG-LS, OpenJPEG for JPEG 2000, OpenJPH for HTJ2K.
 * Each is loaded on first use, through the package's `exports` subpath, and kept; an
 * instance that threw is dropped, because an Emscripten module that aborted (or a C++
 * decoder left mid-frame) cannot be trusted for the next frame.
 *
 * Where the .wasm file is: in Node the factory reads it beside its own script (fs); in a
 * bundled Web Worker it must be told, with `setWasmLocator` (the worker passes the URLs
 * Vite gives for `…/decodewasm?url`). Instantiating needs `'wasm-unsafe-eval'` in the
 * CSP's script-src of the worker; fetching the .wasm, `connect-src 'self'`.
 */
import { AppError } from '../../errors/app-error.ts';
import { dicomError, thrownText } from '../errors.ts';

export type WasmCodecName = 'libjpeg-turbo' | 'charls' | 'openjpeg' | 'openjph';

export interface WasmFrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned?: boolean;
}

interface EmscriptenDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): WasmFrameInfo;
  getDecodedBuffer(): Uint8Array;
  getInterleaveMode?(): number;
  getNearLossless?(): number;
}

type Factory = (options?: Record<string, unknown>) => Promise<Record<string, unknown>>;

const CODECS: Record<WasmCodecName, { load: () => Promise<{ default: Factory }>; decoderClass: string }> = {
  'libjpeg-turbo': { load: () => import('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs'), decoderClass: 'JPEGDecoder' },
  charls: { load: () => import('@cornerstonejs/codec-charls/decodewasmjs'), decoderClass: 'JpegLSDecoder' },
  openjpeg: { load: () => import('@cornerstonejs/codec-openjpeg/decodewasmjs'), decoderClass: 'J2KDecoder' },
  openjph: { load: () => import('@cornerstonejs/codec-openjph/wasmjs'), decoderClass: 'HTJ2KDecoder' },
};

export type WasmLocator = (codec: WasmCodecName) => string | undefined;
let locator: WasmLocator | undefined;

/** Where each codec's .wasm is served from (Web Worker); unset, each loads beside its script. */
export function setWasmLocator(locate: WasmLocator | undefined): void {
  locator = locate;
  instances.clear();
}

interface Instance {
  module: Record<string, unknown>;
  decoder: EmscriptenDecoder;
}
const instances = new Map<WasmCodecName, Promise<Instance>>();

async function instantiate(name: WasmCodecName): Promise<Instance> {
  const spec = CODECS[name];
  const factory = (await spec.load()).default;
  const url = locator?.(name);
  const module = await factory({
    ...(url ? { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? url : prefix + path) } : {}),
    // Codec complaints about a corrupt stream become our typed error, not console noise.
    print: () => undefined,
    printErr: () => undefined,
  });
  const Decoder = module[spec.decoderClass] as (new () => EmscriptenDecoder) | undefined;
  if (!Decoder) throw new Error(`${name}: no ${spec.decoderClass} in the module`);
  return { module, decoder: new Decoder() };
}

function instance(name: WasmCodecName): Promise<Instance> {
  let p = instances.get(name);
  if (!p) {
    p = instantiate(name);
    instances.set(name, p);
    p.catch(() => instances.delete(name));
  }
  return p;
}

export interface WasmDecoded {
  info: WasmFrameInfo;
  /** A copy of the decoded samples (the codec's buffer is reused by the next frame). */
  bytes: Uint8Array;
  interleaveMode?: number;
  nearLossless?: number;
}

/** Decodes one codestream with the named codec. Corrupt input → DICOM_INVALID corrupt-pixel-data. */
export async function wasmDecode(name: WasmCodecName, encoded: Uint8Array): Promise<WasmDecoded> {
  let inst: Instance;
  try {
    inst = await instance(name);
  } catch (e) {
    // Not the file's fault: the codec did not load (a CSP without 'wasm-unsafe-eval', a
    // .wasm the bundle did not ship). The file may well open elsewhere.
    throw new AppError('INTERNAL', `${name} codec could not be loaded: ${thrownText(e)}`);
  }
  try {
    const input = inst.decoder.getEncodedBuffer(encoded.length);
    input.set(encoded);
    inst.decoder.decode();
    const info = { ...inst.decoder.getFrameInfo() };
    const bytes = inst.decoder.getDecodedBuffer().slice();
    const result: WasmDecoded = { info, bytes };
    if (inst.decoder.getInterleaveMode) result.interleaveMode = inst.decoder.getInterleaveMode();
    if (inst.decoder.getNearLossless) result.nearLossless = inst.decoder.getNearLossless();
    return result;
  } catch (e) {
    instances.delete(name);
    const getMessage = inst.module.getExceptionMessage as ((ptr: number) => unknown) | undefined;
    let text = thrownText(e);
    if (typeof e === 'number' && getMessage) {
      try {
        text = String(getMessage(e));
      } catch {
        // the module is gone; keep the number
      }
    }
    throw dicomError('corrupt-pixel-data', `${name}: ${text}`);
  }
}

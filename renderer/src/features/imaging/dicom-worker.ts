/**
 * The viewer's decoding Web Worker: holds the open files of a study (by key, the SOP
 * Instance UID), answers with each file's metadata (and, for a structured report, its text;
 * for an encapsulated document, its bytes), then with RGBA frames for a canvas, so that
 * decoding never blocks the UI thread. Decoded frames are kept (up to a memory budget) so
 * that scrolling back and forth through a series, or dragging the window, only re-renders.
 * All the DICOM work is shared/dicom's; this file wires it to postMessage and tells the wasm
 * codecs where Vite put their .wasm files (the worker's CSP needs `script-src 'self'
 * 'wasm-unsafe-eval'` to instantiate them, `connect-src 'self'` to fetch).
 * Started by worker-client.ts.
 */
import libjpegTurboWasm from '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasm?url';
import charlsWasm from '@cornerstonejs/codec-charls/decodewasm?url';
import openjpegWasm from '@cornerstonejs/codec-openjpeg/decodewasm?url';
import openjphWasm from '@cornerstonejs/codec-openjph/wasm?url';
import type { DecodedFrame } from '../../../../shared/dicom/decode/frame.ts';
import { setWasmLocator, type WasmCodecName } from '../../../../shared/dicom/decode/wasm-codecs.ts';
import { openDicom, type DicomFile } from '../../../../shared/dicom/open.ts';
import { renderRgba } from '../../../../shared/dicom/render/render-frame.ts';
import { defaultVoi, rangeVoi, type Voi } from '../../../../shared/dicom/render/voi.ts';
import { readEncapsulatedDocument, readStructuredReport } from '../../../../shared/dicom/structured-report.ts';
import { isAppError } from '../../../../shared/errors/app-error.ts';
import type { RpcError } from '../../../../shared/errors/codes.ts';
import type { WorkerRequest, WorkerResponse } from './worker-protocol.ts';

const WASM: Record<WasmCodecName, string> = { 'libjpeg-turbo': libjpegTurboWasm, charls: charlsWasm, openjpeg: openjpegWasm, openjph: openjphWasm };
setWasmLocator((codec) => WASM[codec]);

/** Decoded frames kept for re-rendering; a CT series of 100 slices of 512×512 is 50 MB. */
const FRAME_BUDGET_BYTES = 512 * 1024 * 1024;

const files = new Map<string, DicomFile>();
const frames = new Map<string, DecodedFrame>(); // insertion order = least recently used first
let frameBytes = 0;

async function decoded(key: string, index: number): Promise<DecodedFrame> {
  const id = `${key}#${index}`;
  const hit = frames.get(id);
  if (hit) {
    frames.delete(id);
    frames.set(id, hit);
    return hit;
  }
  const file = files.get(key);
  if (!file) throw new Error(`file ${key} is not open`);
  const frame = await file.decodeFrame(index);
  frames.set(id, frame);
  frameBytes += frame.pixels.byteLength;
  for (const [k, f] of frames) {
    if (frameBytes <= FRAME_BUDGET_BYTES || k === id) break;
    frames.delete(k);
    frameBytes -= f.pixels.byteLength;
  }
  return frame;
}

function forget(key: string | undefined): void {
  for (const [k, f] of frames) {
    if (key === undefined || k.startsWith(`${key}#`)) {
      frames.delete(k);
      frameBytes -= f.pixels.byteLength;
    }
  }
  if (key === undefined) files.clear();
  else files.delete(key);
}

/** Box-filtered reduction of an RGBA image to fit `max`×`max` (series thumbnails). */
function shrink(rgba: Uint8ClampedArray, width: number, height: number, max: number): { rgba: Uint8ClampedArray; width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  if (scale === 1) return { rgba, width, height };
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const out = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) {
    const y0 = Math.floor((y * height) / h);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * height) / h));
    for (let x = 0; x < w; x++) {
      const x0 = Math.floor((x * width) / w);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * width) / w));
      let r = 0;
      let g = 0;
      let b = 0;
      let n = 0;
      for (let yy = y0; yy < y1; yy++) {
        for (let xx = x0; xx < x1; xx++) {
          const i = (yy * width + xx) * 4;
          r += rgba[i]!;
          g += rgba[i + 1]!;
          b += rgba[i + 2]!;
          n++;
        }
      }
      const o = (y * w + x) * 4;
      out[o] = r / n;
      out[o + 1] = g / n;
      out[o + 2] = b / n;
      out[o + 3] = 255;
    }
  }
  return { rgba: out, width: w, height: h };
}

interface WorkerScope {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

async function handle(req: WorkerRequest): Promise<void> {
  if (req.type === 'open') {
    forget(req.key);
    const file = await openDicom(req.bytes);
    files.set(req.key, file);
    const report = readStructuredReport(file.parsed);
    const document = readEncapsulatedDocument(file.parsed);
    scope.postMessage(
      { id: req.id, type: 'opened', key: req.key, metadata: file.metadata, ...(report ? { report } : {}), ...(document ? { document } : {}) },
      document ? [document.bytes.buffer as ArrayBuffer] : [],
    );
    return;
  }
  if (req.type === 'close') {
    forget(req.key);
    scope.postMessage({ id: req.id, type: 'closed' });
    return;
  }
  const file = files.get(req.key);
  const image = file?.metadata.image;
  if (!file || !image) throw new Error(`file ${req.key} has no image open`);
  const frame = await decoded(req.key, req.frame);
  if (req.type === 'prefetch') {
    scope.postMessage({ id: req.id, type: 'prefetched', key: req.key, frame: req.frame });
    return;
  }
  const voi: Voi | undefined = req.voi === 'auto' ? rangeVoi(image, frame) : req.voi === 'file' || req.voi === undefined ? (frame.samplesPerPixel === 1 ? defaultVoi(image, frame) : undefined) : req.voi;
  let out = { rgba: renderRgba(frame, image, { ...(voi ? { voi } : {}), invert: req.invert === true }), width: frame.columns, height: frame.rows };
  if (req.maxSize) out = shrink(out.rgba, out.width, out.height, req.maxSize);
  scope.postMessage({ id: req.id, type: 'frame', key: req.key, frame: req.frame, width: out.width, height: out.height, rgba: out.rgba, ...(voi ? { voi } : {}) }, [out.rgba.buffer as ArrayBuffer]);
}

scope.onmessage = ({ data }) => {
  handle(data).catch((e: unknown) => {
    const error: RpcError = isAppError(e) ? e.toRpc() : { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
    scope.postMessage({ id: data.id, type: 'error', error });
  });
};

/**
 * The viewer's decoding Web Worker: receives a file's bytes, answers with its metadata,
 * then with RGBA frames for a canvas, so that decoding never blocks the UI thread.
 * All the DICOM work is shared/dicom's; this file only wires it to postMessage and tells
 * the wasm codecs where Vite put their .wasm files (the worker's CSP needs
 * `script-src 'self' 'wasm-unsafe-eval'` to instantiate them, `connect-src 'self'` to fetch).
 * Start it with `new Worker(new URL('./dicom-worker.ts', import.meta.url), { type: 'module' })`.
 */
import libjpegTurboWasm from '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasm?url';
import charlsWasm from '@cornerstonejs/codec-charls/decodewasm?url';
import openjpegWasm from '@cornerstonejs/codec-openjpeg/decodewasm?url';
import openjphWasm from '@cornerstonejs/codec-openjph/wasm?url';
import { setWasmLocator, type WasmCodecName } from '../../../../shared/dicom/decode/wasm-codecs.ts';
import { openDicom, type DicomFile } from '../../../../shared/dicom/open.ts';
import { renderRgba } from '../../../../shared/dicom/render/render-frame.ts';
import type { Voi } from '../../../../shared/dicom/render/voi.ts';
import { isAppError } from '../../../../shared/errors/app-error.ts';
import type { RpcError } from '../../../../shared/errors/codes.ts';
import type { DicomMetadata } from '../../../../shared/dicom/metadata.ts';

const WASM: Record<WasmCodecName, string> = { 'libjpeg-turbo': libjpegTurboWasm, charls: charlsWasm, openjpeg: openjpegWasm, openjph: openjphWasm };
setWasmLocator((codec) => WASM[codec]);

export type DicomWorkerRequest =
  | { id: number; type: 'open'; bytes: Uint8Array }
  | { id: number; type: 'render'; frame: number; voi?: Voi; invert?: boolean };

export type DicomWorkerResponse =
  | { id: number; type: 'opened'; metadata: DicomMetadata }
  | { id: number; type: 'frame'; frame: number; width: number; height: number; rgba: Uint8ClampedArray }
  | { id: number; type: 'error'; error: RpcError };

let file: DicomFile | undefined;

interface WorkerScope {
  onmessage: ((e: MessageEvent<DicomWorkerRequest>) => void) | null;
  postMessage(message: DicomWorkerResponse, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = async ({ data }) => {
  try {
    if (data.type === 'open') {
      file = undefined;
      file = await openDicom(data.bytes);
      scope.postMessage({ id: data.id, type: 'opened', metadata: file.metadata });
      return;
    }
    if (!file?.metadata.image) throw new Error('no image open');
    const decoded = await file.decodeFrame(data.frame);
    const rgba = renderRgba(decoded, file.metadata.image, { ...(data.voi ? { voi: data.voi } : {}), invert: data.invert === true });
    scope.postMessage({ id: data.id, type: 'frame', frame: data.frame, width: decoded.columns, height: decoded.rows, rgba }, [rgba.buffer]);
  } catch (e) {
    const error: RpcError = isAppError(e) ? e.toRpc() : { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
    scope.postMessage({ id: data.id, type: 'error', error });
  }
};

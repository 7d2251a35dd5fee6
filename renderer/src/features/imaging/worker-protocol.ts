import type { DicomMetadata } from '../../../../shared/dicom/metadata.ts';
import type { Voi } from '../../../../shared/dicom/render/voi.ts';
import type { StructuredReport } from '../../../../shared/dicom/structured-report.ts';
import type { RpcError } from '../../../../shared/errors/codes.ts';

/**
 * Messages between the viewer and its decoding worker (dicom-worker.ts). Files are open by
 * key (the SOP Instance UID). `voi`: a window or LUT, 'file' (the file's own VOI first, else its
 * value range) or 'auto' (the frame's value range); the answer says which VOI it applied.
 */
export type VoiRequest = Voi | 'file' | 'auto';

export type WorkerRequest =
  | { id: number; type: 'open'; key: string; bytes: Uint8Array }
  | { id: number; type: 'render'; key: string; frame: number; voi?: VoiRequest; invert?: boolean; maxSize?: number }
  | { id: number; type: 'prefetch'; key: string; frame: number }
  | { id: number; type: 'close'; key?: string };

export interface EncapsulatedDocument {
  mimeType: string;
  title?: string;
  bytes: Uint8Array;
}

export type WorkerResponse =
  | { id: number; type: 'opened'; key: string; metadata: DicomMetadata; report?: StructuredReport; document?: EncapsulatedDocument }
  | { id: number; type: 'frame'; key: string; frame: number; width: number; height: number; rgba: Uint8ClampedArray; voi?: Voi }
  | { id: number; type: 'prefetched'; key: string; frame: number }
  | { id: number; type: 'closed' }
  | { id: number; type: 'error'; error: RpcError };

export type Opened = Extract<WorkerResponse, { type: 'opened' }>;
export type RenderedFrame = Extract<WorkerResponse, { type: 'frame' }>;

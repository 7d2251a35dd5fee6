import type { RpcError } from '../../../shared/errors/index.ts';
import type { StagedInstance } from './instance-summary.ts';

/** One file for the import worker: its bytes (sent by the UI) or its path (CLI, dialogs). */
export interface StageRequest {
  id: number;
  name: string;
  bytes?: Uint8Array;
  path?: string;
  sessionId: string;
  objectId: string;
}

export type StageResult =
  | { kind: 'instance'; instance: StagedInstance }
  | { kind: 'dicomdir'; referenced: string[]; listing: { patients: number; studies: number; series: number; instances: number } }
  | { kind: 'not-dicom' };

export type StageReply = { id: number; ok: true; value: StageResult } | { id: number; ok: false; error: RpcError };

import type { RpcError } from '../../../shared/errors/index.ts';

/** Messages between the DbClient and the worker thread. */
export interface WorkerInit {
  path: string;
  keyHex: string;
}

export type WorkerRequest = { type: 'call'; id: number; name: string; args: unknown } | { type: 'close' };

export type WorkerReply =
  | { type: 'ready'; schemaVersion: number }
  | { type: 'init-error'; error: RpcError }
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: RpcError }
  | { type: 'closed' };

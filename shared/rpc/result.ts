import type { RpcError } from '../errors/index.ts';

/** What every call returns across a process boundary; never a thrown exception. */
export type RpcResult<T = unknown> = { ok: true; value: T } | { ok: false; error: RpcError };

/** A transport carries calls and events; IPC, WebSocket and in-process all implement it. */
export interface RpcTransport {
  call(method: string, params: unknown): Promise<RpcResult>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

/** Who is calling, for audit entries and authorisation; set by the transport, not the caller. */
export interface CallContext {
  actor: string;
  transport: 'ipc' | 'websocket' | 'in-process' | 'cli';
}

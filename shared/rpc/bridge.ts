import type { RpcResult } from './result.ts';

/**
 * The whole surface the Electron preload exposes to the renderer as `window.bridge`
 * (ARCHITECTURE.md §2, ANCHORS.md §2 "Narrow preload surface": one call function and one
 * subscribe function, like electron-trpc; never `ipcRenderer`). The preload implements it,
 * the renderer's IPC transport consumes it; both import this one type.
 *
 * It is deliberately the same shape as `RpcTransport`, so the renderer can use
 * `window.bridge` directly as the transport of `createClient`.
 */
export interface Bridge {
  /** Calls a contract method ('namespace.verb'); always resolves with an `RpcResult`, never rejects on application errors. */
  call(method: string, params: unknown): Promise<RpcResult>;
  /** Listens to one service event; returns the function that removes the listener. */
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

/** The message the main process sends on the event channel for every service event. */
export interface BridgeEventMessage {
  event: string;
  payload: unknown;
}

/** The argument of one call on the IPC channel (renderer -> main). */
export interface BridgeCallMessage {
  method: string;
  params: unknown;
}

/** Exactly the keys of `window.bridge`; the Electron e2e test checks the exposed object against it. */
export const BRIDGE_KEYS = ['call', 'subscribe'] as const;

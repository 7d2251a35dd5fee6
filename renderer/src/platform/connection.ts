import type { ConnectionState } from '../../../shared/rpc/websocket-transport.ts';

export type { ConnectionState };

/** A tiny observable for `useSyncExternalStore`. */
export interface ConnectionSource {
  get(): ConnectionState;
  listen(listener: () => void): () => void;
}

/** Electron IPC never drops: the bridge is always connected. */
export const alwaysOpen: ConnectionSource = {
  get: () => 'open',
  listen: () => () => {},
};

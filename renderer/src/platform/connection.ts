/** The state of the link to the services, shown in the header and the offline banner. */
export type ConnectionState = 'connecting' | 'open' | 'down';

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

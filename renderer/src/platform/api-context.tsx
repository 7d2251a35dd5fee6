import { createContext, useContext, useEffect, useRef, useSyncExternalStore, type ReactNode } from 'react';
import type { EventName, EventPayload } from '../../../shared/api/events.ts';
import type { Api, ApiClient } from './create-api.ts';
import type { ConnectionState } from './connection.ts';

const ApiContext = createContext<Api | null>(null);

export function ApiProvider({ api, children }: { api: Api; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

function useApiContext(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api;
}

/** The typed client: `useApi().call('patients.search', { text })`. */
export function useApi(): ApiClient {
  return useApiContext().client;
}

export function useConnectionState(): ConnectionState {
  const { connection } = useApiContext();
  return useSyncExternalStore(
    (cb) => connection.listen(cb),
    () => connection.get(),
  );
}

/**
 * How many times the connection came back after it was lost or failed (0 until then). Reads
 * that must be repeated after an outage depend on this, not on the connection state: a call
 * made while the first connection is being opened is queued by the transport and answered
 * once it opens (shared/rpc/websocket-transport.ts), so repeating it at that first open would
 * only ask the same thing twice and render the answer twice.
 */
export function useReconnects(): number {
  const state = useConnectionState();
  const seen = useRef({ wasOpen: false, lost: false, count: 0 });
  const s = seen.current;
  if (state === 'open') {
    if (s.lost) s.count++;
    s.lost = false;
    s.wasOpen = true;
  } else if (s.wasOpen || state === 'down') s.lost = true; // a first connection that failed counts too: its queued calls may have been refused
  return s.count;
}

/** Runs `handler` on every service event of this kind while the component is mounted. */
export function useServiceEvent<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): void {
  const client = useApi();
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => client.subscribe(event, (p) => latest.current(p)), [client, event]);
}

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

/** Runs `handler` on every service event of this kind while the component is mounted. */
export function useServiceEvent<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): void {
  const client = useApi();
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => client.subscribe(event, (p) => latest.current(p)), [client, event]);
}

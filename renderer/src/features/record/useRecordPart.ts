import { useEffect, useState } from 'react';
import type { EventPayload } from '../../../../shared/api/events.ts';
import { useApi, useServiceEvent } from '../../platform/api-context.tsx';
import type { ApiClient } from '../../platform/create-api.ts';

type Part = EventPayload<'record.changed'>['part'];

/** Loads part of a patient's record and loads it again whenever that part changes (record.changed). */
export function useRecordPart<T>(patientId: string, parts: readonly Part[], load: (api: ApiClient) => Promise<T>, deps: readonly unknown[] = []): { data: T | undefined; error: unknown } {
  const api = useApi();
  const [changes, setChanges] = useState(0);
  const [state, setState] = useState<{ data: T | undefined; error: unknown }>({ data: undefined, error: undefined });
  useServiceEvent('record.changed', (p) => p.patientId === patientId && parts.includes(p.part) && setChanges((n) => n + 1));
  useEffect(() => {
    let live = true;
    load(api).then(
      (data) => live && setState({ data, error: undefined }),
      (error: unknown) => live && setState((s) => ({ data: s.data, error })),
    );
    return () => {
      live = false;
    };
  }, [api, patientId, changes, ...deps]);
  return state;
}

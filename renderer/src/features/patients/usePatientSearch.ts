import { useEffect, useState } from 'react';
import { useDebouncedValue } from '@mantine/hooks';
import type { PatientSummary } from '../../../../shared/domain/patient.ts';
import { useApi, useReconnects, useServiceEvent } from '../../platform/api-context.tsx';

export interface PatientSearchState {
  items: PatientSummary[];
  total: number;
  loading: boolean;
  error: unknown;
  /** The text these results answer. */
  query: string | undefined;
}

/**
 * Search as you type (`patients.search`, debounced 150 ms). Refreshes when a patient changes
 * (`patients.changed`) and when the connection comes back.
 */
export function usePatientSearch(text: string, limit = 50): PatientSearchState {
  const api = useApi();
  const [debounced] = useDebouncedValue(text.trim(), 150);
  const [changes, setChanges] = useState(0);
  const reconnects = useReconnects();
  useServiceEvent('patients.changed', () => setChanges((n) => n + 1));
  const [state, setState] = useState<PatientSearchState>({ items: [], total: 0, loading: true, error: undefined, query: undefined });

  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    api.call('patients.search', { text: debounced, limit }).then(
      (r) => live && setState({ items: r.items, total: r.total, loading: false, error: undefined, query: debounced }),
      (error: unknown) => live && setState((s) => ({ ...s, loading: false, error })),
    );
    return () => {
      live = false;
    };
  }, [api, debounced, limit, changes, reconnects]);

  return state;
}

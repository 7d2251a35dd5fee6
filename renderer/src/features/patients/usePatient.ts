import { useEffect, useState } from 'react';
import type { Patient } from '../../../../shared/domain/patient.ts';
import { useApi, useServiceEvent } from '../../platform/api-context.tsx';

export interface PatientState {
  patient: Patient | undefined;
  error: unknown;
  loading: boolean;
}

/** One patient (`patients.get`), reloaded when it changes (`patients.changed`). */
export function usePatient(id: string): PatientState {
  const api = useApi();
  const [changes, setChanges] = useState(0);
  useServiceEvent('patients.changed', (p) => p.id === id && setChanges((n) => n + 1));
  const [state, setState] = useState<PatientState>({ patient: undefined, error: undefined, loading: true });
  useEffect(() => {
    let live = true;
    api.call('patients.get', { id }).then(
      (patient) => live && setState({ patient, error: undefined, loading: false }),
      (error: unknown) => live && setState({ patient: undefined, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [api, id, changes]);
  return state;
}

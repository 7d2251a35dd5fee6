import { useEffect, useState } from 'react';
import { useServiceEvent } from '../../platform/api-context.tsx';
import { useEarlyRead } from './useEarlyRead.ts';

/**
 * One read of the chart for one patient, done again whenever the patient's record, the
 * patient or the outbox changes (events), so what a tab shows follows what is stored. The first
 * read starts with the first render (useEarlyRead), the later ones in the effect.
 */
export function useChartData<T>(patientId: string, read: () => Promise<T>, deps: unknown[] = []): { data: T | null; error: unknown; reload(): void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [changes, setChanges] = useState(0);
  const bump = () => setChanges((n) => n + 1);
  const takeEarly = useEarlyRead(patientId, read);
  useServiceEvent('record.changed', (e) => e.patientId === patientId && bump());
  useServiceEvent('patients.changed', (e) => e.id === patientId && bump());
  useServiceEvent('outbox.changed', () => bump());
  useEffect(() => {
    let live = true;
    (takeEarly(patientId) ?? read()).then((d) => { if (live) { setData(d); setError(null); } }, (e: unknown) => live && setError(e));
    return () => { live = false; };
  }, [patientId, changes, ...deps]);
  return { data, error, reload: bump };
}

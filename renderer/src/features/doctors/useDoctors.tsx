import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { DoctorsOverview, DoctorView } from '../../../../shared/api/doctors.ts';
import { useApi, useConnectionState } from '../../platform/api-context.tsx';

interface DoctorsState {
  overview: DoctorsOverview | undefined;
  /** The doctor at work (undefined: nobody, or not loaded yet). */
  working: DoctorView | undefined;
  /** Replaces the overview with what a switch, a lock or a save answered. */
  set(o: DoctorsOverview): void;
  refresh(): Promise<void>;
}

const DoctorsContext = createContext<DoctorsState | null>(null);

/** The practice's doctors and who is at work (shared/api/doctors.ts), once for the whole shell. */
export function DoctorsProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const online = useConnectionState() === 'open';
  const [overview, setOverview] = useState<DoctorsOverview>();
  const refresh = useCallback(async () => {
    setOverview(await api.call('doctors.list', {}));
  }, [api]);
  useEffect(() => {
    if (online) refresh().catch(() => undefined);
  }, [online, refresh]);
  const working = overview?.doctors.find((d) => d.id === overview.working);
  return <DoctorsContext.Provider value={{ overview, working, set: setOverview, refresh }}>{children}</DoctorsContext.Provider>;
}

export function useDoctors(): DoctorsState {
  const s = useContext(DoctorsContext);
  if (!s) throw new Error('useDoctors outside DoctorsProvider');
  return s;
}

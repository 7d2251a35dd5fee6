import { useEffect } from 'react';
import { useApi } from '../../platform/api-context.tsx';

/**
 * Opening a patient's record is an access the audit log keeps (Garante, Linee guida in materia
 * di dossier sanitario: viewing included): called once by the Scheda paziente per patient shown.
 */
export function useLogRecordAccess(patientId: string): void {
  const api = useApi();
  useEffect(() => {
    api.call('access.openRecord', { patientId }).catch(() => undefined);
  }, [api, patientId]);
}

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../platform/api-context.tsx';
import { useSignAndSendDocuments } from '../documents/useSignAndSendDocuments.tsx';

/**
 * "Firma e invia" for the PSS: the confirmed versions of some patients (pss.signingBatch),
 * through the one signing flow of every document type, each marked signed (pssDocumentId).
 */
export function useSignAndSend(onDone?: (signedPatientIds: string[]) => void): { start(patientIds: string[]): Promise<void>; busy: boolean; dialog: ReactNode } {
  const { t } = useTranslation();
  const api = useApi();
  return useSignAndSendDocuments<string>({
    kind: 'PSS',
    load: (patientIds) => api.call('pss.signingBatch', { patientIds }),
    link: (item) => ({ pssDocumentId: item.documentId }),
    texts: { nothing: () => t('pss.sign.nothing'), queued: (count) => t('pss.sign.queued', { count }) },
  }, onDone);
}

import type { ReactNode } from 'react';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { MethodInput, AppContract } from '../../../../shared/api/index.ts';
import { useApi } from '../../platform/api-context.tsx';
import { useSignAndSendDocuments } from './useSignAndSendDocuments.tsx';

export type DocTypeTarget = MethodInput<AppContract, 'doctypes.signingBatch'>['targets'][number];

/**
 * "Firma e invia" for any registered document type (shared/documents/doc-types): the versions
 * doctypes.signingBatch prepares (those with validation errors are named and left out), each
 * marked signed in the enqueue transaction (typedDocumentId).
 */
export function useSignAndSendDocType(type: string, onDone?: (signedPatientIds: string[]) => void): { start(targets: DocTypeTarget[]): Promise<void>; busy: boolean; dialog: ReactNode } {
  const { t } = useTranslation();
  const api = useApi();
  return useSignAndSendDocuments<DocTypeTarget>({
    kind: type,
    async load(targets) {
      const r = await api.call('doctypes.signingBatch', { type, targets });
      for (const s of r.skipped) {
        notifications.show({ color: 'red', autoClose: false, message: t('documents.sign.skipped', { title: s.subject ?? s.patientId, errors: s.errors.join(' ') }) });
      }
      return r.items;
    },
    link: (item) => ({ typedDocumentId: item.documentId }),
    texts: { nothing: () => t('documents.sign.nothing'), queued: (count) => t('documents.sign.queued', { count }) },
  }, onDone);
}

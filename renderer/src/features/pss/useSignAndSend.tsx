import { useState, type ReactNode } from 'react';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { MethodOutput, AppContract } from '../../../../shared/api/index.ts';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { SignDialog, type SignBatchOutcome } from '../signing/SignDialog.tsx';

type BatchItem = MethodOutput<AppContract, 'pss.signingBatch'>[number];

/**
 * "Firma e invia": the confirmed PSS of some patients → one SignDialog (one PIN for the batch,
 * PAdES) → each signed PDF queued in the outbox → the PSS version marked signed.
 */
export function useSignAndSend(onDone?: (signedPatientIds: string[]) => void): { start(patientIds: string[]): Promise<void>; busy: boolean; dialog: ReactNode } {
  const { t } = useTranslation();
  const api = useApi();
  const [items, setItems] = useState<BatchItem[]>([]);
  const [busy, setBusy] = useState(false);

  const start = async (patientIds: string[]) => {
    if (patientIds.length === 0) return;
    setBusy(true);
    try {
      const batch = await api.call('pss.signingBatch', { patientIds });
      if (batch.length === 0) notifications.show({ message: t('pss.sign.nothing') });
      setItems(batch);
    } catch (e) {
      notifications.show({ color: 'red', message: errorText(t, e) });
    } finally {
      setBusy(false);
    }
  };

  const onSigned = async (outcome: SignBatchOutcome) => {
    const done: string[] = [];
    for (const r of outcome.results) {
      const item = items.find((i) => i.name === r.name);
      if (!item || !r.ok || !r.signedBase64) continue;
      try {
        const queued = await api.call('outbox.enqueue', {
          pdfBase64: r.signedBase64, patientId: item.patientId, kind: 'PSS', title: item.title, operation: item.operation, metadata: item.metadata,
        });
        await api.call('pss.markSigned', { documentId: item.documentId, outboxDocumentId: queued.documentId });
        done.push(item.patientId);
      } catch (e) {
        notifications.show({ color: 'red', message: `${item.title}: ${errorText(t, e)}` });
      }
    }
    if (done.length > 0) notifications.show({ color: 'green', message: t('pss.sign.queued', { count: done.length }) });
    onDone?.(done);
  };

  const dialog = (
    <SignDialog
      opened={items.length > 0}
      onClose={() => setItems([])}
      documents={items.map((i) => ({ name: i.name, dataBase64: i.pdfBase64, mode: 'pades' as const }))}
      onSigned={(o) => void onSigned(o)}
    />
  );
  return { start, busy, dialog };
}

import { useState } from 'react';
import { Alert, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuthoredDocument } from '../../../../shared/api/chart.ts';
import { AppModal } from '../../app/layers/AppModal.tsx';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';

/**
 * Asked before an Annulla: the published document is deleted from the FSE (FSE-GATEWAY.md §2,
 * DELETE /documents/{identificativoDoc}) through the outbox, so it goes out later when offline
 * and cannot be undone. "Indietro" has the focus: Enter alone never deletes.
 */
export function AnnulConfirm({ patientId, document, onClose }: { patientId: string; document: AuthoredDocument | null; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setError(null);
    onClose();
  };
  const confirm = async () => {
    if (!document?.documentId) return;
    setBusy(true);
    setError(null);
    try {
      await api.call('outbox.deletePublished', { documentId: document.documentId, patientId });
      close();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <AppModal opened={document !== null} onClose={close} title={t('chart.documents.annulTitle')} locked={busy} data-testid="annul-confirm">
      <Text mb="sm">{t('chart.documents.annulText', { title: document?.title ?? '' })}</Text>
      <Text size="sm" c="gray.7" mb="lg">{t('chart.documents.annulHint')}</Text>
      {error && <Alert color="red" role="alert" mb="sm">{error}</Alert>}
      <Group justify="flex-end">
        <Button variant="default" onClick={close} data-autofocus disabled={busy}>{t('chart.documents.annulBack')}</Button>
        <Button color="red.9" onClick={() => void confirm()} loading={busy}>{t('chart.documents.annulConfirm')}</Button>
      </Group>
    </AppModal>
  );
}

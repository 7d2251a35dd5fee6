import { useCallback, useEffect, useState } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TypedDocSummary } from '../../../../shared/api/documents-pipeline.ts';
import { useApi, useServiceEvent } from '../../platform/api-context.tsx';
import { useSignAndSendDocType } from '../documents/useSignAndSendDocType.tsx';

/**
 * The referto di televisita of one diary visit (shared/documents/doc-types/README.md §UI): "firma e
 * invia" through the document pipeline (one PIN, the signed PDF queued for the FSE), and the last
 * version's state, kept current by the outbox's events.
 */
export function TelevisitaReferto({ patientId, visitId }: { patientId: string; visitId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [last, setLast] = useState<TypedDocSummary | null | undefined>(undefined);
  const reload = useCallback(() => {
    api.call('doctypes.status', { type: 'televisita', patientId, subject: visitId }).then((s) => setLast(s.lastSigned ?? s.versions[0] ?? null), () => setLast(null));
  }, [api, patientId, visitId]);
  useEffect(reload, [reload]);
  useServiceEvent('outbox.changed', reload);
  const sign = useSignAndSendDocType('televisita', reload);
  const state = last ? (last.state === 'signed' ? t(`outbox.state.${last.outboxState ?? 'queued'}`) : t('telemed.referto.prepared')) : t('telemed.referto.none');
  return (
    <Group gap="xs" data-testid={`televisita-referto-${visitId}`}>
      <Button size="compact-sm" variant="light" loading={sign.busy} onClick={() => void sign.start([{ patientId, subject: visitId }])}>
        {last?.state === 'signed' ? t('telemed.referto.replace') : t('telemed.referto.sign')}
      </Button>
      <Text size="xs" c="dimmed" role="status" aria-live="polite">{t('telemed.referto.state', { state })}</Text>
      {sign.dialog}
    </Group>
  );
}

import { useState } from 'react';
import { Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTimeIn } from '../../../../shared/format/clinical-time.ts';
import { TelevisitaReferto } from '../telemed/TelevisitaReferto.tsx';
import { PAGE, Part } from './RecordPart.tsx';
import { useRecordPart } from './useRecordPart.ts';

/** The diario clinico, newest first, a page at a time; a televisita with its referto to sign and send. */
export function VisitList({ patientId, zone }: { patientId: string; zone: string }) {
  const { t } = useTranslation();
  const [limit, setLimit] = useState(PAGE);
  const { data } = useRecordPart(patientId, ['visits'], (api) => api.call('visits.list', { patientId, limit }), [limit]);
  return (
    <Part title={t('record.visits.title')} testId="record-visits">
      {data?.items.length === 0 && <Text size="sm" c="dimmed">{t('record.visits.empty')}</Text>}
      <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {data?.items.map((v) => (
          <li key={v.id}>
            <Text size="sm" fw={600}>
              {formatDateTimeIn(v.at, zone)} · {t(`record.visits.kind.${v.kind}`)}
              {v.reason ? ` · ${v.reason}` : ''}
            </Text>
            {v.note && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} lineClamp={4}>{v.note}</Text>}
            {v.kind === 'televisita' && v.note && <TelevisitaReferto patientId={patientId} visitId={v.id} />}
          </li>
        ))}
      </Stack>
      {data && data.total > data.items.length && (
        <Group gap="xs">
          <Text size="xs" c="dimmed">{t('record.visits.count', { shown: data.items.length, count: data.total })}</Text>
          <UnstyledButton onClick={() => setLimit((n) => n + 20)} fz="sm" c="blue.8" td="underline">{t('record.visits.more')}</UnstyledButton>
        </Group>
      )}
    </Part>
  );
}

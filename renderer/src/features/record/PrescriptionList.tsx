import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatClinicalDate } from '../../../../shared/format/clinical-date.ts';
import { PAGE, Part } from './RecordPart.tsx';
import { useRecordPart } from './useRecordPart.ts';

/** The latest prescriptions, newest first. */
export function PrescriptionList({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const { data } = useRecordPart(patientId, ['prescriptions'], (api) => api.call('prescriptions.list', { patientId, limit: PAGE }));
  return (
    <Part title={t('record.prescriptions.title')} testId="record-prescriptions">
      {data?.items.length === 0 && <Text size="sm" c="dimmed">{t('record.prescriptions.empty')}</Text>}
      <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {data?.items.map((p) => (
          <Text component="li" size="sm" key={p.id}>
            {formatClinicalDate(p.date)} ·{' '}
            {p.kind === 'medicine'
              ? `${p.aic?.display ?? p.atc.display} · ${t('record.prescriptions.packs', { count: p.packs })}${p.dosageText ? ` · ${p.dosageText}` : ''}`
              : `${p.service.code} ${p.service.display} ${t('record.prescriptions.quantity', { count: p.quantity })}`}
            {p.exemption ? ` · ${t('record.prescription.exemption')} ${p.exemption}` : ''}
          </Text>
        ))}
      </Stack>
    </Part>
  );
}

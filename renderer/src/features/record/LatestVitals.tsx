import { Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { interpretation, measureFor } from '../../../../shared/clinical/plausibility.ts';
import { vitalKindOf } from '../../../../shared/domain/record/vital-kinds.ts';
import { formatClinicalDate } from '../../../../shared/format/clinical-date.ts';
import { formatDateTimeIn } from '../../../../shared/format/clinical-time.ts';
import { formatDecimal } from '../../../../shared/format/decimal.ts';
import { Part } from './RecordPart.tsx';
import { shownUnit } from './shown-unit.ts';
import { useRecordPart } from './useRecordPart.ts';

/** The order a doctor reads vital signs in; blood pressure as one value when both parts were measured together. */
const ORDER = ['blood-pressure', 'systolic', 'diastolic', 'weight', 'height', 'length', 'bmi', 'waist', 'heart-rate', 'spo2', 'glucose', 'temperature', 'head-circumference'];

interface Shown {
  key: string;
  label: string;
  value: string;
  flag: 'H' | 'L' | undefined;
  effective: string;
}

/** The last value of each vital sign, abnormal ones said in words (↑ alto, ↓ basso), not by colour alone. */
export function LatestVitals({ patientId, zone }: { patientId: string; zone: string }) {
  const { t } = useTranslation();
  const { data } = useRecordPart(patientId, ['observations'], (api) => api.call('observations.latest', { patientId }));
  const quantities = (data?.items ?? []).flatMap(({ observation: o }) => {
    const kind = vitalKindOf(o.code);
    if (!kind || o.value.type !== 'quantity') return [];
    const f = o.interpretation ?? interpretation(o.value.value, measureFor(kind));
    return [{ kind, o, value: o.value.value, unit: o.value.unit, flag: f === 'H' || f === 'L' ? f : undefined }];
  });
  const sys = quantities.find((q) => q.kind === 'systolic');
  const dia = quantities.find((q) => q.kind === 'diastolic');
  const together = sys && dia && sys.o.panelId !== undefined && sys.o.panelId === dia.o.panelId;
  const shown: Shown[] = quantities
    .filter((q) => !(together && (q === sys || q === dia)))
    .map((q) => ({ key: q.kind, label: t(`record.kinds.${q.kind}`), value: `${formatDecimal(q.value, 1)} ${shownUnit(q.unit)}`, flag: q.flag, effective: q.o.effective }));
  if (together) shown.push({ key: 'blood-pressure', label: t('record.kinds.blood-pressure'), value: `${sys.value}/${dia.value} mmHg`, flag: sys.flag ?? dia.flag, effective: sys.o.effective });
  shown.sort((a, b) => ORDER.indexOf(a.key) - ORDER.indexOf(b.key));
  return (
    <Part title={t('record.vitals.title')} testId="record-vitals">
      {data && shown.length === 0 && <Text size="sm" c="dimmed">{t('record.vitals.empty')}</Text>}
      <Stack gap={2} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {shown.map((v) => (
          <Group component="li" key={v.key} gap={6}>
            <Text size="sm">
              {v.label}: <strong>{v.value}</strong>
            </Text>
            {v.flag && <Badge size="xs" color={v.flag === 'H' ? 'red.8' : 'blue.8'}>{t(`record.vitals.${v.flag}`)}</Badge>}
            <Text size="xs" c="dimmed">{v.effective.length > 10 ? formatDateTimeIn(v.effective, zone) : formatClinicalDate(v.effective)}</Text>
          </Group>
        ))}
      </Stack>
    </Part>
  );
}

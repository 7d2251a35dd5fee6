import { useState, type ReactNode } from 'react';
import { Badge, Button, Group, Kbd, Paper, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { interpretation, measureFor } from '../../../../shared/clinical/plausibility.ts';
import { vitalKindOf } from '../../../../shared/domain/record/vital-kinds.ts';
import { formatClinicalDate } from '../../../../shared/format/clinical-date.ts';
import { formatDateTimeIn } from '../../../../shared/format/clinical-time.ts';
import { formatDecimal } from '../../../../shared/format/decimal.ts';
import { openWindows } from '../../app/layers/layer-stack.ts';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { newEntryId } from '../pss/sections.ts';
import { PrescriptionForm } from './PrescriptionForm.tsx';
import { shownUnit } from './shown-unit.ts';
import { useClinicalZone } from './useClinicalZone.ts';
import { useRecordPart } from './useRecordPart.ts';
import { VisitForm } from './VisitForm.tsx';
import { VitalsLineForm } from './VitalsLineForm.tsx';

type Open = 'visit' | 'prescription' | 'vitals' | null;

/**
 * Diary, therapies and vital signs of one patient with their entry forms (keyboard first: Alt+V
 * visit, Alt+R prescription, Alt+P vitals line; "Ripeti" renews a therapy plan with one key):
 * self-contained, mounted by the Scheda paziente with one line.
 */
export function RecordEntrySection({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const zone = useClinicalZone();
  const [open, setOpen] = useState<Open>(null);
  const when = (what: Exclude<Open, null>) => () => openWindows() === 0 && setOpen(what);
  useHotkeys(
    [
      ['alt+V', when('visit'), { usePhysicalKeys: true }],
      ['alt+R', when('prescription'), { usePhysicalKeys: true }],
      ['alt+P', when('vitals'), { usePhysicalKeys: true }],
    ],
    [],
  );
  const close = () => setOpen(null);

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="record-entry-title" data-testid="record-entry">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="record-entry-title">{t('record.title')}</Title>
        <Group gap="xs">
          <Button variant="light" onClick={() => setOpen('visit')} aria-keyshortcuts="Alt+V" rightSection={<Kbd size="xs">Alt+V</Kbd>}>{t('record.actions.visit')}</Button>
          <Button variant="light" onClick={() => setOpen('prescription')} aria-keyshortcuts="Alt+R" rightSection={<Kbd size="xs">Alt+R</Kbd>}>{t('record.actions.prescription')}</Button>
          <Button variant="light" onClick={() => setOpen('vitals')} aria-keyshortcuts="Alt+P" rightSection={<Kbd size="xs">Alt+P</Kbd>}>{t('record.actions.vitals')}</Button>
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Visits patientId={patientId} zone={zone} />
        <Stack gap="md">
          <Plans patientId={patientId} />
          <Prescriptions patientId={patientId} />
          <Vitals patientId={patientId} zone={zone} />
        </Stack>
      </SimpleGrid>
      {open === 'visit' && <VisitForm patientId={patientId} zone={zone} onClose={close} />}
      {open === 'prescription' && <PrescriptionForm patientId={patientId} zone={zone} onClose={close} />}
      {open === 'vitals' && <VitalsLineForm patientId={patientId} zone={zone} onClose={close} />}
    </Paper>
  );
}

function Part({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Stack gap={6} data-testid={testId}>
      <Title order={3} size="h5">{title}</Title>
      {children}
    </Stack>
  );
}

const PAGE = 5;

function Visits({ patientId, zone }: { patientId: string; zone: string }) {
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

function Plans({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [busy, setBusy] = useState<string | null>(null);
  const { data } = useRecordPart(patientId, ['therapies', 'prescriptions'], (a) => a.call('therapy.listPlans', { patientId, status: ['active'] }));
  const repeat = async (planId: string, drug: string) => {
    if (busy) return;
    setBusy(planId);
    try {
      const rx = await api.call('prescriptions.repeatPlan', { patientId, planId, id: newEntryId('prescription') });
      notifications.show({ color: 'green', message: t('record.plans.repeated', { drug, count: rx.kind === 'medicine' ? rx.packs : 1 }) });
    } catch (e) {
      notifications.show({ color: 'red', message: errorText(t, e) });
    } finally {
      setBusy(null);
    }
  };
  return (
    <Part title={t('record.plans.title')} testId="record-plans">
      {data?.items.length === 0 && <Text size="sm" c="dimmed">{t('record.plans.empty')}</Text>}
      <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {data?.items.map(({ plan, lastPrescribed }) => {
          const drug = plan.aic?.display ?? plan.atc.display;
          return (
            <Group component="li" key={plan.id} justify="space-between" wrap="nowrap" gap="xs">
              <div>
                <Text size="sm" fw={600}>{drug}</Text>
                <Text size="xs" c="dimmed">
                  {plan.dosageText} · {lastPrescribed ? t('record.plans.lastPrescribed', { date: formatClinicalDate(lastPrescribed) }) : t('record.plans.never')}
                </Text>
              </div>
              <Button size="xs" variant="default" style={{ flexShrink: 0 }} loading={busy === plan.id} aria-label={t('record.plans.repeatLabel', { drug })} onClick={() => void repeat(plan.id, drug)}>
                {t('record.plans.repeat')}
              </Button>
            </Group>
          );
        })}
      </Stack>
    </Part>
  );
}

function Prescriptions({ patientId }: { patientId: string }) {
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

/** The order a doctor reads vital signs in; blood pressure as one value when both parts were measured together. */
const ORDER = ['blood-pressure', 'systolic', 'diastolic', 'weight', 'height', 'bmi', 'waist', 'heart-rate', 'spo2', 'glucose', 'temperature', 'head-circumference'];

interface Shown {
  key: string;
  label: string;
  value: string;
  flag: 'H' | 'L' | undefined;
  effective: string;
}

function Vitals({ patientId, zone }: { patientId: string; zone: string }) {
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

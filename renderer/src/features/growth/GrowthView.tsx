import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Badge, Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BilanciSchedule } from '../../../../shared/analytics/bilanci-salute/index.ts';
import type { AppContract } from '../../../../shared/api/index.ts';
import type { MethodOutput } from '../../../../shared/api/define.ts';
import type { GrowthPoint } from '../../../../shared/api/growth.ts';
import { AGE_WORDING, ageOf, formatAge } from '../../../../shared/domain/age.ts';
import { DAYS_PER_MONTH } from '../../../../shared/analytics/growth/measurement.ts';
import { daysBetween } from '../../../../shared/domain/iso-date.ts';
import { todayIn } from '../../../../shared/format/clinical-time.ts';
import { useApi, useServiceEvent } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { formatDate } from '../patients/format.ts';
import { useClinicalZone } from '../record/useClinicalZone.ts';
import { BilancioForm } from './BilancioForm.tsx';
import { GrowthPanel } from './GrowthPanel.tsx';
import { chartsForAge } from './growth-charts.ts';

type Points = MethodOutput<AppContract, 'growth.points'>;
type Bilanci = MethodOutput<AppContract, 'bilanci.list'>;

/** Under 19 years the Parametri tab opens on the growth charts (WHO 2007 ends at 19). */
export const GROWTH_UNTIL_YEARS = 19;

const STATUS_COLOUR = { done: 'green', due: 'blue', overdue: 'red', next: 'gray', missed: 'gray' } as const;

/**
 * Crescita (PAEDIATRICS.md §3-4): the bilanci di salute of the region's schedule with their
 * status and a new one to record, then one WHO chart per indicator with the child's points and
 * the table of z-scores and percentiles beside it. Refreshed when the record's observations change.
 */
export function GrowthView({ patientId }: { patientId: string }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const zone = useClinicalZone();
  const [data, setData] = useState<{ points: Points; bilanci: Bilanci; schedule: BilanciSchedule } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  const [form, setForm] = useState<{ visitId: string | null } | null>(null);
  const nextVisit = useRef<string | null>(null);
  // Alt+B: a new bilancio, by the key's place (event.code) as the Scheda's Alt+1 … Alt+8; not behind an open window.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.code !== 'KeyB' || !e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.defaultPrevented) return;
      if (document.querySelector('[role="dialog"]')) return;
      e.preventDefault();
      setForm({ visitId: nextVisit.current });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useServiceEvent('record.changed', (e) => e.patientId === patientId && e.part === 'observations' && setVersion((v) => v + 1));

  useEffect(() => {
    let live = true;
    Promise.all([api.call('growth.points', { patientId }), api.call('bilanci.list', { patientId }), api.call('bilanci.schedule', {})]).then(
      ([points, bilanci, s]) => live && (setData({ points, bilanci, schedule: s.schedule }), setError(null)),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api, patientId, version]);

  const wording = i18n.resolvedLanguage === 'en' ? AGE_WORDING.en : AGE_WORDING.it;
  const ageText = useCallback((p: GrowthPoint) => {
    const a = data ? ageOf(data.points.birthDate, p.date) : undefined;
    return a ? formatAge(a, wording) : '';
  }, [data, wording]);
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'it';

  if (error) return <Alert color="red" role="alert">{errorText(t, error)}</Alert>;
  if (!data) return <Loader size="sm" role="status" aria-label={t('growth.loading')} />;
  const ageMonths = daysBetween(data.points.birthDate, todayIn(zone)) / DAYS_PER_MONTH;
  const next = data.bilanci.visits.find((v) => v.status === 'due' || v.status === 'overdue') ?? data.bilanci.visits.find((v) => v.status === 'next');
  nextVisit.current = next?.visitId ?? null;

  return (
    <Stack gap="md" data-testid="growth-view">
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h4">{t('growth.title')}</Title>
        <Button onClick={() => setForm({ visitId: next?.visitId ?? null })} aria-keyshortcuts="Alt+B" data-testid="bilancio-new">
          {t('growth.newBilancio')}
        </Button>
      </Group>
      <Paper withBorder p="md" component="section" aria-labelledby="bilanci-heading">
        <Title order={3} size="h5" id="bilanci-heading" mb="xs">{t('growth.bilanci.title', { region: data.schedule.region })}</Title>
        <Table verticalSpacing={4} data-testid="bilanci-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('growth.bilanci.visit')}</Table.Th>
              <Table.Th scope="col">{t('growth.bilanci.window')}</Table.Th>
              <Table.Th scope="col">{t('growth.bilanci.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.bilanci.visits.map((v) => (
              <Table.Tr key={v.visitId}>
                <Table.Th scope="row" fw={400}>{v.label[lang]}</Table.Th>
                <Table.Td>{formatDate(v.window.from)} – {formatDate(v.window.until)}</Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLOUR[v.status]} variant={v.status === 'done' ? 'filled' : 'light'} autoContrast>{t(`growth.bilanci.statuses.${v.status}`)}</Badge>
                  {v.done && <Text span size="sm"> {formatDate(v.done.date)}</Text>}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {data.points.points.length === 0 && <Text c="dimmed">{t('growth.none')}</Text>}
      {chartsForAge(ageMonths).map((spec) => (
        <GrowthPanel key={spec.chart} spec={spec} sex={data.points.sex} points={data.points.points} ageMonths={ageMonths} ageText={ageText} />
      ))}
      {form && (
        <BilancioForm
          opened
          patientId={patientId}
          birthDate={data.points.birthDate}
          schedule={data.schedule}
          visitId={form.visitId}
          onClose={() => setForm(null)}
          onSaved={() => {
            setForm(null);
            setVersion((v) => v + 1);
          }}
        />
      )}
    </Stack>
  );
}

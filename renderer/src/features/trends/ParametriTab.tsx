import { useEffect, useMemo, useState } from 'react';
import { Alert, Group, Loader, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { todayIn } from '../../../../shared/format/clinical-time.ts';
import { useApi, useServiceEvent } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { useClinicalZone } from '../record/useClinicalZone.ts';
import { chartsFor, type TrendChartSpec } from './trend-catalog.ts';
import { TREND_RANGES, rangeStart, type TrendRange } from './trend-data.ts';
import { TrendPanel, type ChartTarget } from './TrendPanel.tsx';
import { MonitoringPlanPanel } from '../monitoring/MonitoringPlanPanel.tsx';
import { CrescitaSection } from '../growth/CrescitaSection.tsx';

/**
 * Parametri of the Scheda paziente: one trend chart per parameter the record holds values of
 * (vital signs, then key laboratory values), each with the reference range as a band, abnormal
 * points marked by shape and in words, and the table of its values beside it; one range
 * selector (1 anno, 5 anni, tutto) for every chart. Self-contained: mounted with one line.
 */
export function ParametriTab({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [charts, setCharts] = useState<TrendChartSpec[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [range, setRange] = useState<TrendRange>('5y');
  const timeZone = useClinicalZone();
  const [version, setVersion] = useState(0);
  // New values come from the vitals line (observations) and from imported documents.
  useServiceEvent('record.changed', (e) => e.patientId === patientId && (e.part === 'observations' || e.part === 'documents') && setVersion((v) => v + 1));

  useEffect(() => {
    let live = true;
    api.call('observations.latest', { patientId }).then(
      (r) => {
        if (!live) return;
        setCharts(chartsFor(r.items));
        setError(null);
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api, patientId, version]);

  const from = useMemo(() => rangeStart(range, todayIn(timeZone)), [range, timeZone]);
  // The telemonitoring plans' targets, drawn on the charts of their parameters (shared/api/monitoring.ts).
  const [plansVersion, setPlansVersion] = useState(0);
  const [targets, setTargets] = useState<ChartTarget[]>([]);
  useEffect(() => {
    let live = true;
    api.call('monitoring.plans', { patientId }).then(
      (r) => live && setTargets(r.items.flatMap((p) => p.parameters.filter((x) => x.target.low !== undefined || x.target.high !== undefined).map((x) => ({
        code: x.code, low: x.target.low ?? null, high: x.target.high ?? null, unit: x.unit, start: p.start, end: p.end, plan: p.title,
      })))),
      () => live && setTargets([]),
    );
    return () => {
      live = false;
    };
  }, [api, patientId, plansVersion]);

  return (
    <Stack gap="md" data-testid="parametri-tab">
      <CrescitaSection patientId={patientId} />
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h4">{t('trends.title')}</Title>
        <SegmentedControl
          aria-label={t('trends.range.label')}
          value={range}
          onChange={(v) => setRange(v as TrendRange)}
          data={TREND_RANGES.map((r) => ({ value: r, label: t(`trends.range.${r}`) }))}
        />
      </Group>
      <MonitoringPlanPanel patientId={patientId} onSaved={() => setPlansVersion((v) => v + 1)} />
      {error ? (
        <Alert color="red" role="alert">{errorText(t, error)}</Alert>
      ) : !charts ? (
        <Loader role="status" aria-label={t('trends.loading')} />
      ) : charts.length === 0 ? (
        <Text c="dimmed">{t('trends.none')}</Text>
      ) : (
        charts.map((c) => <TrendPanel key={c.id} patientId={patientId} spec={c} from={from} timeZone={timeZone} version={version} targets={targets} />)
      )}
    </Stack>
  );
}

import { useMemo, useState } from 'react';
import { Alert, Box, Group, Loader, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTimeIn } from '../../../../shared/format/clinical-time.ts';
import { formatDecimal } from '../../../../shared/format/decimal.ts';
import { errorText } from '../../platform/error-text.ts';
import type { TrendChartSpec } from './trend-catalog.ts';
import { abnormalFlag, abnormalMarks, pointDate, referenceBands, type AlignedTrend, type PlanTarget } from './trend-data.ts';
import { TrendChart } from './TrendChart.tsx';
import { SERIES_COLOURS } from './trend-plot.ts';
import { FlagText, TrendTable } from './TrendTable.tsx';
import { useTrendSeries } from './useTrendSeries.ts';
import classes from './trends.module.css';

/** The chart's title: the known parameter's name in the interface's language, else the record's display. */
export function useChartTitle(spec: TrendChartSpec): string {
  const { t } = useTranslation();
  return spec.key ? t(`trends.parameters.${spec.key}`) : spec.series[0]!.display;
}

/** A telemonitoring plan's target for one parameter (shared/api/monitoring.ts MonitoredParameter), with the plan it belongs to. */
export interface ChartTarget {
  code: string;
  low: number | null;
  high: number | null;
  unit: string;
  start: string;
  end: string;
  plan: string;
}

/** "120–140 mmHg", "≤ 140 mmHg", "≥ 90 %": a target in words, as the table prints ranges. */
export function targetText(c: ChartTarget): string {
  const v = c.low !== null && c.high !== null ? `${formatDecimal(c.low)}–${formatDecimal(c.high)}` : c.high !== null ? `≤ ${formatDecimal(c.high)}` : `≥ ${formatDecimal(c.low ?? 0)}`;
  return `${v} ${c.unit}`.trim();
}

/** One parameter: its chart and, beside it, the table of the same values (the accessible version); a monitoring plan's target as a band and in words. */
export function TrendPanel({ patientId, spec, from, timeZone, version, targets }: {
  patientId: string;
  spec: TrendChartSpec;
  from: string | undefined;
  timeZone: string;
  version: number;
  targets?: readonly ChartTarget[] | undefined;
}) {
  const { t } = useTranslation();
  const title = useChartTitle(spec);
  const codes = useMemo(() => spec.series.map((s) => s.code), [spec]);
  const { trend, units, error } = useTrendSeries(patientId, codes, from, version);
  const labels = useMemo(
    () => (spec.series.length === 1 ? [title] : spec.series.map((s) => t(`trends.series.${s.code}`, { defaultValue: s.display }))),
    [spec, title, t],
  );
  const mine = useMemo(() => (targets ?? []).filter((c) => spec.series.some((s) => s.code === c.code)), [targets, spec]);
  const planTargets = useMemo<PlanTarget[]>(
    () => mine.map((c) => ({ series: spec.series.findIndex((s) => s.code === c.code), low: c.low, high: c.high, start: c.start, end: c.end })),
    [mine, spec],
  );
  const targetWords = mine.map((c) => t('trends.target.words', { plan: c.plan, range: targetText(c), series: spec.series.length > 1 ? t(`trends.series.${c.code}`, { defaultValue: c.code }) : '' }).replace(/\s+:/, ':')).join(' ');
  const [active, setActive] = useState<number | null>(null);
  const headingId = `trend-${spec.id}`;
  const shownActive = trend && active !== null && active < trend.x.length ? active : null;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId} data-testid={`trend-${spec.id}`}>
      <Title order={3} size="h5" id={headingId} mb="xs">
        {title}
      </Title>
      {error ? (
        <Alert color="red" role="alert">{errorText(t, error)}</Alert>
      ) : !trend ? (
        <Loader size="sm" role="status" aria-label={t('trends.loading')} />
      ) : trend.x.length === 0 ? (
        <Text c="dimmed">{t('trends.noneInRange')}</Text>
      ) : (
        <>
        {targetWords && <Text size="sm" mb="xs" data-testid="trend-target">{targetWords}</Text>}
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          <Box className={classes.chartBox}>
            <TrendChart
              trend={trend}
              labels={labels}
              label={chartLabel(t, title, trend, timeZone)}
              timeZone={timeZone}
              focused={shownActive}
              onPick={setActive}
              targets={planTargets.length > 0 ? planTargets : undefined}
            />
            <Legend labels={labels} trend={trend} targeted={planTargets.length > 0} />
            {shownActive !== null && <FocusedPoint trend={trend} index={shownActive} labels={labels} timeZone={timeZone} />}
          </Box>
          <TrendTable
            trend={trend}
            labels={labels}
            units={units}
            caption={targetWords ? `${title}. ${targetWords}` : title}
            timeZone={timeZone}
            active={shownActive ?? trend.x.length - 1}
            onActive={setActive}
          />
        </SimpleGrid>
        </>
      )}
    </Paper>
  );
}

type T = ReturnType<typeof useTranslation>['t'];

function dayOf(trend: AlignedTrend, index: number, timeZone: string): string {
  const p = trend.cells.find((c) => c[index])?.[index];
  return p ? pointDate(p.at, (d) => formatDateTimeIn(d, timeZone)).date : '';
}

function chartLabel(t: T, title: string, trend: AlignedTrend, timeZone: string): string {
  return t('trends.chart.label', { title, count: trend.x.length, from: dayOf(trend, 0, timeZone), to: dayOf(trend, trend.x.length - 1, timeZone) });
}

/** The series' names beside their line colours, and what the band and the marks mean when the chart has them. */
function Legend({ labels, trend, targeted }: { labels: string[]; trend: AlignedTrend; targeted: boolean }) {
  const { t } = useTranslation();
  const banded = useMemo(() => referenceBands(trend).length > 0, [trend]);
  const marked = useMemo(() => abnormalMarks(trend).length > 0, [trend]);
  return (
    <Group gap="md" mt={4}>
      {labels.length > 1 && labels.map((l, i) => (
        <Text key={l} size="sm">
          <span aria-hidden style={{ color: SERIES_COLOURS[i % SERIES_COLOURS.length] }}>━</span> {l}
        </Text>
      ))}
      {banded && <Text size="sm" c="dimmed">{t('trends.legend.band')}</Text>}
      {targeted && <Text size="sm" c="dimmed">{t('trends.legend.target')}</Text>}
      {marked && <Text size="sm" c="dimmed">{t('trends.legend.marks')}</Text>}
    </Group>
  );
}

/** The point the table has focused, in words under the chart. */
function FocusedPoint({ trend, index, labels, timeZone }: { trend: AlignedTrend; index: number; labels: string[]; timeZone: string }) {
  return (
    <Text size="sm" mt={4} data-testid="trend-focused">
      {dayOf(trend, index, timeZone)}:{' '}
      {trend.cells.map((col, s) => {
        const p = col[index];
        if (!p || p.value === null) return null;
        const flag = abnormalFlag(p);
        return (
          <span key={labels[s]}>
            {labels.length > 1 ? `${labels[s]} ` : ''}
            {formatDecimal(p.value)} {p.unit ?? ''} {flag && <FlagText flag={flag} />}
            {s < trend.cells.length - 1 ? '; ' : ''}
          </span>
        );
      })}
    </Text>
  );
}

import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Alert, Box, Loader, Paper, SimpleGrid, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CurveSegment, GrowthPoint } from '../../../../shared/api/growth.ts';
import { formatDecimal } from '../../../../shared/format/decimal.ts';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { formatDate } from '../patients/format.ts';
import { GrowthChart } from './GrowthChart.tsx';
import { pointOn, referencesIn, xRange, type GrowthChartSpec } from './growth-charts.ts';
import { percentileText, scoreNotes, zText } from './score-text.ts';
import classes from './growth.module.css';

/** One indicator: the WHO chart with the child's points, and beside it the table of the same points with z and percentile. */
export function GrowthPanel({ spec, sex, points, ageMonths, ageText }: {
  spec: GrowthChartSpec;
  sex: 'M' | 'F';
  points: readonly GrowthPoint[];
  ageMonths: number;
  ageText: (p: GrowthPoint) => string;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [segments, setSegments] = useState<CurveSegment[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    api.call('growth.curves', { chart: spec.chart, sex, everyDays: 7 }).then((r) => live && setSegments(r.segments), (e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [api, spec.chart, sex]);

  const title = t(`growth.charts.${spec.chart}`);
  const headingId = `growth-${spec.chart}`;
  const shown = useMemo(() => points.flatMap((p, index) => {
    const xy = pointOn(spec, p);
    return xy ? [{ x: xy[0], y: xy[1], index, point: p }] : [];
  }), [points, spec]);
  const range = useMemo(() => (segments ? xRange(spec, segments, ageMonths) : null), [segments, spec, ageMonths]);
  const refs = useMemo(() => (segments && range ? referencesIn(segments, range) : []), [segments, range]);
  const [active, setActive] = useState<number | null>(null);
  const activeIndex = active ?? shown[shown.length - 1]?.index ?? null;
  const refText = refs.map((r) => t(`growth.reference.${r}`)).join(' · ');

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId} data-testid={`growth-${spec.chart}`}>
      <Title order={3} size="h5" id={headingId}>{title}</Title>
      {refText && <Text size="sm" c="dimmed" mb="xs" data-testid="growth-reference">{t('growth.reference.label', { refs: refText })}</Text>}
      {error ? (
        <Alert color="red" role="alert">{errorText(t, error)}</Alert>
      ) : !segments || !range ? (
        <Loader size="sm" role="status" aria-label={t('growth.loading')} />
      ) : (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          <Box>
            <GrowthChart
              segments={segments}
              points={shown}
              range={range}
              xKind={spec.x}
              focused={activeIndex}
              onPick={setActive}
              label={t('growth.chart.label', { title, refs: refText, count: shown.length })}
            />
            <Text size="sm" c="dimmed" mt={4}>{t('growth.legend')}</Text>
          </Box>
          {shown.length === 0 ? (
            <Text c="dimmed">{t('growth.noPoints')}</Text>
          ) : (
            <PointsTable spec={spec} rows={shown.map((s) => s.point)} indexes={shown.map((s) => s.index)} caption={title} active={activeIndex} onActive={setActive} ageText={ageText} />
          )}
        </SimpleGrid>
      )}
    </Paper>
  );
}

/** The points newest first: one tab stop, arrows / Home / End move, the row focused is the point ringed on the chart. */
function PointsTable({ spec, rows, indexes, caption, active, onActive, ageText }: {
  spec: GrowthChartSpec;
  rows: GrowthPoint[];
  indexes: number[];
  caption: string;
  active: number | null;
  onActive(index: number): void;
  ageText: (p: GrowthPoint) => string;
}) {
  const { t } = useTranslation();
  const body = useRef<HTMLTableSectionElement>(null);
  const order = [...rows.keys()].reverse();
  const activeRow = Math.max(0, order.findIndex((i) => indexes[i] === active));
  const focusNext = useRef(false);
  useEffect(() => {
    if (!focusNext.current) return;
    focusNext.current = false;
    body.current?.querySelector<HTMLElement>(`[data-row="${activeRow}"]`)?.focus();
  });
  const moveTo = (r: number) => {
    const row = Math.max(0, Math.min(order.length - 1, r));
    focusNext.current = true;
    onActive(indexes[order[row]!]!);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const step = { ArrowDown: 1, ArrowUp: -1 }[e.key];
    if (step !== undefined) moveTo(activeRow + step);
    else if (e.key === 'Home') moveTo(0);
    else if (e.key === 'End') moveTo(order.length - 1);
    else return;
    e.preventDefault();
  };
  const valueOf = (p: GrowthPoint) => {
    const xy = pointOn(spec, p);
    if (!xy) return '';
    return spec.x === 'cm' ? `${formatDecimal(xy[1], 2)} kg / ${formatDecimal(xy[0], 1)} cm` : `${formatDecimal(xy[1], 2)} ${spec.unit}`;
  };
  return (
    <div className={classes.tableScroller} data-testid="growth-table">
      <Table stickyHeader onKeyDown={onKeyDown} verticalSpacing={6}>
        <caption><VisuallyHidden>{caption}. {t('growth.table.keys')}</VisuallyHidden></caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('growth.table.date')}</Table.Th>
            <Table.Th scope="col">{t('growth.table.age')}</Table.Th>
            <Table.Th scope="col">{t('growth.table.value')}</Table.Th>
            <Table.Th scope="col">{t('growth.table.percentile')}</Table.Th>
            <Table.Th scope="col">{t('growth.table.z')}</Table.Th>
            <Table.Th scope="col">{t('growth.table.notes')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody ref={body}>
          {order.map((i, r) => {
            const p = rows[i]!;
            const s = p.scores[spec.indicator]!;
            const isActive = r === activeRow;
            const notes = scoreNotes(t, s);
            if (p.standingUnder9Months && spec.indicator !== 'wfa' && spec.indicator !== 'hcfa') notes.push(t('growth.flag.standingUnder9Months'));
            return (
              <Table.Tr key={p.date} data-row={r} tabIndex={isActive ? 0 : -1} data-active={isActive || undefined} className={classes.row}
                onFocus={() => !isActive && onActive(indexes[i]!)} onClick={() => moveTo(r)}>
                <Table.Th scope="row" fw={400}>{formatDate(p.date)}</Table.Th>
                <Table.Td>{ageText(p)}</Table.Td>
                <Table.Td>{valueOf(p)}</Table.Td>
                <Table.Td>{percentileText(t, s.percentile)}</Table.Td>
                <Table.Td>{zText(s.z)}</Table.Td>
                <Table.Td>{notes.length ? <Text span size="sm" fw={700} c="red.9">{notes.join(' · ')}</Text> : ''}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </div>
  );
}

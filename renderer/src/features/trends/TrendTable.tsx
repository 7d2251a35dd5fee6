import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { Table, Text, VisuallyHidden } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { SeriesPoint } from '../../../../shared/api/observations.ts';
import { formatDateTimeIn } from '../../../../shared/format/clinical-time.ts';
import { formatDecimal } from '../../../../shared/format/decimal.ts';
import { abnormalFlag, flagDirection, pointDate, type AbnormalFlag, type AlignedTrend } from './trend-data.ts';
import classes from './trends.module.css';

const ROW = 34;
const PAGE = 10;
const SYMBOL = { low: '▼', high: '▲', other: '◆' } as const;

/** "4–6", "< 115", "> 40": a point's reference range as printed beside its value. */
function rangeText(p: SeriesPoint): string {
  if (p.low !== null && p.high !== null) return `${formatDecimal(p.low)}–${formatDecimal(p.high)}`;
  if (p.high !== null) return `≤ ${formatDecimal(p.high)}`;
  if (p.low !== null) return `≥ ${formatDecimal(p.low)}`;
  return '';
}

export function FlagText({ flag }: { flag: AbnormalFlag }) {
  const { t } = useTranslation();
  return (
    <Text span fw={700} c="red.9" size="sm" className={classes.flag}>
      <span aria-hidden>{SYMBOL[flagDirection(flag)]}</span> {t(`trends.flag.${flag}`)}
    </Text>
  );
}

/**
 * The values of a chart as a table, newest first (the accessible version of the chart): one
 * row per instant, one value column per series with its unit, its abnormal mark in words and
 * its reference range. Virtualised (a series may hold thousands of values); the rows are one tab
 * stop, the arrow keys, Page Up/Down, Home and End move between them, and the row focused is
 * the point the chart shows (`onFocusRow`, an index into `trend.x`).
 */
export function TrendTable({ trend, labels, units, caption, timeZone, active, onActive }: {
  trend: AlignedTrend;
  labels: string[];
  units: (string | null)[];
  caption: string;
  timeZone: string;
  /** The row (index into `trend.x`) holding the tab stop and the chart's cursor. */
  active: number | null;
  onActive: (index: number) => void;
}) {
  const { t } = useTranslation();
  const n = trend.x.length;
  const scroller = useRef<HTMLDivElement>(null);
  const focusOnRender = useRef(false);
  const withRange = useMemo(() => trend.cells.map((col) => col.some((p) => p && (p.low !== null || p.high !== null))), [trend]);
  const virtual = useVirtualizer({ count: n, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 8 });
  // Row r of the table (newest first) is index n-1-r of the chart (oldest first).
  const activeRow = active === null ? 0 : n - 1 - active;
  const formatIn = useMemo(() => (d: Date) => formatDateTimeIn(d, timeZone), [timeZone]);

  // A row far away is rendered only once the virtualiser has scrolled to it: focus it then.
  useEffect(() => {
    if (!focusOnRender.current) return;
    const row = scroller.current?.querySelector<HTMLElement>(`[data-row="${activeRow}"]`);
    if (!row) return;
    focusOnRender.current = false;
    row.focus({ preventScroll: true });
  });
  // A point picked on the chart: its row comes into view (the focus stays where it is).
  useEffect(() => {
    if (active !== null) virtual.scrollToIndex(activeRow, { align: 'auto' });
  }, [active, activeRow, virtual]);

  const moveTo = (row: number) => {
    const r = Math.max(0, Math.min(n - 1, row));
    if (r === activeRow) return;
    focusOnRender.current = true;
    onActive(n - 1 - r);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: PAGE, PageUp: -PAGE }[e.key];
    if (step !== undefined) moveTo(activeRow + step);
    else if (e.key === 'Home') moveTo(0);
    else if (e.key === 'End') moveTo(n - 1);
    else return;
    e.preventDefault();
  };

  const items = virtual.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = virtual.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  const cols = 1 + labels.length + withRange.filter(Boolean).length;

  return (
    <div ref={scroller} className={classes.tableScroller} data-testid="trend-table">
      <Table stickyHeader striped={false} highlightOnHover aria-rowcount={n + 1} onKeyDown={onKeyDown} verticalSpacing={6}>
        <caption>
          <VisuallyHidden>{caption}. {t('trends.table.keys')}</VisuallyHidden>
        </caption>
        <Table.Thead>
          <Table.Tr aria-rowindex={1}>
            <Table.Th scope="col">{t('trends.table.date')}</Table.Th>
            {labels.map((l, s) => (
              <HeaderCells key={l} label={l} unit={units[s] ?? null} withRange={withRange[s]!} rangeOf={labels.length > 1 ? l : null} />
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {before > 0 && <tr aria-hidden className={classes.spacer}><td colSpan={cols} style={{ height: before }} /></tr>}
          {items.map((item) => {
            const index = n - 1 - item.index;
            const first = trend.cells.find((col) => col[index])?.[index];
            const when = first ? pointDate(first.at, formatIn) : null;
            const isActive = item.index === activeRow;
            return (
              <Table.Tr
                key={item.key}
                data-row={item.index}
                aria-rowindex={item.index + 2}
                tabIndex={isActive ? 0 : -1}
                className={classes.row}
                data-active={isActive || undefined}
                onFocus={() => !isActive && onActive(index)}
                onClick={() => moveTo(item.index)}
              >
                <Table.Th scope="row" fw={400}>
                  {when?.date}
                  {when?.time && <Text span c="dimmed" size="sm"> {when.time}</Text>}
                </Table.Th>
                {trend.cells.map((col, s) => {
                  const p = col[index];
                  const flag = p ? abnormalFlag(p) : null;
                  return [
                    <Table.Td key={`v${s}`}>
                      {p?.value !== null && p?.value !== undefined ? `${formatDecimal(p.value)} ${p.unit ?? ''}` : '—'} {flag && <FlagText flag={flag} />}
                    </Table.Td>,
                    withRange[s] ? <Table.Td key={`r${s}`}>{p ? rangeText(p) : ''}</Table.Td> : null,
                  ];
                })}
              </Table.Tr>
            );
          })}
          {after > 0 && <tr aria-hidden className={classes.spacer}><td colSpan={cols} style={{ height: after }} /></tr>}
        </Table.Tbody>
      </Table>
    </div>
  );
}

function HeaderCells({ label, unit, withRange, rangeOf }: { label: string; unit: string | null; withRange: boolean; rangeOf: string | null }) {
  const { t } = useTranslation();
  return (
    <>
      <Table.Th scope="col">{unit ? `${label} (${unit})` : label}</Table.Th>
      {withRange && <Table.Th scope="col">{rangeOf ? t('trends.table.rangeOf', { label: rangeOf }) : t('trends.table.range')}</Table.Th>}
    </>
  );
}

/**
 * Trend data as a chart and its table read it, from the points of `observations.series`
 * (oldest first): the time window of the range selector, several series aligned on one time
 * axis (uPlot's columnar form: one x array, one y array per series, null where a series has no
 * value), the abnormal mark of each point and the reference range as bands. Pure: no React, no
 * canvas, so every rule is tested on its own.
 */
import type { SeriesPoint } from '../../../../shared/api/observations.ts';
import type { Interpretation } from '../../../../shared/domain/record/index.ts';

export const TREND_RANGES = ['1y', '5y', 'all'] as const;
export type TrendRange = (typeof TREND_RANGES)[number];

/**
 * The first day the range shows, as a `from` of `observations.series` (yyyy-mm-dd, compared
 * with the series' UTC keys), for `today` (yyyy-mm-dd in the doctor's zone); undefined for all.
 * 29 February a year back is 1 March (no such day).
 */
export function rangeStart(range: TrendRange, today: string): string | undefined {
  if (range === 'all') return undefined;
  const years = range === '1y' ? 1 : 5;
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const start = new Date(Date.UTC(y - years, m - 1, d));
  return start.toISOString().slice(0, 10);
}

/** An abnormal point's mark: the record's interpretation, else the value against its range. */
export type AbnormalFlag = Exclude<Interpretation, 'N'>;

/**
 * The mark of a point: its interpretation when the record has one (the laboratory's word wins:
 * HL7 ObservationInterpretation), else low/high against the reference range it was measured
 * with; null for a normal point or one with nothing to judge it by.
 */
export function abnormalFlag(p: Pick<SeriesPoint, 'value' | 'low' | 'high' | 'interpretation'>): AbnormalFlag | null {
  if (p.interpretation) return p.interpretation === 'N' ? null : p.interpretation;
  if (p.value === null) return null;
  if (p.low !== null && p.value < p.low) return 'L';
  if (p.high !== null && p.value > p.high) return 'H';
  return null;
}

/** Whether a flag points below the range (a downward mark), above it (upward) or neither (coded "abnormal"). */
export function flagDirection(flag: AbnormalFlag): 'low' | 'high' | 'other' {
  return flag === 'L' || flag === 'LL' ? 'low' : flag === 'H' || flag === 'HH' ? 'high' : 'other';
}

export function isCritical(flag: AbnormalFlag): boolean {
  return flag === 'LL' || flag === 'HH' || flag === 'AA';
}

/** Several series on one time axis. */
export interface AlignedTrend {
  /** Seconds since the epoch (uPlot's time unit), ascending. */
  x: number[];
  /** One array per series, as long as `x`: the value, or null where the series has none. */
  ys: (number | null)[][];
  /** The point behind each value (same shape as `ys`), for the table and the marks. */
  cells: (SeriesPoint | null)[][];
}

const seconds = (at: string) => Date.parse(at) / 1000;

/**
 * Aligns series (each oldest first, as `observations.series` returns them: UTC keys of one
 * form, so they compare as text) on the union of their instants. Values measured together (a blood pressure's two components) share a row; a series
 * with two values at the same instant gets two rows, never one value hidden behind another.
 * Points without a numeric value (coded, text) are left out: the chart has nowhere to put them.
 */
export function alignSeries(series: ReadonlyArray<readonly SeriesPoint[]>): AlignedTrend {
  const numeric = series.map((s) => s.filter((p) => p.value !== null));
  if (numeric.length === 1) {
    const s = numeric[0]!;
    return { x: s.map((p) => seconds(p.at)), ys: [s.map((p) => p.value)], cells: [s.slice()] };
  }
  // A linear merge of sorted series: each row takes the next point of every series at the earliest instant.
  const heads = numeric.map(() => 0);
  const x: number[] = [];
  const cells: (SeriesPoint | null)[][] = numeric.map(() => []);
  for (;;) {
    let at: string | null = null;
    numeric.forEach((s, i) => {
      const p = s[heads[i]!];
      if (p && (at === null || p.at < at)) at = p.at;
    });
    if (at === null) break;
    x.push(seconds(at));
    const picked = numeric.map((s, i) => {
      const p = s[heads[i]!];
      return p && p.at === at ? p : null;
    });
    // A component of the same panel (the other half of a blood pressure) joins the row even when
    // its time differs by a minute, as a home device may record it.
    const panels = new Set(picked.flatMap((p) => (p?.panelId ? [p.panelId] : [])));
    numeric.forEach((s, i) => {
      const head = s[heads[i]!];
      const p = picked[i] ?? (head?.panelId && panels.has(head.panelId) ? head : null);
      cells[i]!.push(p);
      if (p) heads[i]!++;
    });
  }
  return { x, ys: cells.map((col) => col.map((p) => p?.value ?? null)), cells };
}

/**
 * A stretch of time over which a series' reference range stayed the same: from the point that
 * started it to the point that ended it (the next one with another range, or the last). A
 * missing bound is null: the band then reaches the chart's edge (LDL "< 115").
 */
export interface ReferenceBand {
  series: number;
  /** Indexes into `x` of the first and the last point the band covers. */
  from: number;
  to: number;
  low: number | null;
  high: number | null;
}

/** The reference-range bands of every series; points without a range leave a gap. */
export function referenceBands(trend: AlignedTrend): ReferenceBand[] {
  const bands: ReferenceBand[] = [];
  trend.cells.forEach((col, s) => {
    let open: ReferenceBand | null = null;
    col.forEach((p, i) => {
      if (!p) return;
      if (p.low === null && p.high === null) {
        open = null;
        return;
      }
      if (open && open.low === p.low && open.high === p.high) {
        open.to = i;
        return;
      }
      if (open) open.to = i; // the old range holds until the point that changed it
      open = { series: s, from: i, to: i, low: p.low, high: p.high };
      bands.push(open);
    });
  });
  return bands;
}

/**
 * A telemonitoring plan's target range for one series of the chart (shared/api/monitoring.ts:
 * outside it a reading is a warning), over the plan's days (start and end as yyyy-mm-dd).
 */
export interface PlanTarget {
  series: number;
  low: number | null;
  high: number | null;
  start: string;
  end: string;
}

/** The plans' targets as bands over the points taken while each plan ran (days read as the series keys are: a band edge may shift by the zone offset). */
export function planBands(trend: AlignedTrend, targets: readonly PlanTarget[]): ReferenceBand[] {
  return targets.flatMap((t) => {
    const from = seconds(`${t.start}T00:00:00`);
    const to = seconds(`${t.end}T23:59:59`);
    const first = trend.x.findIndex((x) => x >= from);
    let last = -1;
    trend.x.forEach((x, i) => {
      if (x <= to) last = i;
    });
    if (first < 0 || last < first || (t.low === null && t.high === null)) return [];
    return [{ series: t.series, from: first, to: last, low: t.low, high: t.high }];
  });
}

/** The abnormal points: their row in `x`, their series and their mark. */
export interface AbnormalMark {
  index: number;
  series: number;
  flag: AbnormalFlag;
}

export function abnormalMarks(trend: AlignedTrend): AbnormalMark[] {
  const marks: AbnormalMark[] = [];
  trend.cells.forEach((col, s) => {
    col.forEach((p, i) => {
      const flag = p ? abnormalFlag(p) : null;
      if (flag) marks.push({ index: i, series: s, flag });
    });
  });
  return marks;
}

/**
 * The y extent that shows every value and every band bound (a range the values never reach is
 * still drawn), with a little room above and below; null for a chart without values.
 */
export function valueExtent(trend: AlignedTrend, bands: readonly ReferenceBand[]): [number, number] | null {
  let min = Infinity;
  let max = -Infinity;
  for (const ys of trend.ys) {
    for (const y of ys) {
      if (y === null) continue;
      if (y < min) min = y;
      if (y > max) max = y;
    }
  }
  if (min === Infinity) return null;
  for (const b of bands) {
    if (b.low !== null) min = Math.min(min, b.low);
    if (b.high !== null) max = Math.max(max, b.high);
  }
  const pad = max > min ? (max - min) * 0.08 : Math.max(Math.abs(max) * 0.1, 1);
  return [min - pad, max + pad];
}

/**
 * The day (dd/mm/yyyy) and time (hh:mm, or null) a point is shown with: a date-only value of
 * the record is keyed at 00:00 UTC (observations.series) and keeps its own day, with no time
 * invented for it; a date-time is shown in the doctor's zone.
 */
export function pointDate(at: string, formatIn: (d: Date) => string): { date: string; time: string | null } {
  if (at.endsWith('T00:00:00Z')) {
    const [y, m, d] = at.slice(0, 10).split('-');
    return { date: `${d}/${m}/${y}`, time: null };
  }
  const [date, time] = formatIn(new Date(at)).split(' ');
  return { date: date!, time: time ?? null };
}

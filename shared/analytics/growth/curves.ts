/**
 * Reference curves for the growth charts: per chart and sex, the values at the chart
 * percentiles (P3, P15, P50, P85, P97 by default) computed from L, M, S at each table row
 * (value = M·(1 + L·S·z)^(1/L), z = Φ⁻¹(p)). A chart draws each segment as its own polyline:
 * segments break where the reference changes (WHO 2006 → 2007 at 60 months) and where the
 * 2006 tables switch from length to height at 731 days, so no line joins the 0.7 cm step.
 */
import { lmsValue } from './lms.ts';
import { DAYS_PER_MONTH, HEIGHT_FROM_DAY } from './measurement.ts';
import { normalQuantile } from './normal.ts';
import { lmsAt, lmsRange, type GrowthTables, type LmsTable } from './tables.ts';
import { WHO2007_LAST_MONTH, WHO2007_WFA_LAST_MONTH } from './who2007.ts';
import type { GrowthReference } from './zscores.ts';

export const CHART_PERCENTILES = [3, 15, 50, 85, 97] as const;

/** wfl / wfh: weight-for-length (under 2 years) and weight-for-height (from 2 years) are two charts. */
export type GrowthChart = 'wfa' | 'lhfa' | 'bfa' | 'hcfa' | 'wfl' | 'wfh';

export interface CurveSegment {
  reference: GrowthReference;
  /** What x counts: age in months (2006 days / 30.4375) or length/height in cm. */
  x: 'age-months' | 'length-cm' | 'height-cm';
  /** For length/height-based charts, which measure the segment is based on. */
  basis?: 'length' | 'height';
  xs: number[];
  lines: { percentile: number; values: number[] }[];
}

export interface CurveOptions {
  percentiles?: readonly number[];
  /** Take every n-th day of the 2006 age tables (default 1: every day). */
  everyDays?: number;
}

function segment(
  table: LmsTable,
  sex: 'M' | 'F',
  keys: number[],
  toX: (k: number) => number,
  meta: Omit<CurveSegment, 'xs' | 'lines'>,
  zs: { percentile: number; z: number }[],
): CurveSegment {
  const rows = keys.map((k) => lmsAt(table, sex, k)!);
  return {
    ...meta,
    xs: keys.map(toX),
    lines: zs.map(({ percentile, z }) => ({ percentile, values: rows.map((r) => lmsValue(z, r)) })),
  };
}

function keysBetween(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let k = from; k <= to; k += step) out.push(k);
  if (out[out.length - 1] !== to) out.push(to);
  return out;
}

export function growthCurves(tables: GrowthTables, chart: GrowthChart, sex: 'M' | 'F', options: CurveOptions = {}): CurveSegment[] {
  const zs = (options.percentiles ?? CHART_PERCENTILES).map((p) => ({ percentile: p, z: normalQuantile(p / 100) }));
  const step = Math.max(1, Math.floor(options.everyDays ?? 1));
  const t6 = tables.who2006;
  const t7 = tables.who2007;
  const months = (d: number) => d / DAYS_PER_MONTH;
  const byDay = (table: LmsTable, from: number, to: number, basis?: 'length' | 'height') =>
    segment(table, sex, keysBetween(from, to, step), months, { reference: 'who2006', x: 'age-months', ...(basis ? { basis } : {}) }, zs);
  // The 2007 tables run one month past the reference's end (for interpolation): stop at its end.
  const byMonth = (table: LmsTable, lastMonth: number, basis?: 'height') => {
    const from = lmsRange(table, sex)[0];
    return segment(table, sex, keysBetween(from, lastMonth, 1), (k) => k, { reference: 'who2007', x: 'age-months', ...(basis ? { basis } : {}) }, zs);
  };
  const lastDay = (table: LmsTable) => lmsRange(table, sex)[1];
  switch (chart) {
    case 'wfa':
      return [byDay(t6.wfa, 0, lastDay(t6.wfa)), byMonth(t7.wfa, WHO2007_WFA_LAST_MONTH)];
    case 'lhfa':
      return [byDay(t6.lhfa, 0, HEIGHT_FROM_DAY - 1, 'length'), byDay(t6.lhfa, HEIGHT_FROM_DAY, lastDay(t6.lhfa), 'height'), byMonth(t7.hfa, WHO2007_LAST_MONTH, 'height')];
    case 'bfa':
      return [byDay(t6.bfa, 0, HEIGHT_FROM_DAY - 1, 'length'), byDay(t6.bfa, HEIGHT_FROM_DAY, lastDay(t6.bfa), 'height'), byMonth(t7.bfa, WHO2007_LAST_MONTH, 'height')];
    case 'hcfa':
      return [byDay(t6.hcfa, 0, lastDay(t6.hcfa))];
    case 'wfl':
    case 'wfh': {
      const table = chart === 'wfl' ? t6.wfl : t6.wfh;
      const [from, to] = lmsRange(table, sex);
      const basis = chart === 'wfl' ? 'length' : 'height';
      return [segment(table, sex, keysBetween(from, to, 1), (k) => k / 10, { reference: 'who2006', x: `${basis}-cm`, basis }, zs)];
    }
  }
}

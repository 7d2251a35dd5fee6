/**
 * Which growth charts a child gets and what each one plots (PAEDIATRICS.md §3): the five WHO
 * indicators, weight-for-length under 2 years and weight-for-height from 2 (two WHO charts for
 * one indicator), head circumference to 5 years only (WHO 2007 has none). The x range runs from
 * birth to a year past the child's age, so the curves around the child's points are legible.
 */
import type { CurveSegment, GrowthChartName, GrowthIndicatorName, GrowthPoint } from '../../../../shared/api/growth.ts';

export interface GrowthChartSpec {
  chart: GrowthChartName;
  indicator: GrowthIndicatorName;
  /** What the y axis counts, with its unit. */
  y: 'weight' | 'length' | 'bmi' | 'head';
  unit: string;
  /** x: age in months, or length/height in cm. */
  x: 'age' | 'cm';
}

const AGE_CHARTS: GrowthChartSpec[] = [
  { chart: 'wfa', indicator: 'wfa', y: 'weight', unit: 'kg', x: 'age' },
  { chart: 'lhfa', indicator: 'lhfa', y: 'length', unit: 'cm', x: 'age' },
];

/** The charts for a child of `ageMonths` today. */
export function chartsForAge(ageMonths: number): GrowthChartSpec[] {
  const wflh: GrowthChartSpec = { chart: ageMonths < 24 ? 'wfl' : 'wfh', indicator: 'wflh', y: 'weight', unit: 'kg', x: 'cm' };
  const out = [...AGE_CHARTS];
  // Weight-for-length/height exists to 5 years (WHO 2006 only).
  if (ageMonths < 60) out.push(wflh);
  out.push({ chart: 'bfa', indicator: 'bfa', y: 'bmi', unit: 'kg/m²', x: 'age' });
  if (ageMonths < 60) out.push({ chart: 'hcfa', indicator: 'hcfa', y: 'head', unit: 'cm', x: 'age' });
  return out;
}

/** The point's value on a chart: [x, y], or null when the point has nothing for it. */
export function pointOn(spec: GrowthChartSpec, p: GrowthPoint): [number, number] | null {
  const score = p.scores[spec.indicator];
  if (!score) return null;
  if (spec.x === 'cm') {
    // A point under 24 months belongs to weight-for-length, from 24 to weight-for-height.
    if ((spec.chart === 'wfl') !== (p.ageDays < 731) || p.lengthCm === undefined || p.weightKg === undefined) return null;
    return [p.lengthCm, p.weightKg];
  }
  const y = spec.y === 'weight' ? p.weightKg : spec.y === 'length' ? p.lengthCm : spec.y === 'bmi' ? p.bmi : p.headCm;
  return y === undefined ? null : [p.ageMonths, y];
}

/** The x range shown: birth to a year past today's age (at least 2 years), within the reference's own range. */
export function xRange(spec: GrowthChartSpec, segments: readonly CurveSegment[], ageMonths: number): [number, number] {
  const all = segments.flatMap((s) => [s.xs[0]!, s.xs[s.xs.length - 1]!]);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  if (spec.x === 'cm') return [lo, hi];
  const wanted = Math.max(24, Math.ceil((ageMonths + 12) / 12) * 12);
  return [lo, Math.min(hi, wanted)];
}

/** The references a chart shows in its range (named on the chart). */
export function referencesIn(segments: readonly CurveSegment[], range: [number, number]): Array<'who2006' | 'who2007'> {
  const refs = new Set<'who2006' | 'who2007'>();
  for (const s of segments) if (s.xs[0]! <= range[1] && s.xs[s.xs.length - 1]! >= range[0]) refs.add(s.reference);
  return [...refs];
}

/** Round tick values covering [lo, hi] with about `count` steps. */
export function ticks(lo: number, hi: number, count = 6): number[] {
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
}

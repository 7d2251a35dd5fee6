/**
 * Which trend charts a patient gets: one per parameter the record holds numeric values of, the
 * vital signs first (blood pressure as one chart of its two components, VITAL_KINDS), then the
 * key laboratory values a family doctor follows (DASHBOARD.md §1), then any other numeric code
 * by its display. Nothing is shown for a code the record does not have.
 */
import type { Observation } from '../../../../shared/domain/record/index.ts';
import { VITAL_KINDS } from '../../../../shared/domain/record/index.ts';

/** A known parameter: its chart's key (the i18n title `trends.parameters.<key>`) and its LOINC codes. */
interface KnownParameter {
  key: string;
  codes: readonly string[];
}

const v = VITAL_KINDS;
const KNOWN: readonly KnownParameter[] = [
  { key: 'bloodPressure', codes: [v.systolic.loinc, v.diastolic.loinc] },
  { key: 'weight', codes: [v.weight.loinc] },
  { key: 'bmi', codes: [v.bmi.loinc] },
  { key: 'waist', codes: [v.waist.loinc] },
  { key: 'heartRate', codes: [v['heart-rate'].loinc] },
  { key: 'spo2', codes: [v.spo2.loinc] },
  { key: 'capillaryGlucose', codes: [v.glucose.loinc] },
  { key: 'temperature', codes: [v.temperature.loinc] },
  { key: 'height', codes: [v.height.loinc] },
  { key: 'length', codes: [v.length.loinc] },
  { key: 'headCircumference', codes: [v['head-circumference'].loinc] },
  { key: 'hba1c', codes: ['4548-4'] },
  { key: 'glucose', codes: ['2345-7'] },
  { key: 'ldl', codes: ['13457-7'] },
  { key: 'cholesterol', codes: ['2093-3'] },
  { key: 'hdl', codes: ['2085-9'] },
  { key: 'triglycerides', codes: ['2571-8'] },
  { key: 'creatinine', codes: ['2160-0'] },
  { key: 'egfr', codes: ['62238-1'] },
  { key: 'acr', codes: ['9318-7'] },
  { key: 'potassium', codes: ['2823-3'] },
  { key: 'hemoglobin', codes: ['718-7'] },
  { key: 'tsh', codes: ['3016-3'] },
  { key: 'inr', codes: ['6301-6'] },
];

/** One series of a chart: a LOINC code with the record's own display of it. */
export interface ChartSeries {
  code: string;
  display: string;
  count: number;
}

/** One chart: a known parameter (`key`) or a code of the record's own (`key` null, titled by its display). */
export interface TrendChartSpec {
  id: string;
  key: string | null;
  series: ChartSeries[];
}

/** The charts for the latest observation of each code (`observations.latest`): numeric codes only. */
export function chartsFor(latest: ReadonlyArray<{ observation: Observation; count: number }>): TrendChartSpec[] {
  const numeric = new Map<string, ChartSeries>();
  for (const { observation: o, count } of latest) {
    if (o.value.type === 'quantity') numeric.set(o.code, { code: o.code, display: o.display, count });
  }
  const charts: TrendChartSpec[] = [];
  for (const p of KNOWN) {
    const series = p.codes.flatMap((c) => numeric.get(c) ?? []);
    if (series.length === 0) continue;
    charts.push({ id: p.key, key: p.key, series });
    for (const c of p.codes) numeric.delete(c);
  }
  const others = [...numeric.values()].sort((a, b) => a.display.localeCompare(b.display, 'it'));
  for (const s of others) charts.push({ id: `loinc-${s.code}`, key: null, series: [s] });
  return charts;
}

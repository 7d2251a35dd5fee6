/**
 * The plan form's fields as typed (dates dd/mm/yyyy, numbers "12,5") to the contract's
 * MonitoringPlanInput, with the field each problem belongs to. Parsing with the app's one date
 * and decimal parsers (shared/format); the zod schema then checks the rest (order of bounds).
 */
import type { MonitoringPlanInput } from '../../../../shared/api/monitoring.ts';
import { VITAL_KINDS, type VitalKind } from '../../../../shared/domain/record/vital-kinds.ts';
import { parseFullDate } from '../../../../shared/format/clinical-date.ts';
import { parseDecimal } from '../../../../shared/format/decimal.ts';

/** The parameters a home device measures (DASHBOARD.md §5). */
export const MONITORED_KINDS: readonly VitalKind[] = ['systolic', 'diastolic', 'heart-rate', 'spo2', 'glucose', 'weight', 'temperature'];

export interface ParameterFields {
  kind: VitalKind;
  everyDays: string;
  targetLow: string;
  targetHigh: string;
  alertLow: string;
  alertHigh: string;
}
export interface PlanFields {
  title: string;
  start: string;
  end: string;
  parameters: ParameterFields[];
}

export type PlanFormResult = { ok: true; plan: MonitoringPlanInput } | { ok: false; errors: Record<string, string> };

/** Error keys are i18n keys under monitoring.plan.errors. */
export function readPlanForm(f: PlanFields): PlanFormResult {
  const errors: Record<string, string> = {};
  const start = parseFullDate(f.start);
  const end = parseFullDate(f.end);
  if (!f.title.trim()) errors.title = 'required';
  if (!start) errors.start = 'date';
  if (!end) errors.end = 'date';
  if (start && end && end < start) errors.end = 'endBeforeStart';
  const parameters = f.parameters.map((p, i) => {
    const num = (key: keyof ParameterFields, integer = false): number | undefined => {
      const r = parseDecimal(p[key], { integer });
      if (r.ok) return r.value;
      if (r.reason !== 'empty') errors[`parameters.${i}.${key}`] = 'number';
      return undefined;
    };
    const every = num('everyDays', true);
    if (every === undefined || every < 1 || every > 90) errors[`parameters.${i}.everyDays`] = 'every';
    const target = { low: num('targetLow'), high: num('targetHigh') };
    const alert = { low: num('alertLow'), high: num('alertHigh') };
    if (target.low !== undefined && target.high !== undefined && target.low > target.high) errors[`parameters.${i}.targetHigh`] = 'order';
    if (alert.low !== undefined && target.low !== undefined && alert.low > target.low) errors[`parameters.${i}.alertLow`] = 'alertLow';
    if (alert.high !== undefined && target.high !== undefined && alert.high < target.high) errors[`parameters.${i}.alertHigh`] = 'alertHigh';
    if ([target.low, target.high, alert.low, alert.high].every((x) => x === undefined)) errors[`parameters.${i}.targetLow`] ??= 'someBound';
    const v = VITAL_KINDS[p.kind];
    const clean = (r: { low?: number | undefined; high?: number | undefined }) => ({ ...(r.low !== undefined ? { low: r.low } : {}), ...(r.high !== undefined ? { high: r.high } : {}) });
    return { code: v.loinc, display: v.display, unit: v.unit, everyDays: every ?? 1, target: clean(target), alert: clean(alert) };
  });
  const codes = parameters.map((p) => p.code);
  codes.forEach((c, i) => {
    if (codes.indexOf(c) !== i) errors[`parameters.${i}.kind`] = 'duplicate';
  });
  if (Object.keys(errors).length > 0 || !start || !end) return { ok: false, errors };
  return { ok: true, plan: { title: f.title.trim(), start, end, parameters } };
}

export function emptyParameter(kind: VitalKind = 'systolic'): ParameterFields {
  return { kind, everyDays: '1', targetLow: '', targetHigh: '', alertLow: '', alertHigh: '' };
}

/**
 * Telemonitoring alerts from a plan and the record's readings (telemedicina.md §3: a critical
 * value becomes an alert event; DASHBOARD.md §5 for the device codes). Pure: readings in,
 * alerts out, no clock. Days are the doctor's calendar days in the clinical time zone (a reading
 * at 00:30 in Rome belongs to that Roman day, not to the UTC one).
 *
 * - out-of-range: each numeric reading of a plan parameter on a day of the plan, up to today:
 *   beyond an alert threshold → critical; outside the target only → warning.
 * - missing: the plan's days cut into periods of `everyDays` from its start; a period that has
 *   ended (its last day before today, and within the plan) with no reading → warning. Only the
 *   last MAX_MISSING_PERIODS periods are reported, so a forgotten plan does not flood the list.
 */
import type { MonitoredParameter, MonitoringAlert, MonitoringPlan } from '../../api/monitoring.ts';
import { todayIn } from '../../format/clinical-time.ts';
import { addDays, daysBetween } from '../../domain/iso-date.ts';

export const MAX_MISSING_PERIODS = 30;

export interface MonitoringReading {
  id: string;
  code: string;
  /** The observation's own instant: a date-time with offset, or a date. */
  effective: string;
  value: number | null;
  unit: string | null;
}

/** The calendar day of an instant in the clinical zone; a date stays itself. */
export function localDay(effective: string, zone: string): string {
  if (effective.length <= 10) return effective.slice(0, 10);
  const t = new Date(effective);
  return Number.isNaN(t.getTime()) ? effective.slice(0, 10) : todayIn(zone, t);
}

function outside(value: number, r: { low?: number | undefined; high?: number | undefined }): 'low' | 'high' | null {
  if (r.low !== undefined && value < r.low) return 'low';
  if (r.high !== undefined && value > r.high) return 'high';
  return null;
}

function rangeOf(r: { low?: number | undefined; high?: number | undefined }): { low: number | null; high: number | null } {
  return { low: r.low ?? null, high: r.high ?? null };
}

function parameterAlerts(plan: MonitoringPlan, p: MonitoredParameter, readings: readonly MonitoringReading[], today: string, zone: string): Omit<MonitoringAlert, 'acknowledged'>[] {
  const out: Omit<MonitoringAlert, 'acknowledged'>[] = [];
  const lastDay = plan.end < today ? plan.end : today;
  const days = new Set<string>();
  for (const r of readings) {
    if (r.code !== p.code) continue;
    const day = localDay(r.effective, zone);
    if (day < plan.start || day > lastDay) continue;
    days.add(day);
    if (r.value === null) continue;
    const beyond = outside(r.value, p.alert);
    const off = beyond ?? outside(r.value, p.target);
    if (!off) continue;
    out.push({
      id: `${plan.id}:${p.code}:out:${r.id}`,
      planId: plan.id,
      patientId: plan.patientId,
      code: p.code,
      display: p.display,
      kind: 'out-of-range',
      severity: beyond ? 'critical' : 'warning',
      date: day,
      observationId: r.id,
      value: r.value,
      unit: r.unit ?? p.unit,
      bound: rangeOf(beyond ? p.alert : p.target),
      periodStart: null,
    });
  }
  // Periods [start + k·every, start + (k+1)·every − 1] that ended before today, within the plan.
  const lastClosed = addDays(today, -1) < plan.end ? addDays(today, -1) : plan.end;
  const periods = Math.floor((daysBetween(plan.start, lastClosed) + 1) / p.everyDays);
  for (let k = Math.max(0, periods - MAX_MISSING_PERIODS); k < periods; k++) {
    const from = addDays(plan.start, k * p.everyDays);
    const to = addDays(from, p.everyDays - 1);
    let seen = false;
    for (let d = from; d <= to && !seen; d = addDays(d, 1)) seen = days.has(d);
    if (seen) continue;
    out.push({
      id: `${plan.id}:${p.code}:missing:${from}`,
      planId: plan.id,
      patientId: plan.patientId,
      code: p.code,
      display: p.display,
      kind: 'missing',
      severity: 'warning',
      date: to,
      observationId: null,
      value: null,
      unit: p.unit,
      bound: null,
      periodStart: from,
    });
  }
  return out;
}

/** Every alert of one plan, the newest day first, critical before warning on a day. */
export function planAlerts(plan: MonitoringPlan, readings: readonly MonitoringReading[], today: string, zone: string): Omit<MonitoringAlert, 'acknowledged'>[] {
  if (plan.start > today) return [];
  return plan.parameters.flatMap((p) => parameterAlerts(plan, p, readings, today, zone)).sort(compareAlerts);
}

export function compareAlerts(a: Pick<MonitoringAlert, 'date' | 'severity' | 'id'>, b: Pick<MonitoringAlert, 'date' | 'severity' | 'id'>): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  if (a.severity !== b.severity) return a.severity === 'critical' ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The sentence of an alert, in Italian, for the "what is due" list and the worklist. */
export function alertLabel(a: Pick<MonitoringAlert, 'kind' | 'display' | 'value' | 'unit' | 'bound' | 'periodStart' | 'date' | 'severity'>): string {
  const num = (n: number) => String(n).replace('.', ',');
  if (a.kind === 'missing') {
    const from = a.periodStart ?? a.date;
    const dd = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
    return from === a.date ? `${a.display}: nessuna rilevazione il ${dd(a.date)}` : `${a.display}: nessuna rilevazione dal ${dd(from)} al ${dd(a.date)}`;
  }
  const b = a.bound;
  const range = b ? (b.low !== null && b.high !== null ? `${num(b.low)}–${num(b.high)}` : b.low !== null ? `≥ ${num(b.low)}` : b.high !== null ? `≤ ${num(b.high)}` : '') : '';
  const what = a.severity === 'critical' ? 'oltre la soglia di allarme' : 'fuori obiettivo';
  return `${a.display} ${a.value === null ? '' : num(a.value)} ${a.unit}: ${what}${range ? ` (${range})` : ''}`.replace(/\s+/g, ' ');
}

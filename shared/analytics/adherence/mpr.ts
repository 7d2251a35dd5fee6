/**
 * MPR, medication possession ratio (DOMAIN.md §2.2-2.3), per patient and drug class: the days
 * of supply dispensed over a span of days. Overlaps are not removed, so early refills push it
 * above 1 unless capped. Two spans are in use:
 * - `period`: the days of the measurement period (the classic MPR);
 * - `supply`: from the first fill to the theoretical end of the last fill's supply, the span
 *   AIFA OsMed divides by (its durations come from the DDD).
 * Only fills dated inside the period count.
 */
import { durationMethodsOf } from './cma/index.ts';
import type { Day } from './days.ts';
import type { ClassFill, DayRange } from './pdc.ts';
import type { DurationMethod, PatientId } from './types.ts';
import { comparePatientIds } from './units.ts';

export interface MprParams {
  period: DayRange;
  span: 'period' | 'supply';
  /** Cap the ratio at 1, as many reports do. */
  cap?: boolean;
}

export interface MprResult {
  patientId: PatientId;
  drugClass: string;
  firstFill: Day;
  daysSupplied: number;
  spanDays: number;
  mpr: number;
  durationMethods: DurationMethod[];
}

export function computeMpr(fills: readonly ClassFill[], params: MprParams): MprResult[] {
  const groups = new Map<string, ClassFill[]>();
  const { first, last } = params.period;
  for (const f of fills) {
    if (f.date < first || f.date > last) continue;
    const key = JSON.stringify([f.patientId, f.drugClass]);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(f);
  }
  const out: MprResult[] = [];
  for (const g of groups.values()) {
    const sorted = [...g].sort((a, b) => a.date - b.date);
    const firstFill = sorted[0]!.date;
    const lastFill = sorted[sorted.length - 1]!;
    const daysSupplied = sorted.reduce((s, f) => s + f.duration, 0);
    const spanDays = params.span === 'period' ? last - first + 1 : lastFill.date + lastFill.duration - firstFill;
    const ratio = daysSupplied / spanDays;
    out.push({
      patientId: sorted[0]!.patientId,
      drugClass: sorted[0]!.drugClass,
      firstFill,
      daysSupplied,
      spanDays,
      mpr: params.cap ? Math.min(1, ratio) : ratio,
      durationMethods: durationMethodsOf(sorted),
    });
  }
  return out.sort((a, b) => comparePatientIds(a.patientId, b.patientId) || (a.drugClass < b.drugClass ? -1 : a.drugClass > b.drugClass ? 1 : 0));
}

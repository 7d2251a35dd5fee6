/**
 * `computeCma`: CMA1-CMA9 per patient exactly as AdhereR 0.8.1 computes them (DOMAIN.md
 * §2.5), patients in ID order, null where AdhereR gives NA.
 */
import type { CmaParams, CmaResult, DurationMethod, MedicationEvent } from '../types.ts';
import { groupByPatient, type CmaUnit } from '../units.ts';
import { validateEvents } from '../validate-events.ts';
import { validateWindowSpec } from '../windows.ts';
import { cmaForUnits } from './compute.ts';

export function durationMethodsOf(events: readonly Pick<MedicationEvent, 'durationMethod'>[]): DurationMethod[] {
  return [...new Set(events.map((e) => e.durationMethod))].sort();
}

export function computeCma(events: readonly MedicationEvent[], params: CmaParams): CmaResult[] {
  validateEvents(events);
  validateWindowSpec(params.followUp, params.observation);
  const units: CmaUnit[] = [...groupByPatient(events)].map(([id, evs]) => ({
    id,
    events: evs,
    windows: { followUp: params.followUp, observation: params.observation },
  }));
  const values = cmaForUnits(params.cma, units, params);
  return units.map((u) => ({ patientId: u.id, cma: values.get(u.id) ?? null, durationMethods: durationMethodsOf(u.events) }));
}

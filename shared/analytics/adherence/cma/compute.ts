/**
 * CMA1-CMA9 over a set of units (patients, or the episodes and windows AdhereR builds), with
 * AdhereR's all-or-nothing failures: if any unit's observation window leaves its follow-up
 * window, or no unit has an event inside its follow-up window, there is no result at all.
 */
import { NO_CARRY, type GapOptions } from '../event-intervals.ts';
import type { CarryOptions, CmaKind, MedicationEvent, PatientId } from '../types.ts';
import { AdherenceComputationError, unitIntervals, type CmaUnit } from '../units.ts';
import { cma7 } from './cma7.ts';
import { cma8 } from './cma8.ts';
import { cma9 } from './cma9.ts';
import { cma5, cma6 } from './gap-ratios.ts';
import { capAtOne, cma1, cma2 } from './supply-ratios.ts';

/** The carry-over each CMA uses; CMA1-CMA4 ignore the refinements, as AdhereR forces them off. */
export function gapOptionsFor(kind: CmaKind, carry: CarryOptions): GapOptions {
  if (kind <= 4) return NO_CARRY;
  return {
    carryWithin: true,
    carryInto: kind >= 7,
    carryOnlyForSameMedication: carry.carryOnlyForSameMedication ?? false,
    considerDosageChange: carry.considerDosageChange ?? false,
  };
}

function unitCma<E extends MedicationEvent>(kind: CmaKind, unit: CmaUnit<E>, gaps: GapOptions): { value: number | null; eventsInFollowUp: number } {
  if (kind === 8) return cma8(unit, gaps);
  if (kind === 9) return cma9(unit, gaps);
  const info = unitIntervals(unit, gaps);
  const n = info.rows.length;
  switch (kind) {
    case 1:
      return { value: cma1(info), eventsInFollowUp: n };
    case 2:
      return { value: cma2(info), eventsInFollowUp: n };
    case 3:
      return { value: capAtOne(cma1(info)), eventsInFollowUp: n };
    case 4:
      return { value: capAtOne(cma2(info)), eventsInFollowUp: n };
    case 5:
      return { value: cma5(info), eventsInFollowUp: n };
    case 6:
      return { value: cma6(info), eventsInFollowUp: n };
    case 7:
      return { value: cma7(info), eventsInFollowUp: n };
  }
}

/** One value per unit, in the units' order; null where AdhereR gives NA. */
export function cmaForUnits<E extends MedicationEvent>(kind: CmaKind, units: readonly CmaUnit<E>[], carry: CarryOptions): Map<PatientId, number | null> {
  const gaps = gapOptionsFor(kind, carry);
  const values = new Map<PatientId, number | null>();
  const outside: PatientId[] = [];
  let anyInFollowUp = false;
  for (const unit of units) {
    try {
      const r = unitCma(kind, unit, gaps);
      values.set(unit.id, r.value);
      if (r.eventsInFollowUp > 0) anyInFollowUp = true;
    } catch (e) {
      if (e instanceof AdherenceComputationError && e.code === 'OBSERVATION_WINDOW_OUTSIDE_FOLLOW_UP') outside.push(...e.units);
      else throw e;
    }
  }
  if (outside.length > 0) {
    throw new AdherenceComputationError('OBSERVATION_WINDOW_OUTSIDE_FOLLOW_UP', outside, `the observation window is not within the follow-up window for ${outside.join(', ')}`);
  }
  if (units.length > 0 && !anyInFollowUp) {
    throw new AdherenceComputationError('NO_EVENTS_IN_WINDOWS', [], 'no event falls within the follow-up and observation windows');
  }
  return values;
}

/**
 * A unit is what AdhereR computes one CMA value for: a patient, or internally a patient's
 * treatment episode or sliding window. Its events are sorted by date (ties keep input order,
 * as data.table's keyed sort does) and its windows resolve against its first event.
 */
import { computeEventIntervals, type GapOptions, type IntervalOptions, type UnitIntervals } from './event-intervals.ts';
import type { MedicationEvent, PatientId } from './types.ts';
import { observationWithinFollowUp, resolveWindows, type ResolvedWindows, type WindowDefinition } from './windows.ts';

export interface CmaUnit<E extends MedicationEvent = MedicationEvent> {
  id: PatientId;
  events: readonly E[];
  windows: WindowDefinition;
}

export type AdherenceErrorCode = 'OBSERVATION_WINDOW_OUTSIDE_FOLLOW_UP' | 'NO_EVENTS_IN_WINDOWS';

/**
 * The cases where AdhereR returns no result at all (NULL) rather than NA for some patients:
 * an observation window that leaves the follow-up window for any unit, or no event inside
 * any unit's follow-up window.
 */
export class AdherenceComputationError extends Error {
  constructor(
    readonly code: AdherenceErrorCode,
    readonly units: PatientId[],
    message: string,
  ) {
    super(message);
    this.name = 'AdherenceComputationError';
  }
}

export function windowsOf(unit: CmaUnit): ResolvedWindows {
  return resolveWindows(unit.events[0]!.date, unit.windows);
}

/** The unit's windows, refused as AdhereR refuses them when the observation window leaves the follow-up. */
export function checkedWindows(unit: CmaUnit): ResolvedWindows {
  const w = windowsOf(unit);
  if (!observationWithinFollowUp(w)) {
    throw new AdherenceComputationError(
      'OBSERVATION_WINDOW_OUTSIDE_FOLLOW_UP',
      [unit.id],
      `the observation window is not within the follow-up window for ${String(unit.id)}`,
    );
  }
  return w;
}

export function unitIntervals<E extends MedicationEvent>(
  unit: CmaUnit<E>,
  gaps: GapOptions,
  options?: IntervalOptions,
): UnitIntervals<E> {
  const info = computeEventIntervals(unit.events, windowsOf(unit), gaps, options);
  if (info === null) {
    throw new AdherenceComputationError(
      'OBSERVATION_WINDOW_OUTSIDE_FOLLOW_UP',
      [unit.id],
      `the observation window is not within the follow-up window for ${String(unit.id)}`,
    );
  }
  return info;
}

/** Stable sort by patient then date; groups consecutive events of a patient. */
export function groupByPatient<E extends MedicationEvent>(events: readonly E[]): Map<PatientId, E[]> {
  const order = events.map((e, i) => i);
  order.sort((a, b) => {
    const ea = events[a]!;
    const eb = events[b]!;
    return comparePatientIds(ea.patientId, eb.patientId) || ea.date - eb.date || a - b;
  });
  const groups = new Map<PatientId, E[]>();
  for (const i of order) {
    const e = events[i]!;
    let g = groups.get(e.patientId);
    if (!g) groups.set(e.patientId, (g = []));
    g.push(e);
  }
  return groups;
}

/** Numbers before strings; numbers numerically, strings by code unit (R's C-locale keys). */
export function comparePatientIds(a: PatientId, b: PatientId): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Stable sort of one unit's events by date. */
export function sortByDate<E extends MedicationEvent>(events: readonly E[]): E[] {
  return events
    .map((e, i) => [e, i] as const)
    .sort((x, y) => x[0].date - y[0].date || x[1] - y[1])
    .map(([e]) => e);
}

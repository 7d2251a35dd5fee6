/**
 * Event intervals and gap days for one unit's events, as AdhereR's `compute.event.int.gaps`
 * defines them (AdhereR 0.8.1, R/adherer.R):
 * - the events considered are those inside the follow-up window and not after the
 *   observation window; with carry-over into the window also those before it, otherwise
 *   only those inside it;
 * - an event's interval runs to the next considered event; the last one's runs to the end of
 *   the observation window;
 * - gap = interval - duration - carry-over in, never below 0; what exceeds the interval
 *   becomes the carry-over into the next event (when carrying within the window), cleared
 *   when the medication class changes (`carryOnlyForSameMedication`) or rescaled by
 *   old dose / new dose (`considerDosageChange`);
 * - intervals of events outside the observation window are then set to NA (NaN here), unless
 *   kept, while their gap days stay.
 */
import type { MedicationEvent } from './types.ts';
import { observationWithinFollowUp, type ResolvedWindows } from './windows.ts';

export interface GapOptions {
  carryWithin: boolean;
  carryInto: boolean;
  carryOnlyForSameMedication: boolean;
  considerDosageChange: boolean;
}

export const NO_CARRY: GapOptions = {
  carryWithin: false,
  carryInto: false,
  carryOnlyForSameMedication: false,
  considerDosageChange: false,
};

/** One event with what AdhereR caches for it. NaN stands for R's NA. */
export interface EventRow<E extends MedicationEvent = MedicationEvent> {
  event: E;
  withinFollowUp: boolean;
  beforeObservation: boolean;
  afterObservation: boolean;
  interval: number;
  gap: number;
  carryIn: number;
}

export interface UnitIntervals<E extends MedicationEvent = MedicationEvent> {
  windows: ResolvedWindows;
  /** The unit's events in date order; only those inside the follow-up window unless asked. */
  rows: EventRow<E>[];
}

export interface IntervalOptions {
  /** Keep the interval of events outside the observation window (CMA9). */
  keepIntervalForAll?: boolean;
  /** Keep events outside the follow-up window (AdhereR's `remove.events.outside.followup.window = FALSE`). */
  keepEventsOutsideFollowUp?: boolean;
}

/**
 * `events` must be one unit's events sorted by date (ties in input order). Returns null when
 * the observation window is not inside the follow-up window: AdhereR then refuses the whole
 * computation, and so do the callers.
 */
export function computeEventIntervals<E extends MedicationEvent>(
  events: readonly E[],
  windows: ResolvedWindows,
  gaps: GapOptions,
  options: IntervalOptions = {},
): UnitIntervals<E> | null {
  if (!observationWithinFollowUp(windows)) return null;
  const { fuStart, fuEnd, owStart, owEnd } = windows;
  const rows: EventRow<E>[] = events.map((event) => ({
    event,
    withinFollowUp: event.date >= fuStart && event.date <= fuEnd,
    beforeObservation: event.date < owStart,
    afterObservation: event.date > owEnd,
    interval: Number.NaN,
    gap: Number.NaN,
    carryIn: Number.NaN,
  }));

  const s = rows.filter((r) => r.withinFollowUp && !r.afterObservation && (gaps.carryInto || !r.beforeObservation));
  if (s.length === 1) {
    const r = s[0]!;
    r.interval = owEnd - r.event.date;
    r.carryIn = 0;
    r.gap = Math.max(0, r.interval - r.event.duration);
  } else if (s.length > 1) {
    const last = s.length - 1;
    for (let i = 0; i < s.length; i++) {
      const r = s[i]!;
      r.interval = i < last ? s[i + 1]!.event.date - r.event.date : owEnd - r.event.date;
    }
    if (gaps.carryWithin) {
      let carry = 0;
      for (let i = 0; i < s.length; i++) {
        const r = s[i]!;
        const next = i < last ? s[i + 1]! : undefined;
        r.carryIn = carry;
        const gap = r.interval - r.event.duration - carry;
        if (gap < 0) {
          r.gap = 0;
          carry = -gap;
        } else {
          r.gap = gap;
          carry = 0;
        }
        const medicationChanged = next !== undefined && r.event.medicationClass !== next.event.medicationClass;
        if (gaps.carryOnlyForSameMedication && medicationChanged) carry = 0;
        else if (gaps.considerDosageChange && next !== undefined) carry *= doseRatio(r.event, next.event);
      }
    } else {
      for (const r of s) {
        r.carryIn = 0;
        r.gap = Math.max(0, r.interval - r.event.duration);
      }
    }
  }

  if (!options.keepIntervalForAll) {
    for (const r of rows) if (r.beforeObservation || r.afterObservation) r.interval = Number.NaN;
  }
  return { windows, rows: options.keepEventsOutsideFollowUp ? rows : rows.filter((r) => r.withinFollowUp) };
}

/** Old dose over new dose; without doses AdhereR uses 1. */
function doseRatio(current: MedicationEvent, next: MedicationEvent): number {
  if (current.dailyDose === undefined || next.dailyDose === undefined) return 1;
  return current.dailyDose / next.dailyDose;
}

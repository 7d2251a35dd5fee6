/**
 * Follow-up and observation windows, resolved per patient the way AdhereR's
 * `compute.event.int.gaps` does: a numeric follow-up start counts from the patient's first
 * event (sorted by date), a numeric observation start counts from the follow-up start, and
 * each end is its start plus the rounded duration. The follow-up window includes both ends
 * (an event on its last day counts); the observation window excludes events before its start
 * and after its end, so an event on its last day is inside.
 */
import { addInterval, type Day, type TimeUnit } from './days.ts';
import type { WindowSpec, WindowStart } from './types.ts';

export interface ResolvedWindows {
  fuStart: Day;
  fuEnd: Day;
  owStart: Day;
  owEnd: Day;
}

/** The two windows of one unit (a patient, an episode, a sliding window). */
export interface WindowDefinition {
  followUp: WindowSpec;
  observation: WindowSpec;
}

function startOf(start: WindowStart, origin: Day): Day {
  return 'date' in start ? start.date : addInterval(origin, start.offset, start.unit ?? 'days');
}

export function resolveWindows(firstEventDay: Day, def: WindowDefinition): ResolvedWindows {
  const fuStart = startOf(def.followUp.start, firstEventDay);
  const fuEnd = addInterval(fuStart, def.followUp.duration, def.followUp.unit ?? 'days');
  const owStart = startOf(def.observation.start, fuStart);
  const owEnd = addInterval(owStart, def.observation.duration, def.observation.unit ?? 'days');
  return { fuStart, fuEnd, owStart, owEnd };
}

/** AdhereR refuses a computation when, for any unit, the observation window leaves the follow-up. */
export function observationWithinFollowUp(w: ResolvedWindows): boolean {
  return !(w.fuStart > w.owStart || w.fuEnd < w.owEnd);
}

/** The checks AdhereR's CMA0 makes on the caller's windows. */
export function validateWindowSpec(followUp: WindowSpec, observation: WindowSpec): void {
  if (!(followUp.duration > 0)) throw new RangeError('the follow-up window duration must be a positive number');
  if (!(observation.duration > 0)) throw new RangeError('the observation window duration must be a positive number');
  if ('offset' in observation.start && !(observation.start.offset >= 0)) {
    throw new RangeError('the observation window start must be a non-negative number of units');
  }
  for (const s of [followUp.start, observation.start]) {
    if ('offset' in s && !Number.isFinite(s.offset)) throw new RangeError('a window start must be a finite number');
    if ('date' in s && !Number.isFinite(s.date)) throw new RangeError('a window start date must be a valid date');
  }
}

/** A window of `duration` days starting on a fixed day, for the units AdhereR builds internally. */
export function fixedWindow(start: Day, duration: number, unit: TimeUnit = 'days'): WindowSpec {
  return { start: { date: start }, duration, unit };
}

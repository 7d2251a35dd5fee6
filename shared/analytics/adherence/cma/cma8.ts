/**
 * CMA8: CMA7 with the observation window's start lagged past the supply carried over from
 * before it (DOMAIN.md §2.5; AdhereR 0.8.1 R/adherer.R), for intervention studies where the
 * stock at the start should not count.
 *
 * With carry-over within and into the window, each event before the window ends on
 * date + duration + carry-over in; the new start is the latest such end that falls after the
 * window start (it may be fractional, and may even pass the window end), else the window
 * start. CMA7 then runs on the events inside the follow-up window with the same follow-up
 * window and an observation window from the new start to the old end (its length in days
 * rounded, as AdhereR rounds every duration).
 */
import type { GapOptions } from '../event-intervals.ts';
import type { MedicationEvent } from '../types.ts';
import { unitIntervals, type CmaUnit } from '../units.ts';
import { fixedWindow } from '../windows.ts';
import { cma7 } from './cma7.ts';

export function cma8<E extends MedicationEvent>(unit: CmaUnit<E>, gaps: GapOptions): { value: number | null; eventsInFollowUp: number } {
  const info = unitIntervals(unit, gaps);
  const { fuStart, owStart, owEnd } = info.windows;
  let newStart = owStart;
  let lagged = false;
  for (const r of info.rows) {
    const end = r.event.date + r.event.duration + r.carryIn;
    if (r.beforeObservation && end > owStart) {
      newStart = lagged ? Math.max(newStart, end) : end;
      lagged = true;
    }
  }
  if (info.rows.length === 0) return { value: null, eventsInFollowUp: 0 };
  const inner: CmaUnit<E> = {
    id: unit.id,
    events: info.rows.map((r) => r.event),
    windows: {
      followUp: { ...unit.windows.followUp, start: { date: fuStart } },
      observation: fixedWindow(newStart, owEnd - newStart),
    },
  };
  return { value: cma7(unitIntervals(inner, gaps)), eventsInFollowUp: info.rows.length };
}

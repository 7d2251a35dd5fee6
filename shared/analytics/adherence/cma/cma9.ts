/**
 * CMA9: each interval between events weighted by the share of it the supply covers, with
 * oversupply carried into the next intervals, over the observation window (DOMAIN.md §2.5;
 * AdhereR 0.8.1 R/adherer.R). It does not assume the medication is taken as prescribed
 * within an interval, only that the supply is spread over it.
 *
 * Intervals and gaps are computed over the whole follow-up window (observation window set to
 * the follow-up window, carry-over within and into it), so that intervals that straddle the
 * real observation window count with their own coverage ratio. Each event's ratio
 * 1 - gap / interval weighs the days of its interval that lie inside the real observation
 * window; NA when no event starts on or before the window's end.
 */
import type { GapOptions } from '../event-intervals.ts';
import type { MedicationEvent } from '../types.ts';
import { checkedWindows, unitIntervals, type CmaUnit } from '../units.ts';

export function cma9<E extends MedicationEvent>(unit: CmaUnit<E>, gaps: GapOptions): { value: number | null; eventsInFollowUp: number } {
  const fu = unit.windows.followUp;
  const wholeFollowUp: CmaUnit<E> = {
    ...unit,
    windows: { followUp: fu, observation: { start: { offset: 0, unit: 'days' }, duration: fu.duration, unit: fu.unit ?? 'days' } },
  };
  const info = unitIntervals(wholeFollowUp, gaps, { keepIntervalForAll: true });
  const actual = checkedWindows(unit);
  const { owStart, owEnd } = actual;
  if (!info.rows.some((r) => r.event.date <= owEnd)) return { value: null, eventsInFollowUp: info.rows.length };
  let weighted = 0;
  for (const r of info.rows) {
    const ratio = 1 - r.gap / r.interval;
    const start = Math.max(r.event.date, owStart);
    const end = Math.min(r.event.date + r.interval, owEnd);
    const term = ratio * Math.max(0, end - start);
    if (!Number.isNaN(term)) weighted += term;
  }
  return { value: weighted / (owEnd - owStart), eventsInFollowUp: info.rows.length };
}

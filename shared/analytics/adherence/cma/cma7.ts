/**
 * CMA7: one minus the gap days inside the observation window over the window's length, with
 * carry-over within the window and into it from events before it (DOMAIN.md §2.5, the CMA
 * closest to PDC; AdhereR 0.8.1 R/adherer.R). `info` must come from
 * computeEventIntervals with carry within and into the window.
 *
 * The gap days counted are:
 * - before the first event in the window: the days from the window start to that event, or
 *   fewer if the last event before the window still covered some of them (the smaller of that
 *   event's gap and those days);
 * - between events in the window, and after the last one up to the window's end.
 * With no event inside the window the last event before it decides: its gap (up to the window
 * end) against the window length, 0 when its supply ended before the window, NA when there
 * is no earlier event at all.
 */
import type { UnitIntervals } from '../event-intervals.ts';
import { sumGaps } from './gap-ratios.ts';

export function cma7(info: UnitIntervals): number | null {
  const { rows, windows } = info;
  const owLength = windows.owEnd - windows.owStart;
  let first = -1;
  let last = -1;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (!r.beforeObservation && !r.afterObservation) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (first < 0) {
    let before = -1;
    for (let i = 0; i < rows.length; i++) if (rows[i]!.beforeObservation) before = i;
    if (before < 0) return null;
    const gap = rows[before]!.gap;
    return gap <= owLength ? 1 - gap / owLength : 0;
  }
  const firstDate = rows[first]!.event.date;
  const leadIn = firstDate - windows.owStart;
  const gapBeforeFirst = first === 0 ? leadIn : Math.min(rows[first - 1]!.gap, leadIn);
  const between = sumGaps(rows.slice(first, last));
  return 1 - (between + rows[last]!.gap + gapBeforeFirst) / owLength;
}

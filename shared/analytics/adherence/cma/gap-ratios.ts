/**
 * CMA5 and CMA6: one minus the gap days over a span, with carry-over within the
 * observation window (DOMAIN.md §2.5; AdhereR 0.8.1 R/adherer.R). Gap days of NA events
 * are skipped as R's sum(na.rm = TRUE) does.
 */
import type { EventRow, UnitIntervals } from '../event-intervals.ts';

function inObservation(info: UnitIntervals) {
  return info.rows.filter((r) => !r.beforeObservation && !r.afterObservation);
}

export function sumGaps(rows: readonly EventRow[]): number {
  let total = 0;
  for (const r of rows) if (!Number.isNaN(r.gap)) total += r.gap;
  return total;
}

/**
 * CMA5: gap days between the first and the last event (the last event's own supply left
 * out), over the days from the first to the last event. NA with fewer than two events or all
 * on one day.
 */
export function cma5(info: UnitIntervals): number | null {
  const s = inObservation(info);
  if (s.length < 2) return null;
  const span = s[s.length - 1]!.event.date - s[0]!.event.date;
  if (span === 0) return null;
  return 1 - sumGaps(s.slice(0, -1)) / span;
}

/**
 * CMA6: all gap days, last event's included, over the days from the first event to the end
 * of the observation window. One event on the window's last day gives 1 - 0/0 = NaN, as in
 * AdhereR.
 */
export function cma6(info: UnitIntervals): number | null {
  const s = inObservation(info);
  if (s.length < 1) return null;
  return 1 - sumGaps(s) / (info.windows.owEnd - s[0]!.event.date);
}

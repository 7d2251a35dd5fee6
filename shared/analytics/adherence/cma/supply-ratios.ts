/**
 * CMA1 to CMA4: supplied days over a span, no carry-over (DOMAIN.md §2.5; AdhereR 0.8.1
 * R/adherer.R). Only events inside the observation window count.
 */
import type { UnitIntervals } from '../event-intervals.ts';

function inObservation(info: UnitIntervals) {
  return info.rows.filter((r) => !r.beforeObservation && !r.afterObservation);
}

/**
 * CMA1: days supplied by all events but the last, over the days from the first to the last
 * event. NA with fewer than two events or when they all fall on one day; may exceed 1.
 */
export function cma1(info: UnitIntervals): number | null {
  const s = inObservation(info);
  if (s.length < 2) return null;
  const span = s[s.length - 1]!.event.date - s[0]!.event.date;
  if (span === 0) return null;
  let supplied = 0;
  for (let i = 0; i < s.length - 1; i++) supplied += s[i]!.event.duration;
  return supplied / span;
}

/**
 * CMA2: days supplied by all events, last included, over the days from the first event to
 * the end of the observation window. The help page says "first to last event"; the code
 * divides by first event to end of window, and so does this (DOMAIN.md §2.5). An event on
 * the window's last day alone gives supply / 0 = Infinity, as in AdhereR.
 */
export function cma2(info: UnitIntervals): number | null {
  const s = inObservation(info);
  if (s.length < 1) return null;
  let supplied = 0;
  for (const r of s) supplied += r.event.duration;
  return supplied / (info.windows.owEnd - s[0]!.event.date);
}

/** CMA3 and CMA4: CMA1 and CMA2 capped at 1 (R's pmin keeps NA). */
export function capAtOne(value: number | null): number | null {
  return value === null ? null : Math.min(1, value);
}

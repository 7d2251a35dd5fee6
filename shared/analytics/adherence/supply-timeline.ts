/**
 * Supplies laid on a time line of days, for PDC (DOMAIN.md §2.1). A supply of D days that
 * starts on day s covers [s, s + D); days are continuous so that a supply derived from a
 * posology (37.5 days) covers exactly what it holds. Hospital stays are days on which the
 * supply is not used: it waits and resumes at discharge (the CMS adjustment), which can push
 * every later fill of the same drug.
 */
import type { Day } from './days.ts';

/** A half-open span of days [start, end). */
export interface Span {
  start: Day;
  end: Day;
}

/** Sorted, non-overlapping spans covering the same days as the input. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/** Days of `spans` (merged) that fall inside `window`. */
export function daysWithin(spans: readonly Span[], window: Span): number {
  let total = 0;
  for (const s of spans) total += Math.max(0, Math.min(s.end, window.end) - Math.max(s.start, window.start));
  return total;
}

/**
 * The days a supply of `duration` days starting on `start` is used, skipping the `stays`
 * (merged, sorted): a supply that starts in hospital starts at discharge; one that meets an
 * admission stops and goes on at discharge. Returns the spans of use and the day it runs out.
 */
export function useSupply(start: Day, duration: number, stays: readonly Span[]): { used: Span[]; end: Day } {
  const used: Span[] = [];
  let t = start;
  let left = duration;
  for (const stay of stays) {
    if (left <= 0) break;
    if (stay.end <= t) continue;
    if (stay.start > t) {
      const take = Math.min(left, stay.start - t);
      used.push({ start: t, end: t + take });
      left -= take;
      t += take;
      if (left <= 0) break;
    }
    t = Math.max(t, stay.end);
  }
  if (left > 0) {
    used.push({ start: t, end: t + left });
    t += left;
  }
  return { used, end: t };
}

/**
 * One drug's fills in date order, each started no earlier than the day the previous supply
 * runs out (PQA's shift of an early refill of the same drug), stays skipped.
 */
export function shiftedSupplies(fills: readonly { date: Day; duration: number }[], stays: readonly Span[]): Span[] {
  const used: Span[] = [];
  let previousEnd = -Infinity;
  for (const f of [...fills].sort((a, b) => a.date - b.date)) {
    const r = useSupply(Math.max(f.date, previousEnd), f.duration, stays);
    used.push(...r.used);
    previousEnd = r.end;
  }
  return used;
}

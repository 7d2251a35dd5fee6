/**
 * Ages and intervals as the calendars state them ("61 giorni", "6 settimane", "13 mesi",
 * "5 anni"): calendar arithmetic from a date, months and years first, then weeks and days.
 */
import { z } from 'zod';
import { addDays, addMonths } from './iso-date.ts';

const part = z.number().int().min(0).max(10_000).optional();

export const Duration = z
  .object({ years: part, months: part, weeks: part, days: part })
  .strict()
  .refine((d) => Object.values(d).some((v) => v !== undefined), 'a duration needs years, months, weeks or days');
export type Duration = z.infer<typeof Duration>;

export function addDuration(iso: string, d: Duration): string {
  const months = (d.years ?? 0) * 12 + (d.months ?? 0);
  const days = (d.weeks ?? 0) * 7 + (d.days ?? 0);
  return addDays(months === 0 ? iso : addMonths(iso, months), days);
}

/** The later of ISO dates (undefined ones ignored). */
export function latest(...dates: (string | undefined)[]): string | undefined {
  let out: string | undefined;
  for (const d of dates) if (d !== undefined && (out === undefined || d > out)) out = d;
  return out;
}

/** The earlier of ISO dates (undefined ones ignored). */
export function earliest(...dates: (string | undefined)[]): string | undefined {
  let out: string | undefined;
  for (const d of dates) if (d !== undefined && (out === undefined || d < out)) out = d;
  return out;
}

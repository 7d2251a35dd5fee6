/**
 * Per antigen, the doses that count, in order: a dose counts when given after birth and not in
 * the future, not at a younger age than its calendar dose allows, not sooner after the previous
 * dose of the same antigen than the minimum interval, and not on the same day as another dose of
 * the same antigen. A dose that does not count is reported with the reason and the first date it
 * would have counted. A recorded dose number larger than the count means earlier doses were
 * given elsewhere: they count as assumed (no date, so no interval is checked against them).
 */
import { addDuration } from '../../domain/duration.ts';
import type { CalendarDose } from './calendar.ts';
import type { Administration } from './input.ts';

export interface CountedDose {
  /** Undefined for a dose assumed from a later dose number. */
  date: string | undefined;
  administration: number | undefined;
}

export type NotCountedReason = 'before-birth' | 'after-today' | 'too-young' | 'too-soon' | 'same-day';

export interface NotCounted {
  /** Index in the input's administrations. */
  administration: number;
  id: string | undefined;
  antigen: string;
  reason: NotCountedReason;
  /** For too-young / too-soon: the first date it would have counted. */
  countsFrom?: string;
}

/** The calendar dose that defines ordinal n of an antigen (its minimum age and interval). */
export type DoseRules = ReadonlyMap<string, { seriesId: string; dose: CalendarDose }>;

export const ruleKey = (antigen: string, ordinal: number) => `${antigen}#${ordinal}`;

export function countDoses(
  antigen: string,
  given: readonly { index: number; admin: Administration }[],
  birthDate: string,
  today: string,
  rules: DoseRules,
  notCounted: NotCounted[],
): CountedDose[] {
  const sorted = [...given].sort((a, b) => (a.admin.date < b.admin.date ? -1 : a.admin.date > b.admin.date ? 1 : a.index - b.index));
  const out: CountedDose[] = [];
  for (const { index, admin } of sorted) {
    const skip = (reason: NotCountedReason, countsFrom?: string) =>
      notCounted.push({ administration: index, id: admin.id, antigen, reason, ...(countsFrom ? { countsFrom } : {}) });
    const date = admin.date.slice(0, 10);
    if (date < birthDate) {
      skip('before-birth');
      continue;
    }
    if (date > today) {
      skip('after-today');
      continue;
    }
    const previous = out.at(-1);
    if (previous?.date === date) {
      skip('same-day');
      continue;
    }
    const wanted = admin.doseNumber ?? 0;
    const assumed = wanted > out.length + 1 ? wanted - out.length - 1 : 0;
    const ordinal = out.length + assumed + 1;
    const rule = rules.get(ruleKey(antigen, ordinal))?.dose;
    const minAgeDate = rule?.minAge ? addDuration(birthDate, rule.minAge) : undefined;
    const last = assumed > 0 ? undefined : previous?.date;
    const minIntervalDate = rule?.minInterval && last ? addDuration(last, rule.minInterval) : undefined;
    if (minAgeDate && date < minAgeDate) {
      skip('too-young', minIntervalDate && minIntervalDate > minAgeDate ? minIntervalDate : minAgeDate);
      continue;
    }
    if (minIntervalDate && date < minIntervalDate) {
      skip('too-soon', minIntervalDate);
      continue;
    }
    for (let i = 0; i < assumed; i++) out.push({ date: undefined, administration: undefined });
    out.push({ date, administration: index });
  }
  return out;
}

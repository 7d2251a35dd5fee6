/**
 * A patient's age as doctors say it: years from 6 years; years and months from 2 to 6 years
 * ("2 anni e 5 mesi", as paediatricians speak of pre-school children); completed months under 2 years
 * (paediatric panels count months up to 24); completed weeks under 2 months; days in the first
 * week. Pure: both dates are given (ISO yyyy-mm-dd), so the same call gives the same text in a
 * document, the UI and a test. The words come as a parameter (AGE_WORDING.it / .en).
 */
import { daysBetween } from './iso-date.ts';

export type AgeUnit = 'years' | 'months' | 'weeks' | 'days';

export interface Age {
  unit: AgeUnit;
  count: number;
  /** Months past the last birthday, from 2 to 6 years. */
  months?: number;
}

function ymd(iso: string): [number, number, number] | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= 31 ? [y, mo, d] : undefined;
}

/** Completed calendar months from birth to today (a month is complete on the same day number). */
export function completedMonths(birthIso: string, todayIso: string): number | undefined {
  const b = ymd(birthIso);
  const t = ymd(todayIso);
  if (!b || !t) return undefined;
  return (t[0] - b[0]) * 12 + (t[1] - b[1]) - (t[2] < b[2] ? 1 : 0);
}

/** Age on `todayIso`; undefined for a birth date after today or a malformed date. */
export function ageOf(birthIso: string, todayIso: string): Age | undefined {
  const months = completedMonths(birthIso, todayIso);
  if (months === undefined || months < 0) return undefined;
  if (months >= 72 || (months >= 24 && months % 12 === 0)) return { unit: 'years', count: Math.floor(months / 12) };
  if (months >= 24) return { unit: 'years', count: Math.floor(months / 12), months: months % 12 };
  if (months >= 2) return { unit: 'months', count: months };
  const days = daysBetween(birthIso, todayIso);
  if (days < 0) return undefined;
  if (days >= 7) return { unit: 'weeks', count: Math.floor(days / 7) };
  return { unit: 'days', count: days };
}

/** Singular and plural of each unit; `{{count}}` is replaced by the number. */
export type AgeWording = Record<AgeUnit, { one: string; other: string }> & { and: string };

export const AGE_WORDING: { it: AgeWording; en: AgeWording } = {
  it: {
    years: { one: '{{count}} anno', other: '{{count}} anni' },
    months: { one: '{{count}} mese', other: '{{count}} mesi' },
    weeks: { one: '{{count}} settimana', other: '{{count}} settimane' },
    days: { one: '{{count}} giorno', other: '{{count}} giorni' },
    and: ' e ',
  },
  en: {
    years: { one: '{{count}} year', other: '{{count}} years' },
    months: { one: '{{count}} month', other: '{{count}} months' },
    weeks: { one: '{{count}} week', other: '{{count}} weeks' },
    days: { one: '{{count}} day', other: '{{count}} days' },
    and: ' and ',
  },
};

function counted(unit: AgeUnit, count: number, wording: AgeWording): string {
  const w = wording[unit];
  return (count === 1 ? w.one : w.other).replace('{{count}}', String(count));
}

export function formatAge(age: Age, wording: AgeWording): string {
  const main = counted(age.unit, age.count, wording);
  return age.months ? `${main}${wording.and}${counted('months', age.months, wording)}` : main;
}


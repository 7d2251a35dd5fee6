/** Ages as doctors say them (shared/domain/age.ts), in Italian and English, and the date arithmetic under them. */
import { describe, expect, it } from 'vitest';
import { AGE_WORDING, ageOf, formatAge } from '../../../shared/domain/age.ts';
import { addDays, addMonths, daysBetween } from '../../../shared/domain/iso-date.ts';

const it_ = (birth: string, today: string) => formatAge(ageOf(birth, today)!, AGE_WORDING.it);
const en = (birth: string, today: string) => formatAge(ageOf(birth, today)!, AGE_WORDING.en);

describe('ageOf / formatAge', () => {
  it('years from two years, completed on the birthday', () => {
    expect(it_('2024-03-15', '2026-03-15')).toBe('2 anni');
    expect(it_('2024-03-15', '2026-03-14')).toBe('23 mesi');
    expect(en('1950-01-01', '2026-06-30')).toBe('76 years');
    expect(it_('2025-03-01', '2026-03-01')).toBe('12 mesi');
  });

  it('months under two years, weeks under two months, days in the first week', () => {
    expect(it_('2026-01-10', '2026-03-10')).toBe('2 mesi');
    expect(it_('2026-01-10', '2026-03-09')).toBe('8 settimane');
    expect(en('2026-01-10', '2026-01-17')).toBe('1 week');
    expect(it_('2026-01-10', '2026-01-17')).toBe('1 settimana');
    expect(it_('2026-01-10', '2026-01-16')).toBe('6 giorni');
    expect(en('2026-01-10', '2026-01-11')).toBe('1 day');
    expect(it_('2026-01-10', '2026-01-10')).toBe('0 giorni');
    expect(en('2025-05-01', '2026-04-30')).toBe('11 months');
  });

  it('no age before birth or for a malformed date', () => {
    expect(ageOf('2026-02-01', '2026-01-31')).toBeUndefined();
    expect(ageOf('2026-13-01', '2026-12-31')).toBeUndefined();
    expect(ageOf('01/02/2020', '2026-01-31')).toBeUndefined();
  });
});

describe('ISO date arithmetic', () => {
  it('adds months keeping the day, or the last day of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(addMonths('2026-03-15', -3)).toBe('2025-12-15');
    expect(addMonths('2020-02-29', 12)).toBe('2021-02-28');
  });

  it('counts and adds days across a DST change and a leap day', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(addDays('2024-02-28', 61)).toBe('2024-04-29');
    expect(daysBetween('2026-01-10', '2026-01-01')).toBe(-9);
  });
});

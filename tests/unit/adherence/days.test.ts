/** Day arithmetic as R and AdhereR do it: half-to-even rounding, calendar months, strptime-like parsing. */
import { describe, expect, it } from 'vitest';
import { addInterval, dateParser, dayFromYmd, formatIsoDay, roundHalfEven } from '../../../shared/analytics/adherence/days.ts';

describe('days', () => {
  it('rounds half to even as R round() does', () => {
    expect([0.5, 1.5, 2.5, -0.5, 2.4999999, 3.5].map(roundHalfEven)).toEqual([0, 2, 2, 0, 2, 4]);
  });

  it('adds rounded days and weeks, and calendar months rolling a missing day to the 1st', () => {
    const jan31 = dayFromYmd(2030, 1, 31);
    expect(addInterval(jan31, 2.5, 'days') - jan31).toBe(2);
    expect(addInterval(jan31, 1, 'weeks') - jan31).toBe(7);
    expect(formatIsoDay(addInterval(jan31, 1, 'months'))).toBe('2030-03-01');
    expect(formatIsoDay(addInterval(dayFromYmd(2032, 2, 29), 1, 'years'))).toBe('2033-03-01');
  });

  it('parses dates in R codes or letters and refuses impossible ones', () => {
    expect(formatIsoDay(dateParser('%m/%d/%Y')('4/6/2033')!)).toBe('2033-04-06');
    expect(formatIsoDay(dateParser('mm/dd/yyyy')('12/31/2030')!)).toBe('2030-12-31');
    expect(formatIsoDay(dateParser('dd/mm/yyyy')('15/03/2024')!)).toBe('2024-03-15');
    expect(dateParser('yyyy-mm-dd')('2030-02-30')).toBeNull();
    expect(dateParser('%Y-%m-%d')('2033-04-06x')).toBeNull();
    expect(() => dateParser('mm/yyyy')).toThrow(/day, a month and a year/);
  });
});

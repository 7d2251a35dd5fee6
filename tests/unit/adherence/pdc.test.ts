/**
 * PDC as PQA defines it and MPR (DOMAIN.md §2.1-2.2): PQA's own test vectors (pdc-dr.js) and
 * the results derived from them, the CMS hospital-stay adjustment, PQA's eligibility.
 */
import { describe, expect, it } from 'vitest';
import { dayFromYmd, formatIsoDay } from '../../../shared/analytics/adherence/days.ts';
import { computeMpr } from '../../../shared/analytics/adherence/mpr.ts';
import { computePdc, type ClassFill } from '../../../shared/analytics/adherence/pdc.ts';
import { shiftedSupplies } from '../../../shared/analytics/adherence/supply-timeline.ts';

const d = (m: number, day: number, y = 2018) => dayFromYmd(y, m, day);
const YEAR = { first: d(1, 1), last: d(12, 31) };
function fill(m: number, day: number, drug = 'metformin', duration = 90, drugClass = 'diabetes', patientId = 1): ClassFill {
  return { patientId, date: d(m, day), duration, drug, drugClass, durationMethod: 'days-supply' };
}

describe('PDC (PQA)', () => {
  it('starts an early refill of the same drug the day after the previous supply runs out', () => {
    // 07-05 + 90 days: last dose 10-02; the 09-25 refill's first dose is 10-03.
    const spans = shiftedSupplies([fill(7, 5), fill(9, 25)], []);
    expect(spans.map((s) => formatIsoDay(s.start))).toEqual(['2018-07-05', '2018-10-03']);
    expect(formatIsoDay(spans[0]!.end - 1)).toBe('2018-10-02');
  });

  it('does not shift fills of different drugs of the class', () => {
    const [r] = computePdc([fill(1, 1, 'metformin', 30), fill(1, 1, 'glipizide', 30), fill(6, 1, 'metformin', 30)], { period: YEAR });
    // Both January fills cover 01-01..01-30: 30 days, not 60; plus June's 30.
    expect(r!.daysCovered).toBe(60);
  });

  it('gives 270/282 for fills on 3/25, 7/05 and 9/25 of 90 days each', () => {
    const [r] = computePdc([fill(3, 25), fill(7, 5), fill(9, 25)], { period: YEAR });
    expect(formatIsoDay(r!.indexDate)).toBe('2018-03-25');
    expect([r!.daysCovered, r!.daysInPeriod]).toEqual([270, 282]);
    expect(r!.pdc).toBeCloseTo(0.957, 3);
    expect(r!.adherent).toBe(true);
    expect(r!.exclusion).toBeNull();
  });

  it('gives 348/365 for fills on 1/01, 3/25 (shifted to 4/01), 7/05 and 10/15, truncated at 12/31', () => {
    const [r] = computePdc([fill(1, 1), fill(3, 25), fill(7, 5), fill(10, 15)], { period: YEAR });
    expect([r!.daysCovered, r!.daysInPeriod]).toEqual([348, 365]);
    expect(r!.pdc).toBeCloseTo(0.953, 3);
  });

  it('takes hospital days out of the denominator and resumes the supply after discharge', () => {
    // 01-01 + 90 days, a stay 02-01 -> 02-11 (10 days): the supply covers 01-01..01-31, then
    // 59 days from 02-11 to 04-10; the 04-01 refill starts 04-11. Covered 180 of 355 days.
    const fills = [fill(1, 1), fill(4, 1)];
    const [adjusted] = computePdc(fills, { period: YEAR, stays: [{ patientId: 1, start: d(2, 1), end: d(2, 11) }] });
    expect([adjusted!.daysCovered, adjusted!.hospitalDays, adjusted!.daysInPeriod]).toEqual([180, 10, 355]);
    const [plain] = computePdc(fills, { period: YEAR });
    expect([plain!.daysCovered, plain!.daysInPeriod]).toEqual([180, 365]);
    expect(adjusted!.pdc!).toBeGreaterThan(plain!.pdc!);
  });

  it('marks patients PQA leaves out: one fill date, or a treatment period under 91 days', () => {
    expect(computePdc([fill(3, 1), fill(3, 1, 'glipizide')], { period: YEAR })[0]!.exclusion).toBe('FEWER_THAN_TWO_FILL_DATES');
    // Index 10-15: 78 days to 12-31.
    expect(computePdc([fill(10, 15, 'metformin', 30), fill(11, 14, 'metformin', 30)], { period: YEAR })[0]!.exclusion).toBe('TREATMENT_PERIOD_UNDER_91_DAYS');
    expect(computePdc([fill(10, 2, 'metformin', 30), fill(11, 1, 'metformin', 30)], { period: YEAR })[0]!.exclusion).toBeNull();
  });

  it('ends the period at the patient’s own last day and applies the class threshold', () => {
    const fills = [fill(1, 1, 'tenofovir', 30, 'arv'), fill(2, 10, 'tenofovir', 30, 'arv')];
    const [r] = computePdc(fills, { period: YEAR, lastDayOf: () => d(3, 31), thresholdOf: (c) => (c === 'arv' ? 0.9 : 0.8) });
    // 60 days covered of 01-01..03-31 (90 days): 0.667, below 90 %.
    expect([r!.daysCovered, r!.daysInPeriod, r!.threshold, r!.adherent]).toEqual([60, 90, 0.9, false]);
  });

  it('computes one result per patient and class, with the duration methods used', () => {
    const fills = [fill(1, 1), fill(4, 1), { ...fill(1, 1, 'atorvastatin', 28, 'statins'), durationMethod: 'posology' as const }, fill(2, 1, 'metformin', 90, 'diabetes', 2)];
    const r = computePdc(fills, { period: YEAR });
    expect(r.map((x) => [x.patientId, x.drugClass, x.durationMethods])).toEqual([
      [1, 'diabetes', ['days-supply']],
      [1, 'statins', ['posology']],
      [2, 'diabetes', ['days-supply']],
    ]);
  });

  it('counts fractional supplies from a posology exactly', () => {
    const f = [{ ...fill(1, 1, 'metformin', 37.5), durationMethod: 'posology' as const }, { ...fill(3, 1, 'metformin', 37.5), durationMethod: 'posology' as const }];
    expect(computePdc(f, { period: YEAR })[0]!.daysCovered).toBe(75);
  });
});

describe('MPR', () => {
  const fills = [fill(1, 1), fill(3, 25), fill(7, 5), fill(10, 15)];

  it('divides the days supplied by the period, or by the span from the first fill to the end of the last supply', () => {
    const [period] = computeMpr(fills, { period: YEAR, span: 'period' });
    expect([period!.daysSupplied, period!.spanDays]).toEqual([360, 365]);
    const [supply] = computeMpr(fills, { period: YEAR, span: 'supply' });
    expect(supply!.spanDays).toBe(d(10, 15) + 90 - d(1, 1));
    expect(supply!.mpr).toBeCloseTo(360 / 377, 12);
  });

  it('lets early refills push MPR above 1 unless capped', () => {
    const early = [fill(1, 1), fill(1, 15)];
    const quarter = { first: d(1, 1), last: d(3, 31) };
    expect(computeMpr(early, { period: quarter, span: 'period' })[0]!.mpr).toBe(2);
    expect(computeMpr(early, { period: quarter, span: 'period', cap: true })[0]!.mpr).toBe(1);
  });

  it('counts only fills dated inside the period', () => {
    const r = computeMpr([fill(12, 1, 'metformin', 90), { ...fill(1, 10), date: dayFromYmd(2019, 1, 10) }], { period: YEAR, span: 'period' });
    expect(r[0]!.daysSupplied).toBe(90);
  });
});

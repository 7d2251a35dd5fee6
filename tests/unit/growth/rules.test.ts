/**
 * The computation rules of ../shared/data/growth/MANIFEST.md, each on a case where getting it
 * wrong changes the number: the restricted LMS application, the length/height switch at 731
 * days with its ±0.7 cm, the 2006/2007 boundary, age in days and months, oedema, flags, the
 * 0.1 cm interpolation of weight-for-length/height, and WHO's rounding.
 */
import { describe, expect, it } from 'vitest';
import { growthZScores, roundLikeR } from '../../../shared/analytics/growth/index.ts';
import { lmsValue, lmsZ, lmsZRestricted } from '../../../shared/analytics/growth/lms.ts';
import { lmsAt } from '../../../shared/analytics/growth/tables.ts';
import { tables } from './tables.ts';

describe('restricted application of the LMS method (weight-based indicators)', () => {
  const lms = lmsAt(tables.who2006.wfa, 'M', 365)!;
  const sd = (k: number) => lmsValue(k, lms);

  it('beyond +3 SD measures the excess in units of the SD2-SD3 interval, not the Box-Cox tail', () => {
    const y = sd(3) + 1.5 * (sd(3) - sd(2));
    expect(lmsZRestricted(y, lms)).toBeCloseTo(4.5, 12);
    expect(lmsZ(y, lms)).not.toBeCloseTo(4.5, 1); // the plain LMS z differs: the rule matters here
    const r = growthZScores(tables, { sex: 'M', ageDays: 365, weightKg: y });
    expect(r.scores.wfa?.z).toBe(4.5);
  });

  it('below -3 SD likewise with the SD-3 to SD-2 interval', () => {
    const y = sd(-3) - 0.5 * (sd(-2) - sd(-3));
    expect(lmsZRestricted(y, lms)).toBeCloseTo(-3.5, 12);
    expect(growthZScores(tables, { sex: 'M', ageDays: 365, weightKg: y }).scores.wfa?.z).toBe(-3.5);
  });

  it('within ±3 SD it is the plain LMS z', () => {
    const y = sd(2.5);
    expect(lmsZRestricted(y, lms)).toBeCloseTo(2.5, 12);
  });

  it('is not applied to length/height-for-age or head circumference', () => {
    const len = lmsAt(tables.who2006.lhfa, 'F', 200)!;
    const y = lmsValue(4, len);
    expect(growthZScores(tables, { sex: 'F', ageDays: 200, lengthCm: y }).scores.lhfa?.z).toBe(4);
    const hc = lmsAt(tables.who2006.hcfa, 'F', 200)!;
    expect(growthZScores(tables, { sex: 'F', ageDays: 200, headCm: lmsValue(-4, hc) }).scores.hcfa?.z).toBe(-4);
  });

  it('applies to BMI-for-age and weight-for-length, and to WHO 2007 weight and BMI', () => {
    const bmi = lmsAt(tables.who2006.bfa, 'M', 100)!;
    const len = 60;
    const bmiHigh = lmsValue(3, bmi) + 2 * (lmsValue(3, bmi) - lmsValue(2, bmi));
    const r = growthZScores(tables, { sex: 'M', ageDays: 100, lengthCm: len, weightKg: bmiHigh * (len / 100) ** 2 });
    expect(r.scores.bfa?.z).toBe(5);
    const wfl = lmsAt(tables.who2006.wfl, 'F', 700)!; // 70.0 cm
    const w = lmsValue(-3, wfl) - (lmsValue(-2, wfl) - lmsValue(-3, wfl));
    expect(growthZScores(tables, { sex: 'F', ageDays: 300, lengthCm: 70, weightKg: w }).scores.wflh?.z).toBe(-4);
    const wfa7 = lmsAt(tables.who2007.wfa, 'F', 100)!;
    const w7 = lmsValue(3, wfa7) + (lmsValue(3, wfa7) - lmsValue(2, wfa7));
    expect(growthZScores(tables, { sex: 'F', ageMonths: 100, weightKg: w7 }).scores.wfa?.z).toBe(4);
  });
});

describe('length under 24 months, height from 24 months (731 days)', () => {
  it('uses the length table through day 730 and the height table from day 731', () => {
    const at = (ageDays: number) => growthZScores(tables, { sex: 'M', ageDays, lengthCm: 87.8018 }).scores.lhfa!;
    expect(at(730)).toMatchObject({ z: 0, table: 'length' }); // day 730 M (L) = 87.8018
    expect(at(731).table).toBe('height');
    expect(at(731).z).toBeGreaterThan(0.1); // the height median is 0.67 cm lower
  });

  it('adds 0.7 cm to a standing height under 731 days, subtracts 0.7 cm from a recumbent length from 731 days', () => {
    const prep = (ageDays: number, measure: 'recumbent' | 'standing') => growthZScores(tables, { sex: 'F', ageDays, lengthCm: 100, measure }).prepared.lengthHeightCm;
    expect(prep(730, 'standing')).toBe(100 + 0.7);
    expect(prep(730, 'recumbent')).toBe(100);
    expect(prep(800, 'recumbent')).toBe(100 - 0.7);
    expect(prep(800, 'standing')).toBe(100);
  });

  it('decides by the rounded age in days: 730.5 days is day 731, so no correction for a standing height', () => {
    const r = growthZScores(tables, { sex: 'F', ageDays: 730.5, lengthCm: 77.5, measure: 'standing' });
    expect(r.prepared.ageDays).toBe(731);
    expect(r.prepared.lengthHeightCm).toBe(77.5);
  });

  it('ignores a standing height under 9 months (implausible position): no +0.7', () => {
    const under = growthZScores(tables, { sex: 'M', ageMonths: 8, lengthCm: 60, measure: 'standing' });
    expect(under.prepared.standingUnder9Months).toBe(true);
    expect(under.prepared.lengthHeightCm).toBe(60);
    expect(under.scores.lhfa?.z).toBe(-4.81);
    const nine = growthZScores(tables, { sex: 'M', ageMonths: 9, lengthCm: 60, measure: 'standing' });
    expect(nine.prepared.lengthHeightCm).toBe(60.7);
    expect(nine.scores.lhfa?.z).toBe(-5.02);
  });

  it('computes BMI from the corrected length/height', () => {
    const r = growthZScores(tables, { sex: 'M', ageDays: 400, lengthCm: 75, measure: 'standing', weightKg: 10 });
    expect(r.prepared.bmi).toBeCloseTo(10 / 0.757 ** 2, 12);
  });

  it('weight-for-length 45-110 cm under 731 days, weight-for-height 65-120 cm from 731 days', () => {
    const w = (ageDays: number, lengthCm: number) => growthZScores(tables, { sex: 'F', ageDays, lengthCm, weightKg: 12 }).scores.wflh;
    expect(w(700, 44.9)).toBeUndefined();
    expect(w(700, 45)?.table).toBe('length');
    expect(w(700, 110)?.table).toBe('length');
    expect(w(700, 110.1)).toBeUndefined();
    expect(w(800, 64.9)).toBeUndefined();
    expect(w(800, 65)?.table).toBe('height');
    expect(w(800, 120)?.table).toBe('height');
    expect(w(800, 120.1)).toBeUndefined();
  });

  it('without an age, weight-for-length/height follows the position, else length under 87 cm', () => {
    const w = (lengthCm: number, measure?: 'recumbent' | 'standing') => growthZScores(tables, { sex: 'M', lengthCm, measure, weightKg: 11 }).scores.wflh?.table;
    expect(w(80, 'standing')).toBe('height');
    expect(w(90, 'recumbent')).toBe('length');
    expect(w(86.9)).toBe('length');
    expect(w(87)).toBe('height');
    expect(growthZScores(tables, { sex: 'M', lengthCm: 80, weightKg: 11 }).scores.lhfa).toBeUndefined();
  });
});

describe('interpolation of weight-for-length/height between 0.1 cm rows', () => {
  it('lands on the row for a whole tenth and interpolates L, M and S linearly in between', () => {
    const a = lmsAt(tables.who2006.wfl, 'M', 728)!; // 72.8 cm
    const b = lmsAt(tables.who2006.wfl, 'M', 729)!;
    const onRow = growthZScores(tables, { sex: 'M', ageDays: 400, lengthCm: 72.8, weightKg: a.m }).scores.wflh!;
    expect(onRow.z).toBe(0);
    // 72.86 cm: 60 % of the way from 72.8 to 72.9; the median there is interpolated.
    const m = a.m + 0.6 * (b.m - a.m);
    const between = growthZScores(tables, { sex: 'M', ageDays: 400, lengthCm: 72.86, weightKg: m }).scores.wflh!;
    expect(between.z).toBe(0);
    // The lower row's median at 72.86 cm is below the interpolated median: z < 0 distinguishes it.
    expect(growthZScores(tables, { sex: 'M', ageDays: 400, lengthCm: 72.86, weightKg: a.m }).scores.wflh!.z).toBeLessThan(0);
  });
});

describe('the WHO 2006 / WHO 2007 boundary', () => {
  it('WHO 2006 under 60 months of unrounded age, WHO 2007 from 60 months', () => {
    const ref = (ageMonths: number) => growthZScores(tables, { sex: 'M', ageMonths, lengthCm: 110, weightKg: 18 }).scores.lhfa?.reference;
    expect(ref(59.99)).toBe('who2006');
    expect(ref(60)).toBe('who2007');
    expect(ref(60.01)).toBe('who2007');
    expect(growthZScores(tables, { sex: 'M', ageDays: 1826, lengthCm: 110 }).scores.lhfa?.reference).toBe('who2006'); // 59.99 months
    expect(growthZScores(tables, { sex: 'M', ageDays: 1827, lengthCm: 110 }).scores.lhfa?.reference).toBe('who2007'); // 60.02 months
  });

  it('weight-for-length/height and head circumference end at 60 months (no WHO 2007 reference)', () => {
    const s = (ageMonths: number) => growthZScores(tables, { sex: 'F', ageMonths, lengthCm: 110, weightKg: 18, headCm: 50 }).scores;
    expect(Object.keys(s(59.9)).sort()).toEqual(['bfa', 'hcfa', 'lhfa', 'wfa', 'wflh']);
    expect(Object.keys(s(60)).sort()).toEqual(['bfa', 'lhfa', 'wfa']);
  });

  it('WHO 2007 weight-for-age up to 120 months included, height and BMI up to 228 months included', () => {
    const s = (ageMonths: number) => Object.keys(growthZScores(tables, { sex: 'M', ageMonths, lengthCm: 150, weightKg: 40 }).scores).sort();
    expect(s(120)).toEqual(['bfa', 'lhfa', 'wfa']);
    expect(s(120.1)).toEqual(['bfa', 'lhfa']);
    expect(s(228)).toEqual(['bfa', 'lhfa']);
    expect(s(228.1)).toEqual([]);
  });

  it('WHO 2007 interpolates between whole months', () => {
    const a = lmsAt(tables.who2007.hfa, 'F', 100)!;
    const b = lmsAt(tables.who2007.hfa, 'F', 101)!;
    const m = a.m + 0.25 * (b.m - a.m);
    expect(growthZScores(tables, { sex: 'F', ageMonths: 100.25, lengthCm: m }).scores.lhfa?.z).toBe(0);
    expect(growthZScores(tables, { sex: 'F', ageMonths: 100.25, lengthCm: a.m }).scores.lhfa!.z).toBeLessThan(0);
  });
});

describe('age, oedema, missing values', () => {
  it('age in months becomes days × 30.4375 rounded half up', () => {
    expect(growthZScores(tables, { sex: 'M', ageMonths: 1, weightKg: 4 }).prepared.ageDays).toBe(30); // 30.4375
    expect(growthZScores(tables, { sex: 'M', ageMonths: 2, weightKg: 5 }).prepared.ageDays).toBe(61); // 60.875
    expect(growthZScores(tables, { sex: 'M', ageDays: 44.5, weightKg: 5 }).prepared.ageDays).toBe(45);
    const m = growthZScores(tables, { sex: 'M', ageMonths: 30, weightKg: 13 }).scores.wfa;
    const d = growthZScores(tables, { sex: 'M', ageDays: 30 * 30.4375, weightKg: 13 }).scores.wfa;
    expect(m).toEqual(d);
  });

  it('oedema: no weight-based z-score, length and head still computed', () => {
    const r = growthZScores(tables, { sex: 'M', ageDays: 100, lengthCm: 60, weightKg: 6, headCm: 40, oedema: true });
    expect(Object.keys(r.scores).sort()).toEqual(['hcfa', 'lhfa']);
    const r7 = growthZScores(tables, { sex: 'M', ageMonths: 100, lengthCm: 130, weightKg: 26, oedema: true });
    expect(Object.keys(r7.scores)).toEqual(['lhfa']);
  });

  it('a zero, negative or missing measurement gives no z-score; a negative age none either', () => {
    expect(growthZScores(tables, { sex: 'F', ageDays: 100, weightKg: 0, lengthCm: -1 }).scores).toEqual({});
    expect(growthZScores(tables, { sex: 'F', ageDays: -1, weightKg: 5 }).scores).toEqual({});
    expect(growthZScores(tables, { sex: 'F', ageDays: 100 }).scores).toEqual({});
  });
});

describe('implausibility flags, read on the rounded z', () => {
  const wfa = lmsAt(tables.who2006.wfa, 'F', 1)!;
  const weightAt = (z: number) => lmsValue(3, wfa) + (z - 3) * (lmsValue(3, wfa) - lmsValue(2, wfa));

  it('weight-for-age: z > 5 or z < -6', () => {
    expect(growthZScores(tables, { sex: 'F', ageDays: 1, weightKg: 10.37 }).scores.wfa?.flagged).toBe(true); // anthro's own case
    expect(growthZScores(tables, { sex: 'F', ageDays: 1, weightKg: weightAt(5) }).scores.wfa).toMatchObject({ z: 5, flagged: false });
    expect(growthZScores(tables, { sex: 'F', ageDays: 1, weightKg: weightAt(5.01) }).scores.wfa).toMatchObject({ z: 5.01, flagged: true });
    const low = (z: number) => lmsValue(-3, wfa) + (z + 3) * (lmsValue(-2, wfa) - lmsValue(-3, wfa));
    expect(growthZScores(tables, { sex: 'F', ageDays: 1, weightKg: low(-5.5) }).scores.wfa).toMatchObject({ z: -5.5, flagged: false });
    expect(growthZScores(tables, { sex: 'F', ageDays: 1, weightKg: low(-6.01) }).scores.wfa?.flagged).toBe(true);
  });

  it('length/height-for-age: |z| > 6; head circumference |z| > 5', () => {
    const len = lmsAt(tables.who2006.lhfa, 'M', 10)!;
    expect(growthZScores(tables, { sex: 'M', ageDays: 10, lengthCm: lmsValue(-5.5, len) }).scores.lhfa?.flagged).toBe(false);
    expect(growthZScores(tables, { sex: 'M', ageDays: 10, lengthCm: lmsValue(6.02, len) }).scores.lhfa?.flagged).toBe(true);
    const hc = lmsAt(tables.who2006.hcfa, 'M', 10)!;
    expect(growthZScores(tables, { sex: 'M', ageDays: 10, headCm: lmsValue(5.02, hc) }).scores.hcfa?.flagged).toBe(true);
    expect(growthZScores(tables, { sex: 'M', ageDays: 10, headCm: lmsValue(-4.9, hc) }).scores.hcfa?.flagged).toBe(false);
  });
});

describe("rounding as R's round(x, 2)", () => {
  it('takes the nearer of the two 2-decimal candidates of the double, ties to even', () => {
    expect(roundLikeR(0.125, 2)).toBe(0.12); // exact tie: even
    expect(roundLikeR(0.375, 2)).toBe(0.38);
    expect(roundLikeR(-0.125, 2)).toBe(-0.12);
    expect(roundLikeR(2.675, 2)).toBe(2.67); // the double is 2.67499999…
    expect(roundLikeR(1.005, 2)).toBe(1); // the double is 1.00499999…
    expect(roundLikeR(0.015, 2)).toBe(0.01); // 0.01499999…; Math.round(x·100)/100 gives 0.02
    expect(Math.round(0.015 * 100) / 100).toBe(0.02);
    expect(roundLikeR(0.165, 2)).toBe(0.16); // 0.16500000000000000777, yet 0.165 − 0.16 == 0.17 − 0.165 in doubles: tie, even
    expect(roundLikeR(-3.2871, 2)).toBe(-3.29);
  });
});

/**
 * The published check values (../shared/data/growth/MANIFEST.md: WHO anthro and anthroplus test
 * suites) and the other worked values of those suites, through the public entry point.
 */
import { describe, expect, it } from 'vitest';
import { growthZScores, type GrowthMeasurement } from '../../../shared/analytics/growth/index.ts';
import { tables } from './tables.ts';

const z = (m: GrowthMeasurement) => Object.fromEntries(Object.entries(growthZScores(tables, m).scores).map(([k, v]) => [k, v.z]));

describe('WHO published check values', () => {
  it('anthro: girl, 1522 days, 17 kg: weight-for-age 0.24', () => {
    const r = growthZScores(tables, { sex: 'F', ageDays: 1522, weightKg: 17 });
    expect(r.scores.wfa).toMatchObject({ z: 0.24, flagged: false, reference: 'who2006' });
  });

  it('anthro: boy, 44 days, 50 cm: length-for-age -3.29', () => {
    expect(z({ sex: 'M', ageDays: 44, lengthCm: 50 })).toEqual({ lhfa: -3.29 });
  });

  it('anthroplus: girl, 60.32 months, 113.8 cm, 18.7 kg: height 0.96, weight 0.21, BMI -0.58', () => {
    const r = growthZScores(tables, { sex: 'F', ageMonths: 60.32, lengthCm: 113.8, weightKg: 18.7 });
    expect(z({ sex: 'F', ageMonths: 60.32, lengthCm: 113.8, weightKg: 18.7 })).toEqual({ lhfa: 0.96, wfa: 0.21, bfa: -0.58 });
    expect(r.scores.lhfa?.reference).toBe('who2007');
  });

  it('anthroplus: girl, 60.911701 months, 113.6 cm, 20.5 kg: height 0.85, weight 0.79, BMI 0.42', () => {
    expect(z({ sex: 'F', ageMonths: 60.911701, lengthCm: 113.6, weightKg: 20.5 })).toEqual({ lhfa: 0.85, wfa: 0.79, bfa: 0.42 });
  });

  it('anthro: boy, 987 days, recumbent 72.86 cm: length corrected to height, -6.09 and flagged', () => {
    const r = growthZScores(tables, { sex: 'M', ageDays: 987, lengthCm: 72.86, measure: 'recumbent' });
    expect(r.prepared.lengthHeightCm).toBeCloseTo(72.16, 10);
    expect(r.scores.lhfa).toMatchObject({ z: -6.09, flagged: true, table: 'height' });
  });

  it('anthro: girl, 24 months, 77.5 cm: the height table applies from 731 days (-2.55)', () => {
    expect(z({ sex: 'F', ageMonths: 24, lengthCm: 77.5 }).lhfa).toBe(-2.55);
    expect(z({ sex: 'F', ageMonths: 24, lengthCm: 77.5, measure: 'standing' }).lhfa).toBe(-2.55);
  });

  it('the percentile is 100·Φ(z): z 0 at the median, P50', () => {
    // Boy at birth, length exactly the median M of lenanthro day 0 (49.8842 cm).
    const r = growthZScores(tables, { sex: 'M', ageDays: 0, lengthCm: 49.8842 });
    expect(r.scores.lhfa?.z).toBe(0);
    expect(r.scores.lhfa?.percentile).toBeCloseTo(50, 10);
    const low = growthZScores(tables, { sex: 'F', ageDays: 1522, weightKg: 17 }).scores.wfa!;
    expect(low.percentile).toBeGreaterThan(59);
    expect(low.percentile).toBeLessThan(60);
  });
});

/**
 * The sandbox's growth series (shared/synthetic/growth-series.ts), scored by the real WHO
 * tables: one point per bilancio reached, none after today, recumbent under 731 days and
 * standing from 731, head to 3 years, every point plausible (no WHO flag), the same seed the
 * same series, and some children crossing weight percentiles downwards.
 */
import { describe, expect, it } from 'vitest';
import { loadGrowthTables } from '../../../electron/services/growth/who-tables.ts';
import { growthZScores } from '../../../shared/analytics/growth/index.ts';
import { daysBetween, addDays } from '../../../shared/domain/iso-date.ts';
import { syntheticGrowthSeries } from '../../../shared/synthetic/growth-series.ts';

const tables = loadGrowthTables();
const TODAY = '2026-11-01';

describe('synthetic growth series', () => {
  it('a 14-year-old has all ten bilanci, positions and head as WHO measures them, and no implausible point', () => {
    for (const sex of ['M', 'F'] as const) {
      for (let seed = 1; seed <= 40; seed++) {
        const birthDate = addDays(TODAY, -(14 * 365 + seed));
        const series = syntheticGrowthSeries(tables, { birthDate, sex, seed, today: TODAY });
        expect(series.map((m) => m.visitId)).toEqual(['1m', '3m', '6m', '12m', '18m', '24m', '3y', '6y', 'puberty-1', 'puberty-2']);
        for (const m of series) {
          const days = daysBetween(birthDate, m.date);
          expect(m.date < TODAY).toBe(true);
          expect(m.measure).toBe(days < 731 ? 'recumbent' : 'standing');
          expect(m.headCm !== undefined).toBe(days <= 3 * 365);
          const r = growthZScores(tables, { sex, ageDays: days, weightKg: m.weightKg, lengthCm: m.lengthCm, measure: m.measure, headCm: m.headCm });
          for (const [indicator, s] of Object.entries(r.scores)) {
            expect(s.flagged, `${seed} ${m.visitId} ${indicator} z ${s.z}`).toBe(false);
            expect(Math.abs(s.z), `${seed} ${m.visitId} ${indicator}`).toBeLessThan(4.5);
          }
        }
      }
    }
  });

  it('stops at today, repeats itself for a seed, and differs between seeds', () => {
    const baby = syntheticGrowthSeries(tables, { birthDate: addDays(TODAY, -200), sex: 'F', seed: 7, today: TODAY });
    expect(baby.map((m) => m.visitId)).toEqual(['1m', '3m', '6m']);
    expect(syntheticGrowthSeries(tables, { birthDate: addDays(TODAY, -200), sex: 'F', seed: 7, today: TODAY })).toEqual(baby);
    expect(syntheticGrowthSeries(tables, { birthDate: addDays(TODAY, -200), sex: 'F', seed: 8, today: TODAY })).not.toEqual(baby);
    expect(syntheticGrowthSeries(tables, { birthDate: addDays(TODAY, -10), sex: 'M', seed: 7, today: TODAY })).toEqual([]);
  });

  it('some children cross weight-for-age percentiles downwards (more than one SD from 6 to 24 months)', () => {
    let crossing = 0;
    for (let seed = 1; seed <= 80; seed++) {
      const birthDate = addDays(TODAY, -800);
      const s = syntheticGrowthSeries(tables, { birthDate, sex: 'M', seed, today: TODAY });
      const z = (id: string) => {
        const m = s.find((x) => x.visitId === id)!;
        return growthZScores(tables, { sex: 'M', ageDays: daysBetween(birthDate, m.date), weightKg: m.weightKg }).scores.wfa!.z;
      };
      if (z('6m') - z('24m') > 1) crossing++;
    }
    expect(crossing).toBeGreaterThan(2);
    expect(crossing).toBeLessThan(30);
  });
});

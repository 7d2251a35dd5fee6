/** Chart curves from LMS: the P3-P97 values WHO publishes, and the segment breaks a chart needs. */
import { describe, expect, it } from 'vitest';
import { growthCurves, normalCdf, normalQuantile } from '../../../shared/analytics/growth/index.ts';
import { parseLmsTable } from '../../../shared/analytics/growth/tables.ts';
import { tables } from './tables.ts';

describe('growth curves', () => {
  it('P50 is the table median and P3/P97 are M·(1+L·S·z)^(1/L) at z = ∓1.881 (WHO percentile tables)', () => {
    const [seg] = growthCurves(tables, 'wfa', 'M');
    expect(seg!.reference).toBe('who2006');
    const p = (q: number) => seg!.lines.find((l) => l.percentile === q)!.values;
    // WHO weight-for-age boys, percentiles, birth: P3 2.5, P50 3.3, P97 4.3 (kg, 1 decimal as published).
    expect(p(50)[0]).toBe(3.3464);
    expect(p(3)[0]).toBeCloseTo(2.5, 1);
    expect(p(97)[0]).toBeCloseTo(4.3, 1);
    expect(p(15)[0]).toBeLessThan(p(50)[0]!);
    expect(p(85)[0]).toBeGreaterThan(p(50)[0]!);
    expect(seg!.xs[0]).toBe(0);
    expect(seg!.xs.at(-1)).toBeCloseTo(1826 / 30.4375, 10);
  });

  it('breaks length/height-for-age at 731 days and at the WHO 2007 reference (60 months)', () => {
    const segs = growthCurves(tables, 'lhfa', 'F', { everyDays: 7 });
    expect(segs.map((s) => [s.reference, s.basis])).toEqual([
      ['who2006', 'length'],
      ['who2006', 'height'],
      ['who2007', 'height'],
    ]);
    expect(segs[0]!.xs.at(-1)).toBeCloseTo(730 / 30.4375, 10);
    expect(segs[1]!.xs[0]).toBeCloseTo(731 / 30.4375, 10);
    expect(segs[2]!.xs[0]).toBe(60);
    expect(segs[2]!.xs.at(-1)).toBe(228);
    expect(segs[0]!.xs.length).toBeLessThan(120); // every 7th day
  });

  it('weight-for-length over 45-110 cm, weight-for-height over 65-120 cm, at 0.1 cm', () => {
    const [wfl] = growthCurves(tables, 'wfl', 'M');
    const [wfh] = growthCurves(tables, 'wfh', 'M');
    expect([wfl!.x, wfl!.xs[0], wfl!.xs.at(-1), wfl!.xs.length]).toEqual(['length-cm', 45, 110, 651]);
    expect([wfh!.x, wfh!.xs[0], wfh!.xs.at(-1)]).toEqual(['height-cm', 65, 120]);
  });

  it('stops WHO 2007 curves where the reference ends: weight-for-age 120 months, the others 228', () => {
    expect(growthCurves(tables, 'wfa', 'F')[1]!.xs.at(-1)).toBe(120);
    expect(growthCurves(tables, 'bfa', 'F')[2]!.xs.at(-1)).toBe(228);
  });

  it('head circumference only under 5 years; any percentile on request', () => {
    const segs = growthCurves(tables, 'hcfa', 'F', { percentiles: [50, 99.9] });
    expect(segs).toHaveLength(1);
    expect(segs[0]!.lines.map((l) => l.percentile)).toEqual([50, 99.9]);
  });
});

describe('normal distribution', () => {
  it('Φ and Φ⁻¹ agree with reference values to 1e-12', () => {
    expect(normalQuantile(0.03)).toBeCloseTo(-1.880793608151251, 12);
    expect(normalQuantile(0.85)).toBeCloseTo(1.036433389493790, 12);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 14);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 13);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301, 14);
    for (const p of [1e-6, 0.01, 0.2, 0.7, 0.999]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 13);
  });
});

describe('table parsing', () => {
  it('rejects a table with a gap (a lookup would silently return the wrong row)', () => {
    expect(() => parseLmsTable('sex\tage\tl\tm\ts\n1\t0\t1\t2\t0.1\n1\t2\t1\t2\t0.1\n2\t0\t1\t2\t0.1\n', 'age-days')).toThrow(/out of sequence/);
    expect(() => parseLmsTable('sex\tage\tm\n1\t0\t2\n', 'age-days')).toThrow(/header/);
  });

  it('loads every WHO table in resources/growth with both sexes', () => {
    expect(tables.who2006.wfa.boys.m.length).toBe(1827);
    expect(tables.who2006.wfl.girls.first).toBe(450);
    expect(tables.who2007.wfa.girls.first).toBe(60);
    expect(tables.who2007.hfa.boys.m.length).toBe(170); // 60-229: one month past the end, for interpolation
  });
});

/**
 * The shaping of trend data (renderer/src/features/trends/trend-data.ts, trend-catalog.ts):
 * range windows, several series on one time axis, abnormal marks, reference bands, the y extent
 * and which charts a patient gets; a telemonitoring plan's target over the days it ran.
 */
import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../../../shared/api/observations.ts';
import type { Observation } from '../../../shared/domain/record/index.ts';
import { formatDateTimeIn } from '../../../shared/format/clinical-time.ts';
import { chartsFor } from '../../../renderer/src/features/trends/trend-catalog.ts';
import {
  abnormalFlag,
  abnormalMarks,
  alignSeries,
  planBands,
  pointDate,
  rangeStart,
  referenceBands,
  valueExtent,
} from '../../../renderer/src/features/trends/trend-data.ts';

let seq = 0;
function pt(at: string, value: number | null, o: Partial<SeriesPoint> = {}): SeriesPoint {
  return { id: `P${++seq}`, at, value, unit: 'mg/dL', low: null, high: null, interpretation: null, source: 'document', documentId: null, panelId: null, ...o };
}

describe('range windows', () => {
  it('1 anno and 5 anni start that many years before today; tutto has no start', () => {
    expect(rangeStart('1y', '2026-12-02')).toBe('2025-12-02');
    expect(rangeStart('5y', '2026-12-02')).toBe('2021-12-02');
    expect(rangeStart('all', '2026-12-02')).toBeUndefined();
  });
  it('29 February a year back is 1 March (the day does not exist)', () => {
    expect(rangeStart('1y', '2024-02-29')).toBe('2023-03-01');
    expect(rangeStart('5y', '2024-02-29')).toBe('2019-03-01');
  });
});

describe('abnormal marks', () => {
  it("the record's interpretation wins over the range; N is normal", () => {
    expect(abnormalFlag(pt('2026-01-01T00:00:00Z', 7.5, { low: 4, high: 6, interpretation: 'N' }))).toBeNull();
    expect(abnormalFlag(pt('2026-01-01T00:00:00Z', 5, { low: 4, high: 6, interpretation: 'HH' }))).toBe('HH');
    expect(abnormalFlag(pt('2026-01-01T00:00:00Z', null, { interpretation: 'A' }))).toBe('A');
  });
  it('without an interpretation: below low is L, above high is H, on the bound is normal, one-sided ranges work', () => {
    expect(abnormalFlag(pt('2026-01-01T00:00:00Z', 3.9, { low: 4, high: 6 }))).toBe('L');
    expect(abnormalFlag(pt('2026-01-01T00:00:00Z', 6.1, { low: 4, high: 6 }))).toBe('H');
    expect(abnormalFlag(pt('2026-01-01T00:00:00Z', 6, { low: 4, high: 6 }))).toBeNull();
    expect(abnormalFlag(pt('2026-01-01T00:00:00Z', 130, { high: 115 }))).toBe('H');
    expect(abnormalFlag(pt('2026-01-01T00:00:00Z', 38, { low: 40 }))).toBe('L');
    expect(abnormalFlag(pt('2026-01-01T00:00:00Z', 999))).toBeNull();
  });
  it('lists each abnormal point with its row and series', () => {
    const t = alignSeries([[pt('2026-01-01T08:00:00Z', 150, { high: 140 }), pt('2026-02-01T08:00:00Z', 130, { high: 140 })], [pt('2026-02-01T08:00:00Z', 95, { high: 90 })]]);
    expect(abnormalMarks(t)).toEqual([{ index: 0, series: 0, flag: 'H' }, { index: 1, series: 1, flag: 'H' }]);
  });
});

describe('several series on one time axis', () => {
  it('one series: x in seconds, values as they are, coded values left out', () => {
    const t = alignSeries([[pt('2026-01-01T00:00:00Z', 5.4), pt('2026-02-01T00:00:00Z', null), pt('2026-03-01T10:30:00Z', 6.1)]]);
    expect(t.x).toEqual([Date.parse('2026-01-01T00:00:00Z') / 1000, Date.parse('2026-03-01T10:30:00Z') / 1000]);
    expect(t.ys).toEqual([[5.4, 6.1]]);
    expect(t.cells[0]!.map((p) => p!.value)).toEqual([5.4, 6.1]);
  });
  it('systolic and diastolic measured together share a row; a value of one alone leaves null in the other', () => {
    const sys = [pt('2026-01-01T08:00:00Z', 140), pt('2026-01-15T08:00:00Z', 135), pt('2026-02-01T08:00:00Z', 150)];
    const dia = [pt('2026-01-01T08:00:00Z', 90), pt('2026-02-01T08:00:00Z', 95), pt('2026-03-01T08:00:00Z', 80)];
    const t = alignSeries([sys, dia]);
    expect(t.x.map((s) => new Date(s * 1000).toISOString().slice(0, 10))).toEqual(['2026-01-01', '2026-01-15', '2026-02-01', '2026-03-01']);
    expect(t.ys).toEqual([[140, 135, 150, null], [90, null, 95, 80]]);
    expect(t.cells[1]![2]).toBe(dia[1]);
  });
  it("a blood pressure's components of one panel share a row even a minute apart (a home device)", () => {
    const sys = [pt('2026-01-01T06:00:00Z', 140, { panelId: 'D.p0' }), pt('2026-01-01T19:00:00Z', 150, { panelId: 'D.p3' })];
    const dia = [pt('2026-01-01T06:01:00Z', 90, { panelId: 'D.p0' }), pt('2026-01-01T19:01:00Z', 95, { panelId: 'D.p3' })];
    const t = alignSeries([sys, dia]);
    expect(t.x).toEqual([Date.parse('2026-01-01T06:00:00Z') / 1000, Date.parse('2026-01-01T19:00:00Z') / 1000]);
    expect(t.ys).toEqual([[140, 150], [90, 95]]);
    // Without a shared panel, a minute apart is two rows.
    expect(alignSeries([[pt('2026-01-01T06:00:00Z', 140)], [pt('2026-01-01T06:01:00Z', 90)]]).ys).toEqual([[140, null], [null, 90]]);
  });
  it('two values of one series at the same instant get two rows, neither hidden', () => {
    const t = alignSeries([[pt('2026-01-01T08:00:00Z', 140), pt('2026-01-01T08:00:00Z', 150)], [pt('2026-01-01T08:00:00Z', 90)]]);
    expect(t.x).toHaveLength(2);
    expect(t.ys).toEqual([[140, 150], [90, null]]);
  });
});

describe('reference bands', () => {
  it('a range held by consecutive points is one band; a new range starts where it changed, the old one reaching that point', () => {
    const t = alignSeries([[
      pt('2020-01-01T00:00:00Z', 5, { low: 4, high: 6 }),
      pt('2021-01-01T00:00:00Z', 5.5, { low: 4, high: 6 }),
      pt('2022-01-01T00:00:00Z', 6.2, { low: 4, high: 5.7 }),
      pt('2023-01-01T00:00:00Z', 6.0, { low: 4, high: 5.7 }),
    ]]);
    expect(referenceBands(t)).toEqual([
      { series: 0, from: 0, to: 2, low: 4, high: 6 },
      { series: 0, from: 2, to: 3, low: 4, high: 5.7 },
    ]);
  });
  it('a point without a range leaves a gap; a one-sided range keeps its missing bound null', () => {
    const t = alignSeries([[
      pt('2020-01-01T00:00:00Z', 120, { high: 115 }),
      pt('2021-01-01T00:00:00Z', 110),
      pt('2022-01-01T00:00:00Z', 100, { high: 115 }),
    ]]);
    expect(referenceBands(t)).toEqual([
      { series: 0, from: 0, to: 0, low: null, high: 115 },
      { series: 0, from: 2, to: 2, low: null, high: 115 },
    ]);
  });
  it('the y extent holds every value and every bound, with room around them', () => {
    const t = alignSeries([[pt('2020-01-01T00:00:00Z', 5, { low: 4, high: 6 }), pt('2021-01-01T00:00:00Z', 5.2, { low: 4, high: 6 })]]);
    const [lo, hi] = valueExtent(t, referenceBands(t))!;
    expect(lo).toBeLessThan(4);
    expect(hi).toBeGreaterThan(6);
    expect(valueExtent(alignSeries([[]]), [])).toBeNull();
    const [a, b] = valueExtent(alignSeries([[pt('2020-01-01T00:00:00Z', 80)]]), [])!;
    expect(a).toBeLessThan(80);
    expect(b).toBeGreaterThan(80);
  });
});

describe('point dates', () => {
  const rome = (d: Date) => formatDateTimeIn(d, 'Europe/Rome');
  it('a date-only value keeps its own day and no time; a date-time is shown in the zone', () => {
    expect(pointDate('2026-03-15T00:00:00Z', rome)).toEqual({ date: '15/03/2026', time: null });
    expect(pointDate('2026-03-15T23:30:00Z', rome)).toEqual({ date: '16/03/2026', time: '00:30' });
  });
});

describe('which charts a patient gets', () => {
  const obs = (code: string, display: string, value: Observation['value']): { observation: Observation; count: number } => ({
    observation: { id: code, source: 'doctor', code, display, effective: '2026-01-01', value, status: 'final' } as Observation,
    count: 3,
  });
  const q = (v: number, unit: string) => ({ type: 'quantity' as const, value: v, unit });
  it('vital signs first (blood pressure as one chart of its two series), then key labs, then other numeric codes; coded ones have none', () => {
    const charts = chartsFor([
      obs('4548-4', 'Emoglobina glicata', q(6.1, '%')),
      obs('8462-4', 'Pressione diastolica', q(85, 'mm[Hg]')),
      obs('9999-1', 'Zinco', q(90, 'ug/dL')),
      obs('29463-7', 'Peso corporeo', q(80, 'kg')),
      obs('5778-6', 'Colore delle urine', { type: 'coded', code: 'Y', codeSystem: '2.16.840.1.113883.6.1', display: 'giallo' }),
      obs('8480-6', 'Pressione sistolica', q(135, 'mm[Hg]')),
      obs('1111-1', 'Acido urico', q(6, 'mg/dL')),
    ]);
    expect(charts.map((c) => [c.id, c.series.map((s) => s.code)])).toEqual([
      ['bloodPressure', ['8480-6', '8462-4']],
      ['weight', ['29463-7']],
      ['hba1c', ['4548-4']],
      ['loinc-1111-1', ['1111-1']],
      ['loinc-9999-1', ['9999-1']],
    ]);
    expect(chartsFor([])).toEqual([]);
  });
});

describe('telemonitoring plan targets', () => {
  const trend = alignSeries([[pt('2026-01-10T08:00:00', 150), pt('2026-02-01T08:00:00', 135), pt('2026-02-20T08:00:00', 128), pt('2026-04-02T08:00:00', 142)]]);
  it('a band over the points taken while the plan ran, with its target bounds', () => {
    expect(planBands(trend, [{ series: 0, low: 120, high: 140, start: '2026-02-01', end: '2026-03-31' }])).toEqual([{ series: 0, from: 1, to: 2, low: 120, high: 140 }]);
  });
  it('one-sided targets stay open; a plan with no point in its days, or no bound, draws nothing', () => {
    expect(planBands(trend, [{ series: 0, low: null, high: 140, start: '2026-01-01', end: '2026-12-31' }])).toEqual([{ series: 0, from: 0, to: 3, low: null, high: 140 }]);
    expect(planBands(trend, [{ series: 0, low: 120, high: 140, start: '2026-03-01', end: '2026-03-31' }])).toEqual([]);
    expect(planBands(trend, [{ series: 0, low: null, high: null, start: '2026-01-01', end: '2026-12-31' }])).toEqual([]);
  });
  it('the y extent takes the target in', () => {
    const [lo] = valueExtent(trend, planBands(trend, [{ series: 0, low: 100, high: 140, start: '2026-01-01', end: '2026-12-31' }]))!;
    expect(lo).toBeLessThan(100);
  });
});

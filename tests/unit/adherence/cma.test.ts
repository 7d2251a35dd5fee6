/**
 * CMA1-CMA9 (DOMAIN.md §2.5): the AdhereR vignette's values, invariants over the 100 patients
 * of med.events, and small event lists whose values follow from the definitions (each case
 * works its arithmetic out in a comment).
 */
import { describe, expect, it } from 'vitest';
import { computeCma } from '../../../shared/analytics/adherence/cma/index.ts';
import type { CarryOptions, CmaKind, MedicationEvent } from '../../../shared/analytics/adherence/types.ts';
import { AdherenceComputationError } from '../../../shared/analytics/adherence/units.ts';
import { events, medEvents, windows } from './fixtures.ts';

const VIGNETTE = windows(0, 730, 182, 365);

function cmaOf(evs: MedicationEvent[], k: CmaKind, w = VIGNETTE, carry: CarryOptions = {}) {
  return new Map(computeCma(evs, { cma: k, ...w, ...carry }).map((r) => [r.patientId, r.cma]));
}

function one(evs: MedicationEvent[], k: CmaKind, w: ReturnType<typeof windows>, carry: CarryOptions = {}) {
  const r = computeCma(evs, { cma: k, ...w, ...carry });
  expect(r).toHaveLength(1);
  return r[0]!.cma;
}

describe('CMA on med.events with the vignette parameters', () => {
  const med = medEvents();
  const all = Object.fromEntries(([1, 2, 3, 4, 5, 6, 7, 8, 9] as const).map((k) => [k, cmaOf(med, k)])) as Record<CmaKind, Map<unknown, number | null>>;

  it('gives the vignette CMA1: 0.4035874 for patient 37 and 1.4 for patient 76', () => {
    expect(all[1].get(37)).toBeCloseTo(0.4035874, 7);
    expect(all[1].get(76)).toBeCloseTo(1.4, 12);
    expect(all[1].size).toBe(100);
  });

  it('caps CMA1 and CMA2 at 1 for CMA3 and CMA4, keeping NA', () => {
    for (const [id, v] of all[1]) expect(all[3].get(id)).toBe(v === null ? null : Math.min(1, v));
    for (const [id, v] of all[2]) expect(all[4].get(id)).toBe(v === null ? null : Math.min(1, v));
    expect([...all[1].values()].some((v) => v !== null && v > 1)).toBe(true);
  });

  it('keeps the gap-based CMAs between 0 and 1', () => {
    for (const k of [5, 6, 7, 8, 9] as const) {
      for (const v of all[k].values()) {
        if (v === null || Number.isNaN(v)) continue;
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1 + 1e-12);
      }
    }
  });

  it('gives NA for CMA1 and CMA5 exactly when fewer than two events fall inside the observation window', () => {
    const byPatient = new Map<unknown, MedicationEvent[]>();
    for (const e of med) byPatient.set(e.patientId, [...(byPatient.get(e.patientId) ?? []), e]);
    let na = 0;
    for (const [id, evs] of byPatient) {
      const first = Math.min(...evs.map((e) => e.date));
      const inside = evs.filter((e) => e.date >= first + 182 && e.date <= first + 182 + 365).length;
      expect(all[1].get(id) === null).toBe(inside < 2);
      expect(all[5].get(id) === null).toBe(inside < 2);
      if (inside < 2) na++;
    }
    expect(na).toBeGreaterThan(0);
  });

  it('makes carryOnlyForSameMedication and considerDosageChange change nothing when the class and the dose never change', () => {
    const oneClass = med.map((e) => ({ ...e, medicationClass: 'X' }));
    const oneDose = med.map((e) => ({ ...e, dailyDose: 1 }));
    for (const k of [5, 6, 7, 8, 9] as const) {
      expect(cmaOf(oneClass, k, VIGNETTE, { carryOnlyForSameMedication: true })).toEqual(cmaOf(oneClass, k));
      expect(cmaOf(oneDose, k, VIGNETTE, { considerDosageChange: true })).toEqual(cmaOf(oneDose, k));
      // On the real data both options change some patients' values.
      const same = cmaOf(med, k, VIGNETTE, { carryOnlyForSameMedication: true });
      const dose = cmaOf(med, k, VIGNETTE, { considerDosageChange: true });
      expect([...same].some(([id, v]) => v !== all[k].get(id))).toBe(true);
      expect([...dose].some(([id, v]) => v !== all[k].get(id))).toBe(true);
    }
  });
});

describe('CMA on hand-made events (days from 1 January 2030)', () => {
  // Three 30-day supplies back to back over 90 days: fully covered by every measure.
  it('gives 1 for supplies that cover the window exactly', () => {
    const e = events(1, [[0, 30], [30, 30], [60, 30]]);
    for (let k = 1; k <= 9; k++) expect(one(e, k as CmaKind, windows(0, 90, 0, 90))).toBeCloseTo(1, 12);
  });

  // Supplies on days 0 and 60, 30 days each, window 0-90: CMA1 = 30/60, CMA2 = 60/90,
  // CMA5 = 1 - 30/60, CMA6 = CMA7 = 1 - 30/90; CMA9: interval 0-60 covered 1/2 over 60 days,
  // 60-90 fully: (30 + 30)/90.
  it('counts a 30-day gap the way each CMA defines its span', () => {
    const e = events(1, [[0, 30], [60, 30]]);
    const w = windows(0, 90, 0, 90);
    expect(one(e, 1, w)).toBeCloseTo(0.5, 12);
    expect(one(e, 2, w)).toBeCloseTo(2 / 3, 12);
    expect(one(e, 5, w)).toBeCloseTo(0.5, 12);
    expect(one(e, 6, w)).toBeCloseTo(2 / 3, 12);
    expect(one(e, 7, w)).toBeCloseTo(2 / 3, 12);
    expect(one(e, 9, w)).toBeCloseTo(2 / 3, 12);
  });

  // Day 0: 60 days, day 30: 30 days, window 0-120. CMA1 = 60/30 = 2 (an early refill), CMA3
  // caps it; CMA2 = 90/120. With carry-over the 30 days left at day 30 move on: the second
  // supply ends on day 90, so the gap is 30 days: CMA5 = 1 (no gap between events),
  // CMA6 = CMA7 = 1 - 30/120.
  it('carries an early refill over instead of counting it twice', () => {
    const e = events(1, [[0, 60], [30, 30]]);
    const w = windows(0, 120, 0, 120);
    expect(one(e, 1, w)).toBe(2);
    expect(one(e, 3, w)).toBe(1);
    expect(one(e, 2, w)).toBeCloseTo(0.75, 12);
    expect(one(e, 4, w)).toBeCloseTo(0.75, 12);
    expect(one(e, 5, w)).toBe(1);
    expect(one(e, 6, w)).toBeCloseTo(0.75, 12);
    expect(one(e, 7, w)).toBeCloseTo(0.75, 12);
  });

  // Day 0: 100 days, day 120: 60 days; observation days 50-180. CMA5 sees one event: NA.
  // CMA6 starts at day 120: covered to the end, 1. CMA7 carries the day-0 supply in: it
  // covers 50-100, so 20 of the 130 days are a gap: 1 - 20/130. CMA8 starts the window
  // where that supply ends (day 100): 20 gap days in 80: 0.75.
  it('carries supply into the observation window for CMA7 and lags the window for CMA8', () => {
    const e = events(1, [[0, 100], [120, 60]]);
    const w = windows(0, 200, 50, 130);
    expect(one(e, 5, w)).toBeNull();
    expect(one(e, 6, w)).toBe(1);
    expect(one(e, 7, w)).toBeCloseTo(1 - 20 / 130, 12);
    expect(one(e, 8, w)).toBeCloseTo(0.75, 12);
  });

  // An event before the window whose supply covers all of it: zero gap, CMA7 = 1; CMA1 has
  // no event inside the window: NA.
  it('gives CMA7 = 1 for a supply with zero gap over the window, and CMA1 NA without events inside', () => {
    const e = events(1, [[0, 400]]);
    const w = windows(0, 400, 10, 300);
    expect(one(e, 7, w)).toBe(1);
    expect(one(e, 1, w)).toBeNull();
  });

  // Day 0: 30 days, day 100: 100 days; follow-up 0-200, observation 50-150. CMA9 weighs
  // interval 0-100 (30 % covered) over its 50 days inside the window, and 100-200 (fully
  // covered) over its 50: (0.3 x 50 + 1 x 50) / 100.
  it('weighs each interval by its coverage for CMA9, cut at the window', () => {
    expect(one(events(1, [[0, 30], [100, 100]]), 9, windows(0, 200, 50, 100))).toBeCloseTo(0.65, 12);
    // Oversupply moves on: 90 days on day 0 and 30 on day 30 cover 0-120.
    expect(one(events(1, [[0, 90], [30, 30]]), 9, windows(0, 120, 0, 120))).toBe(1);
  });

  // medA 60 days on day 0, medB 30 on day 30 and day 90, window 0-150. Carrying medA's 30 days
  // left into medB covers 30-90 (gap after day 120: 30): 1 - 30/150. Without carry-over
  // across medications the gaps are 60-90 and 120-150: 1 - 60/150.
  it('drops the carry-over at a medication change with carryOnlyForSameMedication', () => {
    const e = events(1, [[0, 60, 'A'], [30, 30, 'B'], [90, 30, 'B']]);
    const w = windows(0, 150, 0, 150);
    expect(one(e, 6, w)).toBeCloseTo(0.8, 12);
    expect(one(e, 6, w, { carryOnlyForSameMedication: true })).toBeCloseTo(0.6, 12);
  });

  // 60 days at 2 a day on day 0, then 30 days at 1 a day on day 30. At day 30, 30 days at dose
  // 2 are left: 60 days at the new dose 1. Supply to day 120, gap 120-150: 1 - 30/150; without
  // the dose change only 30 days carry: gap 90-150, 1 - 60/150.
  it('rescales the carry-over by old dose / new dose with considerDosageChange', () => {
    const e = events(1, [[0, 60, 'A', 2], [30, 30, 'A', 1]]);
    const w = windows(0, 150, 0, 150);
    expect(one(e, 6, w)).toBeCloseTo(0.6, 12);
    expect(one(e, 6, w, { considerDosageChange: true })).toBeCloseTo(0.8, 12);
  });
});

describe('CMA windows', () => {
  it('counts a numeric follow-up start from each patient’s first event and the observation start from the follow-up start', () => {
    // Same pattern shifted by 1000 days for patient 2: same value.
    const e = [...events(1, [[0, 30], [60, 30]]), ...events(2, [[1000, 30], [1060, 30]])];
    const v = cmaOf(e, 7, windows(0, 90, 0, 90));
    expect(v.get(1)).toBeCloseTo(2 / 3, 12);
    expect(v.get(2)).toBe(v.get(1));
    // Follow-up from day 30 (relative): the day-0 event is outside it and ignored.
    const later = cmaOf(events(1, [[0, 30], [30, 30], [90, 30]]), 1, windows(30, 120, 0, 120));
    expect(later.get(1)).toBeCloseTo(0.5, 12); // events 30 and 90: 30 supplied / 60 days
  });

  it('refuses the whole computation when the observation window leaves the follow-up window', () => {
    const e = events(1, [[0, 30], [60, 30]]);
    expect(() => computeCma(e, { cma: 1, ...windows(0, 90, 30, 90) })).toThrow(AdherenceComputationError);
    try {
      computeCma(e, { cma: 1, ...windows(0, 90, 30, 90) });
    } catch (err) {
      expect((err as AdherenceComputationError).code).toBe('OBSERVATION_WINDOW_OUTSIDE_FOLLOW_UP');
    }
  });

  it('refuses durations that are not positive and mixed daily doses', () => {
    expect(() => computeCma(events(1, [[0, 0]]), { cma: 1, ...windows(0, 90, 0, 90) })).toThrow(/strictly positive/);
    const mixed = [...events(1, [[0, 30]]), { patientId: 1, date: 100, duration: 5, durationMethod: 'days-supply' as const }];
    expect(() => computeCma(mixed, { cma: 1, ...windows(0, 90, 0, 90) })).toThrow(/daily dose/);
  });

  it('says which method gave the durations', () => {
    const e = events(1, [[0, 30], [60, 30]]).map((x, i) => ({ ...x, durationMethod: i === 0 ? ('posology' as const) : ('ddd' as const) }));
    expect(computeCma(e, { cma: 7, ...windows(0, 90, 0, 90) })[0]!.durationMethods).toEqual(['ddd', 'posology']);
  });
});

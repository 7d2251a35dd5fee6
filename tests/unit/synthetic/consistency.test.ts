/**
 * Synthetic records a doctor would not laugh at: across a 300-patient panel, no product before
 * it existed, no vaccine outside its ages, exemptions after their decree and for the patient's
 * own condition, therapies with their problem, anaphylaxis as a high-criticality allergy; and
 * the same seed gives the same records.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../shared/random.ts';
import { syntheticClinicalRecord } from '../../../shared/synthetic/clinical-record.ts';
import { syntheticPatients } from '../../../shared/synthetic/patients.ts';

const TODAY = '2026-06-01';
const panel = syntheticPatients({ count: 300, seed: 7 }).map((p, i) => ({ p, r: syntheticClinicalRecord(p, seededRandom(100 + i), TODAY) }));
const years = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / (365.25 * 86_400_000);

describe('synthetic clinical records', () => {
  it('are deterministic per seed', () => {
    const again = syntheticPatients({ count: 300, seed: 7 }).map((p, i) => syntheticClinicalRecord(p, seededRandom(100 + i), TODAY));
    expect(again).toEqual(panel.map((x) => x.r));
  });

  it('date products no earlier than their Italian launch (Triatec 1991, PCV 2002, exemptions 1999, E01 2011)', () => {
    const since: Record<string, number> = { C09AA05: 1991, R03DC03: 1998, C10AA05: 1998 };
    for (const { r } of panel) {
      for (const m of r.medications) if (since[m.atc.code] && m.start) expect(Number(m.start.slice(0, 4)), m.atc.code).toBeGreaterThanOrEqual(since[m.atc.code]!);
      for (const v of r.vaccinations) {
        if (v.atc.code === 'J07AL02') expect(Number(v.date.slice(0, 4))).toBeGreaterThanOrEqual(2002);
        if (v.atc.code === 'J07BX03') expect(Number(v.date.slice(0, 4))).toBeGreaterThanOrEqual(2021);
      }
      for (const e of r.exemptions) expect(Number(e.start!.slice(0, 4)), e.exemption.code).toBeGreaterThanOrEqual(e.exemption.code === 'E01' ? 2011 : 1999);
    }
  });

  it('give vaccines at their ages and after birth', () => {
    for (const { p, r } of panel) {
      for (const v of r.vaccinations) {
        expect(v.date >= p.birthDate).toBe(true);
        if (v.atc.code === 'J07CA09') expect(years(p.birthDate, v.date), 'esavalente in the first 18 months').toBeLessThanOrEqual(1.5);
        if (v.atc.code === 'J07BM03') expect(years(p.birthDate, v.date)).toBeGreaterThanOrEqual(11);
      }
    }
  });

  it('treat problems the patient has, and exempt for them', () => {
    const REASON: Record<string, string[]> = {
      A10BA02: ['250.00'], C10AA05: ['272.0', '414.01'], H03AA01: ['244.9'], M04AA01: ['274.9'], A02BC02: ['530.81'],
    };
    const EXEMPT: Record<string, string> = { '013': '250.00', '031': '401.9' };
    let treated = 0;
    for (const { r } of panel) {
      const problems = new Set(r.problems.map((x) => x.diagnosis.code));
      if (r.medications.length > 0) {
        treated++;
        expect(r.problems.length, 'a therapy without any problem').toBeGreaterThan(0);
        expect(r.noProblems).toBeUndefined();
      }
      for (const m of r.medications) if (REASON[m.atc.code]) expect(REASON[m.atc.code]!.some((c) => problems.has(c)), m.atc.code).toBe(true);
      for (const e of r.exemptions) if (EXEMPT[e.exemption.code]) expect(problems.has(EXEMPT[e.exemption.code]!), e.exemption.code).toBe(true);
    }
    expect(treated).toBeGreaterThan(30);
  });

  it('record anaphylaxis as an allergy of high criticality, never as an intolerance', () => {
    let seen = 0;
    for (const { r } of panel) {
      for (const a of r.allergies) {
        if (a.reaction?.code !== '995.0') continue;
        seen++;
        expect(['DALG', 'ALG', 'FALG', 'EALG']).toContain(a.type);
        expect(a.criticality).toBe('H');
      }
    }
    expect(seen).toBeGreaterThan(0);
  });
});

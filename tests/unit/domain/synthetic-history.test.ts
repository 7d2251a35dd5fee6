import { describe, expect, it } from 'vitest';
import { ClinicalRecord } from '../../../shared/domain/clinical-record.ts';
import { Dispensation, Observation, Prescription, ReceivedDocument, TherapyPlan, Visit } from '../../../shared/domain/record/index.ts';
import { seededRandom } from '../../../shared/random.ts';
import { HISTORY_DRUGS, CONDITIONS } from '../../../shared/synthetic/history/catalog.ts';
import { syntheticHistory, type SyntheticHistory } from '../../../shared/synthetic/history/index.ts';
import { syntheticPatients } from '../../../shared/synthetic/patients.ts';

const TODAY = '2026-11-30';
const patients = syntheticPatients({ count: 40, seed: 77, today: new Date(TODAY) });
const histories = patients.map((p, i) => ({ p, h: syntheticHistory(p, seededRandom(1000 + i), { today: TODAY, years: 15, authorId: 'RSSMRA70A01H501S' }) }));
const day = (d: string) => Date.parse(`${d.slice(0, 10)}T00:00:00Z`) / 86_400_000;

describe('synthetic long histories', () => {
  it('are deterministic and every fact passes its schema', () => {
    const again = syntheticHistory(patients[3]!, seededRandom(1003), { today: TODAY, years: 15, authorId: 'RSSMRA70A01H501S' });
    expect(again).toEqual(histories[3]!.h);
    for (const { h } of histories) {
      ClinicalRecord.parse(h.record);
      h.visits.forEach((v) => Visit.parse(v));
      h.plans.forEach((x) => TherapyPlan.parse(x));
      h.prescriptions.forEach((x) => Prescription.parse(x));
      h.dispensations.forEach((x) => Dispensation.parse(x));
      h.observations.forEach((x) => Observation.parse(x));
      h.documents.forEach((d) => ReceivedDocument.parse({ ...d.document, patientId: 'p', sha256: '0'.repeat(64), size: d.bytes.length }));
    }
  });

  it('stay within the years asked, conditions start in adulthood, exemptions not before 1999, ids unique', () => {
    for (const { p, h } of histories) {
      const from = day(TODAY) - 15 * 365.25 - 1;
      for (const v of h.visits) expect(day(v.at)).toBeGreaterThanOrEqual(from);
      for (const o of h.observations) expect(day(o.effective)).toBeLessThanOrEqual(day(TODAY));
      for (const pr of h.record.problems) expect(day(pr.onset!) - day(p.birthDate)).toBeGreaterThan(24 * 365);
      for (const e of h.record.exemptions) expect(e.start! >= '1999-06-01').toBe(true);
      for (const list of [h.visits, h.plans, h.prescriptions, h.dispensations, h.observations, h.documents.map((d) => d.document)]) {
        expect(new Set(list.map((x) => x.id)).size).toBe(list.length);
      }
    }
  });

  it('therapies treat a condition of the patient and start after their product reached the market', () => {
    let plans = 0;
    for (const { h } of histories) {
      const problems = new Set(h.record.problems.map((p) => p.id));
      for (const plan of h.plans) {
        plans++;
        expect(problems.has(plan.problemId!)).toBe(true);
        const cond = CONDITIONS.find((c) => `prb-${c.key}` === plan.problemId)!;
        expect([...cond.drugs, 'B01AC06']).toContain(plan.atc.code);
        expect(Number(plan.start!.slice(0, 4))).toBeGreaterThanOrEqual(HISTORY_DRUGS.get(plan.atc.code)!.since);
        if (plan.status === 'completed') expect(plan.end! >= plan.start!).toBe(true);
      }
      if (h.plans.length === 0) expect(h.record.noMedications).toBe('no-known-medications');
    }
    expect(plans).toBeGreaterThan(30);
  });

  it('refills follow their plans; nothing is dispensed during a stay; some patients adherent, some with gaps', () => {
    const gapRatios: Array<{ adherent: boolean; ratio: number }> = [];
    for (const { h } of histories) {
      const stays = h.record.encounters.map((e) => [day(e.start), day(e.end!)] as const);
      for (const e of h.record.encounters) expect(e.encounterType.code).toBe('IMP');
      const rx = new Map(h.prescriptions.map((r) => [r.id, r]));
      for (const d of h.dispensations) {
        const r = rx.get(d.prescriptionId!)!;
        expect(d.date >= r.date).toBe(true);
        expect(stays.some(([a, b]) => day(d.date) >= a && day(d.date) <= b)).toBe(false);
      }
      for (const plan of h.plans) {
        const drug = HISTORY_DRUGS.get(plan.atc.code)!;
        const fills = h.dispensations.filter((d) => d.atc.code === plan.atc.code).map((d) => day(d.date));
        if (fills.length < 4) continue;
        const supply = (h.prescriptions.find((r) => r.kind === 'medicine' && r.planId === plan.id) as Extract<Prescription, { kind: 'medicine' }>).packs * drug.packUnits / drug.dosesPerDay;
        const span = fills.at(-1)! - fills[0]!;
        gapRatios.push({ adherent: h.adherent, ratio: span / ((fills.length - 1) * supply) });
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const good = gapRatios.filter((g) => g.adherent).map((g) => g.ratio);
    const poor = gapRatios.filter((g) => !g.adherent).map((g) => g.ratio);
    expect(good.length).toBeGreaterThan(3);
    expect(poor.length).toBeGreaterThan(3);
    // Adherent patients refill about when the supply ends (some early: overlaps); the others late.
    expect(mean(good)).toBeLessThan(1.05);
    expect(mean(poor)).toBeGreaterThan(1.3);
    expect(Math.min(...good)).toBeLessThan(1);
  });

  it('laboratory values come in LAB reports that carry them, with abnormal values flagged', () => {
    let abnormal = 0;
    let hba1c = 0;
    for (const { h } of histories) {
      const docs = new Map(h.documents.map((d) => [d.document.id, d]));
      for (const o of h.observations.filter((x) => x.documentId)) {
        const d = docs.get(o.documentId!)!;
        expect(d.document.kind).toBe('LAB');
        expect(d.bytes).toContain(`extension="${o.id}"`);
        expect(d.bytes).toContain(`code="${o.code}"`);
        if (o.value.type === 'quantity') expect(d.bytes).toContain(`value="${o.value.value}"`);
        if (o.interpretation === 'H' || o.interpretation === 'HH') abnormal++;
        if (o.code === '4548-4') hba1c++;
      }
      for (const d of h.documents.filter((x) => x.document.kind === 'LAB')) {
        expect(d.document.added.observations).toBe(h.observations.filter((o) => o.documentId === d.document.id).length);
        expect(d.bytes.startsWith('<?xml')).toBe(true);
      }
      if (h.conditions.includes('diabetes')) expect(h.observations.some((o) => o.code === '4548-4')).toBe(true);
    }
    expect(abnormal).toBeGreaterThan(20);
    expect(hba1c).toBeGreaterThan(10);
    expect(histories.filter(({ h }) => h.conditions.includes('diabetes')).length).toBeGreaterThan(1);
  });

  it('the closely followed patient: 20 years, 3,000 documents, 50,000 observations', () => {
    const old = patients.find((p) => Number(p.birthDate.slice(0, 4)) < 1950)!;
    const h: SyntheticHistory = syntheticHistory(old, seededRandom(5), { today: TODAY, years: 20, intensive: { documents: 3000, observations: 50_000 } });
    expect(h.documents).toHaveLength(3000);
    expect(h.observations).toHaveLength(50_000);
    expect(h.conditions).toEqual(expect.arrayContaining(['diabetes', 'hypertension', 'ckd', 'atrial-fibrillation']));
    const first = Math.min(...h.visits.map((v) => day(v.at)));
    expect(day(TODAY) - first).toBeGreaterThan(19 * 365);
    const device = h.documents.filter((d) => d.document.kind === 'DEVICE');
    expect(device.length).toBeGreaterThan(500);
    expect(JSON.parse(device[0]!.bytes)).toMatchObject({ resourceType: 'Bundle' });
    expect(new Set(h.observations.map((o) => o.id)).size).toBe(50_000);
  });
});

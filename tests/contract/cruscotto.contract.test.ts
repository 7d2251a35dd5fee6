/**
 * Aderenza and the cruscotto over both transports, on a small panel built by hand so that every
 * expected number is derived here from the definitions (PQA's PDC, DOMAIN.md §2.1; the
 * indicators of DOMAIN.md §3), not copied from the output. Reporting date 30/06/2026: the
 * period is 01/07/2025-30/06/2026 (365 days), the previous one 01/07/2024-30/06/2025.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispensation, Observation } from '../../shared/domain/record/index.ts';
import type { PatientInput } from '../../shared/domain/patient.ts';
import { syntheticPatients } from '../../shared/synthetic/patients.ts';
import { rejection } from '../helpers/rejection.ts';
import { transports, type ContractFixture } from './transports.ts';

const AS_OF = '2026-06-30';
const RAMIPRIL = { aic: { code: '027161052', display: 'TRIATEC' }, atc: { code: 'C09AA05', display: 'RAMIPRIL' } }; // catalogue: 28 units
const ATORVASTATINA = { aic: { code: '033006014', display: 'TOTALIP' }, atc: { code: 'C10AA05', display: 'ATORVASTATINA' } }; // catalogue: 10 units
const AMLODIPINA = { aic: { code: '027428010', display: 'NORVASC' }, atc: { code: 'C08CA01', display: 'AMLODIPINA' } }; // 28 units of 5 mg; DDD 5 mg
const ONE_A_DAY = { unitsPerDose: 1, unit: 'compressa', dosesPerDay: 1, asNeeded: false };

function addDays(iso: string, n: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
const every = (start: string, step: number, count: number) => Array.from({ length: count }, (_, k) => addDays(start, k * step));

describe.each(transports)('adherence and cruscotto over %s', (_name, make) => {
  let f: ContractFixture;
  const ids: Partial<Record<string, string>> = {};
  let seq = 0;

  async function patient(key: string, surname: string, birthYear: 'adult' | 'old'): Promise<string> {
    const pool = syntheticPatients({ count: 60, seed: 5150, today: new Date('2026-06-30') });
    const pick = pool.filter((p) => (birthYear === 'old' ? p.birthDate < '1944' : p.birthDate > '1950' && p.birthDate < '1975'))[seq++]!;
    const p = await f.client.call('patients.create', { ...pick, surname } as PatientInput);
    ids[key] = p.id;
    return p.id;
  }
  const problem = (patientId: string, id: string, code: string, onset: string) =>
    f.client.call('record.upsertEntry', { patientId, section: 'problems', entry: { id, source: 'doctor', diagnosis: { code, display: code }, status: 'active', chronic: true, onset } });
  const plan = (patientId: string, drug: typeof RAMIPRIL, withPosology: boolean) =>
    f.client.call('therapy.upsertPlan', {
      patientId, plan: { source: 'doctor', ...drug, dosageText: '1 compressa al giorno', route: 'PO', status: 'active', start: '2020-01-01', chronic: true, ...(withPosology ? { posology: ONE_A_DAY } : {}) },
    });
  const dispense = (patientId: string, drug: typeof RAMIPRIL, dates: string[], packs = 1) => {
    const dispensations: Dispensation[] = dates.map((date, i) => ({ id: `D${drug.atc.code}.${i}.${date}`, date, ...drug, packs, source: 'csv' }));
    return f.db.call('record.writeHistory', { actor: 'test', patientId, part: { dispensations } });
  };
  const observe = (patientId: string, items: Array<[code: string, date: string, value: number, unit: string]>) => {
    const observations: Observation[] = items.map(([code, date, value, unit], i) => ({
      id: `O${code}.${date}.${i}`, source: 'doctor', code, display: code, effective: date, value: { type: 'quantity', value, unit }, status: 'final',
    }));
    return f.db.call('record.writeHistory', { actor: 'test', patientId, part: { observations } });
  };
  const bp = (patientId: string, date: string, s: number, d: number) => observe(patientId, [['8480-6', date, s, 'mm[Hg]'], ['8462-4', date, d, 'mm[Hg]']]);

  beforeAll(async () => {
    f = await make();
    // A: hypertensive, ramipril 28 days a pack, 13 fills every 28 days from 01/07/2025: days 0-363 covered, PDC 364/365.
    const a = await patient('A', 'Aderente', 'adult');
    await problem(a, 'P1', '401.9', '2015-01-01');
    await plan(a, RAMIPRIL, true);
    await dispense(a, RAMIPRIL, every('2025-07-01', 28, 13));
    await bp(a, '2026-05-01', 135, 85);
    // B: hypertensive, four packs a quarter apart this year (112/365), thirteen on time the year before (364/365).
    const b = await patient('B', 'Buchi', 'adult');
    await problem(b, 'P1', '401.9', '2015-01-01');
    await plan(b, RAMIPRIL, true);
    await dispense(b, RAMIPRIL, ['2025-07-01', '2025-10-01', '2026-01-01', '2026-04-01']);
    await dispense(b, RAMIPRIL, every('2024-07-01', 28, 13));
    await bp(b, '2026-05-01', 150, 95);
    // C: atorvastatin, 3 packs of 10 = 30 days, twelve fills every 30 days (360 days of supply); a stay of 10 days
    // (10/09-20/09/2025) leaves the denominator (355) and pushes the supply after it: 71 + (365 - 81) = 355 days covered.
    const c = await patient('C', 'Ciclo', 'adult');
    await plan(c, ATORVASTATINA, true);
    await dispense(c, ATORVASTATINA, every('2025-07-01', 30, 12), 3);
    await f.client.call('record.upsertEntry', { patientId: c, section: 'encounters', entry: { id: 'E1', source: 'specialist', encounterType: { code: 'IMP', display: 'Ricovero' }, start: '2025-09-10', end: '2025-09-20' } });
    // D: amlodipine without a plan: the DDD gives 28 x 5 mg / 5 mg = 28 days a pack; two fills, 56/365.
    const d = await patient('D', 'Dosi', 'adult');
    await dispense(d, AMLODIPINA, ['2025-07-01', '2025-08-01']);
    // E: one fill only: PQA leaves the patient out of the measure.
    const e = await patient('E', 'Esclusa', 'adult');
    await plan(e, RAMIPRIL, true);
    await dispense(e, RAMIPRIL, ['2026-02-01']);
    // F: hypertensive and adherent, deceased on 01/01/2026: out of the panel and of every register.
    const fx = await patient('F', 'Fine', 'adult');
    await problem(fx, 'P1', '401.9', '2015-01-01');
    await plan(fx, RAMIPRIL, true);
    await dispense(fx, RAMIPRIL, every('2025-07-01', 28, 6));
    await bp(fx, '2025-12-01', 120, 80);
    await f.client.call('panel.setExit', { patientId: fx, exit: { reason: 'deceased', date: '2026-01-01' } });
    // Diabetics. G: HbA1c 7.0 % (15/09/2025) and 8.0 % (10/03/2026): one in each half; 8.0 % = 63.9 mmol/mol > 58.
    //   ACR 45 mg/g (micro-albuminuria) and ramipril dispensed on 01/05/2026 (nephroprotection).
    const g = await patient('G', 'Glicata', 'adult');
    await problem(g, 'P1', '250.00', '2010-01-01');
    await observe(g, [['4548-4', '2025-09-15', 7.0, '%'], ['4548-4', '2026-03-10', 8.0, '%'], ['9318-7', '2025-09-15', 45, 'mg/g']]);
    await dispense(g, RAMIPRIL, ['2026-05-01']);
    // H: HbA1c 6.5 % (47.5 mmol/mol) on 01/10/2025 and an HbA1c ordered on 01/06/2026, no result yet: the order counts.
    const h = await patient('H', 'Hba', 'adult');
    await problem(h, 'P1', '250.00', '2010-01-01');
    await observe(h, [['4548-4', '2025-10-01', 6.5, '%']]);
    await f.client.call('prescriptions.create', { patientId: h, prescription: { kind: 'test', date: '2026-06-01', service: { code: '90.28.1', display: 'Emoglobina glicata (HbA1c)' } } });
    // I: no HbA1c at all. J: diagnosed on 01/05/2026, within 3 months: excluded.
    const i = await patient('I', 'Ignoto', 'adult');
    await problem(i, 'P1', '250.00', '2010-01-01');
    const j = await patient('J', 'Nuovo', 'adult');
    await problem(j, 'P1', '250.00', '2026-05-01');
    // K: hypertensive, 80 or older, 148/88: within 150/90.
    const k = await patient('K', 'Kappa', 'old');
    await problem(k, 'P1', '401.9', '2000-01-01');
    await bp(k, '2026-04-01', 148, 88);
  }, 120_000);
  afterAll(() => f.dispose());

  it('the panel: the non-adherent first (lowest PDC first), then the adherent, then those not measured; the deceased left out', async () => {
    const r = await f.client.call('adherence.panel', { asOf: AS_OF });
    expect(r.period).toEqual({ from: '2025-07-01', to: '2026-06-30' });
    expect(r.previousPeriod).toEqual({ from: '2024-07-01', to: '2025-06-30' });
    const rows = r.items.map((x) => [x.patient.id, x.drugClass, x.pdc, x.adherent, x.exclusion]);
    expect(rows).toEqual([
      [ids.D, 'antihypertensives', 56 / 365, false, null],
      [ids.B, 'antihypertensives', 112 / 365, false, null],
      [ids.A, 'antihypertensives', 364 / 365, true, null],
      [ids.C, 'statins', 1, true, null],
      // Not measured, by the same order: E's 28 days over the 150 from her only fill, G's over 61.
      [ids.E, 'antihypertensives', 28 / 150, false, 'FEWER_THAN_TWO_FILL_DATES'],
      [ids.G, 'antihypertensives', 28 / 61, false, 'FEWER_THAN_TWO_FILL_DATES'],
    ]);
    const byId = new Map(r.items.map((x) => [x.patient.id, x]));
    expect(byId.get(ids.A!)).toMatchObject({ methods: ['posology'], fills: 13, daysCovered: 364, daysInPeriod: 365 });
    expect(byId.get(ids.D!)).toMatchObject({ methods: ['ddd'], daysCovered: 56 });
    expect(byId.get(ids.C!)).toMatchObject({ hospitalDays: 10, daysInPeriod: 355, daysCovered: 355 });
    expect(byId.get(ids.B!)!.previous).toMatchObject({ pdc: 364 / 365, adherent: true });
    expect(byId.get(ids.A!)!.previous).toBeNull();
    expect(byId.has(ids.F!)).toBe(false);
    const statins = await f.client.call('adherence.panel', { asOf: AS_OF, drugClass: 'statins' });
    expect(statins.items.map((x) => x.patient.id)).toEqual([ids.C]);
  });

  it("a patient's refill timeline: each fill with its supply, the shift after an early refill and the stay", async () => {
    const r = await f.client.call('adherence.patient', { patientId: ids.C!, asOf: AS_OF, from: '2025-07-01' });
    expect(r.stays).toEqual([{ start: '2025-09-10', end: '2025-09-20' }]);
    expect(r.fills).toHaveLength(12);
    expect(r.fills[0]).toMatchObject({ date: '2025-07-01', duration: 30, method: 'posology', used: [{ start: '2025-07-01', end: '2025-07-31' }], gapDays: 0, overlapDays: 0 });
    // The third fill (30/08) meets the stay: 11 days before it, the other 19 after discharge.
    expect(r.fills[2]).toMatchObject({ date: '2025-08-30', used: [{ start: '2025-08-30', end: '2025-09-10' }, { start: '2025-09-20', end: '2025-10-09' }] });
    // The fourth (29/09) waits for the supply the stay pushed to 09/10: 10 days of overlap, carried over.
    expect(r.fills[3]).toMatchObject({ date: '2025-09-29', overlapDays: 10, gapDays: 0, used: [{ start: '2025-10-09', end: '2025-11-08' }] });
    expect(r.classes).toEqual([expect.objectContaining({ drugClass: 'statins', pdc: 1, hospitalDays: 10 })]);

    // B's last fill of the year before (02/06/2025) ran out on 30/06: one day of gap; then 64, 64 and 62 days.
    const b = await f.client.call('adherence.patient', { patientId: ids.B!, asOf: AS_OF, from: '2025-07-01' });
    expect(b.fills.map((x) => [x.date, x.gapDays])).toEqual([['2025-07-01', 1], ['2025-10-01', 64], ['2026-01-01', 64], ['2026-04-01', 62]]);
    expect((await rejection(f.client.call('adherence.patient', { patientId: 'nobody' }))).code).toBe('NOT_FOUND');
  });

  it('the indicators: numerator, denominator, percentage and last year, from coded data only', async () => {
    const r = await f.client.call('cruscotto.indicators', { asOf: AS_OF });
    expect(r.items).toHaveLength(15);
    expect(r.previousAsOf).toBe('2025-06-30');
    const by = new Map(r.items.map((x) => [x.id, x]));
    // #1: G (one per half), H (the order counts) of G, H, I; J newly diagnosed. The year before nobody.
    expect(by.get('dm-hba1c-monitoring')).toMatchObject({ numerator: 2, denominator: 3, previous: { numerator: 0, denominator: 3 }, confirmed: false });
    expect(by.get('dm-hba1c-monitoring')!.percentage).toBeCloseTo(200 / 3, 10);
    // #2: H's 47.5 mmol/mol; G's 63.9 is above 58, I has none.
    expect(by.get('dm-hba1c-control')).toMatchObject({ numerator: 1, denominator: 3 });
    // #3: G's ACR.  #6: G alone has micro-albuminuria, and ramipril in the last 6 months.
    expect(by.get('dm-acr')).toMatchObject({ numerator: 1, denominator: 3 });
    expect(by.get('dm-nephroprotection')).toMatchObject({ numerator: 1, denominator: 1 });
    // #5: no code to count a foot examination with: nobody, and it says so.
    expect(by.get('dm-foot')).toMatchObject({ numerator: 0, denominator: 3, codesToConfigure: ['foot'] });
    // #8: A (135/85) of A and B (150/95); F deceased.  #9: K (148/88).
    expect(by.get('htn-bp-under-80')).toMatchObject({ numerator: 1, denominator: 2, percentage: 50 });
    expect(by.get('htn-bp-80-plus')).toMatchObject({ numerator: 1, denominator: 1 });
    // #15: measured A, B, C, D (E and G one fill, F deceased); adherent A and C. The year before: B alone, adherent.
    expect(by.get('cv-therapy-adherence')).toMatchObject({ numerator: 2, denominator: 4, previous: { numerator: 1, denominator: 1, percentage: 100 } });
    expect(by.get('hf-diagnosis-confirmed')).toMatchObject({ numerator: 0, denominator: 0, percentage: null });
  });

  it("an indicator's patients: those to act on, or the whole register with those to act on first; unknown indicator NOT_FOUND", async () => {
    const toAct = await f.client.call('cruscotto.patients', { indicatorId: 'dm-hba1c-monitoring', asOf: AS_OF });
    expect(toAct.items.map((x) => x.patientId)).toEqual([ids.I]);
    expect(toAct.indicator).toMatchObject({ numerator: 2, denominator: 3 });
    const all = await f.client.call('cruscotto.patients', { indicatorId: 'dm-hba1c-monitoring', asOf: AS_OF, only: 'all' });
    expect(all.items[0]).toMatchObject({ patientId: ids.I, met: false });
    expect(new Set(all.items.slice(1).map((x) => [x.patientId, x.met].join()))).toEqual(new Set([`${ids.G},true`, `${ids.H},true`]));
    const h = all.items.find((x) => x.patientId === ids.H)!;
    expect(h.evidence).toMatchObject({ date: '2026-06-01', ordered: true });
    const control = await f.client.call('cruscotto.patients', { indicatorId: 'dm-hba1c-control', asOf: AS_OF });
    expect(control.items.find((x) => x.patientId === ids.G)!.evidence).toMatchObject({ date: '2026-03-10', value: 8, unit: '%' });
    expect((await rejection(f.client.call('cruscotto.patients', { indicatorId: 'nope' }))).code).toBe('NOT_FOUND');
  });

  it('a patient back in the panel counts again', async () => {
    await f.client.call('panel.setExit', { patientId: ids.F!, exit: null });
    const r = await f.client.call('cruscotto.indicators', { asOf: AS_OF });
    // F's 120/80 is within 140/90: A and F of A, B and F.
    expect(r.items.find((x) => x.id === 'htn-bp-under-80')).toMatchObject({ numerator: 2, denominator: 3 });
    await f.client.call('panel.setExit', { patientId: ids.F!, exit: { reason: 'deceased', date: '2026-01-01' } });
  });

  it('the panel kept in the worker follows the record: a new HbA1c counts at the next call', async () => {
    const count = async () => (await f.client.call('cruscotto.indicators', { asOf: AS_OF })).items.find((x) => x.id === 'dm-hba1c-control')!;
    expect(await count()).toMatchObject({ numerator: 1, denominator: 3 });
    // Asked twice with nothing written in between: the same answer (from the worker's cache).
    expect(await count()).toMatchObject({ numerator: 1, denominator: 3 });
    // I's first HbA1c, 6.0 % = 41.5 mmol/mol <= 58: she reaches the target, and leaves the list to act on.
    await observe(ids.I!, [['4548-4', '2026-06-15', 6.0, '%']]);
    expect(await count()).toMatchObject({ numerator: 2, denominator: 3 });
    const toAct = await f.client.call('cruscotto.patients', { indicatorId: 'dm-hba1c-control', asOf: AS_OF });
    expect(toAct.items.map((x) => x.patientId)).toEqual([ids.G]);
    // A problem recorded is a change too: a new diabetic (onset 2020) enters the register.
    await problem(ids.A!, 'P2', '250.00', '2020-01-01');
    expect(await count()).toMatchObject({ numerator: 2, denominator: 4 });
    await f.client.call('record.removeEntry', { patientId: ids.A!, section: 'problems', entryId: 'P2' });
    expect(await count()).toMatchObject({ numerator: 2, denominator: 3 });
  });

  it('an overridden threshold changes the count; a bad override is refused whole; the defaults come back', async () => {
    const defs = await f.client.call('cruscotto.definitions', {});
    expect(defs.items).toHaveLength(15);
    const control = defs.items.find((x) => x.definition.id === 'dm-hba1c-control')!;
    expect(control).toMatchObject({ overridden: false, definition: { confirmed: false, done: { kind: 'lastValue', max: 58 } } });
    const raised = { ...control.definition, done: { ...control.definition.done, max: 65 } } as typeof control.definition;
    // G's 8.0 % is 63.9 mmol/mol: above 58, within 65. H and I were already within.
    const set = await f.client.call('cruscotto.setDefinitions', { overrides: [raised] });
    expect(set.items.find((x) => x.definition.id === 'dm-hba1c-control')).toMatchObject({ overridden: true, defaults: { done: { max: 58 } }, definition: { done: { max: 65 } } });
    const r = await f.client.call('cruscotto.indicators', { asOf: AS_OF });
    expect(r.items.find((x) => x.id === 'dm-hba1c-control')).toMatchObject({ numerator: 3, denominator: 3, overridden: true, params: { months: 12, max: 65 } });
    expect(r.items.find((x) => x.id === 'dm-acr')).toMatchObject({ overridden: false });

    // A negative target, an unknown indicator, a changed number: INVALID_INPUT naming where; nothing changes.
    const negative = await rejection(f.client.call('cruscotto.setDefinitions', { overrides: [{ ...raised, done: { ...raised.done, max: -1 } } as typeof raised] }));
    expect(negative.code).toBe('INVALID_INPUT');
    expect(JSON.stringify(negative.data)).toContain('done');
    const unknown = await rejection(f.client.call('cruscotto.setDefinitions', { overrides: [raised, { ...raised, id: 'dm-nope' }] }));
    expect(unknown).toMatchObject({ code: 'INVALID_INPUT', data: { issues: [{ path: 'overrides.1.id' }] } });
    const renumbered = await rejection(f.client.call('cruscotto.setDefinitions', { overrides: [{ ...raised, number: 9 }] }));
    expect(renumbered.code).toBe('INVALID_INPUT');
    expect((await f.client.call('cruscotto.indicators', { asOf: AS_OF })).items.find((x) => x.id === 'dm-hba1c-control')).toMatchObject({ numerator: 3 });

    // "Ripristina predefiniti": no overrides.
    const reset = await f.client.call('cruscotto.setDefinitions', { overrides: [] });
    expect(reset.items.every((x) => !x.overridden)).toBe(true);
    expect((await f.client.call('cruscotto.indicators', { asOf: AS_OF })).items.find((x) => x.id === 'dm-hba1c-control')).toMatchObject({ numerator: 2, denominator: 3, overridden: false });
    // An override equal to its default is none.
    const same = await f.client.call('cruscotto.setDefinitions', { overrides: [control.definition] });
    expect(same.items.some((x) => x.overridden)).toBe(false);
  });

  it('a patient who left the panel is out of the indicators and the adherence list from that day; back, she counts again', async () => {
    const bpCount = async (asOf = AS_OF) => (await f.client.call('cruscotto.indicators', { asOf })).items.find((x) => x.id === 'htn-bp-under-80')!;
    expect(await bpCount()).toMatchObject({ numerator: 1, denominator: 2 });
    expect(await f.client.call('panel.exit', { patientId: ids.A! })).toEqual({ patientId: ids.A, exit: null });
    await f.client.call('panel.setExit', { patientId: ids.A!, exit: { reason: 'transferred', date: '2026-03-01' } });
    expect(await f.client.call('panel.exit', { patientId: ids.A! })).toEqual({ patientId: ids.A, exit: { reason: 'transferred', date: '2026-03-01' } });
    // A (135/85, within target) is gone: B alone, not at target.
    expect(await bpCount()).toMatchObject({ numerator: 0, denominator: 1 });
    const list = await f.client.call('cruscotto.patients', { indicatorId: 'htn-bp-under-80', asOf: AS_OF, only: 'all' });
    expect(list.items.map((x) => x.patientId)).toEqual([ids.B]);
    const panel = await f.client.call('adherence.panel', { asOf: AS_OF });
    expect(panel.items.some((x) => x.patient.id === ids.A)).toBe(false);
    // Before she left (a reporting date of 01/02/2026) she is still in the register.
    expect((await bpCount('2026-02-01')).denominator).toBe(2);
    await f.client.call('panel.setExit', { patientId: ids.A!, exit: null });
    expect(await bpCount()).toMatchObject({ numerator: 1, denominator: 2 });
    expect((await f.client.call('adherence.panel', { asOf: AS_OF })).items.some((x) => x.patient.id === ids.A)).toBe(true);
    expect((await rejection(f.client.call('panel.exit', { patientId: 'nobody' }))).code).toBe('NOT_FOUND');
  });
});

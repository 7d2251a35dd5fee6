/**
 * The indicators' rules on single patients (DOMAIN.md §3): windows are the preceding months,
 * "one in each half", an order counts until its result arrives, values on the indicator's
 * scale, the register's age band and the newly diagnosed, deceased and transferred patients.
 */
import { describe, expect, it } from 'vitest';
import { evaluatePatient, icd9Within, onScale, preparePatient, yearBefore } from '../../../shared/analytics/cruscotto/evaluate.ts';
import { defaultIndicators } from '../../../electron/services/cruscotto/definitions-file.ts';
import type { PanelPatient } from '../../../shared/analytics/cruscotto/panel-facts.ts';

const INDICATORS = defaultIndicators();
const def = (id: string) => INDICATORS.find((d) => d.id === id)!;
const patient = (over: Partial<PanelPatient>): PanelPatient => ({
  id: 'p', surname: 'S', givenName: 'G', birthDate: '1960-05-05', sex: 'F',
  problems: [{ code: '250.00', onset: '2010-01-01', status: 'active' }], observations: [], orders: [],
  medication: { dispensations: [], plans: [], prescribed: new Map(), stays: [] }, ...over,
});
const run = (id: string, p: PanelPatient, asOf = '2026-06-30') => evaluatePatient(def(id), preparePatient(p, () => undefined), asOf);
const hba1c = (date: string, value = 7) => ({ code: '4548-4', date, value, unit: '%' });

describe('the fifteen indicators as data', () => {
  it('fifteen, numbered 1-15, unique ids; the unconfirmed ones of DOMAIN.md §3.4 say so', () => {
    expect(INDICATORS.map((d) => d.number)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(new Set(INDICATORS.map((d) => d.id)).size).toBe(15);
    for (const id of ['dm-hba1c-monitoring', 'dm-hba1c-control', 'hf-diagnosis-confirmed']) expect(def(id).confirmed, id).toBe(false);
  });
});

describe('rules', () => {
  it('HbA1c monitoring: one in each half of the 12 months; two in the same half are not enough', () => {
    // Halves: 31/12/2025 is the first day of the second (after 30/12/2025).
    expect(run('dm-hba1c-monitoring', patient({ observations: [hba1c('2025-12-30'), hba1c('2025-12-31')] })).met).toBe(true);
    expect(run('dm-hba1c-monitoring', patient({ observations: [hba1c('2025-08-01'), hba1c('2025-12-30')] })).met).toBe(false);
    // 30/06/2025 is outside the window (the same date a year before), 01/07/2025 inside.
    expect(run('dm-hba1c-monitoring', patient({ observations: [hba1c('2025-06-30'), hba1c('2026-02-01')] })).met).toBe(false);
    expect(run('dm-hba1c-monitoring', patient({ observations: [hba1c('2025-07-01'), hba1c('2026-02-01')] })).met).toBe(true);
  });

  it('an order counts until its result arrives: an order followed by its result is one test', () => {
    const ordered = run('dm-hba1c-monitoring', patient({ observations: [hba1c('2025-09-01')], orders: [{ code: '90.28.1', date: '2026-06-01' }] }));
    expect(ordered).toMatchObject({ met: true, evidence: { date: '2026-06-01', ordered: true } });
    // Ordered on 01/08 and done on 20/08, both in the first half: still nothing in the second.
    const done = run('dm-hba1c-monitoring', patient({ observations: [hba1c('2025-08-20')], orders: [{ code: '90.28.1', date: '2025-08-01' }] }));
    expect(done).toMatchObject({ met: false, evidence: { date: '2025-08-20', ordered: false } });
  });

  it('HbA1c control on the IFCC scale: (% - 2.15) x 10.929; 7.4 % = 57.4 mmol/mol is at target, 7.5 % = 58.5 is not; IFCC values as they are', () => {
    expect(onScale(7.4, '%', 'hba1c-mmol/mol')).toBeCloseTo(57.377, 3);
    expect(onScale(7.5, '%', 'hba1c-mmol/mol')).toBeCloseTo(58.470, 3);
    expect(run('dm-hba1c-control', patient({ observations: [hba1c('2026-01-01', 7.4)] })).met).toBe(true);
    expect(run('dm-hba1c-control', patient({ observations: [hba1c('2026-01-01', 7.4), hba1c('2026-03-01', 7.5)] })).met).toBe(false);
    expect(run('dm-hba1c-control', patient({ observations: [{ code: '59261-8', date: '2026-03-01', value: 58, unit: 'mmol/mol' }] })).met).toBe(true);
    expect(onScale(3.4, 'mg/mmol', 'acr-mg/g')).toBeCloseTo(30.06, 2);
    expect(onScale(68, '%', 'ratio')).toBeCloseTo(0.68, 10);
  });

  it('registers: ICD-9-CM headings, the age band at the reporting date, the newly diagnosed, the deceased', () => {
    expect(icd9Within('250.02', '250')).toBe(true);
    expect(icd9Within('2500', '250')).toBe(false);
    expect(icd9Within('491.21', '491.2')).toBe(true);
    const htn = (birthDate: string) => patient({ birthDate, problems: [{ code: '401.9', onset: '2000-01-01', status: 'active' }], observations: [{ code: '8480-6', date: '2026-05-01', value: 145, unit: 'mm[Hg]' }, { code: '8462-4', date: '2026-05-01', value: 85, unit: 'mm[Hg]' }] });
    // Born 01/07/1946: 79 on 30/06/2026 (the ≤ 79 register, 140/90 not met), 80 a day later (150/90 met).
    expect(run('htn-bp-under-80', htn('1946-07-01'))).toMatchObject({ inRegister: true, met: false });
    expect(run('htn-bp-80-plus', htn('1946-07-01')).inRegister).toBe(false);
    expect(run('htn-bp-80-plus', htn('1946-07-01'), '2026-07-01')).toMatchObject({ inRegister: true, met: true });
    expect(run('dm-acr', patient({ problems: [{ code: '250.00', onset: '2026-04-01', status: 'active' }] })).inRegister).toBe(false);
    expect(run('dm-acr', patient({ problems: [{ code: '250.00', onset: '2026-03-30', status: 'active' }] })).inRegister).toBe(true);
    expect(run('dm-acr', patient({ problems: [{ code: '250.00', onset: '2010-01-01', status: 'resolved', resolution: '2020-01-01' }] })).inRegister).toBe(false);
    expect(run('dm-acr', patient({ exit: { reason: 'transferred', date: '2026-06-30' } })).inRegister).toBe(false);
    expect(run('dm-acr', patient({ exit: { reason: 'transferred', date: '2026-07-01' } })).inRegister).toBe(true);
  });

  it('spirometry around the diagnosis: FEV1/FVC < 0.7 from 3 months before to 6 after', () => {
    const copd = (date: string, value: number) => patient({ problems: [{ code: '496', onset: '2024-05-10', status: 'active' }], observations: [{ code: '19926-5', date, value, unit: '%' }] });
    expect(run('copd-spirometry', copd('2024-02-10', 65)).met).toBe(true);
    expect(run('copd-spirometry', copd('2024-02-09', 65)).met).toBe(false);
    expect(run('copd-spirometry', copd('2024-11-10', 65)).met).toBe(true);
    expect(run('copd-spirometry', copd('2024-06-01', 72)).met).toBe(false);
  });

  it('a year before: 29 February rolls to 1 March', () => {
    expect(yearBefore('2026-06-30')).toBe('2025-06-30');
    expect(yearBefore('2028-02-29')).toBe('2027-03-01');
  });
});

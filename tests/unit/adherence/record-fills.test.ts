/**
 * Durations of the record's dispensations (DOMAIN.md §2.4): from the posology and the pack size
 * read from the AIC's description, else from the DDD and the strength; none when neither is
 * known. Expected values are worked out by hand from the pack and the posology.
 */
import { describe, expect, it } from 'vitest';
import { dispensationSupply, recordFills, staySpans, type PatientMedicationRecord, type RecordDispensation } from '../../../shared/analytics/adherence/record/record-fills.ts';
import { drugClassOf } from '../../../shared/analytics/adherence/record/drug-classes.ts';

const CATALOGUE: Record<string, string> = {
  '027161052': "RAMIPRIL 2,5MG 28 UNITA' USO ORALE",
  '017758018': "METFORMINA 500MG 30 UNITA' USO ORALE",
  '022984052': 'SALBUTAMOLO 100MCG 200 DOSI USO RESPIRATORIO',
};
const catalogue = (aic: string) => CATALOGUE[aic];
const rec = (over: Partial<PatientMedicationRecord> = {}): PatientMedicationRecord => ({ dispensations: [], plans: [], prescribed: new Map(), stays: [], ...over });
const disp = (over: Partial<RecordDispensation>): RecordDispensation => ({ id: 'd1', date: '2026-01-10', atc: 'C09AA05', atcDisplay: 'RAMIPRIL', aic: '027161052', aicDisplay: 'TRIATEC', packs: 1, ...over });

describe('durations from the record', () => {
  it('posology: 2 packs of 28 at one tablet a day last 56 days; half a tablet a day, 112', () => {
    const plan = { atc: 'C09AA05', start: '2020-01-01', posology: { unitsPerDose: 1, unit: 'compressa', dosesPerDay: 1, asNeeded: false } };
    expect(dispensationSupply(disp({ packs: 2 }), rec({ plans: [plan] }), catalogue)).toEqual({ duration: 56, method: 'posology', unitsPerPack: 28 });
    const half = { ...plan, posology: { ...plan.posology, unitsPerDose: 0.5 } };
    expect(dispensationSupply(disp({ packs: 2 }), rec({ plans: [half] }), catalogue)?.duration).toBe(112);
  });

  it("the prescription's posology wins over the plan's; a plan not yet started or ended does not apply, unless it is the only one", () => {
    const plan = { atc: 'A10BA02', start: '2020-01-01', posology: { unitsPerDose: 1, unit: 'compressa', dosesPerDay: 3, asNeeded: false } };
    const d = disp({ atc: 'A10BA02', aic: '017758018', aicDisplay: 'GLUCOPHAGE', prescriptionId: 'rx1' });
    const prescribed = new Map([['rx1', { unitsPerDose: 1, unit: 'compressa', dosesPerDay: 2, asNeeded: false }]]);
    expect(dispensationSupply(d, rec({ plans: [plan], prescribed }), catalogue)?.duration).toBe(15);
    expect(dispensationSupply(d, rec({ plans: [plan] }), catalogue)?.duration).toBe(10);
    const later = { ...plan, start: '2027-01-01', posology: { ...plan.posology, dosesPerDay: 1 } };
    expect(dispensationSupply(d, rec({ plans: [plan, later] }), catalogue)?.duration).toBe(10);
  });

  it("the dispensation's own description gives the pack when it names the units (a CSV's \"28 cpr\")", () => {
    const plan = { atc: 'C09AA05', posology: { unitsPerDose: 1, unit: 'compressa', dosesPerDay: 1, asNeeded: false } };
    expect(dispensationSupply(disp({ aic: '099999999', aicDisplay: 'RAMIPRIL ABC 5 mg 14 cpr' }), rec({ plans: [plan] }), catalogue)?.duration).toBe(14);
  });

  it('an inhaler: 200 doses at 2 puffs twice a day last 50 days', () => {
    const plan = { atc: 'R03AC02', posology: { unitsPerDose: 2, unit: 'puff', dosesPerDay: 2, asNeeded: false } };
    expect(dispensationSupply(disp({ atc: 'R03AC02', aic: '022984052', aicDisplay: 'VENTOLIN' }), rec({ plans: [plan] }), catalogue)).toMatchObject({ duration: 50, method: 'posology' });
  });

  it('DDD when there is no posology (or it is "al bisogno"): 28 x 2.5 mg of ramipril at 2.5 mg a day = 28 days; 30 x 500 mg of metformin at 2 g = 7.5', () => {
    expect(dispensationSupply(disp({}), rec(), catalogue)).toEqual({ duration: 28, method: 'ddd', unitsPerPack: 28 });
    const asNeeded = { atc: 'C09AA05', posology: { unitsPerDose: 1, unit: 'compressa', dosesPerDay: 1, asNeeded: true } };
    expect(dispensationSupply(disp({}), rec({ plans: [asNeeded] }), catalogue)?.method).toBe('ddd');
    expect(dispensationSupply(disp({ atc: 'A10BA02', aic: '017758018' }), rec(), catalogue)).toEqual({ duration: 7.5, method: 'ddd', unitsPerPack: 30 });
  });

  it('no posology, no DDD, no pack: no duration, and the fill is reported apart', () => {
    const warfarin = disp({ id: 'w', atc: 'B01AA03', aic: undefined, aicDisplay: undefined, atcDisplay: 'WARFARIN' });
    expect(dispensationSupply(warfarin, rec(), catalogue)).toBeNull();
    const r = recordFills('p', rec({ dispensations: [warfarin, disp({ id: 'r', date: '2026-01-01' }), disp({ id: 'x', atc: 'A02BC02' })] }), catalogue);
    expect(r.fills.map((f) => [f.id, f.drugClass, f.durationMethod])).toEqual([['r', 'antihypertensives', 'ddd']]);
    expect(r.unmeasured.map((u) => [u.id, u.drugClass])).toEqual([['w', 'anticoagulants']]);
  });

  it('classes by ATC prefix; stays from admission to discharge', () => {
    expect(drugClassOf('c10aa05')?.id).toBe('statins');
    expect(drugClassOf('A10AB01')).toBeUndefined(); // insulin: not in PQA's oral class
    expect(drugClassOf('N06AB06')?.id).toBe('antidepressants');
    expect(staySpans('p', [{ start: '2026-01-10', end: '2026-01-20' }, { start: '2026-02-01' }]).map((s) => s.end - s.start)).toEqual([10, 1]);
  });
});

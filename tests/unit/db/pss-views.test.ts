/**
 * The PSS sections that are views of the longitudinal record (pss-views.ts): a record written the
 * way the PSS editor wrote it before migration 007 builds, after the migration, the same document
 * byte for byte; the view rules (latest of each kind, pinned, left out, the 12-month window for
 * results) and the PSS editor's writes through the new tables.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/services/db/migrations/index.ts';
import { getRecord, importEntries, removeEntry, replaceRecords, upsertEntry } from '../../../electron/services/db/queries/clinical-record.ts';
import { insertPatient } from '../../../electron/services/db/queries/patients.ts';
import { readObservation, writeObservation, writeTherapyPlan } from '../../../electron/services/db/queries/record-rows.ts';
import { STATEMENT_SCHEMAS, ENTRY_SCHEMAS } from '../../../shared/api/record.ts';
import { buildPssCda } from '../../../shared/documents/cda/pss/index.ts';
import type { ClinicalRecord, PssInput } from '../../../shared/domain/clinical-record.ts';
import type { Observation } from '../../../shared/domain/record/index.ts';
import { syntheticPatients } from '../../../shared/synthetic/patients.ts';
import { freshDatabase } from '../../migrations/helpers.ts';
import { TODAY, fullInput, syntheticInputs } from '../documents/pss-inputs.ts';

describe('PSS views of the longitudinal record', () => {
  let t: ReturnType<typeof freshDatabase>;
  afterEach(() => t.dispose());

  /** Writes the record into a version-6 database exactly as the PSS editor stored it then (clinical_entries, in order). */
  function storeAsVersion6(input: PssInput): string {
    const { id } = insertPatient(t.db, { actor: 'u', patient: input.patient });
    const ins = t.db.prepare(
      `INSERT INTO clinical_entries (patient_id, section, entry_id, body, source, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
    );
    const r = input.record;
    for (const section of Object.keys(ENTRY_SCHEMAS) as Array<keyof typeof ENTRY_SCHEMAS>) {
      ((r[section] ?? []) as Array<{ id: string; source: string }>).forEach((e, i) => ins.run(id, section, e.id, JSON.stringify(e), e.source, i));
    }
    for (const key of Object.keys(STATEMENT_SCHEMAS) as Array<keyof typeof STATEMENT_SCHEMAS>) {
      const v = r[key];
      if (v !== undefined) ins.run(id, key, key, JSON.stringify(v), typeof v === 'object' ? v.source : 'doctor', 0);
    }
    return id;
  }

  it('a PSS built after the migration equals the one built before, for every synthetic record and the full one', () => {
    t = freshDatabase();
    migrate(t.db, 6);
    const inputs = [...syntheticInputs(60, 11), fullInput()].map((input, i) => ({ ...input, patient: { ...input.patient, identifier: `${input.patient.identifier.slice(0, 11)}${String(i).padStart(4, '0')}X`.slice(0, 16) } }));
    const ids = inputs.map(storeAsVersion6);
    migrate(t.db, 7);
    let withViews = 0;
    inputs.forEach((input, i) => {
      const { record } = getRecord(t.db, { patientId: ids[i]!, today: TODAY });
      expect(record).toEqual(input.record);
      expect(buildPssCda({ ...input, record })).toBe(buildPssCda(input));
      if (record.vitalSigns.length + record.labResults.length + record.medications.length > 0) withViews++;
    });
    expect(withViews).toBeGreaterThan(20);
  });

  it('whole records written after the migration read back the same (replace, then get)', () => {
    t = freshDatabase();
    migrate(t.db);
    for (const input of syntheticInputs(30, 12)) {
      const { id } = insertPatient(t.db, { actor: 'u', patient: input.patient });
      replaceRecords(t.db, { actor: 'u', records: [{ patientId: id, record: input.record }] });
      const { record } = getRecord(t.db, { patientId: id, today: TODAY });
      expect(buildPssCda({ ...input, record })).toBe(buildPssCda(input));
    }
  });

  function patient(): string {
    t = freshDatabase();
    migrate(t.db);
    return insertPatient(t.db, { actor: 'u', patient: syntheticPatients({ count: 1, seed: 3 })[0]! }).id;
  }
  const now = { now: '2026-03-01T10:00:00.000Z' };
  const weight = (id: string, value: number, effective: string, more: Partial<Observation> = {}): Observation => ({
    id, source: 'doctor', code: '29463-7', display: 'Peso corporeo', effective, value: { type: 'quantity', value, unit: 'kg' }, status: 'final', ...more,
  });
  const hba1c = (id: string, value: number, effective: string, more: Partial<Observation> = {}): Observation => ({
    id, source: 'document', documentId: 'doc1', code: '4548-4', display: 'Emoglobina glicata', effective, value: { type: 'quantity', value, unit: '%' }, status: 'final', ...more,
  });

  it('vital signs: the latest of each kind, plus pinned ones, never the left-out ones; blood pressure pairs by panel', () => {
    const p = patient();
    writeObservation(t.db, p, weight('w1', 80, '2024-01-10'), now);
    writeObservation(t.db, p, weight('w2', 82, '2025-06-01T09:30:00+02:00'), now);
    writeObservation(t.db, p, weight('w3', 79, '2023-01-01', { inPss: true }), now);
    writeObservation(t.db, p, weight('w4', 90, '2026-01-01', { inPss: false, source: 'device' }), now);
    const bp = (id: string, code: string, value: number, panelId: string, effective: string): Observation => ({
      id, source: 'device', code, display: 'PA', panelId, effective, value: { type: 'quantity', value, unit: 'mm[Hg]' }, status: 'final',
    });
    writeObservation(t.db, p, bp('a.sys', '8480-6', 150, 'a', '2025-01-01'), now);
    writeObservation(t.db, p, bp('a.dia', '8462-4', 95, 'a', '2025-01-01'), now);
    writeObservation(t.db, p, bp('b.sys', '8480-6', 131.6, 'b', '2025-02-01T08:00:00+01:00'), now);
    writeObservation(t.db, p, bp('b.dia', '8462-4', 84, 'b', '2025-02-01T08:00:00+01:00'), now);
    // A systolic alone (no panel) is not a PSS blood pressure; SpO2 is not a PSS vital sign.
    writeObservation(t.db, p, { ...bp('lone', '8480-6', 200, 'x', '2026-02-01'), panelId: undefined }, now);
    writeObservation(t.db, p, { id: 's1', source: 'doctor', code: '59408-5', display: 'SpO2', effective: '2026-02-01', value: { type: 'quantity', value: 97, unit: '%' }, status: 'final' }, now);
    const { record, meta } = getRecord(t.db, { patientId: p, today: '2026-03-01' });
    // In the order written (here one instant, so by id).
    expect(record.vitalSigns).toEqual([
      { id: 'b', source: 'patient-declared', kind: 'blood-pressure', systolic: 132, diastolic: 84, date: '2025-02-01' },
      { id: 'w2', source: 'doctor', kind: 'weight', value: 82, date: '2025-06-01' },
      { id: 'w3', source: 'doctor', kind: 'weight', value: 79, date: '2023-01-01' },
    ]);
    expect(meta.filter((m) => m.section === 'vitalSigns').map((m) => m.id)).toEqual(['b', 'w2', 'w3']);
  });

  it('results: pinned ones plus the latest of each laboratory code in the 12 months up to today, left-out ones never', () => {
    const p = patient();
    writeObservation(t.db, p, hba1c('h1', 7.9, '2025-02-01'), now); // older than 12 months
    writeObservation(t.db, p, hba1c('h2', 7.4, '2025-06-01', { interpretation: 'HH', referenceRange: { low: 4, high: 6 } }), now);
    writeObservation(t.db, p, hba1c('h3', 7.1, '2025-12-01'), now);
    writeObservation(t.db, p, hba1c('h4', 6.9, '2026-02-20', { inPss: false }), now);
    writeObservation(t.db, p, { ...hba1c('ldl-old', 160, '2020-01-01'), code: '13457-7', display: 'LDL', value: { type: 'quantity', value: 160, unit: 'mg/dL' }, inPss: true }, now);
    writeObservation(t.db, p, { ...hba1c('urine', 0, '2026-01-01'), code: '5792-7', display: 'Glucosio urine', value: { type: 'coded', code: 'NEG', codeSystem: '2.16.840.1.113883.6.96', display: 'negativo' } }, now);
    writeObservation(t.db, p, { ...hba1c('cr', 1.4, '2026-03-02'), code: '2160-0', display: 'Creatinina', value: { type: 'quantity', value: 1.4, unit: 'mg/dL' } }, now); // tomorrow
    const at = (today: string) => getRecord(t.db, { patientId: p, today }).record.labResults.map((l) => [l.id, l.source, l.interpretation]);
    expect(at('2026-03-01')).toEqual([['h3', 'specialist', undefined], ['ldl-old', 'specialist', undefined]]);
    // A year later only the pinned one is left; on 2025-12-31 the window (2024-12-31…) still holds h3 as the latest.
    expect(at('2027-06-01')).toEqual([['ldl-old', 'specialist', undefined]]);
    writeObservation(t.db, p, hba1c('h3', 7.1, '2025-12-01', { inPss: false }), now);
    expect(at('2026-03-01')).toEqual([['h2', 'specialist', 'H'], ['ldl-old', 'specialist', undefined]]);
  });

  it('therapies: every chronic plan in the plans\' order; a short course is not in the PSS', () => {
    const p = patient();
    const plan = (id: string, chronic: boolean) => ({ id, source: 'doctor' as const, atc: { code: 'C09AA05', display: 'RAMIPRIL' }, dosageText: '1 cp', route: 'PO' as const, status: 'active' as const, chronic });
    writeTherapyPlan(t.db, p, plan('m2', true), now);
    writeTherapyPlan(t.db, p, { ...plan('abx', false), atc: { code: 'J01CA04', display: 'AMOXICILLINA' }, posology: { unitsPerDose: 1, unit: 'compressa', dosesPerDay: 3, durationDays: 6, asNeeded: false } }, now);
    writeTherapyPlan(t.db, p, plan('m1', true), now);
    expect(getRecord(t.db, { patientId: p }).record.medications.map((m) => m.id)).toEqual(['m2', 'm1']);
  });

  it('PSS editor writes: a blood pressure becomes two observations, edits keep what the entry cannot say, versions guard, removal deletes or leaves out', () => {
    const p = patient();
    const entry = { id: 'VIT-1', source: 'doctor' as const, kind: 'blood-pressure' as const, systolic: 140, diastolic: 90, date: '2026-02-01' };
    upsertEntry(t.db, { actor: 'u', input: { patientId: p, section: 'vitalSigns', entry }, authorId: 'RSSMRA70A01H501S' });
    const rows = t.db.prepare(`SELECT id, panel_id, value_num, author_id, version FROM observations WHERE patient_id = ? ORDER BY id`).all(p);
    expect(rows).toEqual([
      { id: 'VIT-1.dia', panel_id: 'VIT-1', value_num: 90, author_id: 'RSSMRA70A01H501S', version: 1 },
      { id: 'VIT-1.sys', panel_id: 'VIT-1', value_num: 140, author_id: 'RSSMRA70A01H501S', version: 1 },
    ]);
    const v2 = upsertEntry(t.db, { actor: 'u', input: { patientId: p, section: 'vitalSigns', entry: { ...entry, systolic: 138 }, version: 1 } });
    expect(v2.record.vitalSigns).toEqual([{ ...entry, systolic: 138 }]);
    expect(v2.meta.find((m) => m.id === 'VIT-1')?.version).toBe(2);
    expect(() => upsertEntry(t.db, { actor: 'u', input: { patientId: p, section: 'vitalSigns', entry, version: 1 } })).toThrow(/changed/);

    // An older weight typed in the PSS editor is pinned, so the doctor sees what was added; a newer one follows the rule.
    writeObservation(t.db, p, weight('w-new', 84, '2026-02-15'), now);
    upsertEntry(t.db, { actor: 'u', input: { patientId: p, section: 'vitalSigns', entry: { id: 'VIT-2', source: 'doctor', kind: 'weight', value: 80, date: '2025-01-01' } } });
    // w-new was written first (its `now` is earlier than the editor's writes).
    expect(getRecord(t.db, { patientId: p }).record.vitalSigns.map((v) => v.id)).toEqual(['w-new', 'VIT-1', 'VIT-2']);

    // Lab results from the PSS editor are pinned, whatever their date; an edit keeps the document link.
    writeObservation(t.db, p, hba1c('h1', 7.9, '2019-02-01', { inPss: true, specimen: 'sangue intero' }), now);
    upsertEntry(t.db, { actor: 'u', input: { patientId: p, section: 'labResults', entry: { id: 'h1', source: 'specialist', loinc: { code: '4548-4', display: 'Emoglobina glicata' }, value: 7.8, unit: '%', date: '2019-02-01' } } });
    const h1 = readObservation(t.db.prepare(`SELECT body FROM observations WHERE patient_id = ? AND id = 'h1'`).get(p) as { body: string });
    expect(h1).toMatchObject({ source: 'document', documentId: 'doc1', specimen: 'sangue intero', inPss: true, value: { value: 7.8 } });

    // Removal: typed in the app → deleted; read from a document → left out of the PSS, kept in its series.
    removeEntry(t.db, { actor: 'u', patientId: p, section: 'vitalSigns', entryId: 'VIT-1' });
    removeEntry(t.db, { actor: 'u', patientId: p, section: 'labResults', entryId: 'h1' });
    expect(t.db.prepare(`SELECT id, in_pss FROM observations WHERE patient_id = ? AND id IN ('VIT-1.sys', 'VIT-1.dia', 'h1')`).all(p)).toEqual([{ id: 'h1', in_pss: 0 }]);
    const after = getRecord(t.db, { patientId: p }).record;
    expect(after.labResults).toEqual([]);
    expect(() => removeEntry(t.db, { actor: 'u', patientId: p, section: 'labResults', entryId: 'nothing' })).toThrow(/not found/);
  });

  it('medications from the PSS editor are chronic plans; an edit keeps posology and problem; import refuses an id already there', () => {
    const p = patient();
    const med = { id: 'MED-1', source: 'doctor' as const, atc: { code: 'A10BA02', display: 'METFORMINA' }, dosageText: '1 cp x 2', route: 'PO' as const, status: 'active' as const };
    upsertEntry(t.db, { actor: 'u', input: { patientId: p, section: 'medications', entry: med } });
    const body = () => JSON.parse((t.db.prepare(`SELECT body FROM therapy_plans WHERE patient_id = ? AND id = 'MED-1'`).get(p) as { body: string }).body) as Record<string, unknown>;
    expect(body()).toMatchObject({ chronic: true });
    writeTherapyPlan(t.db, p, { ...med, chronic: true, problemId: 'prb1', posology: { unitsPerDose: 1, unit: 'compressa', dosesPerDay: 2, asNeeded: false } }, now);
    upsertEntry(t.db, { actor: 'u', input: { patientId: p, section: 'medications', entry: { ...med, status: 'suspended' } } });
    expect(body()).toMatchObject({ status: 'suspended', problemId: 'prb1', posology: { dosesPerDay: 2 } });
    expect(() => importEntries(t.db, { actor: 'u', patientId: p, entries: [{ section: 'medications', entry: med }], statements: {} })).toThrow(/already/);
    const record: ClinicalRecord = getRecord(t.db, { patientId: p }).record;
    expect(record.medications).toEqual([{ ...med, status: 'suspended' }]);
  });
});

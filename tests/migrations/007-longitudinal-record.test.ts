import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/services/db/migrations/index.ts';
import { readObservation, readTherapyPlan } from '../../electron/services/db/queries/record-rows.ts';
import { freshDatabase, isStrict } from './helpers.ts';

const TABLES = ['observations', 'observation_latest', 'visits', 'therapy_plans', 'prescriptions', 'dispensations', 'received_documents', 'received_document_files', 'record_drafts'];

describe('migration 007: the longitudinal record', () => {
  let t: ReturnType<typeof freshDatabase>;
  afterEach(() => t.dispose());

  /** A version-6 database with two patients and PSS entries in every section that moves, and one that stays. */
  function version6() {
    t = freshDatabase();
    migrate(t.db, 6);
    for (const id of ['p1', 'p2']) {
      t.db.prepare(`INSERT INTO patients (id, surname, given_name, sex, birth_date, identifier_kind, identifier, surname_key, given_key, created_at, updated_at)
        VALUES (?, 'S', 'G', 'M', '1950-01-01', 'CF', ?, 'S', 'G', 't', 't')`).run(id, `X${id}`);
    }
    let pos = 0;
    const ins = (patient: string, section: string, body: Record<string, unknown>) => t.db.prepare(
      `INSERT INTO clinical_entries (patient_id, section, entry_id, body, source, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, '2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z')`,
    ).run(patient, section, body.id, JSON.stringify(body), body.source, pos++);
    ins('p1', 'vitalSigns', { id: 'vs1', source: 'doctor', kind: 'weight', value: 82.5, date: '2025-01-10' });
    ins('p1', 'vitalSigns', { id: 'vs2', source: 'patient-declared', kind: 'blood-pressure', systolic: 135, diastolic: 85, date: '2025-01-10', note: 'a casa' });
    ins('p1', 'labResults', { id: 'lab1', source: 'specialist', loinc: { code: '4548-4', display: 'Emoglobina glicata' }, value: 7.2, unit: '%', referenceLow: 4, referenceHigh: 6, interpretation: 'H', date: '2024-11' });
    ins('p1', 'medications', { id: 'med1', source: 'doctor', atc: { code: 'A10BA02', display: 'METFORMINA' }, aic: { code: '027014011', display: 'GLUCOPHAGE 500 mg' }, dosageText: '1 cp x 2', route: 'PO', status: 'active', start: '2020-03' });
    ins('p1', 'medications', { id: 'med2', source: 'specialist', atc: { code: 'C09AA05', display: 'RAMIPRIL' }, dosageText: '1 cp', route: 'PO', status: 'completed', start: '2019', end: '2021' });
    ins('p2', 'medications', { id: 'med1', source: 'patient-declared', atc: { code: 'C10AA05', display: 'ATORVASTATINA' }, dosageText: '1 cp sera', route: 'PO', status: 'suspended' });
    ins('p1', 'problems', { id: 'prb1', source: 'doctor', diagnosis: { code: '250.00', display: 'Diabete' }, status: 'active', chronic: true });
  }

  it('applies on top of 006; new tables are STRICT; existing sections other than the moved ones stay', () => {
    version6();
    expect(migrate(t.db, 7)).toBe(7);
    for (const table of TABLES) expect(isStrict(t.db, table)).toBe(true);
    const left = t.db.prepare('SELECT patient_id, section, entry_id FROM clinical_entries ORDER BY patient_id, section').all();
    expect(left).toEqual([{ patient_id: 'p1', section: 'problems', entry_id: 'prb1' }]);
    const cols = (t.db.prepare(`SELECT name FROM pragma_table_info('clinical_entries')`).all() as Array<{ name: string }>).map((c) => c.name);
    expect(cols).toEqual(expect.arrayContaining(['document_id', 'author_id']));
  });

  it('vital signs become observations: one per measurement, blood pressure split into two sharing a panel id', () => {
    version6();
    migrate(t.db, 7);
    const rows = t.db.prepare(`SELECT id, code, panel_id, effective_key, value_num, source, in_pss, created_at, updated_at, body FROM observations WHERE patient_id = 'p1' AND code <> '4548-4' ORDER BY id`).all() as Array<Record<string, unknown> & { body: string }>;
    expect(rows.map(({ body: _b, ...r }) => r)).toEqual([
      { id: 'vs1', code: '29463-7', panel_id: null, effective_key: '2025-01-10T00:00:00', value_num: 82.5, source: 'doctor', in_pss: null, created_at: '2025-01-01T00:00:00Z', updated_at: '2025-02-01T00:00:00Z' },
      { id: 'vs2.dia', code: '8462-4', panel_id: 'vs2', effective_key: '2025-01-10T00:00:00', value_num: 85, source: 'patient-declared', in_pss: null, created_at: '2025-01-01T00:00:00Z', updated_at: '2025-02-01T00:00:00Z' },
      { id: 'vs2.sys', code: '8480-6', panel_id: 'vs2', effective_key: '2025-01-10T00:00:00', value_num: 135, source: 'patient-declared', in_pss: null, created_at: '2025-01-01T00:00:00Z', updated_at: '2025-02-01T00:00:00Z' },
    ]);
    // Every body parses with the Observation schema, unit and note kept.
    const sys = readObservation(rows[2]!);
    expect(sys).toMatchObject({ id: 'vs2.sys', panelId: 'vs2', effective: '2025-01-10', value: { type: 'quantity', value: 135, unit: 'mm[Hg]' }, note: 'a casa', status: 'final' });
    expect(sys.inPss).toBeUndefined();
    expect(readObservation(rows[0]!).value).toEqual({ type: 'quantity', value: 82.5, unit: 'kg' });
    // The series columns a chart reads without parsing bodies.
    expect(t.db.prepare(`SELECT unit, ref_low, ref_high FROM observations WHERE id = 'vs2.sys'`).get()).toEqual({ unit: 'mm[Hg]', ref_low: null, ref_high: null });
  });

  it('lab results become observations pinned to the PSS, with range and interpretation', () => {
    version6();
    migrate(t.db, 7);
    const row = t.db.prepare(`SELECT in_pss, interpretation, effective_key, source, unit, ref_low, ref_high, body FROM observations WHERE patient_id = 'p1' AND id = 'lab1'`).get() as { in_pss: number; interpretation: string; effective_key: string; source: string; body: string };
    expect(row).toMatchObject({ in_pss: 1, interpretation: 'H', effective_key: '2024-11-01T00:00:00', source: 'specialist', unit: '%', ref_low: 4, ref_high: 6 });
    expect(readObservation(row)).toMatchObject({
      code: '4548-4', display: 'Emoglobina glicata', effective: '2024-11', value: { type: 'quantity', value: 7.2, unit: '%' },
      referenceRange: { low: 4, high: 6 }, interpretation: 'H', inPss: true,
    });
  });

  it('medications become chronic therapy plans, in their order, per patient', () => {
    version6();
    migrate(t.db, 7);
    const rows = t.db.prepare('SELECT patient_id, id, atc, aic, status, chronic, source, position, body FROM therapy_plans ORDER BY patient_id, position').all() as Array<Record<string, unknown> & { body: string }>;
    expect(rows.map(({ body: _b, ...r }) => r)).toEqual([
      { patient_id: 'p1', id: 'med1', atc: 'A10BA02', aic: '027014011', status: 'active', chronic: 1, source: 'doctor', position: 0 },
      { patient_id: 'p1', id: 'med2', atc: 'C09AA05', aic: null, status: 'completed', chronic: 1, source: 'specialist', position: 1 },
      { patient_id: 'p2', id: 'med1', atc: 'C10AA05', aic: null, status: 'suspended', chronic: 1, source: 'patient-declared', position: 0 },
    ]);
    expect(readTherapyPlan(rows[1]!)).toEqual({
      id: 'med2', source: 'specialist', atc: { code: 'C09AA05', display: 'RAMIPRIL' }, dosageText: '1 cp', route: 'PO', status: 'completed', start: '2019', end: '2021', chronic: true,
    });
  });

  it('on an empty database: applies from scratch and a second run changes nothing', () => {
    t = freshDatabase();
    expect(migrate(t.db, 7)).toBe(7);
    for (const table of TABLES) expect(t.db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    const schema = t.db.prepare('SELECT name, sql FROM sqlite_master ORDER BY name').all();
    expect(migrate(t.db, 7)).toBe(7);
    expect(schemaVersion(t.db)).toBe(7);
    expect(t.db.prepare('SELECT name, sql FROM sqlite_master ORDER BY name').all()).toEqual(schema);
  });

  it('observation_latest keeps the last observation of each code and patient through inserts, edits, moves and deletes', () => {
    version6();
    migrate(t.db, 7);
    // The moved vital signs are already in it.
    expect(t.db.prepare(`SELECT code, id FROM observation_latest WHERE patient_id = 'p1' ORDER BY code`).all()).toEqual([
      { code: '29463-7', id: 'vs1' }, { code: '4548-4', id: 'lab1' }, { code: '8462-4', id: 'vs2.dia' }, { code: '8480-6', id: 'vs2.sys' },
    ]);
    let n = 0;
    const write = (id: string, code: string, key: string, value: number, patient = 'p2') => t.db.prepare(
      `INSERT INTO observations (patient_id, id, code, effective_key, value_num, unit, source, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'kg', 'doctor', '{}', 't', ?)
       ON CONFLICT (patient_id, id) DO UPDATE SET code = excluded.code, effective_key = excluded.effective_key, value_num = excluded.value_num, updated_at = excluded.updated_at`,
    ).run(patient, id, code, key, value, `2026-01-01T00:00:${String(++n).padStart(2, '0')}Z`);
    /** What the table must hold: recomputed from the observations. */
    const truth = () => t.db.prepare(
      `SELECT code, patient_id, effective_key, id, value_num FROM (SELECT *, row_number() OVER (PARTITION BY code, patient_id ORDER BY effective_key DESC, updated_at DESC, id DESC) AS r FROM observations) WHERE r = 1 ORDER BY code, patient_id`,
    ).all();
    const table = () => t.db.prepare('SELECT code, patient_id, effective_key, id, value_num FROM observation_latest ORDER BY code, patient_id').all();
    write('a', 'W', '2024-01-01T00:00:00', 80);
    write('b', 'W', '2023-01-01T00:00:00', 79); // older: the last stays
    write('c', 'W', '2024-01-01T00:00:00', 81); // same time, written later: it wins
    expect(t.db.prepare(`SELECT id FROM observation_latest WHERE code = 'W'`).pluck().get()).toBe('c');
    expect(table()).toEqual(truth());
    write('c', 'W', '2022-01-01T00:00:00', 81); // the last moves back in time: a is the last again
    expect(t.db.prepare(`SELECT id FROM observation_latest WHERE code = 'W'`).pluck().get()).toBe('a');
    write('b', 'H', '2025-01-01T00:00:00', 170); // changes code: leaves W, enters H
    expect(table()).toEqual(truth());
    t.db.prepare(`DELETE FROM observations WHERE patient_id = 'p2' AND id = 'a'`).run(); // the last deleted: the next one takes its place
    expect(t.db.prepare(`SELECT id FROM observation_latest WHERE code = 'W'`).pluck().get()).toBe('c');
    t.db.prepare(`DELETE FROM observations WHERE patient_id = 'p2' AND id IN ('b', 'c')`).run();
    expect(t.db.prepare(`SELECT count(*) FROM observation_latest WHERE patient_id = 'p2'`).pluck().get()).toBe(0);
    t.db.prepare(`DELETE FROM observations WHERE patient_id = 'p1' AND id = 'vs2.dia'`).run();
    expect(table()).toEqual(truth());
  });

  it('checks refuse what the record cannot hold', () => {
    version6();
    migrate(t.db, 7);
    const obs = (over: Record<string, unknown>) => t.db.prepare(
      `INSERT INTO observations (patient_id, id, code, effective_key, source, interpretation, in_pss, body, created_at, updated_at)
       VALUES (@patient_id, @id, 'x', 'k', @source, @interpretation, @in_pss, @body, 't', 't')`,
    ).run({ patient_id: 'p1', id: 'o1', source: 'doctor', interpretation: null, in_pss: null, body: '{}', ...over });
    expect(() => obs({ source: 'neighbour' })).toThrow(/CHECK/);
    expect(() => obs({ interpretation: 'X' })).toThrow(/CHECK/);
    expect(() => obs({ in_pss: 2 })).toThrow(/CHECK/);
    expect(() => obs({ body: 'not json' })).toThrow(/CHECK/);
    expect(() => obs({ patient_id: 'nobody' })).toThrow(/FOREIGN KEY/);
    obs({});
    expect(() => obs({})).toThrow(/UNIQUE|PRIMARY/);
    expect(() => t.db.prepare(`INSERT INTO visits (patient_id, id, at_key, kind, body, created_at, updated_at) VALUES ('p1', 'v', 'k', 'onirica', '{}', 't', 't')`).run()).toThrow(/CHECK/);
  });
});

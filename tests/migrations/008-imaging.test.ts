import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/services/db/migrations/index.ts';
import { freshDatabase, isStrict } from './helpers.ts';

const OBJECT = 'a'.repeat(32);
const SHA = 'b'.repeat(64);

describe('migration 008: imaging index', () => {
  let t: ReturnType<typeof freshDatabase>;
  afterEach(() => t.dispose());

  function patient(id: string) {
    t.db.prepare(
      `INSERT INTO patients (id, surname, given_name, sex, birth_date, identifier_kind, identifier, surname_key, given_key, created_at, updated_at)
       VALUES (?, 'S', 'G', 'M', '2000-01-01', 'CF', ?, 'S', 'G', 't', 't')`,
    ).run(id, `X${id}`);
  }
  const study = (patientId: string, uid: string, extra: { date?: string | null; matched?: string } = {}) =>
    t.db.prepare(
      `INSERT INTO imaging_studies (patient_id, study_uid, study_date, dicom_patient, matched_by, imported_at) VALUES (?, ?, ?, '{}', ?, 't')`,
    ).run(patientId, uid, extra.date === undefined ? '2024-03-15' : extra.date, extra.matched ?? 'confirmed');
  const series = (patientId: string, studyUid: string, uid: string) =>
    t.db.prepare(`INSERT INTO imaging_series (patient_id, study_uid, series_uid, modality) VALUES (?, ?, ?, 'CT')`).run(patientId, studyUid, uid);
  const instance = (uid: string, patientId: string, seriesUid: string, o: { kind?: string; object?: string; frames?: number } = {}) =>
    t.db.prepare(
      `INSERT INTO imaging_instances (sop_instance_uid, patient_id, series_uid, sop_class_uid, kind, frames, transfer_syntax, object_id, size, sha256, imported_at)
       VALUES (?, ?, ?, '1.2.840.10008.5.1.4.1.1.2', ?, ?, '1.2.840.10008.1.2.1', ?, 10, ?, 't')`,
    ).run(uid, patientId, seriesUid, o.kind ?? 'image', o.frames ?? 1, o.object ?? OBJECT, SHA);

  it('applies on top of 007 keeping the patients; the three tables are STRICT', () => {
    t = freshDatabase();
    migrate(t.db, 7);
    patient('p1');
    expect(migrate(t.db, 8)).toBe(8);
    for (const table of ['imaging_studies', 'imaging_series', 'imaging_instances']) expect(isStrict(t.db, table), table).toBe(true);
    expect(t.db.prepare('SELECT count(*) AS n FROM patients').get()).toEqual({ n: 1 });
  });

  it('links instance → series → study → patient, and checks dates, kinds and object names', () => {
    t = freshDatabase();
    migrate(t.db);
    patient('p1');
    expect(() => study('nobody', '1.2.3')).toThrow(/FOREIGN KEY/);
    study('p1', '1.2.3');
    expect(() => study('p1', '1.2.4', { date: '15/03/2024' })).toThrow(/CHECK/);
    expect(() => study('p1', '1.2.5', { matched: 'guessed' })).toThrow(/CHECK/);
    study('p1', '1.2.6', { date: null, matched: 'codiceFiscale' });
    expect(() => series('p1', '9.9.9', '1.2.3.1')).toThrow(/FOREIGN KEY/);
    series('p1', '1.2.3', '1.2.3.1');
    expect(() => instance('1.2.3.1.1', 'p1', 'missing')).toThrow(/FOREIGN KEY/);
    expect(() => instance('1.2.3.1.1', 'p1', '1.2.3.1', { kind: 'video' })).toThrow(/CHECK/);
    expect(() => instance('1.2.3.1.1', 'p1', '1.2.3.1', { object: '../../etc/passwd'.padEnd(32, 'x') })).toThrow(/CHECK/);
    expect(() => instance('1.2.3.1.1', 'p1', '1.2.3.1', { frames: -1 })).toThrow(/CHECK/);
    expect(() => instance('x'.repeat(65), 'p1', '1.2.3.1')).toThrow(/CHECK/);
    instance('1.2.3.1.1', 'p1', '1.2.3.1', { kind: 'sr', frames: 0 });
    expect(() => instance('1.2.3.1.2', 'p1', '1.2.3.1')).toThrow(/UNIQUE/); // same object file
    expect(() => t.db.prepare("UPDATE imaging_instances SET frames = 'two'").run()).toThrow(/cannot store TEXT/);
  });

  it('an instance exists once, whichever patient holds it (SOP Instance UID)', () => {
    t = freshDatabase();
    migrate(t.db);
    patient('p1');
    patient('p2');
    study('p1', '1.2.3');
    series('p1', '1.2.3', '1.2.3.1');
    study('p2', '1.2.3');
    series('p2', '1.2.3', '1.2.3.1');
    instance('1.2.3.1.1', 'p1', '1.2.3.1');
    expect(() => instance('1.2.3.1.1', 'p2', '1.2.3.1', { object: 'c'.repeat(32) })).toThrow(/UNIQUE|PRIMARY KEY/);
  });

  it("a patient's studies by date and a series' instances in stack order use indexes", () => {
    t = freshDatabase();
    migrate(t.db);
    const plan = (sql: string) => (t.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan("SELECT study_uid FROM imaging_studies WHERE patient_id = 'p' ORDER BY study_date")).toMatch(/INDEX imaging_studies_date/);
    expect(plan("SELECT series_uid FROM imaging_series WHERE patient_id = 'p' AND study_uid = 's'")).toMatch(/INDEX imaging_series_study/);
    expect(plan("SELECT sop_instance_uid FROM imaging_instances WHERE patient_id = 'p' AND series_uid = 's' ORDER BY position, number")).toMatch(/INDEX imaging_instances_series/);
  });
});

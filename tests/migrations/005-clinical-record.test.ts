import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/services/db/migrations/index.ts';
import { verifyAudit } from '../../electron/services/db/queries/audit.ts';
import { getRecord, pssConfirm, pssMarkSigned, pssSaveDraft, pssStatus, removeEntry, replaceRecords, setStatement, upsertEntry } from '../../electron/services/db/queries/clinical-record.ts';
import { insertPatient } from '../../electron/services/db/queries/patients.ts';
import { emptyClinicalRecord } from '../../shared/domain/clinical-record.ts';
import { seededRandom } from '../../shared/random.ts';
import { syntheticClinicalRecord } from '../../shared/synthetic/clinical-record.ts';
import { syntheticPatients } from '../../shared/synthetic/patients.ts';
import { freshDatabase, isStrict } from './helpers.ts';

const allergy = {
  id: 'A1', source: 'patient-declared' as const, type: 'DALG' as const,
  agent: { kind: 'atc' as const, code: 'J01CA04', display: 'AMOXICILLINA' }, status: 'active' as const, criticality: 'H' as const,
};

describe('migration 005: clinical record and PSS versions', () => {
  let t: ReturnType<typeof freshDatabase>;
  afterEach(() => t.dispose());

  function withPatient() {
    t = freshDatabase();
    migrate(t.db);
    const [input] = syntheticPatients({ count: 1, seed: 7 });
    return insertPatient(t.db, { actor: 'u', patient: input! });
  }

  it('applies on top of 004 keeping earlier data; tables are STRICT with checked JSON', () => {
    t = freshDatabase();
    migrate(t.db, 4);
    t.db.exec("INSERT INTO settings (key, value, updated_at) VALUES ('k', '{}', 't')");
    expect(migrate(t.db, 5)).toBe(5);
    expect(isStrict(t.db, 'clinical_entries')).toBe(true);
    expect(isStrict(t.db, 'pss_documents')).toBe(true);
    expect(t.db.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 1 });
    t.db.exec("INSERT INTO patients (id, surname, given_name, sex, birth_date, identifier_kind, identifier, surname_key, given_key, created_at, updated_at) VALUES ('p','S','G','M','2000-01-01','CF','X','S','G','t','t')");
    const ins = (section: string, body: string, source = 'doctor') => t.db.prepare(
      `INSERT INTO clinical_entries (patient_id, section, entry_id, body, source, created_at, updated_at) VALUES ('p', ?, 'e1', ?, ?, 't', 't')`,
    ).run(section, body, source);
    expect(() => ins('nonsense', '{}')).toThrow(/CHECK/);
    expect(() => ins('allergies', 'not json')).toThrow(/CHECK/);
    expect(() => ins('allergies', '{}', 'neighbour')).toThrow(/CHECK/);
    ins('allergies', '{}');
    expect(() => ins('allergies', '{}')).toThrow(/UNIQUE|PRIMARY/);
  });

  it('entries are validated in and out, versioned, audited by section and id only', () => {
    const p = withPatient();
    const v1 = upsertEntry(t.db, { actor: 'u', input: { patientId: p.id, section: 'allergies', entry: allergy } });
    expect(v1.record.allergies).toEqual([allergy]);
    expect(v1.meta).toMatchObject([{ section: 'allergies', id: 'A1', source: 'patient-declared', version: 1 }]);
    const v2 = upsertEntry(t.db, { actor: 'u', input: { patientId: p.id, section: 'allergies', entry: { ...allergy, criticality: 'L' }, version: 1 } });
    expect(v2.meta[0]!.version).toBe(2);
    expect(() => upsertEntry(t.db, { actor: 'u', input: { patientId: p.id, section: 'allergies', entry: allergy, version: 1 } })).toThrow(/changed/);
    expect(() => upsertEntry(t.db, { actor: 'u', input: { patientId: p.id, section: 'allergies', entry: { ...allergy, type: 'XX' } as never } })).toThrow();
    setStatement(t.db, { actor: 'u', input: { patientId: p.id, key: 'noProblems', value: 'no-known-problems' } });
    expect(getRecord(t.db, { patientId: p.id }).record.noProblems).toBe('no-known-problems');
    removeEntry(t.db, { actor: 'u', patientId: p.id, section: 'allergies', entryId: 'A1' });
    expect(getRecord(t.db, { patientId: p.id }).record.allergies).toEqual([]);
    const audit = t.db.prepare(`SELECT action, detail FROM audit_log WHERE entity = 'clinical-entry' ORDER BY seq`).all();
    expect(audit.map((a) => (a as { action: string }).action)).toEqual(['record.create', 'record.update', 'record.set', 'record.remove']);
    expect(JSON.stringify(audit)).not.toContain('AMOXICILLINA');
    expect(verifyAudit(t.db).valid).toBe(true);
  });

  it('a synthetic record round-trips; drafts and versions chain with RPLC', () => {
    const p = withPatient();
    const record = syntheticClinicalRecord(p, seededRandom(3), '2026-01-10', 1);
    replaceRecords(t.db, { actor: 'sandbox', records: [{ patientId: p.id, record }] });
    expect(getRecord(t.db, { patientId: p.id }).record).toEqual(record);

    const s1 = pssStatus(t.db, { patientId: p.id });
    expect(s1.next.versionNumber).toBe(1);
    expect(s1.next.setId).toBe(s1.next.documentId);
    const base = { actor: 'u', patientId: p.id, cda: '<x/>', record, choices: s1.choices, confidentiality: 'N' as const, warnings: 0 };
    pssSaveDraft(t.db, { ...base, version: s1.next, errors: 1 });
    expect(() => pssConfirm(t.db, { actor: 'u', patientId: p.id })).toThrow(/errors/);
    pssSaveDraft(t.db, { ...base, version: pssStatus(t.db, { patientId: p.id }).next, errors: 0 });
    const confirmed = pssConfirm(t.db, { actor: 'u', patientId: p.id });
    expect(confirmed.state).toBe('confirmed');
    // Confirmed, not signed: a new draft reopens that version (one version waits to be signed).
    expect(pssStatus(t.db, { patientId: p.id }).next).toMatchObject({ documentId: s1.next.documentId, versionNumber: 1 });
    pssMarkSigned(t.db, { actor: 'u', documentId: s1.next.documentId });
    const s2 = pssStatus(t.db, { patientId: p.id });
    expect(s2.next).toMatchObject({ setId: s1.next.setId, versionNumber: 2, replacesDocumentId: s1.next.documentId });
    expect(s2.lastPublishedRecord).toEqual(record);
    pssSaveDraft(t.db, { ...base, record: emptyClinicalRecord(), version: s2.next, errors: 0 });
    expect(() => t.db.prepare(`INSERT INTO pss_documents (id, patient_id, set_id, version_number, state, cda, record, choices, confidentiality, created_at, updated_at)
      VALUES ('other', ?, 'other', 1, 'draft', '', '{}', '{}', 'N', 't', 't')`).run(p.id)).toThrow(/UNIQUE/);
    expect(verifyAudit(t.db).valid).toBe(true);
  });
});

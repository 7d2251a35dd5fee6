import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/services/db/migrations/index.ts';
import { typedMarkSigned, typedPrepare, typedStatus } from '../../electron/services/db/queries/typed-documents.ts';
import { freshDatabase, isStrict } from './helpers.ts';

describe('migration 014: typed documents', () => {
  let t: ReturnType<typeof freshDatabase>;
  afterEach(() => t.dispose());

  function withPatient() {
    t = freshDatabase();
    migrate(t.db);
    t.db.prepare(`INSERT INTO patients (id, surname, given_name, sex, birth_date, identifier_kind, identifier, surname_key, given_key, created_at, updated_at)
      VALUES ('p1', 'S', 'G', 'M', '2022-01-01', 'CF', 'Xp1', 'S', 'G', 't', 't')`).run();
  }

  it('creates a strict table with a set per type, patient and subject', () => {
    withPatient();
    expect(isStrict(t.db, 'typed_documents')).toBe(true);
    expect(() => t.db.prepare(`INSERT INTO typed_documents (id, type, patient_id, set_id, version_number, state, cda, input, created_at, updated_at)
      VALUES ('d1', 'sing-vacc', 'p1', 's1', 1, 'draft', '<x/>', '{}', 't', 't')`).run()).toThrow(/CHECK/);
    expect(() => t.db.prepare(`INSERT INTO typed_documents (id, type, patient_id, set_id, version_number, state, cda, input, created_at, updated_at)
      VALUES ('d1', 'sing-vacc', 'nobody', 's1', 1, 'prepared', '<x/>', '{}', 't', 't')`).run()).toThrow(/FOREIGN KEY/);
  });

  it('versions: prepared is rebuilt in place; once signed the next one replaces it (RPLC) in the same set; subjects are separate sets', () => {
    withPatient();
    const a = (subject?: string) => ({ type: 'sing-vacc', patientId: 'p1', subject, idPrefix: 'SING_VACC' });
    const first = typedStatus(t.db, a('V1')).next;
    expect(first).toMatchObject({ versionNumber: 1, setId: first.documentId });
    expect(first.documentId).toMatch(/^SING_VACC\./);
    const base = { actor: 'test', type: 'sing-vacc', patientId: 'p1', subject: 'V1', cda: '<a/>', input: { n: 1 }, errors: 0, warnings: 1 };
    typedPrepare(t.db, { ...base, version: first });
    expect(typedStatus(t.db, a('V1')).next).toEqual(first);
    typedPrepare(t.db, { ...base, version: first, cda: '<b/>' });
    expect(typedStatus(t.db, a('V1')).versions).toHaveLength(1);
    expect(typedMarkSigned(t.db, { actor: 'test', documentId: first.documentId })).toMatchObject({ state: 'signed' });
    expect(() => typedMarkSigned(t.db, { actor: 'test', documentId: first.documentId })).toThrow(/prepared/);
    expect(() => typedPrepare(t.db, { ...base, version: first })).toThrow(/already signed/);
    const second = typedStatus(t.db, a('V1')).next;
    expect(second).toMatchObject({ setId: first.documentId, versionNumber: 2, replacesDocumentId: first.documentId });
    expect(second.documentId).not.toBe(first.documentId);
    expect(typedStatus(t.db, a('V2')).next.versionNumber).toBe(1);
    expect(typedStatus(t.db, a()).lastSigned).toMatchObject({ documentId: first.documentId, subject: 'V1' });
    const audit = t.db.prepare(`SELECT action FROM audit_log WHERE entity = 'typedDocument' ORDER BY rowid`).all() as Array<{ action: string }>;
    expect(audit.map((r) => r.action)).toEqual(['doctype.prepare', 'doctype.prepare', 'doctype.sign']);
  });
});

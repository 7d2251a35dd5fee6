import type { Db } from '../open.ts';
import { appendAudit } from '../queries/audit.ts';
import type { Migration } from './migration.ts';

/**
 * The practice's doctors (shared/domain/doctors.ts): the titolare, the sostituti and the
 * collaboratori, each a row with their profile as JSON in `body` (author, substitution periods,
 * the card first seen, and for the titolare the organisation and custodian), the codice fiscale
 * in a column (one profile per person) and the passphrase's slow salted hash (never in `body`:
 * it never leaves the services). One titolare at most.
 *
 * Data moved: the single document profile (setting `pss.profile`: author, organisation,
 * custodian) becomes the titolare, id `titolare`, and the setting goes (one source of truth).
 * Everything written before profiles existed was written by that one doctor: the PSS versions
 * and queued documents get `author_id = 'titolare'`, and the record rows that carried the
 * doctor's codice fiscale as author now carry the titolare's id.
 *
 * `audit_log_actor` serves "what the locum did": a doctor's audit entries by actor and time.
 */
const SQL = `
  CREATE TABLE doctor_profiles (
    id               TEXT PRIMARY KEY CHECK (length(id) BETWEEN 3 AND 40),
    kind             TEXT NOT NULL CHECK (kind IN ('titolare','sostituto','collaboratore')),
    codice_fiscale   TEXT NOT NULL UNIQUE CHECK (length(codice_fiscale) = 16),
    body             TEXT NOT NULL CHECK (json_valid(body)),
    passphrase_hash  TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)
  ) STRICT;
  CREATE UNIQUE INDEX doctor_profiles_one_titolare ON doctor_profiles (kind) WHERE kind = 'titolare';

  ALTER TABLE pss_documents ADD COLUMN author_id TEXT;
  ALTER TABLE documents ADD COLUMN author_id TEXT;
  CREATE INDEX pss_documents_author ON pss_documents (author_id, updated_at);
  CREATE INDEX documents_author ON documents (author_id);
  CREATE INDEX audit_log_actor ON audit_log (actor, seq);
`;

/** Tables of the longitudinal record whose rows name their author (migration 007). */
const AUTHORED = ['clinical_entries', 'observations', 'visits', 'therapy_plans', 'prescriptions'] as const;

function moveProfile(db: Db): void {
  const row = db.prepare(`SELECT value, updated_at FROM settings WHERE key = 'pss.profile'`).get() as { value: string; updated_at: string } | undefined;
  if (row) {
    const p = JSON.parse(row.value) as { author: { codiceFiscale: string }; organization: unknown; custodian: unknown };
    const body = { author: p.author, periods: [], practice: { organization: p.organization, custodian: p.custodian } };
    db.prepare(
      `INSERT INTO doctor_profiles (id, kind, codice_fiscale, body, passphrase_hash, created_at, updated_at) VALUES ('titolare', 'titolare', ?, ?, NULL, ?, ?)`,
    ).run(p.author.codiceFiscale, JSON.stringify(body), row.updated_at, new Date().toISOString());
    db.prepare(`DELETE FROM settings WHERE key = 'pss.profile'`).run();
    appendAudit(db, { actor: 'migration', action: 'doctor.create', entity: 'doctor', entityId: 'titolare', detail: { from: 'setting:pss.profile', kind: 'titolare' } });
  }
  db.prepare(`UPDATE pss_documents SET author_id = 'titolare'`).run();
  db.prepare(`UPDATE documents SET author_id = 'titolare'`).run();
  const tables = new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name));
  for (const t of AUTHORED) {
    if (tables.has(t)) db.prepare(`UPDATE ${t} SET author_id = 'titolare' WHERE author_id IS NOT NULL`).run();
  }
}

export const migration: Migration = {
  version: 9,
  name: 'doctor-profiles',
  up(db) {
    db.exec(SQL);
    moveProfile(db);
  },
};

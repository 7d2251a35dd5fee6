import type { Migration } from './migration.ts';

/**
 * The coded clinical record behind the PSS and the PSS versions built from it.
 *
 * `clinical_entries`: one row per entry of a record section (problems, allergies, …) or per
 * single statement (noProblems, noAllergies, noMedications, organDonation), its body the JSON of
 * the entry as the section's zod schema accepts it (checked again when read). `source` is kept in
 * a column so the medico-legal provenance can be queried without parsing bodies.
 *
 * `pss_documents`: the PSS drafts and versions per patient, with the CDA built, the record
 * snapshot (for the diff against the last published version), the patient's choices, and the
 * link to the signed PDF in `documents` (migration 003) once it is queued for publication. One
 * open draft per patient; versions chain by set_id/version_number and `replaces_document_id`
 * (relatedDocument RPLC).
 */
export const migration: Migration = {
  version: 5,
  name: 'clinical-record',
  up: `
    CREATE TABLE clinical_entries (
      patient_id   TEXT NOT NULL REFERENCES patients(id),
      section      TEXT NOT NULL CHECK (section IN (
                     'problems','allergies','medications','vaccinations','vitalSigns','familyHistory',
                     'lifestyle','pregnancies','devices','carePlans','procedures','encounters',
                     'functionalStatus','labResults','exemptions','careNetworks',
                     'noProblems','noAllergies','noMedications','organDonation')),
      entry_id     TEXT NOT NULL CHECK (length(entry_id) BETWEEN 1 AND 64),
      body         TEXT NOT NULL CHECK (json_valid(body)),
      source       TEXT NOT NULL CHECK (source IN ('doctor','patient-declared','specialist')),
      position     INTEGER NOT NULL DEFAULT 0,
      created_at   TEXT NOT NULL,
      updated_at   TEXT NOT NULL,
      version      INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
      PRIMARY KEY (patient_id, section, entry_id)
    ) STRICT;

    CREATE TABLE pss_documents (
      id                    TEXT PRIMARY KEY,
      patient_id            TEXT NOT NULL REFERENCES patients(id),
      set_id                TEXT NOT NULL,
      version_number        INTEGER NOT NULL CHECK (version_number >= 1),
      replaces_document_id  TEXT REFERENCES pss_documents(id),
      state                 TEXT NOT NULL CHECK (state IN ('draft','confirmed','signed','published')),
      cda                   TEXT NOT NULL,
      record                TEXT NOT NULL CHECK (json_valid(record)),
      choices               TEXT NOT NULL CHECK (json_valid(choices)),
      confidentiality       TEXT NOT NULL CHECK (confidentiality IN ('N','R','V')),
      errors                INTEGER NOT NULL DEFAULT 0 CHECK (errors >= 0),
      warnings              INTEGER NOT NULL DEFAULT 0 CHECK (warnings >= 0),
      document_id           TEXT REFERENCES documents(id),
      created_at            TEXT NOT NULL,
      updated_at            TEXT NOT NULL,
      version               INTEGER NOT NULL DEFAULT 1,
      UNIQUE (set_id, version_number)
    ) STRICT;
    CREATE INDEX pss_documents_patient ON pss_documents (patient_id, version_number);
    CREATE UNIQUE INDEX pss_documents_one_draft ON pss_documents (patient_id) WHERE state = 'draft';
  `,
};

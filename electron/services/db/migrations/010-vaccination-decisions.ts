import type { Migration } from './migration.ts';

/**
 * The record's vaccination decisions (refusals, exemptions, postponements: PAEDIATRICS.md §1,
 * substanceAdministration ...11.4.2) become a section of `clinical_entries`. SQLite cannot widen
 * a CHECK in place, so the table is rebuilt with the same columns (migrations 005 and 007) and
 * the new section in its list; every row is copied unchanged.
 *
 * The patient's guardian (parent or tutor) needs no column: it lives in `patients.details`
 * with the other registry details (queries/patients.ts).
 */
export const migration: Migration = {
  version: 10,
  name: 'vaccination-decisions',
  up: `
    CREATE TABLE clinical_entries_new (
      patient_id   TEXT NOT NULL REFERENCES patients(id),
      section      TEXT NOT NULL CHECK (section IN (
                     'problems','allergies','medications','vaccinations','vaccinationDecisions','vitalSigns','familyHistory',
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
      document_id  TEXT,
      author_id    TEXT,
      PRIMARY KEY (patient_id, section, entry_id)
    ) STRICT;
    INSERT INTO clinical_entries_new (patient_id, section, entry_id, body, source, position, created_at, updated_at, version, document_id, author_id)
      SELECT patient_id, section, entry_id, body, source, position, created_at, updated_at, version, document_id, author_id FROM clinical_entries;
    DROP TABLE clinical_entries;
    ALTER TABLE clinical_entries_new RENAME TO clinical_entries;
  `,
};

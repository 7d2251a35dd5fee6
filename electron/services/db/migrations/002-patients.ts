import type { Migration } from './migration.ts';

/**
 * The patient registry. `*_key` columns hold the search form of the name and identifier
 * (upper case, no diacritics, letters and digits only) so that search-as-you-type is an
 * index range scan. `identifier` is unique per kind: the same person cannot be entered twice.
 */
export const migration: Migration = {
  version: 2,
  name: 'patients',
  up: `
    CREATE TABLE patients (
      id               TEXT PRIMARY KEY,
      surname          TEXT NOT NULL,
      given_name       TEXT NOT NULL,
      sex              TEXT NOT NULL CHECK (sex IN ('M','F')),
      birth_date       TEXT NOT NULL,
      identifier_kind  TEXT NOT NULL CHECK (identifier_kind IN ('CF','STP','ENI','TEAM')),
      identifier       TEXT NOT NULL,
      details          TEXT NOT NULL DEFAULT '{}',
      surname_key      TEXT NOT NULL,
      given_key        TEXT NOT NULL,
      created_at       TEXT NOT NULL,
      updated_at       TEXT NOT NULL,
      version          INTEGER NOT NULL DEFAULT 1,
      UNIQUE (identifier_kind, identifier)
    ) STRICT;
    CREATE INDEX patients_surname_key ON patients (surname_key, given_key);
    CREATE INDEX patients_given_key ON patients (given_key, surname_key);
    CREATE INDEX patients_identifier ON patients (identifier);
  `,
};

import type { Migration } from './migration.ts';

/**
 * Bilanci di salute (PAEDIATRICS.md §4): one row per well-child visit done, with the visit of
 * the region's schedule it counts for and, in `body`, the measurements as entered and the notes
 * per item of the schedule. The measurements themselves are observations (weight, length or
 * height, head circumference, BMI) whose ids start with the bilancio's id, so the growth charts
 * and the Parametri read them like any other value.
 */
const SQL = `
  CREATE TABLE bilanci (
    patient_id  TEXT NOT NULL REFERENCES patients(id),
    id          TEXT NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
    date        TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    visit_id    TEXT,
    body        TEXT NOT NULL CHECK (json_valid(body)),
    author_id   TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    PRIMARY KEY (patient_id, id)
  ) STRICT;
  CREATE INDEX bilanci_by_date ON bilanci (patient_id, date);
`;

export const migration: Migration = { version: 11, name: 'bilanci', up: SQL };

import type { Migration } from './migration.ts';

/**
 * The versions of the document types other than the PSS (shared/documents/doc-types; the PSS
 * keeps `pss_documents`, migration 005): per type, patient and subject (what part of the record
 * the document is about, '' for whole-record documents) the sets of versions, each with the CDA
 * as built and the input it was built from (so the PDF printed for signing is the one built),
 * and the link to the signed PDF in `documents` (migration 003) once it is queued. A version is
 * `prepared` (built for signing, not yet signed: rebuilt in place until it is) or `signed`;
 * whether it reached the FSE is the outbox entry's state. Versions chain by set_id and
 * `replaces_document_id` (relatedDocument RPLC).
 */
export const migration: Migration = {
  version: 14,
  name: 'typed-documents',
  up: `
    CREATE TABLE typed_documents (
      id                    TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 100),
      type                  TEXT NOT NULL CHECK (length(type) BETWEEN 1 AND 40),
      patient_id            TEXT NOT NULL REFERENCES patients(id),
      subject               TEXT NOT NULL DEFAULT '' CHECK (length(subject) <= 100),
      set_id                TEXT NOT NULL,
      version_number        INTEGER NOT NULL CHECK (version_number >= 1),
      replaces_document_id  TEXT REFERENCES typed_documents(id),
      state                 TEXT NOT NULL CHECK (state IN ('prepared','signed')),
      cda                   TEXT NOT NULL,
      input                 TEXT NOT NULL CHECK (json_valid(input)),
      errors                INTEGER NOT NULL DEFAULT 0 CHECK (errors >= 0),
      warnings              INTEGER NOT NULL DEFAULT 0 CHECK (warnings >= 0),
      document_id           TEXT REFERENCES documents(id),
      author_id             TEXT,
      created_at            TEXT NOT NULL,
      updated_at            TEXT NOT NULL,
      version               INTEGER NOT NULL DEFAULT 1,
      UNIQUE (set_id, version_number)
    ) STRICT;
    CREATE INDEX typed_documents_patient ON typed_documents (patient_id, type, subject, version_number);
  `,
};

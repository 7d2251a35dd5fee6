import type { Migration } from './migration.ts';

/**
 * Documents and the outbox that publishes them to the FSE gateway. A document and
 * its outbox entry are written in one transaction; `state` follows shared/outbox's state
 * machine (the queries refuse any other change and audit each one); a payload that no longer
 * parses is moved to `outbox_dead_letters`, never dropped. `next_attempt_at` is epoch ms.
 */
export const migration: Migration = {
  version: 3,
  name: 'outbox',
  up: `
    CREATE TABLE documents (
      id                  TEXT PRIMARY KEY,
      patient_id          TEXT REFERENCES patients(id),
      kind                TEXT NOT NULL,
      title               TEXT NOT NULL DEFAULT '',
      identificativo_doc  TEXT NOT NULL UNIQUE,
      pdf                 BLOB NOT NULL,
      pdf_sha256          TEXT NOT NULL CHECK (length(pdf_sha256) = 64),
      created_at          TEXT NOT NULL,
      updated_at          TEXT NOT NULL,
      version             INTEGER NOT NULL DEFAULT 1
    ) STRICT;
    CREATE INDEX documents_patient ON documents (patient_id);

    CREATE TABLE outbox_entries (
      id                    TEXT PRIMARY KEY,
      document_id           TEXT NOT NULL REFERENCES documents(id),
      operation             TEXT NOT NULL CHECK (operation IN ('create','replace','validateAndCreate','validateAndReplace','updateMetadata','delete')),
      state                 TEXT NOT NULL CHECK (state IN ('draft','queued','sending','waiting_retry','reconciling','accepted','published','rejected','parked','cancelled')),
      step                  TEXT NOT NULL DEFAULT 'validate' CHECK (step IN ('validate','publish')),
      payload               TEXT NOT NULL,
      attempts              INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      next_attempt_at       INTEGER NOT NULL DEFAULT 0,
      workflow_instance_id  TEXT,
      trace_id              TEXT,
      last_error            TEXT,
      parked_reason         TEXT,
      created_at            TEXT NOT NULL,
      updated_at            TEXT NOT NULL,
      version               INTEGER NOT NULL DEFAULT 1
    ) STRICT;
    CREATE INDEX outbox_due ON outbox_entries (state, next_attempt_at);
    CREATE INDEX outbox_document ON outbox_entries (document_id);

    CREATE TABLE outbox_dead_letters (
      seq          INTEGER PRIMARY KEY,
      entry_id     TEXT NOT NULL,
      document_id  TEXT NOT NULL,
      payload      TEXT NOT NULL,
      error        TEXT NOT NULL,
      at           TEXT NOT NULL
    ) STRICT;

    CREATE TABLE outbox_meta (
      key    TEXT PRIMARY KEY,
      value  TEXT NOT NULL
    ) STRICT;
  `,
};

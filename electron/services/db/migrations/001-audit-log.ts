import type { Migration } from './migration.ts';

/**
 * The append-only audit log: who, what, when, and the hash of the previous entry. Triggers
 * refuse UPDATE and DELETE, so only someone editing the file by hand can change a row, and
 * audit.verify() then finds the broken chain.
 */
export const migration: Migration = {
  version: 1,
  name: 'audit-log',
  up: `
    CREATE TABLE audit_log (
      seq        INTEGER PRIMARY KEY,
      at         TEXT NOT NULL,
      actor      TEXT NOT NULL,
      action     TEXT NOT NULL,
      entity     TEXT NOT NULL,
      entity_id  TEXT NOT NULL,
      detail     TEXT NOT NULL,
      prev_hash  TEXT NOT NULL,
      hash       TEXT NOT NULL
    ) STRICT;
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  `,
};

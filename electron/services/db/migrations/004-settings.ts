import type { Migration } from './migration.ts';

/**
 * Application settings as key/value rows (the smart-card configuration under
 * `signing`, SIGNING.md). `value` is JSON, checked by SQLite; every write is audited by the queries.
 * Secrets never go here (they live in the SecretStore).
 */
export const migration: Migration = {
  version: 4,
  name: 'settings',
  up: `
    CREATE TABLE settings (
      key         TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 100),
      value       TEXT NOT NULL CHECK (json_valid(value)),
      updated_at  TEXT NOT NULL,
      version     INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)
    ) STRICT;
  `,
};

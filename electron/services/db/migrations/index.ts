import type { Db } from '../open.ts';
import type { Migration } from './migration.ts';
import { migration as m001 } from './001-audit-log.ts';
import { migration as m002 } from './002-patients.ts';
import { migration as m003 } from './003-outbox.ts';
import { migration as m004 } from './004-settings.ts';
import { migration as m005 } from './005-clinical-record.ts';
import { migration as m006 } from './006-outbox-validated-at.ts';
import { migration as m007 } from './007-longitudinal-record.ts';
import { migration as m008 } from './008-imaging.ts';
import { migration as m009 } from './009-doctor-profiles.ts';
import { migration as m010 } from './010-vaccination-decisions.ts';
import { migration as m011 } from './011-bilanci.ts';
import { migration as m012 } from './012-monitoring-plans.ts';
import { migration as m013 } from './013-timeline-indexes.ts';
import { migration as m014 } from './014-typed-documents.ts';

/** Every migration in order; the schema version is SQLite's `user_version` (Signal's pattern). */
export const migrations: readonly Migration[] = [m001, m002, m003, m004, m005, m006, m007, m008, m009, m010, m011, m012, m013, m014];

/** The newest schema this build knows: the last migration's version. */
export const LATEST_SCHEMA = migrations.at(-1)?.version ?? 0;

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies the migrations above the current `user_version`, each in its own transaction with
 * its version bump, up to `target` (all of them by default). A database newer than this build
 * is refused rather than written with an old schema.
 */
export function migrate(db: Db, target = LATEST_SCHEMA): number {
  const current = schemaVersion(db);
  if (current > LATEST_SCHEMA) {
    throw new Error(`Database schema ${current} is newer than this version of Cartella (${LATEST_SCHEMA})`);
  }
  for (const m of migrations) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return schemaVersion(db);
}

import { join } from 'node:path';
import { openDatabase, type Db } from '../../electron/services/db/open.ts';
import { tempDir } from '../helpers/temp-services.ts';

/** A fresh encrypted database file for one migration test. */
export function freshDatabase(): { db: Db; dispose(): void } {
  const dir = tempDir();
  const db = openDatabase(join(dir.path, 'm.db'), 'ab'.repeat(32));
  return {
    db,
    dispose() {
      db.close();
      dir.dispose();
    },
  };
}

export function isStrict(db: Db, table: string): boolean {
  const row = db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(table) as { sql: string };
  return /\)\s*(STRICT|STRICT\s*,\s*WITHOUT ROWID|WITHOUT ROWID\s*,\s*STRICT)\s*$/i.test(row.sql.trim());
}

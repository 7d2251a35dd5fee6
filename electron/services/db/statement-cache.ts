/**
 * Prepared statements kept per SQL text on one connection. better-sqlite3 compiles the SQL at
 * every `db.prepare()`, and the queries call it inline (one prepare per row written): filling
 * the sandbox panel's 300 records spent most of its time preparing the same few statements.
 * A statement from the cache is handed back in its default state (no pluck/raw/expand), as a
 * fresh one would be; one still running (an iterate() in progress) is never shared, a fresh
 * one is prepared instead. SQL built from variable parts stays bounded by the size limit.
 */
import type Database from 'better-sqlite3-multiple-ciphers';

const LIMIT = 500;

export function cacheStatements(db: Database.Database): void {
  const prepare = db.prepare.bind(db) as Database.Database['prepare'];
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((source: string) => {
    const hit = cache.get(source);
    if (hit && !hit.busy) {
      if (hit.reader) hit.pluck(false).raw(false).expand(false);
      return hit;
    }
    const stmt = prepare(source);
    if (!hit) {
      if (cache.size >= LIMIT) cache.delete(cache.keys().next().value!);
      cache.set(source, stmt);
    }
    return stmt;
  }) as Database.Database['prepare'];
}

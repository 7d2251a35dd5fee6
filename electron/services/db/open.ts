import Database from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors/index.ts';
import { createPrivateFile, makePrivate } from '../files/private-files.ts';
import { cacheStatements } from './statement-cache.ts';

export type Db = Database.Database;

/** A 256-bit key as 64 hex digits; used as a raw SQLCipher key (no KDF, the key is random). */
export const KEY_PATTERN = /^[0-9a-f]{64}$/;

/**
 * Opens the database file encrypted in the SQLCipher v4 format (TOOLCHAIN.md §5: the pragmas
 * must come in this order), in WAL mode. A wrong key is SQLITE_NOTADB on the first read, which
 * we turn into DB_KEY_INVALID so the UI can say the database cannot be opened with this key.
 * The file and its -wal/-shm companions are the user's only (0600, files/private-files.ts).
 */
export function openDatabase(path: string, keyHex: string): Db {
  if (!KEY_PATTERN.test(keyHex)) {
    throw new AppError('DB_KEY_INVALID', "La chiave dell'archivio non è valida: attese 64 cifre esadecimali (file delle chiavi danneggiato?)");
  }
  createPrivateFile(path);
  const db = new Database(path);
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key="x'${keyHex}'"`);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (e) {
    db.close();
    if ((e as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new AppError('DB_KEY_INVALID', "L'archivio non si apre con questa chiave: la chiave non è quella con cui è stato cifrato");
    }
    throw e;
  }
  db.pragma('journal_mode = WAL');
  // Companions left by an earlier version, created before the file was made private.
  makePrivate(`${path}-wal`);
  makePrivate(`${path}-shm`);
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // 64 MiB of page cache: pages stay decrypted in memory, so repeated searches do not pay
  // the cipher again (a 100,000-patient registry is about 30 MiB).
  db.pragma('cache_size = -65536');
  db.function('sha256_hex', { deterministic: true }, (text: unknown) =>
    createHash('sha256').update(String(text)).digest('hex'),
  );
  cacheStatements(db);
  return db;
}

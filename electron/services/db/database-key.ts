import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { AppError } from '../../../shared/errors/index.ts';
import type { SecretStore } from '../ports.ts';

const KEY_NAME = 'database-key';

/** A database file with content: a new key could never open it. */
function hasContent(file: string): boolean {
  try {
    return statSync(file).size > 0;
  } catch {
    return false;
  }
}

/**
 * The database key from the secret store, created (256 random bits) on first run only: when
 * the store has none but `databaseFile` already holds a database, the key was lost (key file
 * deleted, keychain reset) and a new one would open nothing, so nothing is written and the
 * answer is DB_KEY_MISSING.
 */
export async function databaseKey(store: SecretStore, databaseFile: string): Promise<string> {
  const existing = await store.get(KEY_NAME);
  if (existing) return existing;
  if (hasContent(databaseFile)) {
    throw new AppError(
      'DB_KEY_MISSING',
      store.isDevelopmentStore
        ? "Manca la chiave dell'archivio esistente: il file delle chiavi dev-secrets.json non c'è accanto a cartella.db. Ripristinarlo dalla copia di sicurezza; non ne viene creato uno nuovo, che non aprirebbe l'archivio."
        : "Manca la chiave dell'archivio esistente nel portachiavi del sistema. Ripristinarla dalla copia di sicurezza; non ne viene creata una nuova, che non aprirebbe l'archivio.",
    );
  }
  const key = randomBytes(32).toString('hex');
  await store.set(KEY_NAME, key);
  return key;
}

import { randomBytes } from 'node:crypto';
import type { SecretStore } from '../ports.ts';

const KEY_NAME = 'database-key';

/** The database key from the secret store, created (256 random bits) on first run. */
export async function databaseKey(store: SecretStore): Promise<string> {
  const existing = await store.get(KEY_NAME);
  if (existing) return existing;
  const key = randomBytes(32).toString('hex');
  await store.set(KEY_NAME, key);
  return key;
}

import { join } from 'node:path';
import { privateDirectory } from '../files/private-files.ts';
import type { SecretStore } from '../ports.ts';
import { DbClient } from './client.ts';
import { databaseKey } from './database-key.ts';

export const DATABASE_FILE = 'cartella.db';

export interface OpenedDatabase {
  db: DbClient;
  /** The database key; the imaging files' key is derived from it (imaging/object-store.ts). */
  keyHex: string;
}

/**
 * The data folder's encrypted database: the folder made the user's only, the key (created on
 * first run), then the database worker (open, migrations). A module of its own with few imports,
 * so a host can start it before loading the rest of the services: the worker then loads and
 * migrates on its own thread meanwhile (the node host's cold start).
 */
export async function openDatabase(dataDir: string, secretStore: SecretStore): Promise<OpenedDatabase> {
  privateDirectory(dataDir);
  const databaseFile = join(dataDir, DATABASE_FILE);
  const keyHex = await databaseKey(secretStore, databaseFile);
  const db = await DbClient.open(databaseFile, keyHex);
  return { db, keyHex };
}

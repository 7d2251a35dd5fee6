import { homedir } from 'node:os';
import { join } from 'node:path';

/** The node host's data folder: CARTELLA_DATA_DIR, or a development folder in the home directory. */
export function defaultDataDir(): string {
  return process.env.CARTELLA_DATA_DIR ?? join(homedir(), '.cartella-dev');
}

import { dirname, resolve } from 'node:path';
import { createNodeServices, defaultDataDir } from '../node-host/node-services.ts';
import { createLogger } from '../services/logging/logger.ts';
import { DATABASE_FILE } from '../services/container.ts';
import { UsageError } from './command.ts';

/**
 * Opens the services on the database given by `--db FILE` (default: the node host's, in
 * CARTELLA_DATA_DIR or ~/.cartella-dev). The key lives in the development
 * key file beside it (dev-secrets.json), as for the node host, so the CLI and `npm start`
 * share one data folder. Logs go to stderr at warn level, stdout stays for JSON lines.
 */
export async function openCliServices(dbFile: string | undefined) {
  const file = resolve(dbFile ?? `${defaultDataDir()}/${DATABASE_FILE}`);
  if (!file.endsWith(`/${DATABASE_FILE}`) && !file.endsWith(`\\${DATABASE_FILE}`)) {
    throw new UsageError(`--db must name a file called ${DATABASE_FILE} (the data folder is its directory)`);
  }
  return createNodeServices({
    dataDir: dirname(file),
    runtime: 'in-process',
    logger: createLogger({ level: process.env.CARTELLA_LOG_LEVEL ?? 'error' }),
  });
}

import { dirname, resolve } from 'node:path';
import { createNodeServices } from '../node-host/node-services.ts';
import { createLogger } from '../services/logging/logger.ts';
import { DATABASE_FILE } from '../services/container.ts';
import { UsageError } from './command.ts';

/**
 * Opens the services on the database given by `--db FILE`. The key lives in the development
 * key file beside it (dev-secrets.json), as for the node host, so the CLI and `npm start`
 * share one data folder. Logs go to stderr at warn level, stdout stays for JSON lines.
 */
export async function openCliServices(dbFile: string) {
  const file = resolve(dbFile);
  if (!file.endsWith(`/${DATABASE_FILE}`) && !file.endsWith(`\\${DATABASE_FILE}`)) {
    throw new UsageError(`--db must name a file called ${DATABASE_FILE} (the data folder is its directory)`);
  }
  return createNodeServices({
    dataDir: dirname(file),
    runtime: 'in-process',
    logger: createLogger({ level: process.env.CARTELLA_LOG_LEVEL ?? 'error' }),
  });
}

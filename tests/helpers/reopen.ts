import { createNodeServices } from '../../electron/node-host/node-services.ts';
import { createLogger } from '../../electron/services/logging/logger.ts';

/** Reopens the services on an existing data folder (after a close, a crash, or tampering). */
export function tempServicesAt(dataDir: string) {
  return createNodeServices({ dataDir, runtime: 'in-process', logger: createLogger({ level: 'silent' }) });
}

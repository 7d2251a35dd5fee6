import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createServices, type Services } from '../services/container.ts';
import { createLogger } from '../services/logging/logger.ts';
import type { Logger, Runtime } from '../services/ports.ts';
import { KeyFileSecretStore } from '../services/secrets/key-file-secret-store.ts';

export function appVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** The node host's data folder: CARTELLA_DATA_DIR, or a development folder in the home directory. */
export function defaultDataDir(): string {
  return process.env.CARTELLA_DATA_DIR ?? join(homedir(), '.cartella-dev');
}

/** Services wired with the plain-Node adapters (key-file secret store, stderr logger). */
export async function createNodeServices(options: {
  dataDir: string;
  runtime: Runtime;
  logger?: Logger;
  sandbox?: boolean;
}): Promise<Services & { logger: Logger }> {
  const logger = options.logger ?? createLogger();
  const services = await createServices({
    runtime: options.runtime,
    dataDir: options.dataDir,
    secretStore: new KeyFileSecretStore(options.dataDir, logger),
    logger,
    version: appVersion(),
    sandbox: options.sandbox ?? true,
  });
  return { ...services, logger };
}

import { readFileSync } from 'node:fs';
import { createServices, type Services } from '../services/container.ts';
import type { OpenedDatabase } from '../services/db/open-database.ts';
import { createLogger } from '../services/logging/logger.ts';
import type { Logger, Runtime, SecretStore } from '../services/ports.ts';
import { KeyFileSecretStore } from '../services/secrets/key-file-secret-store.ts';

export { defaultDataDir } from './data-dir.ts';

export function appVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Services wired with the plain-Node adapters (key-file secret store, stderr logger). */
export async function createNodeServices(options: {
  dataDir: string;
  runtime: Runtime;
  logger?: Logger;
  sandbox?: boolean;
  /** The key-file store of dataDir, when the caller already made one (for `database`). */
  secretStore?: SecretStore;
  /** The database already being opened with that store (the node host starts it first: index.ts). */
  database?: Promise<OpenedDatabase>;
}): Promise<Services & { logger: Logger }> {
  const logger = options.logger ?? createLogger();
  const services = await createServices(
    {
      runtime: options.runtime,
      dataDir: options.dataDir,
      secretStore: options.secretStore ?? new KeyFileSecretStore(options.dataDir, logger),
      logger,
      version: appVersion(),
      sandbox: options.sandbox ?? true,
    },
    options.database,
  );
  return { ...services, logger };
}

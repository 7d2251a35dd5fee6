import { existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger, SecretStore } from '../ports.ts';

/**
 * The node host's secret store: a JSON file with mode 0600 in the data folder. It protects
 * nothing against someone who can read the folder, so it is only for development, CI and the
 * sandbox; the Electron app uses the OS keychain through safeStorage instead.
 */
export class KeyFileSecretStore implements SecretStore {
  readonly isDevelopmentStore = true;
  private readonly file: string;

  constructor(dataDir: string, logger: Logger) {
    this.file = join(dataDir, 'dev-secrets.json');
    logger.warn('Development secret store: the database key is kept in a plain key file, not in the OS keychain', {
      file: 'dev-secrets.json',
    });
  }

  private read(): Record<string, string> {
    return existsSync(this.file) ? (JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, string>) : {};
  }

  async get(name: string): Promise<string | undefined> {
    return this.read()[name];
  }

  async set(name: string, value: string): Promise<void> {
    const all = { ...this.read(), [name]: value };
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(all, null, 2), { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}

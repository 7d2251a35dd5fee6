import { existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors/index.ts';
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

  /** The file's secrets; a file that is not a JSON object of strings is refused, never rewritten. */
  private read(): Record<string, string> {
    if (!existsSync(this.file)) return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || Object.values(parsed).some((v) => typeof v !== 'string')) {
      throw new AppError('DB_KEY_INVALID', "Il file delle chiavi dev-secrets.json è danneggiato: ripristinarlo dalla copia di sicurezza (non viene riscritto).");
    }
    return parsed as Record<string, string>;
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

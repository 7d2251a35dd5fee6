/**
 * `SecretStore` backed by Electron's safeStorage (DPAPI on Windows, Keychain on macOS,
 * libsecret/kwallet on Linux). Secrets are encrypted by the OS and kept as base64 in a JSON
 * file under `userData`; the clear text never reaches disk or logs (ARCHITECTURE.md §5;
 * ANCHORS.md §2 "safeStorage for secrets": Signal's getSQLKey, Element's SafeStorageWriter).
 *
 * This file does not import `electron`: index.ts passes in `safeStorage`, so the adapter is
 * unit-tested under plain Node with a fake.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors/index.ts';
import type { Logger, SecretStore } from '../../services/ports.ts';

/** The part of Electron's `safeStorage` this adapter uses (the non-deprecated async API). */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
  /** Linux only; absent elsewhere. */
  getSelectedStorageBackend?(): string;
}

export interface SafeStorageSecretStoreOptions {
  safeStorage: SafeStorageLike;
  /** The JSON file, normally `<userData>/secrets.json`. */
  file: string;
  platform: NodeJS.Platform;
  logger?: Logger;
  /**
   * Accept Linux's `basic_text` backend (a hard-coded password, i.e. no real protection).
   * Only for automated tests of an unpackaged build, like Element's `force-plaintext`
   * (ANCHORS.md §2: "Keep a CI switch, but never in production"); index.ts never sets it
   * when `app.isPackaged`.
   */
  allowBasicTextBackend?: boolean;
}

interface SecretsFile {
  version: 1;
  /** name -> base64 of the safeStorage ciphertext */
  secrets: Record<string, string>;
}

const NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,99}$/i;

export class SafeStorageSecretStore implements SecretStore {
  readonly isDevelopmentStore: boolean;
  private readonly options: SafeStorageSecretStoreOptions;
  /** Serialises writes so two `set` calls cannot lose each other's update. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: SafeStorageSecretStoreOptions) {
    this.options = options;
    this.isDevelopmentStore = options.allowBasicTextBackend === true;
  }

  async get(name: string): Promise<string | undefined> {
    checkName(name);
    const data = await this.read();
    const stored = data.secrets[name];
    if (stored === undefined) return undefined;
    await this.ensureAvailable();
    let decrypted: { shouldReEncrypt: boolean; result: string };
    try {
      decrypted = await this.options.safeStorage.decryptStringAsync(Buffer.from(stored, 'base64'));
    } catch {
      // The OS key changed (new user profile, keyring reset): the secret is unrecoverable.
      throw new AppError('DB_KEY_INVALID', `Secret "${name}" cannot be decrypted by the operating system's secure storage`);
    }
    if (decrypted.shouldReEncrypt) {
      await this.set(name, decrypted.result);
    }
    return decrypted.result;
  }

  async set(name: string, value: string): Promise<void> {
    checkName(name);
    if (typeof value !== 'string') throw new TypeError('secret value must be a string');
    await this.ensureAvailable();
    const encrypted = await this.options.safeStorage.encryptStringAsync(value);
    const run = this.queue.then(async () => {
      const data = await this.read();
      data.secrets[name] = encrypted.toString('base64');
      await this.write(data);
    });
    this.queue = run.catch(() => undefined);
    await run;
  }

  /** Refuses to store or read anything when the OS cannot really encrypt (clear error, no silent fallback). */
  private async ensureAvailable(): Promise<void> {
    const { safeStorage, platform } = this.options;
    const available = await safeStorage.isAsyncEncryptionAvailable();
    if (!available) {
      throw new AppError(
        'DB_UNAVAILABLE',
        'Secure storage is not available: the operating system offers no encryption for secrets ' +
          '(on Linux install and unlock a keyring such as gnome-keyring or KWallet). Cartella does not store the database key in clear text.',
      );
    }
    if (platform === 'linux' && safeStorage.getSelectedStorageBackend) {
      const backend = safeStorage.getSelectedStorageBackend();
      // basic_text encrypts with a fixed, public password: treat it as unavailable (Signal does the same).
      if (backend === 'basic_text' && !this.options.allowBasicTextBackend) {
        throw new AppError(
          'DB_UNAVAILABLE',
          'Secure storage is not available: no keyring was found (Electron safeStorage backend "basic_text"). ' +
            'Install and unlock gnome-keyring or KWallet, or start with --password-store=gnome-libsecret.',
        );
      }
      if (backend === 'basic_text') {
        this.options.logger?.warn('secret store uses the basic_text backend: development/test store only');
      }
    }
  }

  private async read(): Promise<SecretsFile> {
    let text: string;
    try {
      text = await readFile(this.options.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, secrets: {} };
      throw error;
    }
    const parsed = JSON.parse(text) as Partial<SecretsFile>;
    if (parsed?.version !== 1 || typeof parsed.secrets !== 'object' || parsed.secrets === null) {
      throw new AppError('DB_UNAVAILABLE', `Secret store file has an unknown format: ${this.options.file}`);
    }
    return { version: 1, secrets: { ...parsed.secrets } };
  }

  /** Write-then-rename, so a crash never leaves a half-written file; owner-only permissions. */
  private async write(data: SecretsFile): Promise<void> {
    const file = this.options.file;
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, file);
  }
}

function checkName(name: string): void {
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    throw new TypeError(`invalid secret name: ${String(name)}`);
  }
}

/**
 * Ports: what only the host runtime can provide (ARCHITECTURE.md §1.3). The services take
 * these interfaces; Electron adapters live in electron/main/adapters/, Node adapters in
 * electron/node-host/ (and electron/cli/).
 */

/** Keeps small secrets (the database key, gateway certificate passwords) outside the database. */
export interface SecretStore {
  /** True when secrets sit in a plain key file (node host): the log warns about it. */
  readonly isDevelopmentStore: boolean;
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
}

/** Structured logger. Callers pass ids, never names or codici fiscali; the logger redacts anyway. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export type Runtime = 'electron' | 'node-host' | 'in-process';

export interface ServicePorts {
  runtime: Runtime;
  /** Folder for the database and other local files. */
  dataDir: string;
  secretStore: SecretStore;
  logger: Logger;
  /** The app version shown in the UI. */
  version: string;
  /** Sandbox ("Ambiente di prova"): synthetic panel, gateway simulator, test token. */
  sandbox: boolean;
}

/**
 * Sandbox ("Ambiente di prova") test token: a SoftHSM2 token with a test CA and a doctor
 * certificate, created in `<dataDir>/test-token` the first time signing is needed, so that
 * `npm start` signs out of the box. Creation takes seconds (openssl, softhsm2-util,
 * pkcs11-tool), so it runs in a worker thread and never delays start-up or other calls.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../ports.ts';
import { TEST_TOKEN_LABELS, TEST_TOKEN_PIN, testTokenUnavailableReason, type TestTokenInfo } from './test-token.ts';

export type SandboxTokenState = 'none' | 'creating' | 'ready' | 'unavailable';

/** Where the sandbox token lives: $CARTELLA_SANDBOX_TOKEN_DIR (tests share one), else `<dataDir>/test-token`. */
export function sandboxTokenDir(dataDir: string): string {
  return process.env['CARTELLA_SANDBOX_TOKEN_DIR'] ?? join(dataDir, 'test-token');
}

const BOOTSTRAP = `
const { workerData, parentPort } = require('node:worker_threads');
const start = workerData.tsxApi ? import(workerData.tsxApi).then((m) => m.register()) : Promise.resolve();
start
  .then(() => import(workerData.entry))
  .then((m) => parentPort.postMessage({ ok: true, info: m.createTestToken(workerData.dir) }))
  .catch((e) => parentPort.postMessage({ ok: false, message: String(e && e.message || e) }));
`;

/** Runs createTestToken(dir) in a worker thread (it is synchronous and slow). */
function createInWorker(dir: string): Promise<TestTokenInfo> {
  // Bundled (scripts/node-host-bundle.js): test-token.js is an entry beside this code; else the source through tsx.
  const built = new URL('./test-token.js', import.meta.url);
  const entry = existsSync(fileURLToPath(built)) ? built : new URL('./test-token.ts', import.meta.url);
  let tsxApi: string | undefined;
  if (entry.pathname.endsWith('.ts')) {
    const cjs = createRequire(fileURLToPath(import.meta.url)).resolve('tsx/esm/api');
    tsxApi = pathToFileURL(cjs.replace(/\.cjs$/, '.mjs')).href;
  }
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { dir, entry: entry.href, tsxApi } });
    worker.once('message', (m: { ok: true; info: TestTokenInfo } | { ok: false; message: string }) => {
      void worker.terminate();
      if (m.ok) resolve(m.info);
      else reject(new Error(m.message));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`test token worker exited (${code})`)));
  });
}

export interface SandboxTokenResult {
  module: string;
  env: Record<string, string>;
  tokenLabel: string;
  caPem: string;
}

/** Creates the sandbox token once per process and data folder; `ensure()` is idempotent. */
export class SandboxToken {
  private promise: Promise<SandboxTokenResult | undefined> | undefined;
  private current: SandboxTokenState;

  constructor(
    private readonly dataDir: string,
    private readonly logger: Logger,
    enabled: boolean,
  ) {
    this.current = 'none';
    if (!enabled) this.promise = Promise.resolve(undefined);
  }

  get state(): SandboxTokenState {
    return this.current;
  }

  readonly testPin = TEST_TOKEN_PIN;

  ensure(): Promise<SandboxTokenResult | undefined> {
    this.promise ??= this.create();
    return this.promise;
  }

  private async create(): Promise<SandboxTokenResult | undefined> {
    const unavailable = testTokenUnavailableReason();
    if (unavailable) {
      this.current = 'unavailable';
      this.logger.warn('Sandbox test token not created: signing stays unconfigured', { reason: unavailable });
      return undefined;
    }
    const dir = sandboxTokenDir(this.dataDir);
    this.current = 'creating';
    const started = Date.now();
    try {
      const info = await createInWorker(dir);
      this.current = 'ready';
      this.logger.info('Sandbox test token ready', { ms: Date.now() - started });
      return { module: info.module, env: { SOFTHSM2_CONF: info.conf }, tokenLabel: TEST_TOKEN_LABELS.rsa, caPem: info.caPem };
    } catch (e) {
      this.current = 'unavailable';
      this.logger.warn('Sandbox test token could not be created: signing stays unconfigured', { error: (e as Error).message });
      return undefined;
    }
  }
}

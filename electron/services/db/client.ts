import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/errors/index.ts';
import type { ProcedureArgs, ProcedureName, ProcedureResult } from './procedures.ts';
import type { WorkerInit, WorkerReply, WorkerRequest } from './protocol.ts';

/**
 * Where the worker's code is: the bundled `db-worker.js` beside the built main process, or the
 * TypeScript source run through tsx in development, tests and the CLI.
 */
function spawnWorker(workerData: WorkerInit): Worker {
  const built = new URL('./db-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return new Worker(built, { workerData });
  // Source mode: register tsx inside the worker, then load the TypeScript entry. (Passing
  // `--import tsx` in execArgv does not reach a worker's own entry module on Node 20.)
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true, workerData });
}

/** The async, typed face of the SQLite worker thread. */
export class DbClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  private closed = false;

  private constructor(
    private readonly worker: Worker,
    readonly schemaVersion: number,
  ) {
    worker.on('message', (msg: WorkerReply) => {
      if (msg.type !== 'result') return;
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.value);
      else p.reject(AppError.fromRpc(msg.error));
    });
    worker.on('error', (e) => this.failAll(e));
    worker.on('exit', () => this.failAll(new AppError('DB_UNAVAILABLE', 'Database worker exited')));
  }

  /** Opens (creating if needed) the encrypted database and applies pending migrations. */
  static open(path: string, keyHex: string): Promise<DbClient> {
    const worker = spawnWorker({ path, keyHex });
    return new Promise((resolve, reject) => {
      const onMessage = (msg: WorkerReply) => {
        worker.off('message', onMessage);
        if (msg.type === 'ready') resolve(new DbClient(worker, msg.schemaVersion));
        else if (msg.type === 'init-error') reject(AppError.fromRpc(msg.error));
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
  }

  call<P extends ProcedureName>(name: P, args: ProcedureArgs<P>): Promise<ProcedureResult<P>> {
    if (this.closed) return Promise.reject(new AppError('DB_UNAVAILABLE', 'Database is closed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ type: 'call', id, name, args } satisfies WorkerRequest);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await new Promise<void>((resolve) => {
      this.worker.once('exit', () => resolve());
      this.worker.postMessage({ type: 'close' } satisfies WorkerRequest);
    });
  }

  private failAll(e: unknown): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }
}

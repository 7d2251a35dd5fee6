import type { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/errors/index.ts';
import type { ProcedureArgs, ProcedureName, ProcedureResult } from './procedures.ts';
import type { WorkerInit, WorkerReply, WorkerRequest } from './protocol.ts';
import { spawnServiceWorker } from '../workers/spawn-worker.ts';

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
    const workerData: WorkerInit = { path, keyHex };
    const worker = spawnServiceWorker({
      built: new URL('./db-worker.js', import.meta.url),
      source: new URL('./worker.ts', import.meta.url),
      workerData,
    });
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

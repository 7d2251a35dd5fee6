/**
 * Main-process side of the import worker: one worker thread, started on the first import and
 * kept, requests multiplexed by id. The worker gets the imaging file key (a non-extractable
 * CryptoKey, structured-cloned) and the data folder, never the database key.
 */
import type { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/errors/index.ts';
import { spawnServiceWorker } from '../workers/spawn-worker.ts';
import type { StageReply, StageRequest, StageResult } from './import-protocol.ts';
import type { ObjectKey } from './object-store.ts';

export class ImportWorker {
  private worker: Worker | undefined;
  private seq = 0;
  private readonly pending = new Map<number, { resolve: (r: StageResult) => void; reject: (e: unknown) => void }>();

  constructor(private readonly init: { key: ObjectKey; dataDir: string }) {}

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = spawnServiceWorker({
      built: new URL('./imaging-worker.js', import.meta.url),
      source: new URL('./import-worker.ts', import.meta.url),
      workerData: this.init,
    });
    worker.on('message', (reply: StageReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.value);
      else p.reject(AppError.fromRpc(reply.error));
    });
    const fail = (e: unknown) => {
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
      this.worker = undefined;
    };
    worker.on('error', fail);
    worker.on('exit', () => fail(new AppError('INTERNAL', 'Imaging import worker exited')));
    this.worker = worker;
    return worker;
  }

  stage(request: Omit<StageRequest, 'id'>): Promise<StageResult> {
    const worker = this.start();
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const transfer = request.bytes && request.bytes.byteOffset === 0 && request.bytes.byteLength === request.bytes.buffer.byteLength ? [request.bytes.buffer as ArrayBuffer] : [];
      worker.postMessage({ ...request, id } satisfies StageRequest, transfer);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }
}

/**
 * Main-process side of the validation worker: one long-lived worker thread, requests
 * multiplexed by id. The worker gets a larger young generation because the XPath evaluator
 * allocates many short-lived objects (a quarter of warm CPU time was scavenges in profiling).
 */
import type { Worker } from 'node:worker_threads';
import { AppError, type RpcError } from '../../../shared/errors/index.ts';
import type { PdfCdaMode } from '../../../shared/validation/cda/pdf.ts';
import type { CdaValidationResult } from '../../../shared/validation/cda/validate.ts';
import { spawnServiceWorker } from '../workers/spawn-worker.ts';

type Reply = { id: number; result: CdaValidationResult } | { id: number; error: RpcError };

export class CdaValidationWorker {
  private readonly worker: Worker;
  private seq = 0;
  private readonly pending = new Map<number, { resolve: (r: CdaValidationResult) => void; reject: (e: unknown) => void }>();

  /** `resourcesDir`: resources/cda location (packaged app: under process.resourcesPath). */
  constructor(options: { resourcesDir?: string } = {}) {
    const workerData = { resourcesDir: options.resourcesDir };
    this.worker = spawnServiceWorker({
      built: new URL('./validation-worker.js', import.meta.url),
      source: new URL('./worker.ts', import.meta.url),
      workerData,
      resourceLimits: { maxYoungGenerationSizeMb: 64 },
    });
    this.worker.on('message', (reply: Reply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if ('error' in reply) p.reject(AppError.fromRpc(reply.error));
      else p.resolve(reply.result);
    });
    this.worker.on('error', (e) => {
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    });
  }

  validate(bytes: Uint8Array, mode?: PdfCdaMode): Promise<CdaValidationResult> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage(mode === undefined ? { id, bytes } : { id, bytes, mode });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

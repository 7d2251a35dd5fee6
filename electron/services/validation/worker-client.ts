/**
 * Main-thread side of the validation worker: one long-lived worker thread, requests matched
 * by id and handed to it one at a time (MAX_IN_FLIGHT), each with a time limit. A request over
 * its limit is answered TIMEOUT and the worker is ended and replaced (a thread busy in a parser
 * cannot be interrupted otherwise); the requests it held are sent again to the new one. Heap
 * limits: YOUNG_GENERATION_MB, OLD_GENERATION_MB. It never keeps the process alive by itself.
 */
import type { Worker } from 'node:worker_threads';
import { AppError, type RpcError } from '../../../shared/errors/index.ts';
import type { CdaFacts } from '../../../shared/gateway/cda-facts.ts';
import type { PdfCdaMode } from '../../../shared/validation/cda/pdf.ts';
import type { CdaValidationResult } from '../../../shared/validation/cda/validate.ts';
import type { ContentRequest, ReadContent } from '../import/read-content.ts';
import { spawnServiceWorker } from '../workers/spawn-worker.ts';
import type { WorkerHeap, WorkerRequest } from './worker.ts';

type Reply = { id: number; result: unknown } | { id: number; error: RpcError };

/** Omit over each member of a union. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

interface Queued {
  message: WorkerRequest;
  resolve: (r: unknown) => void;
  reject: (e: unknown) => void;
  timeLimitMs: number;
}

interface Pending extends Queued {
  timer: NodeJS.Timeout;
}

/**
 * Requests the worker holds at once; the others wait here. The worker would start each one it
 * receives (its handler awaits the XSD thread, and the next message is taken meanwhile), so a
 * burst of N requests kept N documents, their bytes and parsed DOMs alive together in its heap.
 * One at a time loses nothing: the XSD step of a document already runs beside its schematron.
 */
const MAX_IN_FLIGHT = 1;

/**
 * The worker's heap limits. A large young generation because the XPath evaluator allocates
 * many short-lived objects (a quarter of warm CPU time was scavenges at V8's default); 48 MiB
 * rather than 64 keeps most of that gain (300 PSS: 20 ms CPU each either way, noise ±3 ms) for
 * a smaller committed heap. The old generation's cap is no budget (a 2 MB PSS import needs
 * more than 160 MiB; the live set of a validation is ~25 MiB): with the default cap, 4 GiB on
 * a 24 GiB machine, V8 let the heap grow to 2–4× the live set between collections (peak RSS
 * of 300 serial validations 302 MiB vs 229 MiB with 1 GiB, same CPU).
 */
const YOUNG_GENERATION_MB = 48;
const OLD_GENERATION_MB = 1024;

/** What the worker read from a PDF: the CDA as the gateway extracts it, and its header facts. */
export interface ReadCda {
  mode: PdfCdaMode;
  bytes: Uint8Array;
  /** null when the extracted CDA is not XML. */
  facts: CdaFacts | null;
}

/** A request's own time limit (default: the client's). */
export interface Limits {
  timeLimitMs?: number;
}

/** Default time limit of one request: far above any real document (the largest fixture takes < 1 s). */
export const DEFAULT_TIME_LIMIT_MS = 30_000;

export class CdaValidationWorker {
  private worker: Worker | undefined;
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly queue: Queued[] = [];
  private closed = false;
  private readonly timeLimitMs: number;
  private readonly workerData: { resourcesDir?: string | undefined };

  /** `resourcesDir`: resources/cda location (packaged app: under process.resourcesPath). */
  constructor(options: { resourcesDir?: string; timeLimitMs?: number } = {}) {
    this.workerData = { resourcesDir: options.resourcesDir };
    this.timeLimitMs = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = spawnServiceWorker({
      built: new URL('./validation-worker.js', import.meta.url),
      source: new URL('./worker.ts', import.meta.url),
      workerData: this.workerData,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: OLD_GENERATION_MB },
    });
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.settle(reply.id);
      if ('error' in reply) p.reject(AppError.fromRpc(reply.error));
      else p.resolve(reply.result);
    });
    worker.on('error', (e) => this.replace(worker, e));
    worker.on('exit', (code) => this.replace(worker, new AppError('INTERNAL', `validation worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  private settle(id: number): void {
    const p = this.pending.get(id);
    if (!p) return;
    clearTimeout(p.timer);
    this.pending.delete(id);
    if (!this.closed) queueMicrotask(() => this.dispatch());
  }

  /** The worker died (or was ended): requests it held go to a new one; `cause` only if closing. */
  private replace(dead: Worker, cause: unknown): void {
    if (this.worker !== dead) return;
    this.worker = undefined;
    if (this.closed) {
      for (const [id, p] of this.pending) {
        this.settle(id);
        p.reject(cause);
      }
      for (const q of this.queue.splice(0)) q.reject(cause);
      return;
    }
    if (this.pending.size === 0) return;
    const next = this.thread();
    for (const p of this.pending.values()) next.postMessage(p.message);
  }

  private request<T>(message: WithoutId<WorkerRequest>, limits: Limits = {}): Promise<T> {
    const timeLimitMs = limits.timeLimitMs ?? this.timeLimitMs;
    if (this.closed) return Promise.reject(new AppError('INTERNAL', 'validation worker closed'));
    const id = ++this.seq;
    const full = { ...message, id } as WorkerRequest;
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ message: full, resolve: resolve as (r: unknown) => void, reject, timeLimitMs });
      this.dispatch();
    });
  }

  /**
   * Posts waiting requests while fewer than MAX_IN_FLIGHT are in the worker. A request's time
   * limit runs from here, not from its call: it measures the worker's time on that document,
   * so a long queue cannot make a good document time out and end the worker.
   */
  private dispatch(): void {
    while (this.pending.size < MAX_IN_FLIGHT && this.queue.length > 0) {
      const q = this.queue.shift()!;
      const id = q.message.id;
      const timer = setTimeout(() => {
        this.settle(id);
        q.reject(new AppError('TIMEOUT', `Elaborazione del documento interrotta: oltre il limite di ${(q.timeLimitMs / 1000).toLocaleString('it-IT')} s`));
        const w = this.worker;
        if (w) void w.terminate(); // 'exit' → replace(): the other requests go to a new worker
      }, q.timeLimitMs);
      timer.unref();
      this.pending.set(id, { ...q, timer });
      this.thread().postMessage(q.message);
    }
  }

  /** The gateway's three checks on CDA XML, or on the CDA a PDF carries. */
  validate(bytes: Uint8Array, mode?: PdfCdaMode, limits?: Limits): Promise<CdaValidationResult> {
    return this.request({ kind: 'validate', bytes, ...(mode === undefined ? {} : { mode }) }, limits);
  }

  /** A received file opened, its signature verified and its content read (import/read-content.ts). */
  readReceived(bytes: Uint8Array, request: ContentRequest, limits?: Limits): Promise<ReadContent> {
    return this.request({ kind: 'readReceived', bytes, request }, limits);
  }

  /** The CDA a PDF carries and its header facts, or null when it carries none in that mode. */
  readCda(pdf: Uint8Array, mode?: PdfCdaMode, limits?: Limits): Promise<ReadCda | null> {
    return this.request({ kind: 'readCda', bytes: pdf, ...(mode === undefined ? {} : { mode }) }, limits);
  }

  /** The worker thread's V8 heap, or null when no thread runs (nothing is started for it). */
  heap(): Promise<WorkerHeap | null> {
    if (!this.worker) return Promise.resolve(null);
    return this.request({ kind: 'heap' });
  }

  async close(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    this.worker = undefined;
    for (const [id, p] of this.pending) {
      this.settle(id);
      p.reject(new AppError('CANCELLED', 'validation worker closed'));
    }
    for (const q of this.queue.splice(0)) q.reject(new AppError('CANCELLED', 'validation worker closed'));
    await w?.terminate();
  }
}

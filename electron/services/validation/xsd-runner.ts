/**
 * XSD validation with libxml2 compiled to wasm (xmllint-wasm 5.3.0; CDA-VALIDATION.md §7):
 * same engine and messages as the referee's `xmllint --schema`. One worker thread per schema
 * set (xsd-worker.ts) keeps the compiled schema, so a warm call costs libxml2's parse and
 * validation of the document only, and it runs beside the schematron step of the calling
 * thread. The thread keeps the process alive only while a request is pending.
 */
import type { Worker } from 'node:worker_threads';
import { splitXmllintOutput, type XsdError } from '../../../shared/validation/cda/xsd.ts';
import { spawnServiceWorker } from '../workers/spawn-worker.ts';
import type { SchemaFile } from './resources.ts';
import type { XsdJob, XsdReply, XsdWorkerData } from './xsd-worker.ts';

interface Pending {
  resolve: (errors: XsdError[]) => void;
  reject: (e: unknown) => void;
}

interface Thread {
  worker: Worker;
  wake: Int32Array;
}

export class XsdRunner {
  private thread: Thread | undefined;
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  private readonly data: Omit<XsdWorkerData, 'wake'>;

  constructor(readonly set: string, files: readonly SchemaFile[]) {
    if (!files.some((f) => f.name === 'CDA.xsd')) throw new Error(`XSD set ${set}: CDA.xsd missing`);
    this.data = { schemaPath: `${set}/CDA.xsd`, files: files.map((f) => ({ fileName: `${set}/${f.name}`, contents: f.bytes })) };
  }

  /** libxml2 messages for one document (empty = valid). */
  validate(bytes: Uint8Array): Promise<XsdError[]> {
    const t = this.start();
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) t.worker.ref();
      t.worker.postMessage({ id, bytes } satisfies XsdJob);
      Atomics.add(t.wake, 0, 1);
      Atomics.notify(t.wake, 0);
    });
  }

  /** Ends the thread; pending requests are rejected. */
  async close(): Promise<void> {
    const t = this.thread;
    this.thread = undefined;
    this.fail(new Error('XSD validator closed'));
    await t?.worker.terminate();
  }

  private start(): Thread {
    if (this.thread) return this.thread;
    const wake = new SharedArrayBuffer(4);
    const worker = spawnServiceWorker({
      built: new URL('./xsd-worker.js', import.meta.url),
      source: new URL('./xsd-worker.ts', import.meta.url),
      workerData: { ...this.data, wake } satisfies XsdWorkerData,
    });
    worker.unref();
    worker.on('message', (reply: XsdReply) => this.answer(reply));
    const gone = (e: unknown) => {
      if (this.thread?.worker !== worker) return;
      this.thread = undefined;
      this.fail(e);
    };
    worker.on('error', gone);
    worker.on('exit', (code) => gone(new Error(`XSD worker exited (${code})`)));
    this.thread = { worker, wake: new Int32Array(wake) };
    return this.thread;
  }

  private answer(reply: XsdReply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.settle(reply.id);
    if ('error' in reply) return p.reject(new Error(reply.error));
    // xmllint's own failure (exit 5 of a one-document run) is no verdict on the document.
    if (reply.stderr.includes(`${reply.name} validation generated an internal error`)) {
      return p.reject(new Error(`xmllint: ${reply.stderr.slice(0, 500)}`));
    }
    p.resolve(splitXmllintOutput(reply.stderr, [reply.name]).get(reply.name) ?? []);
  }

  private settle(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.thread?.worker.unref();
  }

  private fail(e: unknown): void {
    for (const [id, p] of this.pending) {
      this.settle(id);
      p.reject(e);
    }
  }
}

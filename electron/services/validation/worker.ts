/**
 * Worker-thread entry: owns one CdaValidator (resources, compiled schematrons, XSD runners)
 * and does every CPU-heavy read of a received document, so that no document can block the
 * event loop of the host that received it (the main process, the node host, the gateway
 * simulator). The client (worker-client.ts) puts a time limit on each request.
 * Messages: {id, kind, bytes, mode?} → {id, result} | {id, error}.
 */
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { readCdaFacts } from '../../../shared/gateway/cda-facts.ts';
import { isAppError } from '../../../shared/errors/index.ts';
import { extractCdaFromPdf, type PdfCdaMode } from '../../../shared/validation/cda/pdf.ts';
import type { ContentRequest, ReadContent } from '../import/read-content.ts';
import { CdaValidator } from './cda-validator.ts';

export type WorkerRequest = { id: number; bytes: Uint8Array; mode?: PdfCdaMode } & (
  { kind: 'validate' } | { kind: 'readReceived'; request: ContentRequest } | { kind: 'readCda' }
) | { id: number; kind: 'heap' };

/** This thread's V8 heap (process.memoryUsage() is the whole process's): for the bench's breakdown. */
export interface WorkerHeap {
  usedHeapSize: number;
  totalHeapSize: number;
  externalMemory: number;
  mallocedMemory: number;
}

// pdf-lib notes each damaged object of a received PDF on the console (two lines per object):
// the verdict already says the file is damaged, and a hostile file would flood the host's log.
const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && /^(Trying to parse invalid object|Invalid object ref)/.test(args[0])) return;
  warn(...args);
};

const resourcesDir = (workerData as { resourcesDir?: string } | null)?.resourcesDir;
let validator: CdaValidator | undefined;
function cdaValidator(): CdaValidator {
  if (validator) return validator;
  // The XSD thread of a schema set starts with the first document of that set, beside its
  // schematron (cda-validator.ts): a set no document uses costs no thread and no memory.
  validator = CdaValidator.create(resourcesDir === undefined ? {} : { resourcesDir });
  return validator;
}

// The import's readers (every document type, the signature verifier) load with the first
// received document, so the validator's first use (the simulator's, the PSS editor's) does not
// wait for them. The AIFA list gives the ATC of a medicine a document names by its AIC only,
// read from the same resources as the host's term index.
type ReadReceived = (bytes: Uint8Array, request: ContentRequest) => Promise<ReadContent>;
let receivedReader: Promise<ReadReceived> | undefined;
function readReceived(bytes: Uint8Array, request: ContentRequest): Promise<ReadContent> {
  receivedReader ??= Promise.all([import('../import/read-content.ts'), import('../terms/term-index.ts')]).then(([{ readContent }, { TermIndex }]) => {
    const terms = resourcesDir === undefined ? new TermIndex() : new TermIndex(join(resourcesDir, 'terminology'), join(resourcesDir, '..', 'terms', 'aic-equivalenti.csv'));
    return (b, r) => readContent(b, r, (aic) => terms.lookup('aic', aic)?.atc);
  });
  return receivedReader.then((read) => read(bytes, request));
}

async function handle(req: WorkerRequest): Promise<unknown> {
  switch (req.kind) {
    case 'heap': {
      const h = getHeapStatistics();
      return { usedHeapSize: h.used_heap_size, totalHeapSize: h.total_heap_size, externalMemory: h.external_memory, mallocedMemory: h.malloced_memory } satisfies WorkerHeap;
    }
    case 'validate': {
      const result = await cdaValidator().validateFile(req.bytes, req.mode === undefined ? {} : { mode: req.mode });
      return { ...result, svrl: null };
    }
    case 'readReceived':
      return readReceived(req.bytes, req.request);
    case 'readCda': {
      // The gateway's extraction (FSE-GATEWAY.md §5) and the header facts the JWT is checked against.
      const extracted = await extractCdaFromPdf(req.bytes, req.mode).catch(() => null);
      if (!extracted) return null;
      let facts: ReturnType<typeof readCdaFacts> | null = null;
      try {
        facts = readCdaFacts(extracted.bytes);
      } catch {
        facts = null;
      }
      return { mode: extracted.mode, bytes: extracted.bytes, facts };
    }
  }
}

parentPort?.on('message', (req: WorkerRequest) => {
  handle(req)
    .then((result) => parentPort?.postMessage({ id: req.id, result }))
    .catch((e: unknown) =>
      parentPort?.postMessage({
        id: req.id,
        error: isAppError(e) ? e.toRpc() : { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) },
      }),
    );
});

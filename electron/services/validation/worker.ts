/**
 * Worker-thread entry: owns one CdaValidator (resources, compiled schematrons, XSD runners)
 * and does every CPU-heavy read of a received document, so that no document can block the
 * event loop of the host that received it (the main process, the node host, the gateway
 * simulator). The client (worker-client.ts) puts a time limit on each request.
 * Messages: {id, kind, bytes, mode?} → {id, result} | {id, error}.
 */
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { readCdaFacts } from '../../../shared/gateway/cda-facts.ts';
import { isAppError } from '../../../shared/errors/index.ts';
import { extractCdaFromPdf, type PdfCdaMode } from '../../../shared/validation/cda/pdf.ts';
import { type ContentRequest, readContent } from '../import/read-content.ts';
import { TermIndex } from '../terms/term-index.ts';
import { CdaValidator } from './cda-validator.ts';

export type WorkerRequest = { id: number; bytes: Uint8Array; mode?: PdfCdaMode } & (
  { kind: 'validate' } | { kind: 'readReceived'; request: ContentRequest } | { kind: 'readCda' }
);

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

// The AIFA list gives the ATC of a medicine a received document names by its AIC only; it is
// read from the same resources as the host's index, on the first document that needs it.
let terms: TermIndex | undefined;
function atcOf(aic: string) {
  terms ??= resourcesDir === undefined ? new TermIndex() : new TermIndex(join(resourcesDir, 'terminology'), join(resourcesDir, '..', 'terms', 'aic-equivalenti.csv'));
  return terms.lookup('aic', aic)?.atc;
}

async function handle(req: WorkerRequest): Promise<unknown> {
  switch (req.kind) {
    case 'validate': {
      const result = await cdaValidator().validateFile(req.bytes, req.mode === undefined ? {} : { mode: req.mode });
      return { ...result, svrl: null };
    }
    case 'readReceived':
      return readContent(req.bytes, req.request, atcOf);
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

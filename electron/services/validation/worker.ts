/**
 * Worker-thread entry: owns one CdaValidator (resources, compiled schematrons, XSD runners)
 * and does every CPU-heavy read of a received document, so that no document can block the
 * event loop of the host that received it (the main process, the node host, the gateway
 * simulator). The client (worker-client.ts) puts a time limit on each request.
 * Messages: {id, kind, bytes, mode?} → {id, result} | {id, error}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readCdaFacts } from '../../../shared/gateway/cda-facts.ts';
import { isAppError } from '../../../shared/errors/index.ts';
import { extractCdaFromPdf, type PdfCdaMode } from '../../../shared/validation/cda/pdf.ts';
import { readPssFile } from '../documents/pss-read.ts';
import { CdaValidator } from './cda-validator.ts';

export type WorkerRequest = { id: number; bytes: Uint8Array; mode?: PdfCdaMode } & ({ kind: 'validate' } | { kind: 'readPss' } | { kind: 'readCda' });

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
  validator = CdaValidator.create(resourcesDir === undefined ? {} : { resourcesDir });
  // The XSD threads start (and compile their schema) while this thread compiles a schematron.
  validator.warmXsd();
  return validator;
}

async function handle(req: WorkerRequest): Promise<unknown> {
  switch (req.kind) {
    case 'validate': {
      const result = await cdaValidator().validateFile(req.bytes, req.mode === undefined ? {} : { mode: req.mode });
      return { ...result, svrl: null };
    }
    case 'readPss':
      return readPssFile(req.bytes);
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

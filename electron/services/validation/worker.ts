/**
 * Worker-thread entry: owns one CdaValidator (resources, compiled schematrons, XSD runners)
 * so validation CPU never blocks the main process event loop (issue 3: "runs in the main
 * process off the UI thread"). Messages: {id, bytes, mode?} → {id, result} | {id, error}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isAppError } from '../../../shared/errors/index.ts';
import type { PdfCdaMode } from '../../../shared/validation/cda/pdf.ts';
import { CdaValidator } from './cda-validator.ts';

interface Request {
  id: number;
  bytes: Uint8Array;
  mode?: PdfCdaMode;
}

const resourcesDir = (workerData as { resourcesDir?: string } | null)?.resourcesDir;
const validator = CdaValidator.create(resourcesDir === undefined ? {} : { resourcesDir });
parentPort?.on('message', (req: Request) => {
  validator
    .validateFile(req.bytes, req.mode === undefined ? {} : { mode: req.mode })
    .then((result) => parentPort?.postMessage({ id: req.id, result: { ...result, svrl: null } }))
    .catch((e: unknown) =>
      parentPort?.postMessage({
        id: req.id,
        error: isAppError(e) ? e.toRpc() : { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) },
      }),
    );
});

/**
 * Validation off the main thread: the worker client runs the real validator in a
 * worker thread and returns the same verdict; AppErrors cross the thread boundary as AppError.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../shared/errors/index.ts';
import { CdaValidationWorker } from '../../../electron/services/validation/worker-client.ts';

const FIX = join(import.meta.dirname, '../../fixtures/cda');
const worker = new CdaValidationWorker();
afterAll(() => worker.close());

describe('CdaValidationWorker', () => {
  it('validates in a worker thread with the same verdict', async () => {
    const r = await worker.validate(new Uint8Array(readFileSync(join(FIX, 'official-examples/VPS.xml'))));
    expect(r.valid).toBe(false);
    expect(r.xsd.valid).toBe(true);
    expect(r.issues.map((i) => i.code)).toEqual(['ERRORE-56', 'ERRORE-46a']);
  }, 120_000);

  it('rejects a PDF without a CDA with an AppError', async () => {
    const e = await worker.validate(new Uint8Array(readFileSync(join(FIX, 'pdf/Test.pdf')))).catch((x: unknown) => x);
    expect(isAppError(e)).toBe(true);
    expect((e as { code: string }).code).toBe('INVALID_INPUT');
  }, 120_000);
});

/**
 * Bytes received → the document's content with its verdicts: read in the validation worker
 * (read-content.ts, under the worker's time limit, so no file can block this thread's event
 * loop), every CDA validated there with the gateway's rules. An imperfect document is still
 * read; its verdict and warnings go with it.
 */
import { createHash } from 'node:crypto';
import type { StoredVerdict } from '../../../shared/domain/record/index.ts';
import type { ReceivedContent } from '../../../shared/import/content.ts';
import { type ReceivedIdentity, receivedDocumentId } from '../../../shared/import/plan.ts';
import type { CdaValidationWorker } from '../validation/worker-client.ts';
import type { ContentRequest } from './read-content.ts';
import { notApplicable, validationVerdict } from './verdicts.ts';

export interface ReadOptions extends ContentRequest {
  /** The worker that reads the file. */
  worker: CdaValidationWorker;
  /** The gateway's rules; absent: not validated (the verdict says so). */
  validate?: ((cda: Uint8Array, sha256: string) => Promise<StoredVerdict>) | undefined;
}

export interface ReadResult {
  content: ReceivedContent;
  identity: ReceivedIdentity;
  validation: StoredVerdict;
  signature: StoredVerdict;
}

export async function readReceived(bytes: Uint8Array, o: ReadOptions): Promise<ReadResult> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const { worker, validate, ...request } = o;
  const read = await worker.readReceived(bytes, request);
  const validation = read.cdaBytes && validate ? await validate(read.cdaBytes, sha256) : notApplicable(read.cdaBytes ? 'non validato' : undefined);
  return {
    content: read.content,
    identity: { documentId: receivedDocumentId(sha256), format: read.format, sha256, size: bytes.length, receivedAt: new Date().toISOString() },
    validation,
    signature: read.signature,
  };
}

/** Validation verdicts by content: preview and confirmation of the same file validate once. */
export function cachedValidator(worker: () => CdaValidationWorker, size = 32) {
  const cache = new Map<string, StoredVerdict>();
  return async (cda: Uint8Array, sha256: string): Promise<StoredVerdict> => {
    const hit = cache.get(sha256);
    if (hit) return hit;
    const v = validationVerdict(await worker().validate(cda));
    cache.set(sha256, v);
    if (cache.size > size) cache.delete(cache.keys().next().value!);
    return v;
  };
}

/**
 * Bytes received → the document's content as the record can take it, with its verdicts: the
 * container opened (unwrap.ts), the text read by its type's reader (shared/), every CDA
 * validated with the gateway's rules in the validation worker. An imperfect document is still
 * read; its verdict and warnings go with it.
 */
import { createHash } from 'node:crypto';
import type { StoredVerdict } from '../../../shared/domain/record/index.ts';
import type { DeviceCsvMapping } from '../../../shared/documents/csv/mapping.ts';
import { parseReceivedCsv } from '../../../shared/documents/csv/index.ts';
import { parseFhirJson } from '../../../shared/documents/fhir/received/index.ts';
import type { ReceivedContent } from '../../../shared/import/content.ts';
import { parseReceivedCda } from '../../../shared/import/parse-cda.ts';
import { type ReceivedIdentity, receivedDocumentId } from '../../../shared/import/plan.ts';
import type { AtcLookup } from '../../../shared/documents/cda/erf/index.ts';
import type { CdaValidationWorker } from '../validation/worker-client.ts';
import { unwrap } from './unwrap.ts';
import { notApplicable, validationVerdict } from './verdicts.ts';

export interface ReadOptions {
  fileName: string;
  csv?: { dateFormat?: string | undefined; timeZone?: string | undefined } | undefined;
  mappings: DeviceCsvMapping[];
  atcOf: AtcLookup;
  trustAnchorsPem: string[];
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
  const u = await unwrap(bytes, o.fileName, o.trustAnchorsPem);
  const title = o.fileName.replace(/^.*[\\/]/, '');
  const content =
    u.textKind === 'xml' ? parseReceivedCda(u.text, { atcOf: o.atcOf })
      : u.textKind === 'json' ? parseFhirJson(u.text)
        : parseReceivedCsv(u.text, title, { mappings: o.mappings, dateFormat: o.csv?.dateFormat, timeZone: o.csv?.timeZone, atcOf: o.atcOf });
  const validation = u.cdaBytes && o.validate ? await o.validate(u.cdaBytes, sha256) : notApplicable(u.cdaBytes ? 'non validato' : undefined);
  return {
    content,
    identity: { documentId: receivedDocumentId(sha256), format: u.format, sha256, size: bytes.length, receivedAt: new Date().toISOString() },
    validation,
    signature: u.signature,
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

/**
 * Bytes received → the document's content as the record can take it: the container opened
 * (unwrap.ts, the signature verified) and the text read by its type's reader (shared/). All
 * of it is parsing of untrusted bytes, so it runs in the validation worker under its time
 * limit (validation/worker.ts), never on the thread of the host that received the file.
 */
import type { ReceivedFormat, StoredVerdict } from '../../../shared/domain/record/index.ts';
import type { DeviceCsvMapping } from '../../../shared/documents/csv/mapping.ts';
import { parseReceivedCsv } from '../../../shared/documents/csv/index.ts';
import { parseFhirJson } from '../../../shared/documents/fhir/received/index.ts';
import type { AtcLookup } from '../../../shared/documents/cda/erf/index.ts';
import type { ReceivedContent } from '../../../shared/import/content.ts';
import { parseReceivedCda } from '../../../shared/import/parse-cda.ts';
import { unwrap } from './unwrap.ts';

/** What the reading needs besides the bytes (all of it plain data: it crosses to the worker). */
export interface ContentRequest {
  fileName: string;
  csv?: { dateFormat?: string | undefined; timeZone?: string | undefined } | undefined;
  mappings: DeviceCsvMapping[];
  /** PEM trust anchors for signatures (none: the chain is not judged against a trust list). */
  trustAnchorsPem: string[];
}

export interface ReadContent {
  format: ReceivedFormat;
  content: ReceivedContent;
  /** The CDA bytes, for the validator (XML files and CDA found in a PDF or a .p7m). */
  cdaBytes?: Uint8Array;
  signature: StoredVerdict;
}

export async function readContent(bytes: Uint8Array, r: ContentRequest, atcOf: AtcLookup): Promise<ReadContent> {
  const u = await unwrap(bytes, r.fileName, r.trustAnchorsPem);
  const title = r.fileName.replace(/^.*[\\/]/, '');
  const content =
    u.textKind === 'xml' ? parseReceivedCda(u.text, { atcOf })
      : u.textKind === 'json' ? parseFhirJson(u.text)
        : parseReceivedCsv(u.text, title, { mappings: r.mappings, dateFormat: r.csv?.dateFormat, timeZone: r.csv?.timeZone, atcOf });
  return { format: u.format, content, ...(u.cdaBytes ? { cdaBytes: u.cdaBytes } : {}), signature: u.signature };
}

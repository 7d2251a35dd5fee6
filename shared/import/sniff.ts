/**
 * What kind of file the doctor gave, for the import: the container by the application's one
 * sniffing rule (shared/files/sniff.ts: CMS before PDF), then CDA XML, FHIR JSON or CSV by the
 * first bytes. Used by the import service and the CLI alike.
 */
import { sniffFile } from '../files/sniff.ts';
import { XmlEncodingError, decodeXml } from '../xml/decode.ts';
import { refuse } from './refusal.ts';

export type SniffedFormat = 'pdf' | 'p7m' | 'xml' | 'json' | 'csv';

const text = (bytes: Uint8Array, n = 4096) => new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, n)).replace(/^\uFEFF/, '');

/** UTF-16 XML (BOM or a '<' every other byte) is still XML: decodeXml reads it. */
function isUtf16(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0x3c && bytes[1] === 0x00) || (bytes[0] === 0x00 && bytes[1] === 0x3c);
}

export function sniffFormat(bytes: Uint8Array): SniffedFormat {
  if (bytes.length === 0) throw refuse('EMPTY');
  const container = sniffFile(bytes).kind;
  if (container === 'cms') return 'p7m';
  if (container === 'pdf') return 'pdf';
  if (isUtf16(bytes)) return 'xml';
  const head = text(bytes).trimStart();
  if (head.startsWith('<')) return 'xml';
  if (head.startsWith('{')) return 'json';
  const firstLine = head.split(/\r?\n/)[0] ?? '';
  if (/[;,\t]/.test(firstLine) && !/[\u0000-\u0008\u000e-\u001f]/.test(head)) return 'csv';
  throw refuse('UNSUPPORTED');
}

/** A received CDA's text, by the one XML decoding path of the validator (shared/xml/decode.ts). */
export function decodeCdaText(bytes: Uint8Array): string {
  try {
    return decodeXml(bytes);
  } catch (e) {
    // The validator's issue codes for the same problems (shared/validation/cda/validate.ts).
    if (e instanceof XmlEncodingError) throw refuse(e.problem === 'unsupported' ? 'XML_ENCODING_UNSUPPORTED' : 'XML_ENCODING_INVALID', e.message);
    throw e;
  }
}

/** JSON and CSV: UTF-8 (a BOM dropped), as FHIR requires and device exports write. */
export function decodeUtf8Text(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

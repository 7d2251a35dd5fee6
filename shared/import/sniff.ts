/**
 * What kind of file the doctor gave, from its bytes (the name only breaks ties): PDF, CAdES
 * .p7m (DER, or base64 as some mail clients save it), CDA XML, FHIR JSON, CSV. One rule, used
 * by the import service and the CLI alike.
 */
import { isPdf } from '../validation/cda/pdf.ts';
import { refuse } from './refusal.ts';

export type SniffedFormat = 'pdf' | 'p7m' | 'xml' | 'json' | 'csv';

const text = (bytes: Uint8Array, n = 4096) => new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, n)).replace(/^\uFEFF/, '');

/** UTF-16 XML (BOM or a '<' every other byte) is still XML: the CDA reader decodes it. */
function isUtf16(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0x3c && bytes[1] === 0x00) || (bytes[0] === 0x00 && bytes[1] === 0x3c);
}

export function sniffFormat(bytes: Uint8Array, fileName = ''): SniffedFormat {
  if (bytes.length === 0) throw refuse('EMPTY');
  if (isPdf(bytes)) return 'pdf';
  // DER SEQUENCE (0x30 with a long or indefinite length) is a CMS SignedData.
  if (bytes[0] === 0x30 && (bytes[1]! >= 0x80)) return 'p7m';
  if (isUtf16(bytes)) return 'xml';
  const head = text(bytes).trimStart();
  if (/\.p7m$/i.test(fileName) && /^(-----BEGIN|MI[A-Za-z0-9+/])/.test(head)) return 'p7m';
  if (head.startsWith('<')) return 'xml';
  if (head.startsWith('{')) return 'json';
  const firstLine = head.split(/\r?\n/)[0] ?? '';
  if (/[;,\t]/.test(firstLine) && !/[\u0000-\u0008\u000e-\u001f]/.test(head)) return 'csv';
  throw refuse('UNSUPPORTED');
}

/** Decodes XML bytes honouring a UTF-16 BOM or byte order, else UTF-8. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0x00 && bytes[1] === 0x3c) return new TextDecoder('utf-16be').decode(bytes);
  if (bytes[0] === 0x3c && bytes[1] === 0x00) return new TextDecoder('utf-16le').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

/**
 * What a file is, by its bytes: the one sniffing rule of the application (the signer, the
 * verifier, the validator, the importer and the gateway simulator all ask here).
 *
 * The container is sniffed first: a CMS SignedData (CAdES .p7m/.p7s), as DER or as base64
 * (with or without PEM armour), before PDF. An enveloping CMS around a PDF holds `%PDF-` a few
 * bytes in, so a PDF test that looked anywhere near the start would take a .pdf.p7m for a PDF.
 * PDF is `%PDF` at offset 0, as the gateway checks it (415 /msg/document-type otherwise).
 */

export type FileKind = 'cms' | 'pdf' | 'other';

/** id-signedData, 1.2.840.113549.1.7.2, as DER: OBJECT IDENTIFIER, length 9, value. */
const SIGNED_DATA_OID = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];

/** A ContentInfo SEQUENCE (definite or indefinite length) whose contentType is signedData. */
function isCmsDer(b: Uint8Array): boolean {
  if (b[0] !== 0x30 || b.length < 2 + SIGNED_DATA_OID.length) return false;
  const l = b[1] as number;
  let at: number;
  if (l < 0x80 || l === 0x80) at = 2;
  else {
    const n = l & 0x7f;
    if (n > 4) return false;
    at = 2 + n;
  }
  return SIGNED_DATA_OID.every((v, i) => b[at + i] === v);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

/** Base64 text (PEM armour and whitespace allowed) → bytes, or null when it is not base64. */
export function decodeBase64Text(bytes: Uint8Array): Uint8Array | null {
  let text = '';
  for (let i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i] as number);
  text = text.replace(/-----(BEGIN|END) [A-Z0-9 ]+-----/g, '').replace(/\s+/g, '');
  if (text.length < 16 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const n = ((B64_INDEX.get(text[i] as string) ?? 0) << 18) | ((B64_INDEX.get(text[i + 1] as string) ?? 0) << 12) | ((B64_INDEX.get(text[i + 2] as string) ?? 0) << 6) | (B64_INDEX.get(text[i + 3] as string) ?? 0);
    if (o < out.length) out[o++] = (n >> 16) & 0xff;
    if (o < out.length) out[o++] = (n >> 8) & 0xff;
    if (o < out.length) out[o++] = n & 0xff;
  }
  return out;
}

export interface Sniffed {
  kind: FileKind;
  /** For 'cms': the DER (decoded from base64 when the file was text). */
  der?: Uint8Array;
  /** For 'cms': how it was stored. */
  encoding?: 'der' | 'base64';
}

export function sniffFile(bytes: Uint8Array): Sniffed {
  if (isCmsDer(bytes)) return { kind: 'cms', der: bytes, encoding: 'der' };
  // Base64 starts with "MI" (0x30 0x8x) or with PEM armour; avoid decoding anything else.
  const head = String.fromCharCode(...bytes.subarray(0, 16));
  if (/^\s*(MI|-----BEGIN)/.test(head)) {
    const der = decodeBase64Text(bytes);
    if (der && isCmsDer(der)) return { kind: 'cms', der, encoding: 'base64' };
  }
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) return { kind: 'pdf' };
  return { kind: 'other' };
}

/** `%PDF` at offset 0 and not a CMS envelope (see sniffFile). */
export function isPdf(bytes: Uint8Array): boolean {
  return sniffFile(bytes).kind === 'pdf';
}

/**
 * Bytes → text for every XML document the application reads (the CDA validator, the PSS
 * importer, the gateway simulator's CDA facts): one decoding path, so that what the validator
 * accepts the importer reads the same way. The encoding is found as XML 1.0 Appendix F says
 * (byte order mark, then the first bytes, then the declaration's `encoding`) and as the
 * gateway's Java parser does; the encodings accepted are those every XML processor must read
 * (UTF-8, UTF-16, XML 1.0 §4.3.3) and the single-byte ones Java and the gateway read and
 * Italian software writes (ISO-8859-1, ISO-8859-15, windows-1252, US-ASCII).
 */

/** Encoding names as the declaration may give them (lower-cased) → the decoder used. */
const ENCODINGS: Record<string, string> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-16': 'utf-16',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  'iso-8859-1': 'iso-8859-1',
  'iso8859-1': 'iso-8859-1',
  'iso_8859-1': 'iso-8859-1',
  latin1: 'iso-8859-1',
  'l1': 'iso-8859-1',
  'iso-8859-15': 'iso-8859-15',
  'iso8859-15': 'iso-8859-15',
  latin9: 'iso-8859-15',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  'us-ascii': 'us-ascii',
  ascii: 'us-ascii',
};

export type XmlEncodingProblem = 'unsupported' | 'invalid-bytes' | 'declaration-mismatch';

export class XmlEncodingError extends Error {
  constructor(
    readonly problem: XmlEncodingProblem,
    readonly encoding: string,
    message: string,
  ) {
    super(message);
    this.name = 'XmlEncodingError';
  }
}

interface TextDecoderLike {
  decode(input: Uint8Array): string;
}
type TextDecoderCtor = new (label: string, options?: { fatal?: boolean }) => TextDecoderLike;
interface TextEncoderLike {
  encode(input: string): Uint8Array;
}

// TextDecoder (WHATWG Encoding) exists in Node, browsers and workers; typed here because the
// shared tsconfig has neither DOM nor Node types.
function textDecoder(label: string): TextDecoderLike {
  return new (globalThis as unknown as { TextDecoder: TextDecoderCtor }).TextDecoder(label, { fatal: true });
}

/** The declaration's encoding, from an ASCII-compatible start (null when none is declared). */
function declaredEncoding(bytes: Uint8Array, start: number): string | null {
  let head = '';
  for (let i = start; i < Math.min(bytes.length, start + 200); i++) head += String.fromCharCode(bytes[i] as number);
  return /^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase() ?? null;
}

export interface DetectedEncoding {
  /** The encoding in force (lower-cased name). */
  encoding: string;
  /** Where it was read: byte order mark, the first bytes (UTF-16 without BOM), the declaration, or the UTF-8 default. */
  source: 'bom' | 'bytes' | 'declaration' | 'default';
  /** The declaration's label, when read (ASCII-compatible starts only). */
  declared: string | null;
  /** Where the text starts (after a BOM). */
  start: number;
}

export function detectXmlEncoding(bytes: Uint8Array): DetectedEncoding {
  const [b0, b1, b2, b3] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', source: 'bom', declared: declaredEncoding(bytes, 3), start: 3 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', source: 'bom', declared: null, start: 2 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', source: 'bom', declared: null, start: 2 };
  if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00 && b3 === 0x3f) return { encoding: 'utf-16be', source: 'bytes', declared: null, start: 0 };
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x3f && b3 === 0x00) return { encoding: 'utf-16le', source: 'bytes', declared: null, start: 0 };
  const declared = declaredEncoding(bytes, 0);
  return declared ? { encoding: declared, source: 'declaration', declared, start: 0 } : { encoding: 'utf-8', source: 'default', declared: null, start: 0 };
}

function decodeLatin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}

/**
 * The single-byte tables, written out: Node's TextDecoder decodes the `windows-1252` label as
 * plain Latin-1 (0x96 stays U+0096 instead of '–'), so no platform decoder is trusted here.
 * windows-1252 0x80–0x9F (WHATWG index-windows-1252; undefined positions keep their C1 code).
 */
const CP1252_80_9F = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
/** ISO-8859-15: Latin-1 with eight positions changed (€, Š, š, Ž, ž, Œ, œ, Ÿ). */
const LATIN9: Record<number, number> = { 0xa4: 0x20ac, 0xa6: 0x160, 0xa8: 0x161, 0xb4: 0x17d, 0xb8: 0x17e, 0xbc: 0x152, 0xbd: 0x153, 0xbe: 0x178 };

function decodeTable(bytes: Uint8Array, map: (b: number) => number): string {
  const codes = new Array<number>(bytes.length);
  for (let i = 0; i < bytes.length; i++) codes[i] = map(bytes[i] as number);
  let s = '';
  for (let i = 0; i < codes.length; i += 8192) s += String.fromCharCode(...codes.slice(i, i + 8192));
  return s;
}

/** The document's text (without a byte order mark); XmlEncodingError when it cannot be read. */
export function decodeXml(bytes: Uint8Array): string {
  const { encoding, source, declared, start } = detectXmlEncoding(bytes);
  const body = bytes.subarray(start);
  const decoder = ENCODINGS[encoding];
  if (decoder === undefined) {
    throw new XmlEncodingError('unsupported', encoding, `Codifica dei caratteri non supportata: ${encoding} (ammesse UTF-8, UTF-16, ISO-8859-1, ISO-8859-15, windows-1252, US-ASCII)`);
  }
  // UTF-16 is recognised from the bytes themselves; declared on an ASCII-compatible start it
  // cannot be right (XML 1.0 §4.3.3, Appendix F).
  if ((source === 'declaration' && decoder.startsWith('utf-16')) || (source === 'bom' && encoding === 'utf-8' && declared?.startsWith('utf-16'))) {
    throw new XmlEncodingError('declaration-mismatch', encoding, 'La dichiarazione XML indica UTF-16 ma il file non è codificato in UTF-16 (manca il BOM)');
  }
  try {
    if (decoder === 'iso-8859-1') return decodeLatin1(body);
    if (decoder === 'windows-1252') return decodeTable(body, (b) => (b >= 0x80 && b <= 0x9f ? (CP1252_80_9F[b - 0x80] as number) : b));
    if (decoder === 'iso-8859-15') return decodeTable(body, (b) => LATIN9[b] ?? b);
    if (decoder === 'us-ascii') {
      const bad = body.findIndex((b) => b > 0x7f);
      if (bad >= 0) throw new Error(`byte 0x${(body[bad] as number).toString(16)} at ${bad}`);
      return decodeLatin1(body);
    }
    const text = textDecoder(decoder).decode(body);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (e) {
    throw new XmlEncodingError('invalid-bytes', encoding, `Il file contiene byte non validi per la codifica ${encoding}${e instanceof Error && e.message.startsWith('byte') ? ` (${e.message})` : ''}`);
  }
}

/**
 * The same document as UTF-8 bytes, its declaration saying so: what libxml2 (compiled without
 * iconv, so limited to UTF-8, UTF-16 and Latin-1) is given, so every encoding accepted above
 * reaches the XSD step. Line numbers are unchanged (only the declaration's label changes).
 */
export function toUtf8Xml(text: string): Uint8Array {
  const relabelled = text.replace(/^(<\?xml[^>]*?encoding\s*=\s*)(["'])[A-Za-z0-9._-]+\2/, '$1$2UTF-8$2');
  return new (globalThis as unknown as { TextEncoder: new () => TextEncoderLike }).TextEncoder().encode(relabelled);
}

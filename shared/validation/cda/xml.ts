/**
 * Bytes → text → DOM for CDA documents. The gateway detects the encoding from the BOM and
 * the XML declaration (FSE-GATEWAY.md §5; CDA-VALIDATION.md §9 "Encodings"), so decoding
 * starts from bytes, never from an assumed UTF-8 string (XML 1.0 Appendix F).
 */
import { parseXmlDocument, type Document } from 'slimdom';
import { fastParseXml } from './fast-parse.ts';

interface TextDecoderLike {
  decode(input: Uint8Array): string;
}
type TextDecoderCtor = new (label: string, options?: { fatal?: boolean }) => TextDecoderLike;

// TextDecoder (WHATWG Encoding) exists in Node, browsers and workers; typed here because the
// shared tsconfig has neither DOM nor Node types.
function textDecoder(label: string): TextDecoderLike {
  const Ctor = (globalThis as unknown as { TextDecoder: TextDecoderCtor }).TextDecoder;
  return new Ctor(label, { fatal: true });
}

/** Encoding label from BOM / first bytes / XML declaration (XML 1.0 Appendix F.1). */
export function detectXmlEncoding(bytes: Uint8Array): string {
  const [b0, b1, b2, b3] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return 'utf-8';
  if (b0 === 0xfe && b1 === 0xff) return 'utf-16be';
  if (b0 === 0xff && b1 === 0xfe) return 'utf-16le';
  if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00 && b3 === 0x3f) return 'utf-16be';
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x3f && b3 === 0x00) return 'utf-16le';
  // ASCII-compatible: read the declaration's encoding pseudo-attribute.
  let head = '';
  for (let i = 0; i < Math.min(bytes.length, 200); i++) head += String.fromCharCode(bytes[i] as number);
  const m = /^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  return m?.[1]?.toLowerCase() ?? 'utf-8';
}

export function decodeXml(bytes: Uint8Array): string {
  let label = detectXmlEncoding(bytes);
  // A declaration saying UTF-16 on ASCII-compatible bytes cannot be right; the BOM checks
  // above already caught real UTF-16.
  if (label === 'utf-16') label = 'utf-16le';
  const text = textDecoder(label).decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export class XmlParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlParseError';
  }
}

/**
 * Parse XML text into a slimdom Document (the DOM both evaluators run on): the fast parser
 * for the usual shape, slimdom's conforming parser for anything else and for error messages.
 */
export function parseXml(text: string): Document {
  const fast = fastParseXml(text);
  if (fast) return fast;
  try {
    return parseXmlDocument(text);
  } catch (e) {
    throw new XmlParseError(e instanceof Error ? e.message : String(e));
  }
}

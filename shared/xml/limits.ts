/**
 * Limits every XML reader of the application applies before building a tree, so that no
 * document, however crafted, costs more than linear work or overflows the stack of the
 * recursive walks that follow (schematron, XSD issue location, the PSS reader).
 *
 * Depth: 256 nested elements, libxml2's own default (xmlParserMaxDepth without
 * XML_PARSE_HUGE), so the referee's xmllint and the gateway's XSD step refuse the same
 * documents; real CDA documents stay far below it (the official PSS nests 16 deep).
 */
export const MAX_XML_DEPTH = 256;

export class XmlTooDeepError extends Error {
  /** The issue code the validator reports and the importer's VALIDATION_FAILED carries. */
  readonly code = 'XML_TOO_DEEP';
  constructor(readonly limit: number) {
    super(`Documento XML troppo annidato: più di ${limit} livelli di elementi`);
    this.name = 'XmlTooDeepError';
  }
}

/**
 * Throws XmlTooDeepError when elements nest deeper than `limit`; one linear pass over the
 * text that skips comments, CDATA sections, processing instructions, declarations and quoted
 * attribute values. Not a parser: a guard for the parsers that have no depth limit of their
 * own (slimdom's conforming parser, @xmldom/xmldom).
 */
export function assertXmlDepth(text: string, limit = MAX_XML_DEPTH): void {
  let depth = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt < 0) return;
    const next = text.charCodeAt(lt + 1);
    if (text.startsWith('<!--', lt)) {
      const e = text.indexOf('-->', lt + 4);
      i = e < 0 ? n : e + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const e = text.indexOf(']]>', lt + 9);
      i = e < 0 ? n : e + 3;
    } else if (next === 0x3f /* ? */) {
      const e = text.indexOf('?>', lt + 2);
      i = e < 0 ? n : e + 2;
    } else if (next === 0x21 /* ! */) {
      const e = text.indexOf('>', lt + 2);
      i = e < 0 ? n : e + 1;
    } else if (next === 0x2f /* / */) {
      depth--;
      const e = text.indexOf('>', lt + 2);
      i = e < 0 ? n : e + 1;
    } else {
      let j = lt + 1;
      let quote = 0;
      for (; j < n; j++) {
        const c = text.charCodeAt(j);
        if (quote !== 0) {
          if (c === quote) quote = 0;
        } else if (c === 34 || c === 39) quote = c;
        else if (c === 62) break;
      }
      if (text.charCodeAt(j - 1) !== 0x2f /* / */ && ++depth > limit) throw new XmlTooDeepError(limit);
      i = j + 1;
    }
  }
}

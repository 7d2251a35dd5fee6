/**
 * Text → DOM for CDA documents (the bytes are decoded first by shared/xml/decode.ts, the one
 * decoding path of the application).
 */
import { parseXmlDocument, type Document } from 'slimdom';
import { assertXmlDepth, XmlTooDeepError } from '../../xml/limits.ts';
import { fastParseXml, fastParseXmlIndexed } from './fast-parse.ts';
import type { DocIndex } from './schematron/doc-index.ts';

export class XmlParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlParseError';
  }
}

/**
 * Parse XML text into a slimdom Document (the DOM both evaluators run on): the fast parser
 * for the usual shape, slimdom's conforming parser for anything else and for error messages.
 * Throws XmlTooDeepError past the depth limit (shared/xml/limits.ts), XmlParseError otherwise.
 */
export function parseXml(text: string): Document {
  return fastParseXml(text) ?? conformingParse(text);
}

/**
 * As parseXml, with the schematron run's document index when the fast parser built the tree
 * (null when slimdom's parser did: the run then walks the tree once itself).
 */
export function parseXmlIndexed(text: string): { doc: Document; index: DocIndex | null } {
  return fastParseXmlIndexed(text) ?? { doc: conformingParse(text), index: null };
}

function conformingParse(text: string): Document {
  // slimdom's parser has no depth limit of its own.
  assertXmlDepth(text);
  try {
    return parseXmlDocument(text);
  } catch (e) {
    if (e instanceof XmlTooDeepError) throw e;
    throw new XmlParseError(e instanceof Error ? e.message : String(e));
  }
}

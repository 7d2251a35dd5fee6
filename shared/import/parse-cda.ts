/**
 * A received CDA to what the record can take: the header first (type, identity, patient), then
 * the reader of its type. PSS goes through the PSS reader the PSS import always used.
 */
import { parseXml, type El } from '../documents/cda/pss/parse/dom.ts';
import { parsePssCda } from '../documents/cda/pss/parse/index.ts';
import { parseErf, type AtcLookup } from '../documents/cda/erf/index.ts';
import { parseLab } from '../documents/cda/lab/index.ts';
import { parseLdo } from '../documents/cda/ldo/index.ts';
import { readReceivedHeader } from '../documents/cda/received/header.ts';
import { parseNarrativeReport } from '../documents/cda/received/report.ts';
import { parseVps } from '../documents/cda/vps/index.ts';
import type { ReceivedContent } from './content.ts';
import { XmlTooDeepError } from '../xml/limits.ts';
import { refuse } from './refusal.ts';

export interface CdaParseOptions {
  atcOf?: AtcLookup;
}

/** The ClinicalDocument element of CDA text; IMPORT_REFUSED XML, XML_TOO_DEEP (shared/xml/limits.ts) or NOT_CDA otherwise. */
export function cdaRoot(xml: string): El {
  let root: El;
  try {
    root = parseXml(xml);
  } catch (e) {
    if (e instanceof XmlTooDeepError) throw refuse('XML_TOO_DEEP');
    throw refuse('XML', e instanceof Error ? e.message.replace(/^XML non valido: /, '') : undefined);
  }
  if (root.localName !== 'ClinicalDocument' || root.namespaceURI !== 'urn:hl7-org:v3') throw refuse('NOT_CDA');
  return root;
}

export function parseReceivedCda(xml: string, options: CdaParseOptions = {}): ReceivedContent {
  const root = cdaRoot(xml);
  const header = readReceivedHeader(root);
  switch (header.kind) {
    case 'LAB':
      return parseLab(root, header);
    case 'LDO':
      return parseLdo(root, header);
    case 'VPS':
      return parseVps(root, header);
    case 'ERF':
      return parseErf(root, header, options.atcOf);
    case 'PSS': {
      const pss = parsePssCda(xml);
      const content = parseNarrativeReport(root, header);
      return { ...content, pss: pss.record, warnings: pss.warnings };
    }
    default:
      return parseNarrativeReport(root, header);
  }
}

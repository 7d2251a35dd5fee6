/**
 * buildPssCda: the Profilo Sanitario Sintetico as CDA R2 XML (POCD_MT000040UV02), conforming to
 * the HL7 Italia PSS IG as checked by schematron_PSS_v4.0. Pure and deterministic: the same
 * input gives the same bytes (no clock, no random ids).
 */
import { PssInput } from '../../../domain/clinical-record.ts';
import { el, serializeXml, type XmlElement } from '../../xml/writer.ts';
import type { BuildContext } from './context.ts';
import { documentIdRoot, headerElements } from './header.ts';
import { buildSections } from './sections/index.ts';

export { documentIdRoot } from './header.ts';
export { pssPublicationMetadata, type PssPublicationMetadata } from './metadata.ts';
export { SECTION, SECTION_ORDER, TPL, PSS_DOCUMENT_TEMPLATE } from './templates.ts';

export function buildPssCdaTree(input: PssInput): XmlElement {
  const ctx: BuildContext = {
    idRoot: documentIdRoot(input),
    documentId: input.version.documentId,
    today: input.effectiveTime.slice(0, 10),
  };
  return el(
    'ClinicalDocument',
    {
      xmlns: 'urn:hl7-org:v3',
      'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      'xmlns:sdtc': 'urn:hl7-org:sdtc',
    },
    headerElements(input),
    el('component', null, el('structuredBody', { moodCode: 'EVN', classCode: 'DOCBODY' }, buildSections(ctx, input.record))),
  );
}

/** Validate the input (zod) and build the CDA XML text (UTF-8). Throws ZodError on bad input. */
export function buildPssCda(input: PssInput): string {
  return serializeXml(buildPssCdaTree(PssInput.parse(input)));
}

/**
 * The three telemedicine CDAs (referto di televisita, relazione collaborativa di teleconsulto,
 * relazione finale di teleassistenza) as CDA R2 XML, judged by the official schematrons
 * (../shared/data/fse/docs/telemedicina.md). Pure and deterministic: same input, same bytes.
 */
import { el, serializeXml, type XmlElement } from '../../xml/writer.ts';
import { documentIdRoot } from '../header.ts';
import { telemedHeader } from './header.ts';
import { TelemedInput } from './input.ts';
import { telemedSections } from './sections.ts';

export { TELEMED_KINDS, TelemedInput, TelemedKind } from './input.ts';
export { TELEMED_SECTION, TELEMED_TYPES, type TelemedDocumentType } from './templates.ts';
export { telemedPublicationMetadata, type TelemedPublicationMetadata } from './metadata.ts';
export { telemedPdfContent } from './pdf-content.ts';
export { TelemedFromRecordError, TelemedOptions, telemedInputFromVisit } from './from-record.ts';

export function buildTelemedCdaTree(input: TelemedInput): XmlElement {
  return el(
    'ClinicalDocument',
    { xmlns: 'urn:hl7-org:v3', 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance' },
    telemedHeader(input),
    el('component', null, el('structuredBody', { moodCode: 'EVN', classCode: 'DOCBODY' }, telemedSections(input, documentIdRoot(input)))),
  );
}

/** Validate the input (zod) and build the CDA XML text. Throws ZodError on bad input. */
export function buildTelemedCda(input: TelemedInput): string {
  return serializeXml(buildTelemedCdaTree(TelemedInput.parse(input)));
}

/**
 * buildSingVaccCda and buildCertVaccCda: the "Scheda singola vaccinazione" (one administration
 * or one decision, schematron_singola_VACC_v3.3: exactly one entry, AIC mandatory for a dose
 * given) and the "Certificato vaccinale" (the whole history, schematron_certificato_VACC_v2.4:
 * one or more entries, AIC or nullFlavor UNK) as CDA R2 XML (POCD_MT000040UV02). Pure and
 * deterministic, like the PSS builder: same input, same bytes.
 */
import { SingVaccInput, VaccDocInput, type VaccinationDecision, type VaccineAdministration } from '../../../domain/vaccination-document.ts';
import { el, serializeXml, type XmlChild, type XmlElement } from '../../xml/writer.ts';
import { ii, loinc, templateId } from '../datatypes.ts';
import { documentIdRoot } from '../header.ts';
import { administrationEntry, decisionEntry, type EntryContext } from './entries.ts';
import { vaccHeader } from './header.ts';
import { administrationDetail, certificateNarrative, decisionDetail } from './narrative.ts';
import { CERT_VACC, IMMUNIZATION_SECTION, SING_VACC, type VaccDocType } from './templates.ts';

export { CERT_VACC, SING_VACC, VACC_TPL, type VaccDocType } from './templates.ts';
export { vaccPublicationMetadata, type VaccKind, type VaccPublicationMetadata } from './metadata.ts';
export { vaccPdfContent } from './pdf-content.ts';

/** Why a document cannot be built from this input (an Italian message for the doctor). */
export class VaccDocError extends Error {
  constructor(
    readonly code: 'entry-not-found' | 'aic-required' | 'no-entries',
    message: string,
  ) {
    super(message);
    this.name = 'VaccDocError';
  }
}

function documentTree(input: VaccDocInput, type: VaccDocType, text: XmlChild, entries: XmlElement[]): XmlElement {
  const root = documentIdRoot(input);
  return el(
    'ClinicalDocument',
    { xmlns: 'urn:hl7-org:v3', 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance' },
    vaccHeader(input, type),
    el(
      'component',
      null,
      el(
        'structuredBody',
        { moodCode: 'EVN', classCode: 'DOCBODY' },
        el(
          'component',
          { typeCode: 'COMP' },
          el(
            'section',
            { classCode: 'DOCSECT', moodCode: 'EVN' },
            templateId(type.sectionTemplate),
            ii(root, `${input.version.documentId}.${IMMUNIZATION_SECTION.code}`),
            loinc(IMMUNIZATION_SECTION.code, IMMUNIZATION_SECTION.display),
            el('title', null, type.sectionTitle),
            el('text', null, text),
            entries.map((e) => el('entry', null, e)),
          ),
        ),
      ),
    ),
  );
}

/** The administration or decision a scheda singola is about. */
export function findVaccEntry(input: VaccDocInput, entryId: string): { administration: VaccineAdministration } | { decision: VaccinationDecision } {
  const administration = input.administrations.find((a) => a.id === entryId);
  if (administration) return { administration };
  const decision = input.decisions.find((d) => d.id === entryId);
  if (decision) return { decision };
  throw new VaccDocError('entry-not-found', `vaccinazione ${entryId} non presente nel libretto`);
}

export function buildSingVaccCdaTree(parsed: VaccDocInput, entryId: string): XmlElement {
  const ctx: EntryContext = { idRoot: documentIdRoot(parsed), detail: true };
  const found = findVaccEntry(parsed, entryId);
  if ('administration' in found) {
    const a = found.administration;
    if (!a.vaccine.aic) throw new VaccDocError('aic-required', 'la scheda singola richiede il codice AIC della confezione somministrata (schematron ERRORE-b12)');
    return documentTree(parsed, SING_VACC, administrationDetail(a), [administrationEntry(ctx, a)]);
  }
  return documentTree(parsed, SING_VACC, decisionDetail(found.decision), [decisionEntry(ctx, found.decision)]);
}

/** Given first (by date, then id), then the decisions (by date): the order the certificate prints. */
function byDate<T extends { date: string; id: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => (a.date === b.date ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.date < b.date ? -1 : 1));
}

export function buildCertVaccCdaTree(parsed: VaccDocInput): XmlElement {
  const ctx: EntryContext = { idRoot: documentIdRoot(parsed), detail: false };
  const given = byDate(parsed.administrations);
  const notGiven = byDate(parsed.decisions);
  // ERRORE-b6: the certificate has at least one entry.
  if (given.length + notGiven.length === 0) throw new VaccDocError('no-entries', 'il certificato vaccinale richiede almeno una vaccinazione o una decisione registrata');
  return documentTree(parsed, CERT_VACC, certificateNarrative(given, notGiven), [...given.map((a) => administrationEntry(ctx, a)), ...notGiven.map((d) => decisionEntry(ctx, d))]);
}

/**
 * The scheda singola of one administration or decision (its id), as UTF-8 XML text. The
 * input's version is this document's (each scheda has its own id and setId). Throws ZodError on
 * bad input, VaccDocError when the document cannot be built.
 */
export function buildSingVaccCda(input: VaccDocInput, administrationId: string): string {
  return serializeXml(buildSingVaccCdaTree(VaccDocInput.parse(input), administrationId));
}

/** The scheda singola from its own input (the record plus the entry id it is about). */
export function buildSingVaccCdaFromInput(input: SingVaccInput): string {
  const parsed = SingVaccInput.parse(input);
  return serializeXml(buildSingVaccCdaTree(parsed, parsed.entryId));
}

/** The certificato vaccinale of the whole history, as UTF-8 XML text. */
export function buildCertVaccCda(input: VaccDocInput): string {
  return serializeXml(buildCertVaccCdaTree(VaccDocInput.parse(input)));
}

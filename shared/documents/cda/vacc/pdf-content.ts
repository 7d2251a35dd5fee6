/**
 * What the PDF of a vaccination document shows (the seam's PdfContent, doc-types/types.ts),
 * taken from the CDA tree built from the same input: header facts and the section's narrative
 * tables, so the print says exactly what the CDA narrative says (IG "human-readable =
 * narrative"). The certificato is the one printable for school: its facts name the child, the
 * parent or tutor and the doctor, never clinical notes (its narrative has none: narrative.ts).
 */
import { GUARDIAN_RELATION_LABEL, type VaccDocInput } from '../../../domain/vaccination-document.ts';
import type { XmlElement } from '../../xml/writer.ts';
import { childElement, childElements, narrativeTable, textOf } from '../../xml/read.ts';
import type { PdfContent, PdfSection, PdfTable } from '../../doc-types/types.ts';
import { itDate } from '../pss/narrative.ts';
import { CERT_VACC, SING_VACC } from './templates.ts';

/** The section's narrative as printed: tables, and paragraphs as headings of what follows. */
function sectionContent(tree: XmlElement): PdfSection {
  const sec = childElement(childElement(childElement(childElement(tree, 'component'), 'structuredBody'), 'component'), 'section');
  const text = childElement(sec, 'text');
  const tables = childElements(text, 'table').map((t): PdfTable => narrativeTable(t));
  const paragraphs = childElements(text, 'paragraph').map(textOf);
  return { title: textOf(childElement(sec, 'title') ?? ''), tables, ...(paragraphs.length > 0 ? { paragraphs } : {}) };
}

export function vaccPdfContent(input: VaccDocInput, kind: 'sing-vacc' | 'cert-vacc', tree: XmlElement): PdfContent {
  const type = kind === 'sing-vacc' ? SING_VACC : CERT_VACC;
  const p = input.patient;
  const a = input.author;
  const g = input.guardian;
  const v = input.version;
  const doctor = `${a.prefix ? `${a.prefix} ` : ''}${a.givenName} ${a.surname}`;
  const facts: Array<[string, string]> = [
    ['Assistito/a', `${p.surname} ${p.givenName}, nato/a il ${itDate(p.birthDate)}${p.birthPlace ? ` a ${p.birthPlace}` : ''}`],
    [p.identifierKind === 'CF' ? 'Codice fiscale' : `Identificativo ${p.identifierKind}`, p.identifier],
  ];
  if (g) facts.push([GUARDIAN_RELATION_LABEL[g.relation], g.name]);
  facts.push(
    ['Medico', `${doctor} (${a.role === 'MMG' ? 'Medico di Medicina Generale' : 'Pediatra di Libera Scelta'})`],
    ['Azienda sanitaria', input.organization.name],
    ['Documento', `${v.documentId}, versione ${v.versionNumber}${v.replacesDocumentId ? `, sostituisce ${v.replacesDocumentId}` : ''}`],
    ['Data', itDate(input.effectiveTime.slice(0, 10))],
  );
  return {
    title: type.title,
    facts,
    sections: [sectionContent(tree)],
    footer: `${type.title} di ${p.surname} ${p.givenName} – ${p.identifier}`,
    info: {
      title: `${type.title} – ${p.surname} ${p.givenName}`,
      author: `${a.givenName} ${a.surname}`,
      subject: `${type.title} (LOINC ${type.code})`,
      date: input.effectiveTime,
      attachmentDescription: `CDA R2 del ${type.title.toLowerCase()}`,
    },
  };
}

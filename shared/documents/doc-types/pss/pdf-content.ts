/**
 * What the PDF shows, taken from the CDA tree built from the same input: the header facts and,
 * per section, the title and the narrative table. The printed document therefore says exactly
 * what the CDA narrative says (the IG's "human-readable = narrative" rule).
 */
import type { PssInput } from '../../../domain/clinical-record.ts';
import { buildPssCdaTree } from '../../cda/pss/index.ts';
import { childElement, childElements, narrativeTable, textOf } from '../../xml/read.ts';
import type { PdfContent, PdfSection, PdfTable } from '../types.ts';

export type { PdfSection, PdfTable } from '../types.ts';
export type PssPdfContent = PdfContent;

function itDateTime(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)}`;
}
function itDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

const CONFIDENTIALITY: Record<string, string> = { N: 'Normale', R: 'Riservato', V: 'Strettamente riservato' };

export function pssPdfContent(input: PssInput): PssPdfContent {
  const tree = buildPssCdaTree(input);
  const body = childElement(childElement(tree, 'component'), 'structuredBody');
  const sections = childElements(body, 'component').map((comp): PdfSection => {
    const sec = childElement(comp, 'section');
    const title = textOf(childElement(sec, 'title') ?? '');
    const tables = childElements(childElement(sec, 'text'), 'table').map((t): PdfTable => narrativeTable(t));
    return { title, tables };
  });
  const p = input.patient;
  const a = input.author;
  const v = input.version;
  const c = input.choices;
  return {
    title: 'Profilo Sanitario Sintetico',
    facts: [
      ['Paziente', `${p.surname} ${p.givenName} (${p.sex === 'F' ? 'F' : 'M'}), nato/a il ${itDate(p.birthDate)}`],
      [p.identifierKind === 'CF' ? 'Codice fiscale' : `Identificativo ${p.identifierKind}`, p.identifier],
      ['Medico', `${a.prefix ? `${a.prefix} ` : ''}${a.givenName} ${a.surname} (${a.role === 'MMG' ? 'Medico di Medicina Generale' : 'Pediatra di Libera Scelta'}), CF ${a.codiceFiscale}`],
      ['Azienda sanitaria', `${input.organization.name} (${input.organization.aslCode})`],
      ['Documento', `${v.documentId}, versione ${v.versionNumber}${v.replacesDocumentId ? `, sostituisce ${v.replacesDocumentId}` : ''}`],
      ['Data', itDateTime(input.effectiveTime)],
      ['Riservatezza', `${CONFIDENTIALITY[input.confidentiality] ?? input.confidentiality}${c.obscured ? '; oscurato su richiesta del paziente' : ''}${c.hiddenFromGuardians ? '; oscurato ai genitori/tutori' : ''}`],
    ],
    sections,
    footer: `PSS di ${p.surname} ${p.givenName} – ${p.identifier}`,
    info: {
      title: `Profilo Sanitario Sintetico – ${p.surname} ${p.givenName}`,
      author: `${a.givenName} ${a.surname}`,
      subject: 'Profilo Sanitario Sintetico (LOINC 60591-5)',
      date: input.effectiveTime,
      attachmentDescription: 'CDA R2 del Profilo Sanitario Sintetico',
    },
  };
}

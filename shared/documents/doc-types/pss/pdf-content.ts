/**
 * What the PDF shows, taken from the CDA tree built from the same input: the header facts and,
 * per section, the title and the narrative table. The printed document therefore says exactly
 * what the CDA narrative says (the IG's "human-readable = narrative" rule).
 */
import type { PssInput } from '../../../domain/clinical-record.ts';
import { buildPssCdaTree } from '../../cda/pss/index.ts';
import type { XmlElement, XmlNode } from '../../xml/writer.ts';
import type { PdfContent, PdfSection, PdfTable } from '../types.ts';

export type { PdfSection, PdfTable } from '../types.ts';
export type PssPdfContent = PdfContent;

function child(e: XmlElement | undefined, name: string): XmlElement | undefined {
  return e?.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === name);
}
function children(e: XmlElement | undefined, name: string): XmlElement[] {
  return (e?.children ?? []).filter((c): c is XmlElement => typeof c !== 'string' && c.name === name);
}
function textOf(n: XmlNode): string {
  return typeof n === 'string' ? n : n.children.map(textOf).join('');
}

function itDateTime(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)}`;
}
function itDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

const CONFIDENTIALITY: Record<string, string> = { N: 'Normale', R: 'Riservato', V: 'Strettamente riservato' };

export function pssPdfContent(input: PssInput): PssPdfContent {
  const tree = buildPssCdaTree(input);
  const body = child(child(tree, 'component'), 'structuredBody');
  const sections = children(body, 'component').map((comp): PdfSection => {
    const sec = child(comp, 'section');
    const title = textOf(child(sec, 'title') ?? '');
    const tables = children(child(sec, 'text'), 'table').map((t): PdfTable => ({
      headers: children(child(child(t, 'thead'), 'tr'), 'th').map(textOf),
      rows: children(child(t, 'tbody'), 'tr').map((tr) => children(tr, 'td').map(textOf)),
    }));
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

/**
 * What the PDF of a telemedicine document shows, read from the CDA tree built from the same
 * input: header facts, then per section its title, its narrative paragraphs, list items and
 * tables. The printed text is therefore the CDA narrative (the IG's "human-readable =
 * narrative" rule); the renderer only lays it out.
 */
import type { XmlElement } from '../../xml/writer.ts';
import { childElement, childElements, narrativeTable, textOf } from '../../xml/read.ts';
import { buildTelemedCdaTree } from './index.ts';
import { TelemedInput } from './input.ts';
import { TELEMED_TYPES } from './templates.ts';

export type TelemedPdfBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; headers: string[]; rows: string[][] };

export interface TelemedPdfContent {
  title: string;
  facts: Array<[string, string]>;
  sections: Array<{ title: string; blocks: TelemedPdfBlock[] }>;
  footer: string;
}

function itDateTime(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)}`;
}
function itDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function blocks(text: XmlElement | undefined): TelemedPdfBlock[] {
  return childElements(text).flatMap((b): TelemedPdfBlock[] => {
    if (b.name === 'paragraph') return [{ kind: 'paragraph', text: textOf(b) }];
    if (b.name === 'list') return [{ kind: 'list', items: childElements(b, 'item').map(textOf) }];
    if (b.name === 'table') {
      return [{ kind: 'table', ...narrativeTable(b) }];
    }
    return [];
  });
}

export function telemedPdfContent(raw: TelemedInput): TelemedPdfContent {
  const input = TelemedInput.parse(raw);
  const tree = buildTelemedCdaTree(input);
  const body = childElement(childElement(tree, 'component'), 'structuredBody');
  const sections = childElements(body, 'component').map((c) => {
    const s = childElement(c, 'section');
    return { title: textOf(childElement(s, 'title') ?? ''), blocks: blocks(childElement(s, 'text')) };
  });
  const p = input.patient;
  const a = input.author;
  const t = TELEMED_TYPES[input.kind];
  const facts: Array<[string, string]> = [
    ['Paziente', `${p.surname} ${p.givenName} (${p.sex}), nato/a il ${itDate(p.birthDate)}`],
    ['Codice fiscale', p.identifier],
    ['Medico', `${a.prefix ? `${a.prefix} ` : ''}${a.givenName} ${a.surname}, CF ${a.codiceFiscale}`],
    ['Struttura', `${input.facility.name} (${input.facility.id})`],
    ['Prestazione', `${input.service.description}, ${itDateTime(input.service.start)}${input.service.end ? ` – ${itDateTime(input.service.end).slice(11)}` : ''}`],
    ['Richiesta', input.order.id],
  ];
  if (input.specialists.length > 0) {
    facts.push(['Specialisti', input.specialists.map((s) => `${s.givenName} ${s.surname} (${s.specialty}, ${s.organization})`).join('; ')]);
  }
  facts.push(['Documento', `${input.version.documentId}, versione ${input.version.versionNumber}`]);
  return { title: t.title, facts, sections, footer: `${t.title} – ${p.surname} ${p.givenName} – ${p.identifier}` };
}

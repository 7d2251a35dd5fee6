/**
 * The three telemedicine documents as document types (README.md beside this file): thin
 * adapters over shared/documents/cda/telemed, so the pipeline validates, renders, signs and
 * queues them like every other type. The schematron is chosen by the first templateId
 * (…16.1.1 televisita, …16.2.1 teleconsulto, …16.4.1 teleassistenza, all in INDEX.csv).
 */
import { TELEMED_TYPES, TelemedInput, buildTelemedCda, telemedPdfContent, telemedPublicationMetadata, type TelemedKind } from '../cda/telemed/index.ts';
import { syntheticTelemedInputs } from '../../synthetic/telemed.ts';
import type { DocumentType, PdfContent, PdfSection, SyntheticDocument, SyntheticOptions } from './types.ts';

const EN_TITLE: Record<TelemedKind, string> = {
  televisita: 'Televisit report',
  teleconsulto: 'Teleconsultation report',
  teleassistenza: 'Final telecare report',
};

/** The telemedicine PDF blocks as the one renderer's sections: tables as tables, paragraphs and list items as paragraphs. */
function pdfContent(input: TelemedInput): PdfContent {
  const c = telemedPdfContent(input);
  const t = TELEMED_TYPES[input.kind];
  const sections: PdfSection[] = c.sections.map((s) => ({
    title: s.title,
    tables: s.blocks.flatMap((b) => (b.kind === 'table' ? [{ headers: b.headers, rows: b.rows }] : [])),
    paragraphs: s.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : b.kind === 'list' ? b.items.map((i) => `• ${i}`) : [])),
  }));
  const a = input.author;
  return {
    title: c.title,
    facts: c.facts,
    sections,
    footer: c.footer,
    info: {
      title: `${t.title} – ${input.patient.surname} ${input.patient.givenName}`,
      author: [a.prefix, a.givenName, a.surname].filter(Boolean).join(' '),
      subject: `${t.title} (LOINC ${t.code})`,
      date: input.effectiveTime,
      attachmentDescription: `CDA R2 – ${t.title}`,
    },
  };
}

export function telemedDocumentType(kind: TelemedKind): DocumentType<TelemedInput> {
  const t = TELEMED_TYPES[kind];
  return {
    id: kind,
    kind: kind.toUpperCase(),
    title: { it: t.title, en: EN_TITLE[kind] },
    loinc: { code: t.code, display: t.displayName },
    templateId: { root: t.templateRoot, extension: t.templateExtension },
    input: TelemedInput,
    build: (input) => {
      if (input.kind !== kind) throw new Error(`input di tipo ${input.kind}, atteso ${kind}`);
      return buildTelemedCda(input);
    },
    header: (input) => ({
      patient: input.patient,
      author: { codiceFiscale: input.author.codiceFiscale, name: [input.author.prefix, input.author.givenName, input.author.surname].filter(Boolean).join(' ') },
      version: input.version,
      effectiveTime: input.effectiveTime,
    }),
    metadata: (input) => telemedPublicationMetadata(input),
    pdfContent: (input) => pdfContent(input),
    *synthetic(o: SyntheticOptions): Iterable<SyntheticDocument<TelemedInput>> {
      const inputs = syntheticTelemedInputs(kind, o.count, o.seed, o.today);
      for (const [i, input] of inputs.entries()) {
        yield { input, fileStem: `${kind}-${String(i + 1).padStart(4, '0')}-${input.patient.identifier}`, line: { patient: input.patient.identifier, kind } };
      }
    },
  };
}

/**
 * What every section builder receives (ids under the organisation's OID root, narrative id
 * prefixes) and the section wrapper common to all PSS sections.
 */
import { ENTRY_SOURCE_LABEL, type EntrySource } from '../../../domain/record/entry-base.ts';
import { el, type XmlChild, type XmlElement } from '../../xml/writer.ts';
import { OID, cd, ii, loinc, statusCode, templateId, textRef } from '../datatypes.ts';
import { SECTION, type SectionKey } from './templates.ts';
import { TPL } from './templates.ts';

export interface BuildContext {
  /** OID root for the document, section and entry ids. */
  idRoot: string;
  /** The document id extension (section ids derive from it). */
  documentId: string;
  /** The document's date (yyyy-mm-dd): the end date of closed items whose end is unknown. */
  today: string;
}

/** An entry id: the record's stable id under the organisation root, with an optional suffix for sub-acts. */
export function entryId(ctx: BuildContext, id: string, suffix?: string): XmlElement {
  return ii(ctx.idRoot, suffix ? `${id}.${suffix}` : id);
}

export interface SectionParts {
  key: SectionKey;
  templateRoot: string;
  /** The narrative block's children (tables, lists, paragraphs). */
  text: XmlChild;
  entries: XmlChild[];
}

export function section(ctx: BuildContext, p: SectionParts): XmlElement {
  const s = SECTION[p.key];
  const code = p.key === 'networks'
    ? cd('code', { code: s.code, codeSystem: OID.PSS_IT, codeSystemName: 'ProfiloSanitarioSinteticoIT', displayName: s.display })
    : loinc(s.code, s.display);
  return el(
    'component',
    { typeCode: 'COMP' },
    el(
      'section',
      { ID: `sec-${s.code}` },
      templateId(p.templateRoot),
      ii(ctx.idRoot, `${ctx.documentId}.${s.code}`),
      code,
      el('title', null, s.title),
      el('text', null, p.text),
      p.entries.map((e) => (e ? el('entry', null, e) : null)),
    ),
  );
}

/**
 * "Note e commenti" act (template 3.1.7, LOINC 48767-8): the IG's way to attach a comment to
 * an entry; used to carry the source annotation and the doctor's note into the coded part.
 */
export function commentAct(narrativeId: string, typeCode = 'SUBJ'): XmlElement {
  return el(
    'entryRelationship',
    typeCode === 'SUBJ' ? { typeCode, inversionInd: 'true' } : { typeCode },
    el(
      'act',
      { classCode: 'ACT', moodCode: 'EVN' },
      templateId(TPL.comment),
      loinc('48767-8', 'Annotation Comment'),
      textRef(narrativeId),
      statusCode('completed'),
    ),
  );
}

export function sourceLabel(source: EntrySource): string {
  return ENTRY_SOURCE_LABEL[source];
}

/** The last narrative column: where the item came from, and the doctor's note. */
export function noteCell(n: string, source: EntrySource, note: string | undefined): { id: string; text: string } {
  return { id: `${n}-note`, text: [sourceLabel(source), note].filter(Boolean).join('. ') };
}

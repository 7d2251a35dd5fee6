/**
 * The reading state shared by the section readers of parsePssCda (narrative by ID, generated
 * ids, warnings) and the small helpers they all use: entries of a section, related
 * observations, source and note of an entry, the product of a substance administration.
 */
import { ENTRY_SOURCE_LABEL, type EntrySource } from '../../../../domain/record/entry-base.ts';
import { OID } from '../../datatypes.ts';
import { TPL } from '../templates.ts';
import { type El, all, attr, coded, hasTemplate, kid, kids } from './dom.ts';

const LABEL_TO_SOURCE = new Map<string, EntrySource>(Object.entries(ENTRY_SOURCE_LABEL).map(([k, v]) => [v, k as EntrySource]));

export class Reader {
  readonly warnings: string[] = [];
  private readonly narrative = new Map<string, string>();
  private seq = 0;
  constructor(readonly root: El) {
    for (const e of all(root, '*')) {
      const id = attr(e, 'ID');
      if (id) this.narrative.set(id, (e.textContent ?? '').replace(/\s+/g, ' ').trim());
    }
  }
  /** Our entry id when the II is well formed, else a generated one. */
  id(e: El | undefined, prefix: string): string {
    const ext = attr(kid(e, 'id'), 'extension');
    if (ext && /^[A-Za-z0-9._-]{1,64}$/.test(ext)) return ext;
    return `${prefix}-${String(++this.seq).padStart(3, '0')}`;
  }
  text(ref: string | undefined): string | undefined {
    return ref ? this.narrative.get(ref.replace(/^#/, '')) : undefined;
  }
  /** Source and note from the entry's comment act (…3.1.7), falling back to 'doctor'. */
  sourceNote(e: El | undefined): { source: EntrySource; note?: string } {
    const act = kids(e, 'entryRelationship').map((r) => kid(r, 'act')).find((a) => hasTemplate(a, TPL.comment));
    const text = this.text(attr(kid(act, 'text', 'reference'), 'value'));
    if (!text) return { source: 'doctor' };
    for (const [label, source] of LABEL_TO_SOURCE) {
      if (text === label) return { source };
      if (text.startsWith(`${label}. `)) return { source, note: text.slice(label.length + 2) };
    }
    return { source: 'doctor', note: text };
  }
}

export function rel(e: El | undefined, template: string, name = 'observation'): El | undefined {
  return kids(e, 'entryRelationship').map((r) => kid(r, name)).find((o) => hasTemplate(o, template));
}

export function withNote<T extends object>(entry: T, sn: { source: EntrySource; note?: string }): T & { source: EntrySource; note?: string } {
  return sn.note === undefined ? { ...entry, source: sn.source } : { ...entry, source: sn.source, note: sn.note };
}

export function drop<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

export function entries(sec: El | undefined): El[] {
  return kids(sec, 'entry').flatMap((e) => kids(e).slice(0, 1));
}

export function parseSourceText(text: string): { source: EntrySource; note?: string } {
  for (const [label, source] of LABEL_TO_SOURCE) {
    if (text === label) return { source };
    if (text.startsWith(`${label}. `)) return { source, note: text.slice(label.length + 2) };
  }
  return { source: 'doctor', note: text };
}

/** Source from the narrative row an entry points at (`<row>-note`), for entries without a comment act. */
export function rowSource(r: Reader, e: El | undefined): { source: EntrySource; note?: string } {
  const ref = attr(kid(e, 'text', 'reference'), 'value');
  const t = r.text(ref ? `${ref}-note` : undefined);
  return t ? parseSourceText(t) : { source: 'doctor' };
}

export function product(sa: El | undefined): { atc?: { code: string; display: string }; aic?: { code: string; display: string } } {
  const code = kid(sa, 'consumable', 'manufacturedProduct', 'manufacturedMaterial', 'code');
  const tr = kids(code, 'translation');
  const pick = (system: string) => (attr(code, 'codeSystem') === system ? coded(code) : coded(tr.find((t) => attr(t, 'codeSystem') === system)));
  return { atc: pick(OID.ATC), aic: pick(OID.AIC) };
}

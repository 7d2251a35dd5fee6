/**
 * What a received PSS adds to the record, section by section (the PSS import's planning, pure):
 * entries whose content is already there are duplicates; ids that collide get a new one; a
 * statement is taken only where the record says nothing, and an absence statement the new
 * entries contradict is removed. Used by pss.importPreview/importApply and by the import of
 * received documents, whose PSS kind it is.
 */
import type { ImportPlan } from '../api/pss.ts';
import { ENTRY_SCHEMAS, STATEMENT_SCHEMAS, type EntrySection, type StatementKey } from '../api/record.ts';
import type { ClinicalRecord } from '../domain/clinical-record.ts';

type Entry = { id: string } & Record<string, unknown>;

/** Content without id, source and note, with sorted keys: the same finding written by two doctors. */
function contentKey(e: Entry): string {
  const canon = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canon) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, canon(x)])) : v;
  const { id: _id, source: _source, note: _note, ...rest } = e;
  return JSON.stringify(canon(rest));
}

export interface ImportWork {
  plan: ImportPlan;
  entries: Array<{ section: EntrySection; entry: Entry }>;
  /** Statements to take over, or null: an absence statement the imported entries contradict, removed. */
  statements: Partial<Record<StatementKey, unknown>>;
}

/** What `incoming` adds to `current`: entries whose id or content is already there are duplicates. */
export function planImport(current: ClinicalRecord, incoming: ClinicalRecord, warnings: string[], document: ImportPlan['document']): ImportWork {
  const entries: ImportWork['entries'] = [];
  const sections: ImportPlan['sections'] = [];
  let duplicates = 0;
  for (const section of Object.keys(ENTRY_SCHEMAS) as EntrySection[]) {
    const have = (current[section] ?? []) as Entry[];
    const ids = new Set(have.map((e) => e.id));
    const keys = new Set(have.map(contentKey));
    const add: Entry[] = [];
    let dup = 0;
    for (const e of (incoming[section] ?? []) as Entry[]) {
      const key = contentKey(e);
      if (keys.has(key)) { dup++; continue; }
      keys.add(key);
      // Another product's id may collide with one of ours for a different finding: give it a new one.
      let id = e.id;
      for (let n = 2; ids.has(id); n++) id = `${e.id.slice(0, 58)}-imp${n}`;
      ids.add(id);
      add.push({ ...e, id });
    }
    duplicates += dup;
    if (add.length > 0 || dup > 0) sections.push({ section, entries: add, duplicates: dup });
    for (const entry of add) entries.push({ section, entry });
  }
  // A statement is taken only where the record says nothing, and an absence statement only
  // where the record has no entries of that kind.
  const statements: ImportWork['statements'] = {};
  const cleared: StatementKey[] = [];
  const emptyOf: Record<StatementKey, EntrySection | undefined> = { noProblems: 'problems', noAllergies: 'allergies', noMedications: 'medications', organDonation: undefined };
  for (const key of Object.keys(STATEMENT_SCHEMAS) as StatementKey[]) {
    const section = emptyOf[key];
    // "No known allergies" and an imported allergy cannot both stand: the finding wins.
    if (section && current[key] !== undefined && entries.some((e) => e.section === section)) {
      statements[key] = null;
      cleared.push(key);
      continue;
    }
    if (incoming[key] === undefined || current[key] !== undefined) continue;
    if (section && ((current[section]?.length ?? 0) > 0 || (incoming[section]?.length ?? 0) > 0)) continue;
    statements[key] = incoming[key];
  }
  return {
    plan: { document, sections, statements: Object.keys(statements).filter((k) => statements[k as StatementKey] !== null), cleared, warnings, add: entries.length, duplicates },
    entries,
    statements,
  };
}

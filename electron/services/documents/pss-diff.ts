/** The record's changes since a version's snapshot, per entry (by id) and field. */
import type { ClinicalRecord } from '../../../shared/domain/clinical-record.ts';
import type { DiffChange } from '../../../shared/api/pss.ts';
import { ENTRY_SCHEMAS, STATEMENT_SCHEMAS } from '../../../shared/api/record.ts';

export function diffRecords(base: ClinicalRecord, now: ClinicalRecord): DiffChange[] {
  const out: DiffChange[] = [];
  for (const section of Object.keys(ENTRY_SCHEMAS) as Array<keyof typeof ENTRY_SCHEMAS>) {
    // Vaccination decisions are not a PSS section (the vaccination documents carry them).
    if (section === 'vaccinationDecisions') continue;
    const before = new Map(((base[section] ?? []) as Array<{ id: string }>).map((e) => [e.id, e as Record<string, unknown>]));
    const after = new Map(((now[section] ?? []) as Array<{ id: string }>).map((e) => [e.id, e as Record<string, unknown>]));
    for (const [id, e] of after) {
      const b = before.get(id);
      if (!b) { out.push({ section, entryId: id, kind: 'added', fields: [] }); continue; }
      const keys = new Set([...Object.keys(b), ...Object.keys(e)]);
      const fields = [...keys].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(e[k]));
      if (fields.length > 0) out.push({ section, entryId: id, kind: 'changed', fields });
    }
    for (const id of before.keys()) if (!after.has(id)) out.push({ section, entryId: id, kind: 'removed', fields: [] });
  }
  for (const key of Object.keys(STATEMENT_SCHEMAS) as Array<keyof typeof STATEMENT_SCHEMAS>) {
    const b = base[key];
    const a = now[key];
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    out.push({ section: key, entryId: key, kind: b === undefined ? 'added' : a === undefined ? 'removed' : 'changed', fields: [] });
  }
  return out;
}

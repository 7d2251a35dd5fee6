import type { Db } from '../open.ts';

export interface OutboxDocumentInfo {
  id: string;
  title: string;
  kind: string;
  patientId: string | null;
}

/** Title, kind and patient of documents (the queue view shows them beside each entry; no PDF bytes). */
export function outboxDocuments(db: Db, args: { ids: string[] }): OutboxDocumentInfo[] {
  const out: OutboxDocumentInfo[] = [];
  const stmt = db.prepare('SELECT id, title, kind, patient_id FROM documents WHERE id = ?');
  for (const id of args.ids.slice(0, 10_000)) {
    const r = stmt.get(id) as { id: string; title: string; kind: string; patient_id: string | null } | undefined;
    if (r) out.push({ id: r.id, title: r.title, kind: r.kind, patientId: r.patient_id });
  }
  return out;
}

/** Unsaved entry forms of the record (shared/api/drafts.ts): one row per form and patient. */
import type { Db } from '../open.ts';
import type { DraftForm } from '../../../../shared/api/drafts.ts';
import { patientExists } from './clinical-record.ts';

export function getDraft(db: Db, args: { patientId: string; form: DraftForm }): { value: Record<string, unknown>; updatedAt: string } | null {
  patientExists(db, args.patientId);
  const r = db.prepare('SELECT body, updated_at FROM record_drafts WHERE patient_id = ? AND form = ?').get(args.patientId, args.form) as { body: string; updated_at: string } | undefined;
  return r ? { value: JSON.parse(r.body) as Record<string, unknown>, updatedAt: r.updated_at } : null;
}

export function saveDraft(db: Db, args: { patientId: string; form: DraftForm; value: Record<string, unknown> }): { updatedAt: string } {
  patientExists(db, args.patientId);
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO record_drafts (patient_id, form, body, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (patient_id, form) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
  ).run(args.patientId, args.form, JSON.stringify(args.value), now);
  return { updatedAt: now };
}

export function discardDraft(db: Db, args: { patientId: string; form: DraftForm }): { discarded: boolean } {
  patientExists(db, args.patientId);
  return { discarded: db.prepare('DELETE FROM record_drafts WHERE patient_id = ? AND form = ?').run(args.patientId, args.form).changes > 0 };
}

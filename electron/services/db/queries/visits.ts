/** The diary (diario clinico): visits by patient, newest first. */
import type { Db } from '../open.ts';
import { AppError } from '../../../../shared/errors/index.ts';
import type { StoredVisit, VisitInput } from '../../../../shared/api/visits.ts';
import { patientExists } from './clinical-record.ts';
import { auditPatient, checkVersion, newRecordId, nextOffset, rowMeta, type MetaRow } from './record-common.ts';
import { readVisit, writeVisit } from './record-rows.ts';
import { discardDraft } from './record-drafts.ts';

type VisitRow = MetaRow & { body: string };

function stored(r: VisitRow): StoredVisit {
  return { ...readVisit(r), meta: rowMeta(r) };
}

function visitRow(db: Db, patientId: string, id: string): VisitRow | undefined {
  return db.prepare('SELECT body, version, created_at, updated_at FROM visits WHERE patient_id = ? AND id = ?').get(patientId, id) as VisitRow | undefined;
}

export function listVisits(db: Db, args: { patientId: string; limit: number; offset: number }) {
  patientExists(db, args.patientId);
  const { n } = db.prepare('SELECT count(*) AS n FROM visits WHERE patient_id = ?').get(args.patientId) as { n: number };
  const rows = db
    .prepare('SELECT body, version, created_at, updated_at FROM visits WHERE patient_id = ? ORDER BY at_key DESC, id DESC LIMIT ? OFFSET ?')
    .all(args.patientId, args.limit, args.offset) as VisitRow[];
  return { items: rows.map(stored), total: n, nextOffset: nextOffset(args.offset, rows.length, n) };
}

/** Adds or replaces a visit; an edit keeps the visit's author (who saw the patient). */
export function upsertVisit(db: Db, args: { actor: string; patientId: string; visit: VisitInput; version?: number | undefined; authorId: string; completesDraft?: boolean }): StoredVisit {
  patientExists(db, args.patientId);
  const id = args.visit.id ?? newRecordId('VIS');
  const existing = visitRow(db, args.patientId, id);
  checkVersion('visit', existing, args.version);
  const authorId = existing ? (readVisit(existing).authorId ?? args.authorId) : args.authorId;
  const op = writeVisit(db, args.patientId, { ...args.visit, id, authorId } as Parameters<typeof writeVisit>[2], { now: new Date().toISOString() });
  if (args.completesDraft) discardDraft(db, { patientId: args.patientId, form: 'visit' });
  auditPatient(db, { actor: args.actor, action: `visit.${op}`, entity: 'visit', patientId: args.patientId, detail: { visitId: id } });
  return stored(visitRow(db, args.patientId, id)!);
}

export function removeVisit(db: Db, args: { actor: string; patientId: string; id: string }): { removed: true } {
  patientExists(db, args.patientId);
  const r = db.prepare('DELETE FROM visits WHERE patient_id = ? AND id = ?').run(args.patientId, args.id);
  if (r.changes === 0) throw new AppError('NOT_FOUND', 'Visit not found', { entity: 'visit', id: args.id });
  auditPatient(db, { actor: args.actor, action: 'visit.remove', entity: 'visit', patientId: args.patientId, detail: { visitId: args.id } });
  return { removed: true };
}

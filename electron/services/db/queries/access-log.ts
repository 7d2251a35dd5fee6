/**
 * Who saw what (Garante per la protezione dei dati personali, Linee guida in materia di dossier
 * sanitario, 2015: every access, viewing included, is traced and the patient may
 * ask who accessed the record and when). Views are audit lines about the patient like every
 * change; the list reads them by the patient's id (audit_log_entity).
 */
import type { Db } from '../open.ts';
import type { AccessEntry } from '../../../../shared/api/access.ts';
import { patientExists } from './clinical-record.ts';
import { auditPatient, nextOffset } from './record-common.ts';

export type AccessAction = 'access.record' | 'access.document' | 'access.export';

/**
 * Every audit verb that is an access without a change: the ones above, and `document.view`,
 * which opening a received document's original writes (queries/received-documents.ts).
 */
const VIEW_ACTIONS = ['access.record', 'access.document', 'access.export', 'document.view'];
const VIEW_FILTER = `AND action IN (${VIEW_ACTIONS.map((a) => `'${a}'`).join(', ')})`;

export function logAccess(
  db: Db,
  args: { actor: string; patientId: string; action: AccessAction; authorId?: string | undefined; documentId?: string | undefined; documentKind?: string | undefined },
): { seq: number } {
  patientExists(db, args.patientId);
  const detail: Record<string, unknown> = {};
  if (args.authorId) detail.authorId = args.authorId;
  if (args.documentId) detail.documentId = args.documentId;
  if (args.documentKind) detail.documentKind = args.documentKind;
  return { seq: auditPatient(db, { actor: args.actor, action: args.action, entity: 'patient', patientId: args.patientId, detail }) };
}

interface Row { seq: number; at: string; actor: string; action: string; detail: string }

export function listAccesses(db: Db, args: { patientId: string; only: 'views' | 'all'; limit: number; offset: number }) {
  patientExists(db, args.patientId);
  const filter = args.only === 'views' ? VIEW_FILTER : '';
  const { n } = db.prepare(`SELECT count(*) AS n FROM audit_log WHERE entity_id = ? ${filter}`).get(args.patientId) as { n: number };
  const rows = db
    .prepare(`SELECT seq, at, actor, action, detail FROM audit_log WHERE entity_id = ? ${filter} ORDER BY seq DESC LIMIT ? OFFSET ?`)
    .all(args.patientId, args.limit, args.offset) as Row[];
  const items: AccessEntry[] = rows.map((r) => {
    const d = JSON.parse(r.detail) as { authorId?: unknown; documentId?: unknown };
    return {
      seq: r.seq, at: r.at, actor: r.actor, action: r.action,
      kind: r.action === 'access.export' ? 'export' : VIEW_ACTIONS.includes(r.action) ? 'view' : 'change',
      authorId: typeof d.authorId === 'string' ? d.authorId : null,
      documentId: typeof d.documentId === 'string' ? d.documentId : null,
    };
  });
  return { items, total: n, nextOffset: nextOffset(args.offset, rows.length, n) };
}

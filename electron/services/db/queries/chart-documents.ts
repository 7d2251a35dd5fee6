/**
 * The documents the doctor wrote for one patient, each with its true state: a PSS version's own
 * state (bozza, validato = confirmed after validation, firmato) until the outbox has it, then the
 * outbox entry's (in coda, inviato, pubblicato, rifiutato). Documents queued without a PSS version
 * (other kinds) take their outbox state alone.
 */
import type { Db } from '../open.ts';
import type { AuthoredDocument } from '../../../../shared/api/chart.ts';
import type { OutboxOperation } from '../../../../shared/outbox/job.ts';
import type { OutboxState } from '../../../../shared/outbox/state-machine.ts';
import { AppError } from '../../../../shared/errors/index.ts';
import { patientExists } from './clinical-record.ts';

/**
 * The outbox state in the doctor's words (UX.md screen 3): what happened to the document. The
 * last entry an Annulla (operation 'delete'): annullato once the gateway did it, in coda / inviato
 * on its way; withdrawn, refused or parked, the document is still published.
 */
export function authoredState(pss: string | null, outbox: OutboxState | null, operation: OutboxOperation | null = null): AuthoredDocument['state'] {
  if (operation === 'delete' && outbox !== null) {
    switch (outbox) {
      case 'published': return 'annullato';
      case 'queued': case 'sending': case 'waiting_retry': return 'in-coda';
      case 'reconciling': case 'accepted': return 'inviato';
      default: return 'pubblicato';
    }
  }
  switch (outbox) {
    case 'draft': return 'firmato';
    case 'queued': case 'sending': case 'waiting_retry': return 'in-coda';
    case 'reconciling': case 'accepted': return 'inviato';
    case 'published': return 'pubblicato';
    case 'rejected': case 'parked': return 'rifiutato';
    case 'cancelled': return 'annullato';
    default:
      return pss === 'published' ? 'pubblicato' : pss === 'signed' ? 'firmato' : pss === 'confirmed' ? 'validato' : 'bozza';
  }
}

export type AuthoredRow = Omit<AuthoredDocument, 'reason'> & { lastError: string | null; parkedReason: string | null };

interface Row {
  id: string; kind: string; title: string; version_number: number | null; pss_state: string | null; document_id: string | null;
  o_id: string | null; o_state: OutboxState | null; o_operation: OutboxOperation | null; last_error: string | null; parked_reason: string | null; updated_at: string;
}

// The latest outbox entry of a document (a rejected one sent again is a new entry).
const LAST_ENTRY = `SELECT id, state, last_error, parked_reason, updated_at FROM outbox_entries WHERE document_id = x.document_id ORDER BY created_at DESC, id DESC LIMIT 1`;

export function authoredDocuments(db: Db, args: { patientId: string }): { items: AuthoredRow[] } {
  patientExists(db, args.patientId);
  const rows = db
    .prepare(
      `WITH x AS (
         SELECT p.id, 'PSS' AS kind, 'Profilo Sanitario Sintetico' AS title, p.version_number, p.state AS pss_state, p.document_id, p.updated_at
         FROM pss_documents p WHERE p.patient_id = @p
         UNION ALL
         SELECT d.id, d.kind, coalesce(nullif(d.title, ''), d.kind), NULL, NULL, d.id, d.updated_at
         FROM documents d WHERE d.patient_id = @p AND NOT EXISTS (SELECT 1 FROM pss_documents p WHERE p.document_id = d.id)
       )
       SELECT x.id, x.kind, x.title, x.version_number, x.pss_state, x.document_id,
              o.id AS o_id, o.state AS o_state, o.operation AS o_operation, o.last_error, o.parked_reason, max(x.updated_at, coalesce(o.updated_at, '')) AS updated_at
       FROM x LEFT JOIN outbox_entries o ON o.id = (SELECT id FROM (${LAST_ENTRY}))
       ORDER BY updated_at DESC, x.id DESC`,
    )
    .all({ p: args.patientId }) as Row[];
  return {
    items: rows.map((r) => ({
      id: r.id, kind: r.kind, title: r.title, versionNumber: r.version_number, state: authoredState(r.pss_state, r.o_state, r.o_operation), outboxState: r.o_state, operation: r.o_operation,
      outboxEntryId: r.o_id, documentId: r.document_id, updatedAt: r.updated_at, lastError: r.last_error, parkedReason: r.parked_reason,
    })),
  };
}

/** The stored (signed) PDF of one of the patient's documents. */
export function authoredPdf(db: Db, args: { patientId: string; documentId: string }): Uint8Array {
  const pdf = db.prepare('SELECT pdf FROM documents WHERE id = ? AND patient_id = ?').pluck().get(args.documentId, args.patientId) as Uint8Array | undefined;
  if (!pdf) throw new AppError('NOT_FOUND', 'Document not found', { entity: 'document', id: args.documentId });
  return pdf;
}

/**
 * Versions of the document types other than the PSS (migration 014): per type, patient and
 * subject, sets of versions chained by RPLC. Only one version per set waits to be signed
 * (`prepared`): building again rebuilds it in place; once signed, the next build is a new
 * version replacing it.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../open.ts';
import { appendAudit } from './audit.ts';
import { patientExists } from './clinical-record.ts';
import { AppError } from '../../../../shared/errors/index.ts';
import type { TypedDocSummary } from '../../../../shared/api/documents-pipeline.ts';
import type { DocumentVersion } from '../../../../shared/domain/document-header.ts';

interface Row {
  id: string; type: string; patient_id: string; subject: string; set_id: string; version_number: number;
  replaces_document_id: string | null; state: 'prepared' | 'signed'; cda: string; input: string;
  errors: number; warnings: number; document_id: string | null; author_id: string | null; updated_at: string;
}

function summary(db: Db, r: Row): TypedDocSummary {
  const out: TypedDocSummary = {
    documentId: r.id, type: r.type, patientId: r.patient_id, subject: r.subject === '' ? null : r.subject, setId: r.set_id,
    versionNumber: r.version_number, state: r.state, errors: r.errors, warnings: r.warnings, updatedAt: r.updated_at,
    ...(r.replaces_document_id ? { replacesDocumentId: r.replaces_document_id } : {}), ...(r.author_id ? { authorId: r.author_id } : {}),
  };
  // A signed version on its way to the FSE: where the outbox has it.
  if (r.document_id) {
    const o = db.prepare('SELECT state, updated_at FROM outbox_entries WHERE document_id = ? ORDER BY created_at DESC LIMIT 1').get(r.document_id) as { state: TypedDocSummary['outboxState']; updated_at: string } | undefined;
    if (o) Object.assign(out, { outboxState: o.state, outboxUpdatedAt: o.updated_at });
  }
  return out;
}

export interface TypedStatusRow {
  versions: TypedDocSummary[];
  lastSigned: TypedDocSummary | null;
  /** The version the next build of (type, patient, subject) carries. */
  next: DocumentVersion;
}

export function typedStatus(db: Db, args: { type: string; patientId: string; subject?: string | undefined; idPrefix?: string | undefined }): TypedStatusRow {
  patientExists(db, args.patientId);
  const all = db.prepare(`SELECT * FROM typed_documents WHERE type = ? AND patient_id = ? ${args.subject !== undefined ? 'AND subject = ?' : ''} ORDER BY updated_at DESC, version_number DESC`)
    .all(...[args.type, args.patientId, ...(args.subject !== undefined ? [args.subject] : [])]) as Row[];
  const subject = args.subject ?? '';
  const inSet = (db.prepare('SELECT * FROM typed_documents WHERE type = ? AND patient_id = ? AND subject = ? ORDER BY version_number DESC').all(args.type, args.patientId, subject) as Row[]);
  const latest = inSet[0];
  const lastSigned = all.find((r) => r.state === 'signed');
  const fresh = (): string => `${args.idPrefix ?? args.type.toUpperCase()}.${randomUUID()}`;
  let next: DocumentVersion;
  if (latest?.state === 'prepared') {
    next = { documentId: latest.id, setId: latest.set_id, versionNumber: latest.version_number, ...(latest.replaces_document_id ? { replacesDocumentId: latest.replaces_document_id } : {}) };
  } else if (latest) {
    next = { documentId: fresh(), setId: latest.set_id, versionNumber: latest.version_number + 1, replacesDocumentId: latest.id };
  } else {
    const id = fresh();
    next = { documentId: id, setId: id, versionNumber: 1 };
  }
  return { versions: all.map((r) => summary(db, r)), lastSigned: lastSigned ? summary(db, lastSigned) : null, next };
}

/** Stores the version built for signing (rebuilt in place while it is not signed). Audited. */
export function typedPrepare(
  db: Db,
  args: {
    actor: string; type: string; patientId: string; subject?: string | undefined; version: DocumentVersion;
    cda: string; input: unknown; errors: number; warnings: number; authorId?: string | undefined;
  },
): TypedDocSummary {
  patientExists(db, args.patientId);
  const now = new Date().toISOString();
  const existing = db.prepare('SELECT * FROM typed_documents WHERE id = ?').get(args.version.documentId) as Row | undefined;
  const input = JSON.stringify(args.input);
  if (existing) {
    if (existing.state !== 'prepared' || existing.type !== args.type || existing.patient_id !== args.patientId) {
      throw new AppError('CONFLICT', 'This version is already signed', { entity: 'typedDocument', field: 'state' });
    }
    db.prepare('UPDATE typed_documents SET cda = ?, input = ?, errors = ?, warnings = ?, author_id = ?, updated_at = ?, version = version + 1 WHERE id = ?')
      .run(args.cda, input, args.errors, args.warnings, args.authorId ?? null, now, existing.id);
  } else {
    const v = args.version;
    db.prepare(`INSERT INTO typed_documents (id, type, patient_id, subject, set_id, version_number, replaces_document_id, state, cda, input, errors, warnings, author_id, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, 'prepared', ?, ?, ?, ?, ?, ?, ?)`)
      .run(v.documentId, args.type, args.patientId, args.subject ?? '', v.setId, v.versionNumber, v.replacesDocumentId ?? null, args.cda, input, args.errors, args.warnings, args.authorId ?? null, now, now);
  }
  appendAudit(db, { actor: args.actor, action: 'doctype.prepare', entity: 'typedDocument', entityId: args.version.documentId, detail: { type: args.type, patientId: args.patientId, versionNumber: args.version.versionNumber } });
  return summary(db, db.prepare('SELECT * FROM typed_documents WHERE id = ?').get(args.version.documentId) as Row);
}

/** The stored version: its CDA and the input it was built from. */
export function typedVersion(db: Db, args: { documentId: string }): TypedDocSummary & { cda: string; input: unknown } {
  const r = db.prepare('SELECT * FROM typed_documents WHERE id = ?').get(args.documentId) as Row | undefined;
  if (!r) throw new AppError('NOT_FOUND', 'Document version not found', { entity: 'typedDocument', id: args.documentId });
  return { ...summary(db, r), cda: r.cda, input: JSON.parse(r.input) as unknown };
}

/** A prepared version signed and queued (linked to its outbox document); in the enqueue transaction. Audited. */
export function typedMarkSigned(db: Db, args: { actor: string; documentId: string; outboxDocumentId?: string }): TypedDocSummary {
  const r = db.prepare('SELECT * FROM typed_documents WHERE id = ?').get(args.documentId) as Row | undefined;
  if (!r) throw new AppError('NOT_FOUND', 'Document version not found', { entity: 'typedDocument', id: args.documentId });
  if (r.state !== 'prepared') throw new AppError('CONFLICT', 'Only a prepared version can be marked signed', { entity: 'typedDocument', field: 'state' });
  const now = new Date().toISOString();
  db.prepare(`UPDATE typed_documents SET state = 'signed', document_id = ?, updated_at = ?, version = version + 1 WHERE id = ?`).run(args.outboxDocumentId ?? null, now, r.id);
  appendAudit(db, { actor: args.actor, action: 'doctype.sign', entity: 'typedDocument', entityId: r.id, detail: { type: r.type, patientId: r.patient_id, outboxDocumentId: args.outboxDocumentId ?? null } });
  return summary(db, { ...r, state: 'signed', document_id: args.outboxDocumentId ?? null, updated_at: now });
}

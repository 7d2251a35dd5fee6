/**
 * Outbox queries. Each runs inside one worker transaction: the state change and its
 * audit entry commit together, and a change the shared state machine does not allow is
 * refused (CONFLICT). Audit details carry ids, states and error types only — never patient
 * data.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../open.ts';
import { appendAudit } from './audit.ts';
import { pssMarkSigned } from './clinical-record.ts';
import { typedMarkSigned } from './typed-documents.ts';
import { AppError } from '../../../../shared/errors/index.ts';
import { OutboxPayload, type OutboxEntry, type OutboxOperation, type OutboxPayloadInput } from '../../../../shared/outbox/job.ts';
import {
  OUTBOX_STATES,
  TERMINAL_STATES,
  transition,
  type OutboxEvent,
  type OutboxState,
  type OutboxStep,
} from '../../../../shared/outbox/state-machine.ts';

interface EntryRow {
  id: string;
  document_id: string;
  operation: OutboxOperation;
  state: OutboxState;
  step: OutboxStep;
  payload: string;
  attempts: number;
  next_attempt_at: number;
  workflow_instance_id: string | null;
  trace_id: string | null;
  validated_at: number | null;
  last_error: string | null;
  parked_reason: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  identificativo_doc: string;
}

const SELECT_ENTRY = `SELECT e.*, d.identificativo_doc FROM outbox_entries e JOIN documents d ON d.id = e.document_id`;

function toEntry(r: EntryRow): OutboxEntry {
  return {
    id: r.id,
    documentId: r.document_id,
    operation: r.operation,
    state: r.state,
    step: r.step,
    identificativoDoc: r.identificativo_doc,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    workflowInstanceId: r.workflow_instance_id,
    traceId: r.trace_id,
    validatedAt: r.validated_at,
    lastError: r.last_error,
    parkedReason: r.parked_reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

function row(db: Db, entryId: string): EntryRow {
  const r = db.prepare(`${SELECT_ENTRY} WHERE e.id = ?`).get(entryId) as EntryRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', 'No such outbox entry', { entity: 'outboxEntry', id: entryId });
  return r;
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export interface EnqueueArgs {
  actor: string;
  document: {
    id?: string;
    patientId?: string | null;
    kind: string;
    title?: string;
    identificativoDoc: string;
    pdf: Uint8Array;
    /** The doctor profile that signed and queued it (shared/domain/doctors.ts). */
    authorId?: string;
  };
  entry: {
    id?: string;
    operation: OutboxOperation;
    payload: OutboxPayloadInput;
    /** 'queued' (default: ready to send) or 'draft'. */
    state?: 'draft' | 'queued';
    /** From a validation done before signing: publication can go straight to step 2. */
    workflowInstanceId?: string;
    /** When that validation was done (epoch ms): past the 5-day window the scheduler validates again. */
    validatedAt?: number;
    /** Extra audit detail of the creation (e.g. the validation's traceId). */
    detail?: Record<string, unknown>;
  };
  /**
   * The PSS version this signed document is (pss_documents.id): marked signed and linked to the
   * document in the same transaction, so a crash cannot leave it queued but not marked.
   */
  pssDocumentId?: string;
  /** Likewise for a version of another document type (typed_documents.id, migration 014). */
  typedDocumentId?: string;
  now?: number;
}

/** Writes the document and its outbox entry (and marks the PSS or typed version signed) in one transaction, audited. */
export function enqueueDocument(db: Db, args: EnqueueArgs): OutboxEntry {
  const payload = OutboxPayload.parse(args.entry.payload);
  const now = args.now ?? Date.now();
  const at = new Date(now).toISOString();
  const documentId = args.document.id ?? randomUUID();
  const entryId = args.entry.id ?? randomUUID();
  const pdf = toBuffer(args.document.pdf);
  try {
    db.prepare(
      `INSERT INTO documents (id, patient_id, kind, title, identificativo_doc, pdf, pdf_sha256, created_at, updated_at, author_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(documentId, args.document.patientId ?? null, args.document.kind, args.document.title ?? '', args.document.identificativoDoc, pdf, createHash('sha256').update(pdf).digest('hex'), at, at, args.document.authorId ?? null);
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' || (e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      throw new AppError('CONFLICT', 'A document with this identificativoDoc already exists', { entity: 'document', field: 'identificativoDoc' });
    }
    throw e;
  }
  const state = args.entry.state ?? 'queued';
  const direct = args.entry.workflowInstanceId !== undefined || args.entry.operation.startsWith('validateAnd') || args.entry.operation === 'delete' || args.entry.operation === 'updateMetadata';
  db.prepare(
    `INSERT INTO outbox_entries (id, document_id, operation, state, step, payload, next_attempt_at, workflow_instance_id, validated_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    entryId,
    documentId,
    args.entry.operation,
    state,
    direct ? 'publish' : 'validate',
    JSON.stringify(payload),
    now,
    args.entry.workflowInstanceId ?? null,
    args.entry.workflowInstanceId !== undefined ? (args.entry.validatedAt ?? null) : null,
    at,
    at,
  );
  appendAudit(db, { actor: args.actor, action: 'document.create', entity: 'document', entityId: documentId, detail: { kind: args.document.kind, outboxEntryId: entryId, ...(args.document.patientId ? { patientId: args.document.patientId } : {}) } });
  appendAudit(db, {
    actor: args.actor,
    action: 'outbox.create',
    entity: 'outboxEntry',
    entityId: entryId,
    detail: { documentId, operation: args.entry.operation, state, ...(args.entry.workflowInstanceId !== undefined ? { prevalidated: true } : {}), ...(args.entry.detail ?? {}) },
  });
  if (args.pssDocumentId !== undefined) pssMarkSigned(db, { actor: args.actor, documentId: args.pssDocumentId, outboxDocumentId: documentId });
  if (args.typedDocumentId !== undefined) typedMarkSigned(db, { actor: args.actor, documentId: args.typedDocumentId, outboxDocumentId: documentId });
  return toEntry(row(db, entryId));
}

/**
 * Annulla: a deletion entry for a document the gateway has published (FSE-GATEWAY.md §2:
 * DELETE /documents/{identificativoDoc}), on the same document so its state follows it. Sent by
 * the scheduler like a publication (step 2 directly: nothing to validate), kept across restarts
 * like every entry. The JWT facts are the last publication's (same patient, consent, requester).
 * Refused (CONFLICT, field `state`) unless the document's last publication is published and no
 * deletion of it is pending or done; NOT_FOUND for another patient's or an unknown document.
 */
export function enqueueDeletion(db: Db, args: { actor: string; documentId: string; patientId?: string; now?: number }): OutboxEntry {
  const doc = db.prepare('SELECT id, patient_id FROM documents WHERE id = ?').get(args.documentId) as { id: string; patient_id: string | null } | undefined;
  if (!doc || (args.patientId !== undefined && doc.patient_id !== args.patientId)) throw new AppError('NOT_FOUND', 'Document not found', { entity: 'document', id: args.documentId });
  const entries = db.prepare('SELECT id, operation, state, payload FROM outbox_entries WHERE document_id = ? ORDER BY created_at DESC, id DESC').all(doc.id) as Pick<EntryRow, 'id' | 'operation' | 'state' | 'payload'>[];
  const deletion = entries.find((e) => e.operation === 'delete' && e.state !== 'cancelled' && e.state !== 'rejected');
  if (deletion) throw new AppError('CONFLICT', deletion.state === 'published' ? 'The document is already deleted' : 'A deletion of this document is already queued', { entity: 'document', field: 'state' });
  const publication = entries.find((e) => e.operation !== 'delete');
  if (!publication || publication.state !== 'published') throw new AppError('CONFLICT', 'Only a published document can be deleted', { entity: 'document', field: 'state' });
  const from = OutboxPayload.parse(JSON.parse(publication.payload));
  const payload = OutboxPayload.parse({ v: 1, requestBody: {}, patient: from.patient, patientConsent: from.patientConsent, ...(from.requester ? { requester: from.requester } : {}) });
  const now = args.now ?? Date.now();
  const at = new Date(now).toISOString();
  const entryId = randomUUID();
  db.prepare(
    `INSERT INTO outbox_entries (id, document_id, operation, state, step, payload, next_attempt_at, created_at, updated_at)
     VALUES (?, ?, 'delete', 'queued', 'publish', ?, ?, ?, ?)`,
  ).run(entryId, doc.id, JSON.stringify(payload), now, at, at);
  appendAudit(db, { actor: args.actor, action: 'outbox.create', entity: 'outboxEntry', entityId: entryId, detail: { documentId: doc.id, operation: 'delete', state: 'queued', publicationEntryId: publication.id } });
  return toEntry(row(db, entryId));
}

export interface TransitionArgs {
  actor: string;
  entryId: string;
  event: OutboxEvent;
  /** Optimistic check: refuse when the entry moved on meanwhile. */
  expectVersion?: number;
  now?: number;
  patch?: {
    nextAttemptAt?: number;
    /** Add one to attempts (a call was made). */
    countAttempt?: boolean;
    resetAttempts?: boolean;
    step?: OutboxStep;
    workflowInstanceId?: string | null;
    /** When the workflowInstanceId was obtained (epoch ms); null with it cleared. */
    validatedAt?: number | null;
    traceId?: string | null;
    lastError?: string | null;
    parkedReason?: string | null;
  };
  /** Extra audit detail (ids, statuses, error types). */
  detail?: Record<string, unknown>;
}

/** Applies one state-machine event; refused (CONFLICT) when the machine does not allow it. */
export function transitionEntry(db: Db, args: TransitionArgs): OutboxEntry {
  const r = row(db, args.entryId);
  if (args.expectVersion !== undefined && r.version !== args.expectVersion) {
    throw new AppError('CONFLICT', `Outbox entry changed meanwhile (version ${r.version}, expected ${args.expectVersion})`, { entity: 'outboxEntry', field: 'version' });
  }
  const t = transition(r.state, args.event);
  if (!t.ok) throw new AppError('CONFLICT', t.reason, { entity: 'outboxEntry', field: 'state' });
  const now = args.now ?? Date.now();
  const p = args.patch ?? {};
  const next = {
    state: t.to,
    step: p.step ?? r.step,
    attempts: p.resetAttempts ? 0 : r.attempts + (p.countAttempt ? 1 : 0),
    next_attempt_at: p.nextAttemptAt ?? (t.to === 'queued' ? now : r.next_attempt_at),
    workflow_instance_id: p.workflowInstanceId !== undefined ? p.workflowInstanceId : r.workflow_instance_id,
    // A new or cleared workflowInstanceId without its time: the old time no longer applies.
    validated_at: p.validatedAt !== undefined ? p.validatedAt : p.workflowInstanceId !== undefined && p.workflowInstanceId !== r.workflow_instance_id ? null : r.validated_at,
    trace_id: p.traceId !== undefined ? p.traceId : r.trace_id,
    last_error: p.lastError !== undefined ? p.lastError : r.last_error,
    parked_reason: p.parkedReason !== undefined ? p.parkedReason : t.to === 'parked' || t.to === 'rejected' ? r.parked_reason : null,
  };
  db.prepare(
    `UPDATE outbox_entries SET state = @state, step = @step, attempts = @attempts, next_attempt_at = @next_attempt_at,
       workflow_instance_id = @workflow_instance_id, validated_at = @validated_at, trace_id = @trace_id, last_error = @last_error, parked_reason = @parked_reason,
       updated_at = @updated_at, version = version + 1
     WHERE id = @id AND version = @version`,
  ).run({ ...next, updated_at: new Date(now).toISOString(), id: r.id, version: r.version });
  appendAudit(db, {
    actor: args.actor,
    action: `outbox.${args.event}`,
    entity: 'outboxEntry',
    entityId: r.id,
    detail: { from: r.state, to: t.to, step: next.step, attempts: next.attempts, ...(args.detail ?? {}) },
  });
  if (t.to === 'published') {
    // The PSS version this document is becomes 'published' in the same transaction: the editor's state follows the outbox.
    db.prepare(`UPDATE pss_documents SET state = 'published', updated_at = ?, version = version + 1 WHERE document_id = ? AND state = 'signed'`).run(new Date(now).toISOString(), r.document_id);
  }
  if (t.to === 'published' || t.to === 'accepted') {
    db.prepare(`INSERT INTO outbox_meta (key, value) VALUES ('lastSyncAt', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(new Date(now).toISOString());
  }
  return toEntry(row(db, r.id));
}

export interface WorkItem {
  entry: OutboxEntry;
  payload: OutboxPayload;
  pdf: Uint8Array;
  pdfSha256: string;
}

/**
 * Takes a due entry for sending: a due `waiting_retry` first becomes `queued`, then
 * `send_started` puts it in `sending` (committed before the HTTP call, so a crash leaves it
 * there for reconciliation). A payload that no longer parses is moved to the dead letters and
 * the entry parked. Returns null when the entry is not due or was dead-lettered.
 */
export function startSend(db: Db, args: { actor: string; entryId: string; now?: number }): WorkItem | null {
  const now = args.now ?? Date.now();
  let r = row(db, args.entryId);
  if (r.next_attempt_at > now) return null;
  if (r.state === 'waiting_retry') {
    transitionEntry(db, { actor: args.actor, entryId: r.id, event: 'due', now, patch: { nextAttemptAt: now } });
    r = row(db, args.entryId);
  }
  if (r.state !== 'queued') return null;
  let payload: OutboxPayload;
  try {
    payload = OutboxPayload.parse(JSON.parse(r.payload));
  } catch (e) {
    deadLetter(db, { actor: args.actor, entry: r, error: e instanceof Error ? e.message.slice(0, 2000) : String(e), now });
    return null;
  }
  const entry = transitionEntry(db, { actor: args.actor, entryId: r.id, event: 'send_started', now, patch: { countAttempt: true } });
  const doc = db.prepare('SELECT pdf, pdf_sha256 FROM documents WHERE id = ?').get(r.document_id) as { pdf: Buffer; pdf_sha256: string };
  return { entry, payload, pdf: new Uint8Array(doc.pdf), pdfSha256: doc.pdf_sha256 };
}

function deadLetter(db: Db, a: { actor: string; entry: EntryRow; error: string; now: number }): void {
  db.prepare('INSERT INTO outbox_dead_letters (entry_id, document_id, payload, error, at) VALUES (?, ?, ?, ?, ?)').run(
    a.entry.id,
    a.entry.document_id,
    a.entry.payload,
    a.error,
    new Date(a.now).toISOString(),
  );
  appendAudit(db, { actor: a.actor, action: 'outbox.dead_letter', entity: 'outboxEntry', entityId: a.entry.id, detail: { documentId: a.entry.document_id } });
  // Park it through the machine: queued → sending → parked keeps every step audited.
  if (a.entry.state === 'queued') {
    transitionEntry(db, { actor: a.actor, entryId: a.entry.id, event: 'send_started', now: a.now });
    transitionEntry(db, {
      actor: a.actor,
      entryId: a.entry.id,
      event: 'failed_permanent',
      now: a.now,
      patch: { parkedReason: 'Dati di invio non leggibili: il documento è stato spostato tra gli scarti (dead letter) e va rigenerato.', lastError: 'payload' },
    });
  }
}

/** Replaces the payload (after the doctor edits a parked/draft entry); refused in other states. */
export function updatePayload(db: Db, args: { actor: string; entryId: string; payload: OutboxPayloadInput; now?: number }): OutboxEntry {
  const r = row(db, args.entryId);
  if (r.state !== 'draft' && r.state !== 'parked') throw new AppError('CONFLICT', `Cannot edit an entry in state ${r.state}`, { entity: 'outboxEntry', field: 'state' });
  const payload = OutboxPayload.parse(args.payload);
  db.prepare('UPDATE outbox_entries SET payload = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(JSON.stringify(payload), new Date(args.now ?? Date.now()).toISOString(), r.id);
  appendAudit(db, { actor: args.actor, action: 'outbox.edit_payload', entity: 'outboxEntry', entityId: r.id, detail: {} });
  return toEntry(row(db, r.id));
}

export function getEntry(db: Db, args: { entryId: string }): OutboxEntry {
  return toEntry(row(db, args.entryId));
}

export function listEntries(db: Db, args: { states?: OutboxState[]; limit?: number } = {}): OutboxEntry[] {
  const states = args.states ?? [...OUTBOX_STATES];
  const rows = db
    .prepare(`${SELECT_ENTRY} WHERE e.state IN (${states.map(() => '?').join(',')}) ORDER BY e.created_at, e.id LIMIT ?`)
    .all(...states, args.limit ?? 10_000) as EntryRow[];
  return rows.map(toEntry);
}

/** Ids the scheduler may act on now: queued or waiting_retry due, reconciling or accepted due. */
export function dueEntries(db: Db, args: { now: number; limit?: number }): { id: string; state: OutboxState }[] {
  return db
    .prepare(
      `SELECT id, state FROM outbox_entries WHERE state IN ('queued','waiting_retry','reconciling','accepted') AND next_attempt_at <= ?
       ORDER BY next_attempt_at, created_at LIMIT ?`,
    )
    .all(args.now, args.limit ?? 100) as { id: string; state: OutboxState }[];
}

/** The earliest time something becomes due (undefined when nothing is pending). */
export function nextDueAt(db: Db): number | undefined {
  const r = db.prepare(`SELECT min(next_attempt_at) AS t FROM outbox_entries WHERE state IN ('queued','waiting_retry','reconciling','accepted')`).get() as { t: number | null };
  return r.t ?? undefined;
}

export interface OutboxStats {
  byState: Partial<Record<OutboxState, number>>;
  pending: number;
  needsAttention: number;
  lastSyncAt: string | null;
  deadLetters: number;
}

export function outboxStats(db: Db): OutboxStats {
  const byState: Partial<Record<OutboxState, number>> = {};
  for (const r of db.prepare('SELECT state, count(*) AS n FROM outbox_entries GROUP BY state').all() as { state: OutboxState; n: number }[]) byState[r.state] = r.n;
  let pending = 0;
  for (const [s, n] of Object.entries(byState)) if (!TERMINAL_STATES.has(s as OutboxState) && s !== 'parked' && s !== 'draft') pending += n;
  const last = db.prepare(`SELECT value FROM outbox_meta WHERE key = 'lastSyncAt'`).get() as { value: string } | undefined;
  const dl = db.prepare('SELECT count(*) AS n FROM outbox_dead_letters').get() as { n: number };
  return { byState, pending, needsAttention: (byState.parked ?? 0) + (byState.rejected ?? 0), lastSyncAt: last?.value ?? null, deadLetters: dl.n };
}

export function listDeadLetters(db: Db): { seq: number; entryId: string; documentId: string; error: string; at: string }[] {
  return (db.prepare('SELECT seq, entry_id, document_id, error, at FROM outbox_dead_letters ORDER BY seq').all() as { seq: number; entry_id: string; document_id: string; error: string; at: string }[]).map((r) => ({
    seq: r.seq,
    entryId: r.entry_id,
    documentId: r.document_id,
    error: r.error,
    at: r.at,
  }));
}

/**
 * Connectivity came back: entries waiting after a network-level failure (network, timeout,
 * reset) become due now instead of at their backoff time. Not a state change; audited once.
 */
export function wakeWaiting(db: Db, args: { actor: string; now: number; lastErrors?: string[] }): number {
  const kinds = args.lastErrors ?? ['network', 'timeout', 'reset'];
  const r = db
    .prepare(
      `UPDATE outbox_entries SET next_attempt_at = ?, version = version + 1
       WHERE state IN ('waiting_retry','reconciling','accepted') AND next_attempt_at > ? AND last_error IN (${kinds.map(() => '?').join(',')})`,
    )
    .run(args.now, args.now, ...kinds);
  if (r.changes > 0) appendAudit(db, { actor: args.actor, action: 'outbox.wake', entity: 'outbox', entityId: '*', detail: { entries: r.changes } });
  return r.changes;
}

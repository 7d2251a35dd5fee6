import { createHash } from 'node:crypto';
import type { Db } from '../open.ts';

export interface AuditEntry {
  actor: string;
  /** Verb, e.g. `patient.create`. */
  action: string;
  entity: string;
  entityId: string;
  /** What changed, as ids and field names; never names, codici fiscali or clinical text. */
  detail?: Record<string, unknown>;
}

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

function rowHash(r: Omit<AuditRow, 'hash'>): string {
  const canonical = JSON.stringify([r.seq, r.at, r.actor, r.action, r.entity, r.entity_id, r.detail, r.prev_hash]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Appends one entry chained to the previous one. Call it inside the transaction that makes
 * the change, so the change and its audit entry commit together.
 */
export function appendAudit(db: Db, e: AuditEntry): number {
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    | { seq: number; hash: string }
    | undefined;
  const row = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date().toISOString(),
    actor: e.actor,
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId,
    detail: JSON.stringify(e.detail ?? {}),
    prev_hash: last?.hash ?? GENESIS,
  };
  db.prepare(
    `INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, detail, prev_hash, hash)
     VALUES (@seq, @at, @actor, @action, @entity, @entity_id, @detail, @prev_hash, @hash)`,
  ).run({ ...row, hash: rowHash(row) });
  return row.seq;
}

export interface AuditVerdict {
  valid: boolean;
  entries: number;
  firstBadSeq?: number;
  reason?: 'hash-mismatch' | 'chain-broken' | 'sequence-gap';
}

/**
 * Walks the chain: every row's hash must match its content, link to the previous row's hash,
 * and follow it without a gap. An edited row breaks its own hash; a deleted row leaves a gap
 * or a broken link.
 */
export function verifyAudit(db: Db): AuditVerdict {
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let entries = 0;
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
    entries++;
    if (r.seq !== expectedSeq) return { valid: false, entries, firstBadSeq: r.seq, reason: 'sequence-gap' };
    if (r.prev_hash !== prevHash) return { valid: false, entries, firstBadSeq: r.seq, reason: 'chain-broken' };
    if (rowHash(r) !== r.hash) return { valid: false, entries, firstBadSeq: r.seq, reason: 'hash-mismatch' };
    prevHash = r.hash;
    expectedSeq++;
  }
  return { valid: true, entries };
}

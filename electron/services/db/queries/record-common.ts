/** What the longitudinal record's queries share: ids, pages, optimistic versions, the audit line. */
import { randomUUID } from 'node:crypto';
import type { Db } from '../open.ts';
import { appendAudit } from './audit.ts';
import { AppError } from '../../../../shared/errors/index.ts';
import type { RowMeta } from '../../../../shared/api/paging.ts';

/** A new record id: a prefix saying what it is and a UUID (RecordId allows 64 characters). */
export function newRecordId(prefix: string): string {
  return `${prefix}.${randomUUID()}`;
}

export interface MetaRow { version: number; created_at: string; updated_at: string }

export function rowMeta(r: MetaRow): RowMeta {
  return { version: r.version, createdAt: r.created_at, updatedAt: r.updated_at };
}

/** `total` rows matched and this page started at `offset`: where the next page starts, or null. */
export function nextOffset(offset: number, got: number, total: number): number | null {
  return offset + got < total ? offset + got : null;
}

export function checkVersion(entity: string, existing: { version: number } | undefined, version: number | undefined): void {
  if (existing && version !== undefined && version !== existing.version) {
    throw new AppError('CONFLICT', 'Changed since it was loaded', { entity, field: 'version' });
  }
}

/**
 * One audit line about a patient's record: the entity id is the patient (audit_log_entity serves
 * the patient's access list), the detail carries ids only, never names or clinical text.
 */
export function auditPatient(db: Db, e: { actor: string; action: string; entity: string; patientId: string; detail?: Record<string, unknown> }): number {
  return appendAudit(db, { actor: e.actor, action: e.action, entity: e.entity, entityId: e.patientId, ...(e.detail ? { detail: e.detail } : {}) });
}

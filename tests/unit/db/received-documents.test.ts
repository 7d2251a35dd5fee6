/**
 * The import procedure in the database worker on a real encrypted SQLite file: preview writes
 * nothing, confirmation writes the document byte for byte, its facts with their documentId and
 * one audit entry, all in one transaction (a failure leaves nothing); opening the bytes is
 * audited as document.view.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/services/db/migrations/index.ts';
import type { Db } from '../../../electron/services/db/open.ts';
import { insertPatient } from '../../../electron/services/db/queries/patients.ts';
import { importReceived, listReceived, openReceived, getReceived, type ImportArgs } from '../../../electron/services/db/queries/received-documents.ts';
import { parseReceivedCda } from '../../../shared/import/parse-cda.ts';
import { receivedDocumentId } from '../../../shared/import/plan.ts';
import { freshDatabase } from '../../migrations/helpers.ts';

const LAB = readFileSync('tests/fixtures/cda/official-examples/LAB.xml');
const verdict = { verdict: 'valid' as const, errors: 0, warnings: 0, messages: [], checkedAt: '2026-01-01T00:00:00Z' };

function args(bytes: Buffer, patientId: string, apply: boolean): ImportArgs {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return {
    actor: 'test', patientId, createPatient: false, content: parseReceivedCda(bytes.toString('utf8')),
    identity: { documentId: receivedDocumentId(sha256), format: 'cda', sha256, size: bytes.length, receivedAt: '2026-01-02T10:00:00Z' },
    validation: verdict, signature: { ...verdict, verdict: 'not-applicable' }, apply, bytes: new Uint8Array(bytes),
  };
}

const count = (db: Db, sql: string, ...p: unknown[]) => (db.prepare(sql).get(...p) as { n: number }).n;

describe('received documents in the db worker', () => {
  let f: ReturnType<typeof freshDatabase>;
  let patientId: string;
  beforeEach(() => {
    f = freshDatabase();
    migrate(f.db);
    patientId = insertPatient(f.db, { actor: 'test', patient: { surname: 'Test', givenName: 'Giuseppe', sex: 'M', birthDate: '1982-02-02', identifierKind: 'CF', identifier: 'GTWGWY82B42G920M' } }).id;
  });
  afterEach(() => f.dispose());

  it('previews without writing, then writes once with one audit entry; the bytes come back identical and the access is audited', () => {
    const auditBefore = count(f.db, 'SELECT count(*) AS n FROM audit_log');
    const preview = f.db.transaction(() => importReceived(f.db, args(LAB, patientId, false)))();
    expect(preview.applied).toBe(false);
    expect(preview.observations.add).toHaveLength(1);
    expect(count(f.db, 'SELECT count(*) AS n FROM received_documents')).toBe(0);
    expect(count(f.db, 'SELECT count(*) AS n FROM audit_log')).toBe(auditBefore);

    const applied = f.db.transaction(() => importReceived(f.db, args(LAB, patientId, true)))();
    expect(applied.added).toEqual({ documents: 1, observations: 1 });
    expect(count(f.db, 'SELECT count(*) AS n FROM observations WHERE document_id = ?', applied.documentId)).toBe(1);
    const audit = f.db.prepare('SELECT action, entity_id, detail FROM audit_log WHERE seq > ? ORDER BY seq').all(auditBefore) as Array<{ action: string; entity_id: string; detail: string }>;
    expect(audit.map((a) => a.action)).toEqual(['document.import']);
    expect(audit[0]!.entity_id).toBe(patientId);
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ documentId: applied.documentId, kind: 'LAB' });
    expect(audit[0]!.detail).not.toContain('GTWGWY82B42G920M');

    const opened = f.db.transaction(() => openReceived(f.db, { actor: 'test', patientId, documentId: applied.documentId }))();
    expect(Buffer.from(opened.bytes).equals(LAB)).toBe(true);
    const view = f.db.prepare('SELECT action, detail FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { action: string; detail: string };
    expect(view.action).toBe('document.view');
    expect(JSON.parse(view.detail)).toMatchObject({ documentId: applied.documentId });
    // Reading the metadata and facts is not an access to the content.
    getReceived(f.db, { patientId, documentId: applied.documentId });
    expect(count(f.db, `SELECT count(*) AS n FROM audit_log WHERE action = 'document.view'`)).toBe(1);
    expect(listReceived(f.db, { patientId, limit: 10 }).items.map((i) => i.id)).toEqual([applied.documentId]);

    const again = f.db.transaction(() => importReceived(f.db, args(LAB, patientId, true)))();
    expect(again.duplicate).toMatchObject({ documentId: applied.documentId, by: 'content' });
    expect(again.added).toEqual({});
    expect(count(f.db, 'SELECT count(*) AS n FROM observations')).toBe(1);
  });

  it('a write that fails part-way leaves nothing: document, bytes, facts and audit roll back together', () => {
    const a = args(LAB, patientId, true);
    // Two facts with one id: the second insert fails after the document and the first fact.
    const o = a.content.observations[0]!;
    a.content = { ...a.content, dispensations: [
      { id: 'd1', date: '2024-01-01', atc: { code: 'C08CA01', display: 'AMLODIPINA' }, packs: 1, source: 'document' },
      { id: 'd1', date: '2024-01-02', atc: { code: 'C08CA01', display: 'AMLODIPINA' }, packs: 1, source: 'document' },
    ], observations: [o] };
    const audit = count(f.db, 'SELECT count(*) AS n FROM audit_log');
    expect(() => f.db.transaction(() => importReceived(f.db, a))()).toThrow();
    for (const t of ['received_documents', 'received_document_files', 'observations', 'dispensations']) expect(count(f.db, `SELECT count(*) AS n FROM ${t}`), t).toBe(0);
    expect(count(f.db, 'SELECT count(*) AS n FROM audit_log')).toBe(audit);
  });
});

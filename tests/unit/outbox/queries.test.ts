import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/services/db/migrations/index.ts';
import { openDatabase, type Db } from '../../../electron/services/db/open.ts';
import { verifyAudit } from '../../../electron/services/db/queries/audit.ts';
import {
  dueEntries,
  enqueueDocument,
  getEntry,
  listDeadLetters,
  listEntries,
  nextDueAt,
  outboxStats,
  startSend,
  transitionEntry,
  updatePayload,
} from '../../../electron/services/db/queries/outbox.ts';
import { tempDir } from '../../helpers/temp-services.ts';

const payload = {
  v: 1 as const,
  requestBody: { tipologiaStruttura: 'Territorio' },
  patient: { extension: 'GTWGWY82B42G920M', root: '2.16.840.1.113883.2.9.4.3.2' },
  documentCode: { code: '60591-5', codeSystem: '2.16.840.1.113883.6.1' },
};

describe('outbox queries', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: Db;
  afterEach(() => {
    db.close();
    dir.dispose();
  });
  const open = () => {
    dir = tempDir();
    db = openDatabase(join(dir.path, 'o.db'), 'cd'.repeat(32));
    migrate(db);
  };
  const tx = <T>(f: () => T): T => db.transaction(f)();
  const audits = () => (db.prepare('SELECT action, entity_id, detail FROM audit_log ORDER BY seq').all() as { action: string; entity_id: string; detail: string }[]);

  it('document and entry are written together and audited; a failed insert leaves neither', () => {
    open();
    const e = tx(() => enqueueDocument(db, { actor: 'dr', document: { kind: 'PSS', identificativoDoc: 'x^1', pdf: new Uint8Array([0x25, 0x50, 0x44, 0x46]) }, entry: { operation: 'create', payload }, now: 1000 }));
    expect(e).toMatchObject({ state: 'queued', step: 'validate', attempts: 0, nextAttemptAt: 1000, identificativoDoc: 'x^1' });
    expect(audits().map((a) => a.action)).toEqual(['document.create', 'outbox.create']);
    expect(() => tx(() => enqueueDocument(db, { actor: 'dr', document: { kind: 'PSS', identificativoDoc: 'x^1', pdf: new Uint8Array([1]) }, entry: { operation: 'create', payload } }))).toThrow(/already exists/);
    expect(() => tx(() => enqueueDocument(db, { actor: 'dr', document: { kind: 'PSS', identificativoDoc: 'x^2', pdf: new Uint8Array([1]) }, entry: { operation: 'create', payload: { ...payload, patient: { extension: '', root: '' } } } }))).toThrow();
    expect(listEntries(db)).toHaveLength(1);
    expect((db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n).toBe(1);
    const withWii = tx(() => enqueueDocument(db, { actor: 'dr', document: { kind: 'PSS', identificativoDoc: 'x^3', pdf: new Uint8Array([1]) }, entry: { operation: 'create', payload, workflowInstanceId: 'w' } }));
    expect(withWii.step).toBe('publish');
  });

  it('transitions follow the machine, count attempts, are audited, and refuse what it forbids', () => {
    open();
    const e = tx(() => enqueueDocument(db, { actor: 'dr', document: { kind: 'PSS', identificativoDoc: 'x^1', pdf: new Uint8Array([1, 2, 3]) }, entry: { operation: 'create', payload }, now: 0 }));
    const w = tx(() => startSend(db, { actor: 'outbox', entryId: e.id, now: 10 }));
    expect(w?.entry).toMatchObject({ state: 'sending', attempts: 1 });
    expect([...w!.pdf]).toEqual([1, 2, 3]);
    expect(w!.pdfSha256).toBe('039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81');
    expect(() => tx(() => transitionEntry(db, { actor: 'dr', entryId: e.id, event: 'cancel' }))).toThrow(/not allowed in state sending/);
    const r = tx(() => transitionEntry(db, { actor: 'outbox', entryId: e.id, event: 'failed_transient', now: 20, patch: { nextAttemptAt: 500, lastError: 'network' } }));
    expect(r).toMatchObject({ state: 'waiting_retry', nextAttemptAt: 500, lastError: 'network' });
    expect(dueEntries(db, { now: 499 })).toEqual([]);
    expect(nextDueAt(db)).toBe(500);
    expect(tx(() => startSend(db, { actor: 'outbox', entryId: e.id, now: 499 }))).toBeNull();
    expect(dueEntries(db, { now: 500 })).toEqual([{ id: e.id, state: 'waiting_retry' }]);
    const w2 = tx(() => startSend(db, { actor: 'outbox', entryId: e.id, now: 500 }));
    expect(w2?.entry).toMatchObject({ state: 'sending', attempts: 2 });
    tx(() => transitionEntry(db, { actor: 'outbox', entryId: e.id, event: 'validated', now: 550, patch: { step: 'publish', workflowInstanceId: 'wii' } }));
    tx(() => startSend(db, { actor: 'outbox', entryId: e.id, now: 600 }));
    tx(() => transitionEntry(db, { actor: 'outbox', entryId: e.id, event: 'accepted', now: 700, patch: { traceId: 't1' } }));
    const p = tx(() => transitionEntry(db, { actor: 'outbox', entryId: e.id, event: 'final_success', now: 800 }));
    expect(p).toMatchObject({ state: 'published', workflowInstanceId: 'wii', traceId: 't1', step: 'publish' });
    expect(outboxStats(db)).toMatchObject({ byState: { published: 1 }, pending: 0, lastSyncAt: new Date(800).toISOString() });
    expect(audits().map((a) => a.action)).toEqual([
      'document.create', 'outbox.create', 'outbox.send_started', 'outbox.failed_transient', 'outbox.due', 'outbox.send_started',
      'outbox.validated', 'outbox.send_started', 'outbox.accepted', 'outbox.final_success',
    ]);
    expect(JSON.parse(audits()[3]!.detail)).toMatchObject({ from: 'sending', to: 'waiting_retry' });
    expect(verifyAudit(db).valid).toBe(true);
    // Audit details hold no patient data.
    expect(audits().some((a) => a.detail.includes('GTWGWY'))).toBe(false);
  });

  it('a validation before signing: the entry starts at publication with its workflowInstanceId and time; a new or cleared id drops the time', () => {
    open();
    const e = tx(() => enqueueDocument(db, { actor: 'dr', document: { kind: 'PSS', identificativoDoc: 'x^1', pdf: new Uint8Array([1]) }, entry: { operation: 'create', payload, workflowInstanceId: 'w1', validatedAt: 900, detail: { validationTraceId: 't0' } }, now: 1000 }));
    expect(e).toMatchObject({ step: 'publish', workflowInstanceId: 'w1', validatedAt: 900 });
    expect(JSON.parse(audits()[1]!.detail)).toMatchObject({ prevalidated: true, validationTraceId: 't0' });
    tx(() => startSend(db, { actor: 'outbox', entryId: e.id, now: 1000 }));
    // A transition that leaves the id alone keeps the time.
    expect(tx(() => transitionEntry(db, { actor: 'outbox', entryId: e.id, event: 'failed_transient', now: 1100, patch: { nextAttemptAt: 1100 } })).validatedAt).toBe(900);
    tx(() => startSend(db, { actor: 'outbox', entryId: e.id, now: 1100 }));
    expect(tx(() => transitionEntry(db, { actor: 'outbox', entryId: e.id, event: 'failed_transient', now: 1200, patch: { step: 'validate', workflowInstanceId: null } })).validatedAt).toBeNull();
    tx(() => startSend(db, { actor: 'outbox', entryId: e.id, now: 1200 }));
    expect(tx(() => transitionEntry(db, { actor: 'outbox', entryId: e.id, event: 'validated', now: 1300, patch: { step: 'publish', workflowInstanceId: 'w2', validatedAt: 1300 } }))).toMatchObject({ workflowInstanceId: 'w2', validatedAt: 1300 });
    // Without a workflowInstanceId a time means nothing.
    expect(tx(() => enqueueDocument(db, { actor: 'dr', document: { kind: 'PSS', identificativoDoc: 'x^2', pdf: new Uint8Array([2]) }, entry: { operation: 'create', payload, validatedAt: 5 } })).validatedAt).toBeNull();
  });

  it('with a PSS version: the document, the entry and the PSS mark commit together; a version that cannot be marked leaves nothing', () => {
    open();
    db.exec(`INSERT INTO patients (id, surname, given_name, sex, birth_date, identifier_kind, identifier, surname_key, given_key, created_at, updated_at) VALUES ('p1','S','N','M','2000-01-01','CF','X','S','N','t','t')`);
    const pss = (id: string, state: string, version: number) =>
      db.prepare(`INSERT INTO pss_documents (id, patient_id, set_id, version_number, state, cda, record, choices, confidentiality, created_at, updated_at) VALUES (?, 'p1', 'set', ?, ?, '<x/>', '{}', '{}', 'N', 't', 't')`).run(id, version, state);
    pss('v1', 'confirmed', 1);
    pss('v2', 'draft', 2);
    const e = tx(() => enqueueDocument(db, { actor: 'dr', document: { kind: 'PSS', identificativoDoc: 'x^1', pdf: new Uint8Array([1]) }, entry: { operation: 'create', payload }, pssDocumentId: 'v1' }));
    expect(db.prepare(`SELECT state, document_id FROM pss_documents WHERE id = 'v1'`).get()).toEqual({ state: 'signed', document_id: e.documentId });
    expect(audits().map((a) => a.action)).toEqual(['document.create', 'outbox.create', 'pss.sign']);
    // Not confirmed (a draft), or already signed, or unknown: refused, and neither document nor entry is written.
    expect(() => tx(() => enqueueDocument(db, { actor: 'dr', document: { kind: 'PSS', identificativoDoc: 'x^2', pdf: new Uint8Array([2]) }, entry: { operation: 'create', payload }, pssDocumentId: 'v2' }))).toThrow(/confirmed/);
    expect(() => tx(() => enqueueDocument(db, { actor: 'dr', document: { kind: 'PSS', identificativoDoc: 'x^3', pdf: new Uint8Array([3]) }, entry: { operation: 'create', payload }, pssDocumentId: 'v1' }))).toThrow(/confirmed/);
    expect(() => tx(() => enqueueDocument(db, { actor: 'dr', document: { kind: 'PSS', identificativoDoc: 'x^4', pdf: new Uint8Array([4]) }, entry: { operation: 'create', payload }, pssDocumentId: 'nope' }))).toThrow(/not found/);
    expect(listEntries(db)).toHaveLength(1);
    expect((db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n).toBe(1);
    expect(verifyAudit(db).valid).toBe(true);
  });

  it('optimistic version check', () => {
    open();
    const e = tx(() => enqueueDocument(db, { actor: 'dr', document: { kind: 'PSS', identificativoDoc: 'x^1', pdf: new Uint8Array([1]) }, entry: { operation: 'create', payload } }));
    expect(() => tx(() => transitionEntry(db, { actor: 'dr', entryId: e.id, event: 'edit', expectVersion: e.version + 1 }))).toThrow(/changed meanwhile/);
    expect(tx(() => transitionEntry(db, { actor: 'dr', entryId: e.id, event: 'edit', expectVersion: e.version })).state).toBe('draft');
    expect(tx(() => updatePayload(db, { actor: 'dr', entryId: e.id, payload: { ...payload, patientConsent: false } })).version).toBe(e.version + 2);
    expect(() => getEntry(db, { entryId: 'nope' })).toThrow(/No such outbox entry/);
  });

  it('a payload that no longer parses goes to the dead letters and the entry is parked, audited', () => {
    open();
    const e = tx(() => enqueueDocument(db, { actor: 'dr', document: { kind: 'PSS', identificativoDoc: 'x^1', pdf: new Uint8Array([1]) }, entry: { operation: 'create', payload } }));
    db.prepare(`UPDATE outbox_entries SET payload = '{"v":99}' WHERE id = ?`).run(e.id);
    expect(tx(() => startSend(db, { actor: 'outbox', entryId: e.id }))).toBeNull();
    expect(getEntry(db, { entryId: e.id })).toMatchObject({ state: 'parked', parkedReason: expect.stringContaining('dead letter') });
    expect(listDeadLetters(db)).toEqual([expect.objectContaining({ entryId: e.id, documentId: e.documentId })]);
    expect((db.prepare('SELECT payload FROM outbox_dead_letters').get() as { payload: string }).payload).toBe('{"v":99}');
    expect(audits().map((a) => a.action)).toContain('outbox.dead_letter');
    expect(outboxStats(db)).toMatchObject({ needsAttention: 1, deadLetters: 1 });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/services/db/migrations/index.ts';
import { freshDatabase, isStrict } from './helpers.ts';

describe('migration 003: outbox', () => {
  let t: ReturnType<typeof freshDatabase>;
  afterEach(() => t.dispose());

  const doc = (id: string, idDoc: string) =>
    t.db.prepare(`INSERT INTO documents (id, kind, identificativo_doc, pdf, pdf_sha256, created_at, updated_at) VALUES (?, 'PSS', ?, x'25504446', ?, 't', 't')`).run(id, idDoc, 'a'.repeat(64));
  const entry = (id: string, docId: string, state = 'queued', operation = 'create') =>
    t.db.prepare(`INSERT INTO outbox_entries (id, document_id, operation, state, payload, created_at, updated_at) VALUES (?, ?, ?, ?, '{}', 't', 't')`).run(id, docId, operation, state);

  it('applies on top of 002 keeping patients and the audit log; all tables STRICT', () => {
    t = freshDatabase();
    migrate(t.db, 2);
    t.db.exec("INSERT INTO audit_log VALUES (1,'t','a','x','e','1','{}','0','h')");
    t.db.exec("INSERT INTO patients (id, surname, given_name, sex, birth_date, identifier_kind, identifier, surname_key, given_key, created_at, updated_at) VALUES ('p1','S','N','M','2000-01-01','CF','X','S','N','t','t')");
    expect(migrate(t.db, 3)).toBe(3);
    for (const table of ['documents', 'outbox_entries', 'outbox_dead_letters', 'outbox_meta']) expect(isStrict(t.db, table)).toBe(true);
    expect(t.db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 1 });
    expect(t.db.prepare('SELECT count(*) AS n FROM patients').get()).toEqual({ n: 1 });
  });

  it('checks states, operations, steps, unique identificativoDoc and foreign keys', () => {
    t = freshDatabase();
    migrate(t.db);
    doc('d1', '2.16.840.1.113883.2.9.2.120.4.4^1');
    expect(() => doc('d2', '2.16.840.1.113883.2.9.2.120.4.4^1')).toThrow(/UNIQUE/);
    entry('e1', 'd1');
    expect(() => entry('e2', 'd1', 'sent')).toThrow(/CHECK/);
    expect(() => entry('e3', 'd1', 'queued', 'publish')).toThrow(/CHECK/);
    expect(() => entry('e4', 'nope')).toThrow(/FOREIGN KEY/);
    expect(() => t.db.prepare(`UPDATE outbox_entries SET step = 'poll' WHERE id = 'e1'`).run()).toThrow(/CHECK/);
    expect(() => t.db.prepare(`UPDATE outbox_entries SET attempts = -1 WHERE id = 'e1'`).run()).toThrow(/CHECK/);
    expect(() => t.db.prepare(`INSERT INTO documents (id, kind, identificativo_doc, pdf, pdf_sha256, created_at, updated_at) VALUES ('d3','PSS','x^1',x'00','short','t','t')`).run()).toThrow(/CHECK/);
    expect(() => t.db.prepare(`INSERT INTO documents (id, patient_id, kind, identificativo_doc, pdf, pdf_sha256, created_at, updated_at) VALUES ('d4','nobody','PSS','x^2',x'00',?,'t','t')`).run('a'.repeat(64))).toThrow(/FOREIGN KEY/);
    // STRICT: a text in an INTEGER column is refused.
    expect(() => t.db.prepare(`UPDATE outbox_entries SET next_attempt_at = 'soon' WHERE id = 'e1'`).run()).toThrow(/cannot store TEXT/);
  });

  it('the scheduler query uses the due index', () => {
    t = freshDatabase();
    migrate(t.db);
    const plan = (t.db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM outbox_entries WHERE state IN ('queued','waiting_retry') AND next_attempt_at <= 5`).all() as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan).toMatch(/INDEX outbox_due/);
  });
});

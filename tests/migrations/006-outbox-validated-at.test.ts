import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/services/db/migrations/index.ts';
import { freshDatabase, isStrict } from './helpers.ts';

describe('migration 006: outbox validated_at', () => {
  let t: ReturnType<typeof freshDatabase>;
  afterEach(() => t.dispose());

  it('applies on top of 005 keeping the queue (existing entries: no validation time); still STRICT; no negative or text times', () => {
    t = freshDatabase();
    migrate(t.db, 5);
    t.db.prepare(`INSERT INTO documents (id, kind, identificativo_doc, pdf, pdf_sha256, created_at, updated_at) VALUES ('d1', 'PSS', 'x^1', x'25504446', ?, 't', 't')`).run('a'.repeat(64));
    t.db.exec(`INSERT INTO outbox_entries (id, document_id, operation, state, step, payload, workflow_instance_id, created_at, updated_at) VALUES ('e1', 'd1', 'create', 'queued', 'publish', '{}', 'w1', 't', 't')`);
    expect(migrate(t.db, 6)).toBe(6);
    expect(isStrict(t.db, 'outbox_entries')).toBe(true);
    expect(t.db.prepare(`SELECT workflow_instance_id, validated_at FROM outbox_entries WHERE id = 'e1'`).get()).toEqual({ workflow_instance_id: 'w1', validated_at: null });
    t.db.exec(`UPDATE outbox_entries SET validated_at = 1700000000000 WHERE id = 'e1'`);
    expect(() => t.db.exec(`UPDATE outbox_entries SET validated_at = -1 WHERE id = 'e1'`)).toThrow(/CHECK/);
    expect(() => t.db.exec(`UPDATE outbox_entries SET validated_at = 'yesterday' WHERE id = 'e1'`)).toThrow(/cannot store TEXT/);
  });
});

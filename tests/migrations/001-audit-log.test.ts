import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/services/db/migrations/index.ts';
import { appendAudit, verifyAudit } from '../../electron/services/db/queries/audit.ts';
import { freshDatabase, isStrict } from './helpers.ts';

describe('migration 001: audit log', () => {
  let t: ReturnType<typeof freshDatabase>;
  afterEach(() => t.dispose());

  it('creates a STRICT append-only audit_log and sets user_version 1', () => {
    t = freshDatabase();
    expect(schemaVersion(t.db)).toBe(0);
    expect(migrate(t.db, 1)).toBe(1);
    expect(isStrict(t.db, 'audit_log')).toBe(true);
    appendAudit(t.db, { actor: 'a', action: 'x', entity: 'e', entityId: '1' });
    expect(() => t.db.exec("UPDATE audit_log SET actor='b'")).toThrow(/append-only/);
    expect(verifyAudit(t.db)).toEqual({ valid: true, entries: 1 });
  });

  it('refuses a STRICT type violation', () => {
    t = freshDatabase();
    migrate(t.db, 1);
    expect(() =>
      t.db.exec("INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, detail, prev_hash, hash) VALUES ('x','a','a','a','a','a','a','a','a')"),
    ).toThrow(/datatype mismatch|cannot store/);
  });
});

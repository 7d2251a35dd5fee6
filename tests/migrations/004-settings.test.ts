import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/services/db/migrations/index.ts';
import { getSetting, setSetting } from '../../electron/services/db/queries/settings.ts';
import { verifyAudit } from '../../electron/services/db/queries/audit.ts';
import { freshDatabase, isStrict } from './helpers.ts';

describe('migration 004: settings', () => {
  let t: ReturnType<typeof freshDatabase>;
  afterEach(() => t.dispose());

  it('applies on top of 003 keeping the earlier data; the table is STRICT', () => {
    t = freshDatabase();
    migrate(t.db, 3);
    t.db.exec("INSERT INTO audit_log VALUES (1,'t','a','x','e','1','{}','0','h')");
    t.db.exec("INSERT INTO outbox_meta VALUES ('k','v')");
    expect(migrate(t.db, 4)).toBe(4);
    expect(isStrict(t.db, 'settings')).toBe(true);
    expect(t.db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 1 });
    expect(t.db.prepare('SELECT count(*) AS n FROM outbox_meta').get()).toEqual({ n: 1 });
  });

  it('values must be JSON; keys unique and non-empty; version an integer', () => {
    t = freshDatabase();
    migrate(t.db);
    t.db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('signing', '{"modulePath":"/x.so"}', 't')`).run();
    expect(() => t.db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('signing', '{}', 't')`).run()).toThrow(/UNIQUE|PRIMARY/);
    expect(() => t.db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('other', 'not json', 't')`).run()).toThrow(/CHECK/);
    expect(() => t.db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('', '{}', 't')`).run()).toThrow(/CHECK/);
    expect(() => t.db.prepare(`UPDATE settings SET version = 'two' WHERE key = 'signing'`).run()).toThrow(/cannot store TEXT/);
  });

  it('writes are versioned and audited by field name, never by value', () => {
    t = freshDatabase();
    migrate(t.db);
    expect(getSetting(t.db, { key: 'signing' })).toBeUndefined();
    const a = setSetting(t.db, { actor: 'u', key: 'signing', value: { modulePath: '/usr/lib/opensc-pkcs11.so', tokenLabel: 'CNS' } });
    expect(a).toMatchObject({ key: 'signing', version: 1, value: { modulePath: '/usr/lib/opensc-pkcs11.so', tokenLabel: 'CNS' } });
    const b = setSetting(t.db, { actor: 'u', key: 'signing', value: { modulePath: '/usr/lib/opensc-pkcs11.so', tokenLabel: 'FIRMA' } });
    expect(b.version).toBe(2);
    const audit = t.db.prepare(`SELECT action, entity, entity_id, detail FROM audit_log ORDER BY seq`).all();
    expect(audit).toEqual([
      { action: 'setting.create', entity: 'setting', entity_id: 'signing', detail: JSON.stringify({ fields: ['modulePath', 'tokenLabel'] }) },
      { action: 'setting.update', entity: 'setting', entity_id: 'signing', detail: JSON.stringify({ fields: ['tokenLabel'] }) },
    ]);
    expect(JSON.stringify(audit)).not.toContain('FIRMA');
    expect(verifyAudit(t.db).valid).toBe(true);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { migrate, migrations, schemaVersion } from '../../electron/services/db/migrations/index.ts';
import { freshDatabase, isStrict } from './helpers.ts';

describe('migration 002: patients', () => {
  let t: ReturnType<typeof freshDatabase>;
  afterEach(() => t.dispose());

  it('applies on top of 001, keeping the audit log', () => {
    t = freshDatabase();
    migrate(t.db, 1);
    t.db.exec("INSERT INTO audit_log VALUES (1,'t','a','x','e','1','{}','0','h')");
    expect(migrate(t.db, 2)).toBe(2);
    expect(isStrict(t.db, 'patients')).toBe(true);
    expect(t.db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 1 });
  });

  it('keeps identifiers unique per kind and checks sex and kind', () => {
    t = freshDatabase();
    migrate(t.db, 2);
    const insert = t.db.prepare(
      `INSERT INTO patients (id, surname, given_name, sex, birth_date, identifier_kind, identifier, surname_key, given_key, created_at, updated_at)
       VALUES (?, 'S', 'N', ?, '2000-01-01', ?, ?, 'S', 'N', 't', 't')`,
    );
    insert.run('1', 'M', 'CF', 'X');
    insert.run('2', 'M', 'STP', 'X');
    expect(() => insert.run('3', 'F', 'CF', 'X')).toThrow(/UNIQUE/);
    expect(() => insert.run('4', 'Q', 'CF', 'Y')).toThrow(/CHECK/);
    expect(() => insert.run('5', 'M', 'SSN', 'Z')).toThrow(/CHECK/);
  });

  it('search uses the name and identifier indexes', () => {
    t = freshDatabase();
    migrate(t.db);
    const plan = (sql: string) => (t.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan("SELECT id FROM patients WHERE surname_key >= 'RO' AND surname_key < 'RP'")).toMatch(/USING (COVERING )?INDEX patients_surname_key/);
    expect(plan("SELECT id FROM patients WHERE identifier >= 'RS' AND identifier < 'RT'")).toMatch(/INDEX patients_identifier/);
  });

  it('migrations are numbered from 1 in increasing order (a number may wait for its branch), and a newer database is refused', () => {
    t = freshDatabase();
    const versions = migrations.map((m) => m.version);
    expect(versions[0]).toBe(1);
    expect(versions.every((v, i) => i === 0 || v > versions[i - 1]!)).toBe(true);
    migrate(t.db);
    t.db.pragma('user_version = 99');
    expect(() => migrate(t.db)).toThrow(/newer than this version/);
    expect(schemaVersion(t.db)).toBe(99);
  });
});

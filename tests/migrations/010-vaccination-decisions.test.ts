import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/services/db/migrations/index.ts';
import { freshDatabase, isStrict } from './helpers.ts';

describe('migration 010: vaccination decisions in the record', () => {
  let t: ReturnType<typeof freshDatabase>;
  afterEach(() => t.dispose());

  const insert = (section: string, id: string) =>
    t.db.prepare(`INSERT INTO clinical_entries (patient_id, section, entry_id, body, source, position, created_at, updated_at, version, author_id)
      VALUES ('p1', ?, ?, '{"id":"x"}', 'doctor', 3, 'c', 'u', 2, 'titolare')`).run(section, id);

  it('keeps every row and column, stays STRICT, and accepts the new section only after it', () => {
    t = freshDatabase();
    migrate(t.db, 9);
    t.db.prepare(`INSERT INTO patients (id, surname, given_name, sex, birth_date, identifier_kind, identifier, surname_key, given_key, created_at, updated_at)
      VALUES ('p1', 'S', 'G', 'M', '2024-01-01', 'CF', 'Xp1', 'S', 'G', 't', 't')`).run();
    insert('vaccinations', 'v1');
    expect(() => insert('vaccinationDecisions', 'd0')).toThrow(/CHECK/);
    expect(migrate(t.db, 10)).toBe(10);
    expect(isStrict(t.db, 'clinical_entries')).toBe(true);
    expect(t.db.prepare('SELECT section, entry_id, position, version, author_id, document_id FROM clinical_entries').all()).toEqual([
      { section: 'vaccinations', entry_id: 'v1', position: 3, version: 2, author_id: 'titolare', document_id: null },
    ]);
    insert('vaccinationDecisions', 'd1');
    expect(() => insert('nonsense', 'z')).toThrow(/CHECK/);
    expect(t.db.prepare('SELECT count(*) AS n FROM clinical_entries').get()).toEqual({ n: 2 });
  });
});

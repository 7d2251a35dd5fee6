import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/services/db/migrations/index.ts';
import { freshDatabase } from './helpers.ts';

/** The timeline's days of values (electron/services/db/queries/chart-timeline.ts), as it asks for them. */
const DAYS = `SELECT substr(effective_key, 1, 10) AS day, count(*) AS n, group_concat(DISTINCT code) AS codes FROM observations
  WHERE patient_id = @p AND document_id IS NULL AND substr(effective_key, 1, 10) <= @bound
  GROUP BY substr(effective_key, 1, 10) ORDER BY substr(effective_key, 1, 10) DESC LIMIT @n`;

describe('migration 013: the days of values outside documents and the newest received documents, indexed', () => {
  let t: ReturnType<typeof freshDatabase>;
  afterEach(() => t.dispose());

  it('applies on top of 012 keeping the observations; the timeline walks the new index in its order, with no sort', () => {
    t = freshDatabase();
    migrate(t.db, 12);
    t.db.prepare(
      `INSERT INTO patients (id, surname, given_name, sex, birth_date, identifier_kind, identifier, surname_key, given_key, created_at, updated_at)
       VALUES ('p1', 'S', 'G', 'M', '1950-01-01', 'CF', 'X1', 'S', 'G', 't', 't')`,
    ).run();
    const obs = t.db.prepare(
      `INSERT INTO observations (patient_id, id, code, effective_key, value_num, source, document_id, body, created_at, updated_at)
       VALUES ('p1', ?, ?, ?, 1, ?, ?, '{}', 't', 't')`,
    );
    obs.run('o1', '8480-6', '2024-03-15T10:30:00', 'doctor', null);
    obs.run('o2', '8462-4', '2024-03-15T10:30:00', 'doctor', null);
    obs.run('o3', '29463-7', '2024-03-16T09:00:00', 'doctor', null);
    obs.run('o4', '4548-4', '2024-03-17T08:00:00', 'document', 'DOC.1');
    expect(migrate(t.db, 13)).toBe(13);
    const plan = (t.db.prepare(`EXPLAIN QUERY PLAN ${DAYS}`).all({ p: 'p1', bound: '\uffff', n: 10 }) as Array<{ detail: string }>).map((r) => r.detail).join('\n');
    expect(plan).toContain('USING INDEX observations_results_days');
    expect(plan).not.toMatch(/TEMP B-TREE FOR (GROUP|ORDER) BY/);
    // A document's values are the document's item, not a day of values.
    // group_concat's order is SQLite's to choose: the codes compared as a set.
    const days = (bound: string) => (t.db.prepare(DAYS).all({ p: 'p1', bound, n: 10 }) as Array<{ day: string; n: number; codes: string }>).map((r) => ({ ...r, codes: r.codes.split(',').sort().join(',') }));
    expect(days('\uffff')).toEqual([
      { day: '2024-03-16', n: 1, codes: '29463-7' },
      { day: '2024-03-15', n: 2, codes: '8462-4,8480-6' },
    ]);
    expect(days('2024-03-15')).toEqual([{ day: '2024-03-15', n: 2, codes: '8462-4,8480-6' }]);
    // received.list's newest first (electron/services/db/queries/received-documents.ts), read in the index's order.
    const newest = (t.db.prepare(`EXPLAIN QUERY PLAN SELECT body FROM received_documents WHERE patient_id = ? ORDER BY coalesce(date_key, received_at) DESC, received_at DESC LIMIT ?`).all('p1', 10) as Array<{ detail: string }>).map((r) => r.detail).join('\n');
    expect(newest).toContain('USING INDEX received_documents_newest');
    expect(newest).not.toContain('TEMP B-TREE');
    expect(migrate(t.db)).toBeGreaterThanOrEqual(14);
  });
});

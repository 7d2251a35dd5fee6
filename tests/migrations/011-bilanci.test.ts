import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/services/db/migrations/index.ts';
import { listBilanci, saveBilancio } from '../../electron/services/db/queries/bilanci.ts';
import { freshDatabase, isStrict } from './helpers.ts';

describe('migration 011: bilanci di salute', () => {
  let t: ReturnType<typeof freshDatabase>;
  afterEach(() => t.dispose());

  it('creates a strict table keyed by patient, refuses a malformed date, and a bilancio writes its measurements as observations', () => {
    t = freshDatabase();
    expect(migrate(t.db, 11)).toBe(11);
    expect(isStrict(t.db, 'bilanci')).toBe(true);
    t.db.prepare(`INSERT INTO patients (id, surname, given_name, sex, birth_date, identifier_kind, identifier, surname_key, given_key, created_at, updated_at)
      VALUES ('p1', 'S', 'G', 'F', '2025-01-01', 'CF', 'Xp1', 'S', 'G', 't', 't')`).run();
    expect(() => t.db.prepare(`INSERT INTO bilanci (patient_id, id, date, body, created_at, updated_at) VALUES ('p1', 'b0', '1/3/2025', '{}', 't', 't')`).run()).toThrow(/CHECK/);
    expect(() => t.db.prepare(`INSERT INTO bilanci (patient_id, id, date, body, created_at, updated_at) VALUES ('p1', 'b0', '2025-03-01', 'not json', 't', 't')`).run()).toThrow(/CHECK/);
    const b = t.db.transaction(() => saveBilancio(t.db, { actor: 'test', authorId: 'titolare', patientId: 'p1', id: 'b1', date: '2025-04-01', visitId: '3m', measures: { weightKg: 5.6, lengthCm: 59.5, measure: 'recumbent' }, notes: {} }))();
    expect(b).toMatchObject({ id: 'b1', date: '2025-04-01', visitId: '3m', measures: { weightKg: 5.6 } });
    expect(listBilanci(t.db, { patientId: 'p1' })).toHaveLength(1);
    expect(t.db.prepare(`SELECT id, code, value_num FROM observations WHERE patient_id = 'p1' ORDER BY id`).all()).toEqual([
      { id: 'b1.bmi', code: '39156-5', value_num: 15.8 },
      { id: 'b1.length', code: '8306-3', value_num: 59.5 },
      { id: 'b1.weight', code: '29463-7', value_num: 5.6 },
    ]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/services/db/migrations/index.ts';
import { listDoctors, saveDoctor } from '../../electron/services/db/queries/doctor-profiles.ts';
import { freshDatabase, isStrict } from './helpers.ts';

const CF = 'RSSMRA70A01H501S';
const PROFILE = {
  author: { codiceFiscale: CF, givenName: 'Mario', surname: 'Rossi', role: 'MMG', phone: '06 1' },
  organization: { aslCode: '120201', name: 'ASL Roma 1', regionCode: '120' },
  custodian: { idRoot: '2.16.840.1.113883.2.9.4.1.1', id: '120201', name: 'ASL Roma 1' },
};

describe('migration 009: doctor profiles', () => {
  let t: ReturnType<typeof freshDatabase>;
  afterEach(() => t.dispose());

  /** A version-7 database with the single document profile, a PSS version and a prescription by that doctor. */
  function version7(withProfile: boolean) {
    t = freshDatabase();
    migrate(t.db, 7);
    t.db.prepare(`INSERT INTO patients (id, surname, given_name, sex, birth_date, identifier_kind, identifier, surname_key, given_key, created_at, updated_at)
      VALUES ('p1', 'S', 'G', 'M', '1950-01-01', 'CF', 'Xp1', 'S', 'G', 't', 't')`).run();
    if (withProfile) t.db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('pss.profile', ?, '2025-01-01T00:00:00Z')`).run(JSON.stringify(PROFILE));
    t.db.prepare(`INSERT INTO pss_documents (id, patient_id, set_id, version_number, state, cda, record, choices, confidentiality, created_at, updated_at)
      VALUES ('d1', 'p1', 's1', 1, 'draft', '<x/>', '{}', '{}', 'N', 't', 't')`).run();
    t.db.prepare(`INSERT INTO prescriptions (patient_id, id, date, kind, code, author_id, body, created_at, updated_at)
      VALUES ('p1', 'rx1', '2025-01-02', 'medicine', 'A10BA02', ?, '{}', 't', 't')`).run(CF);
    t.db.prepare(`INSERT INTO prescriptions (patient_id, id, date, kind, code, author_id, body, created_at, updated_at)
      VALUES ('p1', 'rx2', '2025-01-02', 'medicine', 'A10BA02', NULL, '{}', 't', 't')`).run();
  }

  it('keeps the single profile as the titolare, drops the old setting, and names the titolare as author of what was written', () => {
    version7(true);
    expect(migrate(t.db, 9)).toBe(9);
    expect(isStrict(t.db, 'doctor_profiles')).toBe(true);
    const doctors = listDoctors(t.db);
    expect(doctors).toHaveLength(1);
    expect(doctors[0]).toMatchObject({ protected: false, doctor: { id: 'titolare', kind: 'titolare', author: { codiceFiscale: CF, surname: 'Rossi' }, practice: { organization: PROFILE.organization, custodian: PROFILE.custodian } } });
    expect(t.db.prepare(`SELECT count(*) AS n FROM settings WHERE key = 'pss.profile'`).get()).toEqual({ n: 0 });
    expect(t.db.prepare(`SELECT author_id FROM pss_documents`).all()).toEqual([{ author_id: 'titolare' }]);
    expect(t.db.prepare(`SELECT id, author_id FROM prescriptions ORDER BY id`).all()).toEqual([{ id: 'rx1', author_id: 'titolare' }, { id: 'rx2', author_id: null }]);
    expect(t.db.prepare(`SELECT actor, action, entity_id FROM audit_log WHERE entity = 'doctor'`).all()).toEqual([{ actor: 'migration', action: 'doctor.create', entity_id: 'titolare' }]);
  });

  it('without a saved profile creates no doctor; one titolare and one profile per codice fiscale', () => {
    version7(false);
    migrate(t.db, 9);
    expect(listDoctors(t.db)).toEqual([]);
    const titolare = { id: 'titolare', kind: 'titolare' as const, author: PROFILE.author as never, periods: [], practice: PROFILE as never };
    saveDoctor(t.db, { actor: 'test', doctor: { ...titolare, practice: { organization: PROFILE.organization, custodian: PROFILE.custodian } } as never });
    expect(() => saveDoctor(t.db, { actor: 'test', doctor: { ...titolare, id: 'dr-2', author: { ...PROFILE.author, codiceFiscale: 'BNCGLI88E52H501X' } } as never })).toThrow(/titolare already/);
    expect(() => saveDoctor(t.db, { actor: 'test', doctor: { id: 'dr-3', kind: 'sostituto', author: PROFILE.author, periods: [] } as never })).toThrow(/codice fiscale/);
    expect(() => t.db.exec(`INSERT INTO doctor_profiles (id, kind, codice_fiscale, body, created_at, updated_at) VALUES ('x1', 'primario', 'AAAAAAAAAAAAAAAA', '{}', 't', 't')`)).toThrow(/CHECK/);
  });
});

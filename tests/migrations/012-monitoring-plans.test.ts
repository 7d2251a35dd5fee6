import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/services/db/migrations/index.ts';
import { freshDatabase, isStrict } from './helpers.ts';

describe('migration 012: telemonitoring plans', () => {
  let t: ReturnType<typeof freshDatabase>;
  afterEach(() => t.dispose());

  function patient(id: string) {
    t.db.prepare(
      `INSERT INTO patients (id, surname, given_name, sex, birth_date, identifier_kind, identifier, surname_key, given_key, created_at, updated_at)
       VALUES (?, 'S', 'G', 'M', '2000-01-01', 'CF', ?, 'S', 'G', 't', 't')`,
    ).run(id, `X${id}`);
  }
  const plan = (patientId: string, id: string, start: string, end: string) =>
    t.db.prepare(`INSERT INTO monitoring_plans (patient_id, id, start_date, end_date, body, created_at, updated_at) VALUES (?, ?, ?, ?, '{}', 't', 't')`).run(patientId, id, start, end);
  const ack = (patientId: string, alertId: string, planId: string) =>
    t.db.prepare(`INSERT INTO monitoring_acknowledgements (patient_id, alert_id, plan_id, acknowledged_at, actor) VALUES (?, ?, ?, 't', 'doctor:titolare')`).run(patientId, alertId, planId);

  it('applies on top of 009 keeping the patients; both tables are STRICT', () => {
    t = freshDatabase();
    migrate(t.db, 9);
    patient('p1');
    expect(migrate(t.db, 12)).toBe(12);
    for (const table of ['monitoring_plans', 'monitoring_acknowledgements']) expect(isStrict(t.db, table), table).toBe(true);
    expect(t.db.prepare('SELECT count(*) AS n FROM patients').get()).toEqual({ n: 1 });
  });

  it('checks the patient, the dates and their order, and ties acknowledgements to a plan of the patient', () => {
    t = freshDatabase();
    migrate(t.db);
    patient('p1');
    patient('p2');
    plan('p1', 'MON.1', '2024-03-10', '2024-04-09');
    expect(() => plan('nobody', 'MON.2', '2024-03-10', '2024-04-09')).toThrow(/FOREIGN KEY/);
    expect(() => plan('p1', 'MON.3', '2024-04-10', '2024-04-09')).toThrow(/CHECK/);
    expect(() => plan('p1', 'MON.4', '10/03/2024', '2024-04-09')).toThrow(/CHECK/);
    ack('p1', 'MON.1:8480-6:missing:2024-03-10', 'MON.1');
    expect(() => ack('p2', 'MON.1:8480-6:missing:2024-03-10', 'MON.1')).toThrow(/FOREIGN KEY/);
    expect(() => ack('p1', 'MON.1:8480-6:missing:2024-03-10', 'MON.1')).toThrow(/UNIQUE|PRIMARY/);
  });
});

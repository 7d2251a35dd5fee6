import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../electron/services/logging/logger.ts';
import { seedSandboxPanel } from '../../../electron/services/sandbox/sandbox-panel.ts';
import { tempServices } from '../../helpers/temp-services.ts';
import { syntheticPatients } from '../../../shared/synthetic/patients.ts';
import { syntheticChildren } from '../../../shared/synthetic/children.ts';
import { TITOLARE_ID } from '../../../electron/services/doctors/directory.ts';

describe('sandbox panel', () => {
  let s: Awaited<ReturnType<typeof tempServices>>;
  beforeAll(async () => {
    s = await tempServices();
  });
  afterAll(() => s.dispose());
  const logger = createLogger({ level: 'silent' });

  it('fills an empty database with patients and their records, tells the lists, and is a no-op after', async () => {
    const changed: string[] = [];
    const stop = s.events.listen((event, payload) => {
      if (event === 'patients.changed') changed.push((payload as { id: string }).id);
    });
    await seedSandboxPanel({ db: s.db, events: s.events, logger, count: 12, today: '2026-11-27', histories: { count: 2, intensive: false } });
    const { items, total } = await s.db.call('patients.search', { text: '', limit: 50 });
    expect(total).toBe(12);
    expect(changed).toHaveLength(1);
    const view = await s.dispatcher.dispatch('record.get', { patientId: items[0]!.id }, { actor: 't', transport: 'in-process' });
    expect(view.ok && (view.value as { meta: unknown[] }).meta.length).toBeGreaterThan(0);

    // Two adults got years of record: visits, plans with refills, documents carrying their values.
    let withHistory = 0;
    for (const p of items) {
      const v = await s.db.call('visits.list', { patientId: p.id, limit: 1, offset: 0 });
      if (v.total === 0) continue;
      withHistory++;
      // Written by the practice's titolare (a doctor profile id, DoctorProfile in shared/domain/doctors.ts).
      expect(v.items[0]!.authorId).toBe(TITOLARE_ID);
      const { items: plans } = await s.db.call('therapy.listPlans', { patientId: p.id });
      for (const plan of plans) expect(plan.refills.length).toBeGreaterThan(0);
    }
    expect(withHistory).toBe(2);

    await seedSandboxPanel({ db: s.db, events: s.events, logger, count: 12 });
    expect((await s.db.call('patients.search', { text: '', limit: 1 })).total).toBe(12);
    expect(changed).toHaveLength(1);
    stop();
  });

  it('after a stop between the two commits (patients written, records not), the next start writes the missing records and leaves the doctor\'s patients alone', async () => {
    const t = await tempServices();
    try {
      // The state a SIGKILL after the first commit leaves: the sandbox's patients, no records.
      await t.db.call('patients.insertMany', { actor: 'sandbox', patients: syntheticPatients({ count: 8, seed: 42 }) });
      const mine = await t.db.call('patients.insert', { actor: 'local-user', patient: syntheticPatients({ count: 1, seed: 7 })[0]! });
      expect(await t.db.call('sandbox.patientsWithoutRecord', undefined as never)).toHaveLength(8);

      await seedSandboxPanel({ db: t.db, events: t.events, logger, count: 8, today: '2026-11-27' });
      const { items, total } = await t.db.call('patients.search', { text: '', limit: 50 });
      expect(total).toBe(9);
      for (const p of items) {
        const { meta } = await t.db.call('record.get', { patientId: p.id });
        if (p.id === mine.id) expect(meta).toHaveLength(0);
        else expect(meta.length, p.id).toBeGreaterThan(0);
      }
      expect(await t.db.call('sandbox.patientsWithoutRecord', undefined as never)).toHaveLength(0);
      await seedSandboxPanel({ db: t.db, events: t.events, logger, count: 8 }); // complete: nothing more
      expect((await t.db.call('patients.search', { text: '', limit: 1 })).total).toBe(9);
    } finally {
      await t.dispose();
    }
  });
});

describe('sandbox children', () => {
  const logger = createLogger({ level: 'silent' });
  it('adds children 0-14 with guardians and calendar histories (some overdue, a refusal, an exemption, a postponement), the same on every run, adults unchanged', async () => {
    const t = await tempServices();
    try {
      await seedSandboxPanel({ db: t.db, events: t.events, logger, count: 6, today: '2026-11-27', children: 20 });
      const { items, total } = await t.db.call('patients.search', { text: '', limit: 100 });
      expect(total).toBe(26);
      const kids = items.filter((p) => p.birthDate > '2011-11-27');
      expect(kids).toHaveLength(20);
      const facts = await t.db.call('vaccinations.facts', { bornAfter: '2011-11-27' });
      expect(facts).toHaveLength(20);
      const kinds = facts.flatMap((f) => f.decisions.map((d) => d.kind));
      expect(kinds).toEqual(expect.arrayContaining(['refusal', 'exemption', 'postponement']));
      expect(facts.filter((f) => f.vaccinations.length > 0).length).toBeGreaterThan(15);
      const patient = await t.db.call('patients.get', { id: kids[0]!.id });
      expect(patient.guardian).toMatchObject({ relation: expect.stringMatching(/^(MTH|FTH)$/), codiceFiscale: expect.stringMatching(/^[A-Z0-9]{16}$/) });
      const record = await t.db.call('record.get', { patientId: kids[0]!.id });
      expect(record.record.pregnancies).toEqual([]);
      const overdue = await t.dispatcher.dispatch('vaccinations.overdue', { today: '2026-11-27' }, { actor: 't', transport: 'in-process' });
      expect(overdue.ok && (overdue.value as { items: unknown[] }).items.length).toBeGreaterThan(0);
      // Deterministic: the same children and histories from the same seed.
      const again = syntheticChildren({ count: 20, seed: 14, today: '2026-11-27' });
      expect(again.map((c) => c.patient.identifier).sort()).toEqual(kids.map((k) => k.identifier).sort());
      // The adults are those of the panel without children.
      const adults = syntheticPatients({ count: 6, seed: 42 }).map((p) => p.identifier).sort();
      expect(items.filter((p) => p.birthDate <= '2011-11-27').map((p) => p.identifier).sort()).toEqual(adults);
    } finally {
      await t.dispose();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../electron/services/logging/logger.ts';
import { seedSandboxPanel } from '../../../electron/services/sandbox/sandbox-panel.ts';
import { tempServices } from '../../helpers/temp-services.ts';
import { syntheticPatients } from '../../../shared/synthetic/patients.ts';
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

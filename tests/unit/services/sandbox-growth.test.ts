/**
 * The sandbox's children get their growth series as bilanci with observations: the children
 * of a paediatric panel (0-14 years) each have the bilanci their age has reached, read back by
 * growth.points with z-scores; adults get none; a second run writes nothing twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSandboxGrowth } from '../../../electron/services/sandbox/sandbox-growth.ts';
import { syntheticPatients } from '../../../shared/synthetic/patients.ts';
import { tempServices } from '../../helpers/temp-services.ts';

const TODAY = '2026-11-27';

describe('sandbox growth series', () => {
  let s: Awaited<ReturnType<typeof tempServices>>;
  beforeAll(async () => {
    s = await tempServices();
  });
  afterAll(() => s.dispose());

  it('children of the panel get bilanci and scored points; adults none; idempotent', async () => {
    const children = syntheticPatients({ count: 6, seed: 77, kind: 'PLS', today: new Date(`${TODAY}T12:00:00Z`) });
    const adults = syntheticPatients({ count: 2, seed: 78, today: new Date(`${TODAY}T12:00:00Z`) });
    await s.db.call('patients.insertMany', { actor: 'test', patients: [...children, ...adults] });
    const { items } = await s.db.call('patients.search', { text: '', limit: 20 });
    const seeded = await seedSandboxGrowth({ db: s.db, today: TODAY, patients: items });
    let withBilanci = 0;
    for (const p of items) {
      const isChild = children.some((c) => c.identifier === p.identifier);
      const bilanci = await s.db.call('bilanci.list', { patientId: p.id });
      const r = await s.dispatcher.dispatch('growth.points', { patientId: p.id }, { actor: 't', transport: 'in-process' });
      expect(r.ok).toBe(true);
      const points = r.ok ? (r.value as { points: Array<{ scores: Record<string, { z: number }> }> }).points : [];
      expect(points).toHaveLength(bilanci.length);
      if (!isChild) expect(bilanci).toEqual([]);
      if (bilanci.length) withBilanci++;
      // Past 10 years WHO 2007 has no weight-for-age: length/height and BMI remain.
      for (const pt of points) expect(Object.keys(pt.scores).length).toBeGreaterThanOrEqual(2);
    }
    expect(seeded).toBe(withBilanci);
    expect(withBilanci).toBeGreaterThanOrEqual(4);
    expect(await seedSandboxGrowth({ db: s.db, today: TODAY, patients: items })).toBe(0);
  });
});

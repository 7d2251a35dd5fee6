/**
 * The sandbox's children get growth series (shared/synthetic/growth-series.ts): every patient
 * of the panel under 15 years, one bilancio di salute per visit of the default schedule already
 * reached, with its measurements (bilanci.save: the bilancio and its observations together).
 * A child that already has bilanci is left alone, so a second start writes nothing twice.
 */
import { syntheticGrowthSeries } from '../../../shared/synthetic/growth-series.ts';
import { daysBetween } from '../../../shared/domain/iso-date.ts';
import type { DbClient } from '../db/client.ts';
import { loadGrowthTables } from '../growth/who-tables.ts';
import { TITOLARE_ID } from '../doctors/directory.ts';

const CHILD_UNDER_DAYS = 15 * 365.25;

export async function seedSandboxGrowth(o: {
  db: DbClient; today: string; patients: ReadonlyArray<{ id: string; sex: 'M' | 'F'; birthDate: string }>; pause?: () => Promise<void>;
}): Promise<number> {
  const tables = loadGrowthTables();
  let seeded = 0;
  for (const [i, p] of o.patients.entries()) {
    const age = daysBetween(p.birthDate, o.today);
    if (age < 0 || age >= CHILD_UNDER_DAYS) continue;
    if ((await o.db.call('bilanci.list', { patientId: p.id })).length > 0) continue;
    const series = syntheticGrowthSeries(tables, { birthDate: p.birthDate, sex: p.sex, seed: 1400 + i, today: o.today });
    if (series.length === 0) continue;
    for (const m of series) {
      await o.db.call('bilanci.save', {
        actor: 'sandbox', authorId: TITOLARE_ID, patientId: p.id, id: `BIL.sandbox.${m.visitId}`, date: m.date, visitId: m.visitId,
        measures: { weightKg: m.weightKg, lengthCm: m.lengthCm, measure: m.measure, ...(m.headCm !== undefined ? { headCm: m.headCm } : {}) }, notes: {},
      });
    }
    seeded++;
    await o.pause?.();
  }
  return seeded;
}

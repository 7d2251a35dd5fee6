/**
 * The Scheda paziente on the closely followed 20-year patient (3,000 documents, 50,000
 * observations), seeded as the sandbox does: the Riepilogo's answer through the dispatcher and
 * the db worker (`riepilogo API p95`), and the timeline's pages read to the end.
 */
import { seedPatientHistory } from '../../electron/services/record/seed-history.ts';
import { syntheticPatients } from '../../shared/synthetic/patients.ts';
import { tempServices } from '../../tests/helpers/temp-services.ts';
import { fmt, percentile, report } from './stats.ts';

const ctx = { actor: 'bench', transport: 'in-process' as const };
const TODAY = '2026-11-30';

export async function run(): Promise<void> {
  const s = await tempServices();
  try {
    const input = syntheticPatients({ count: 200, seed: 42, today: new Date(TODAY) }).find((p) => p.birthDate < '1950')!;
    const { id } = await s.db.call('patients.insert', { actor: 'bench', patient: input });
    await seedPatientHistory(s.db, { actor: 'bench', patientId: id, patient: input, seed: 4200, history: { today: TODAY, years: 20, intensive: { documents: 3000, observations: 50_000 } } });

    const call = async (method: string, args: unknown) => {
      const t = performance.now();
      const r = await s.dispatcher.dispatch(method as never, args, ctx);
      if (!r.ok) throw new Error(`${method} failed: ${r.error.code}`);
      return { ms: performance.now() - t, value: r.value as never };
    };
    for (let i = 0; i < 10; i++) await call('summary.get', { patientId: id, today: TODAY });
    const times: number[] = [];
    for (let i = 0; i < 100; i++) times.push((await call('summary.get', { patientId: id, today: TODAY })).ms);
    report('riepilogo API p95', `${fmt(percentile(times, 95))} ms`, 'target < 30 ms; summary.get through the dispatcher and the db worker');

    const pages: number[] = [];
    let cursor: string | undefined;
    let items = 0;
    do {
      const r = await call('timeline.list', { patientId: id, limit: 200, ...(cursor ? { cursor } : {}) });
      const v = r.value as { items: unknown[]; nextCursor: string | null };
      pages.push(r.ms);
      items += v.items.length;
      cursor = v.nextCursor ?? undefined;
    } while (cursor);
    report('timeline page of 200 p95', `${fmt(percentile(pages, 95))} ms`, `${pages.length} pages, ${items} items to the end`);
    const search: number[] = [];
    for (let i = 0; i < 20; i++) search.push((await call('timeline.list', { patientId: id, text: 'inr', limit: 100 })).ms);
    report('timeline text search p95', `${fmt(percentile(search, 95))} ms`);
  } finally {
    await s.dispose();
  }
}

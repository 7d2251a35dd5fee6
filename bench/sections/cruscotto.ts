/**
 * The chronic-care cruscotto and the Aderenza panel over a 1,500-patient panel with long
 * histories (synthetic, 6 years each: problems, stays, plans, refills and dispensations,
 * laboratory series, vital signs). Goal (not a test): the fifteen indicators and their trend
 * (each evaluated at the reporting date and a year before) < 500 ms, through the dispatcher and
 * the db worker as the app calls them. Baseline in the same run, on the same file, without the
 * worker hop: reading the panel's facts alone (one query per table), which every figure needs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../electron/services/db/open.ts';
import { indicatorCodes, readPanelFacts } from '../../electron/services/db/queries/panel-facts.ts';
import { defaultIndicators } from '../../electron/services/cruscotto/definitions-file.ts';
import { seedPatientHistory } from '../../electron/services/record/seed-history.ts';
import { addInterval, formatIsoDay } from '../../shared/analytics/adherence/days.ts';
import { isoDay } from '../../shared/analytics/adherence/record/record-fills.ts';
import { syntheticPatients } from '../../shared/synthetic/patients.ts';
import { tempServices } from '../../tests/helpers/temp-services.ts';
import { fmt, percentile, report } from './stats.ts';

const ctx = { actor: 'bench', transport: 'in-process' as const };
const TODAY = '2026-11-30';
const SIZE = 1500;
const YEARS = 6;
const RUNS = 10;

export async function run(): Promise<void> {
  const s = await tempServices();
  try {
    const panel = syntheticPatients({ count: SIZE, seed: 2027, today: new Date(TODAY) });
    await s.db.call('patients.insertMany', { actor: 'bench', patients: panel });
    const { items } = await s.db.call('patients.search', { text: '', limit: SIZE });
    const byIdentifier = new Map(panel.map((p) => [p.identifier, p]));
    const t0 = performance.now();
    let dispensations = 0;
    let observations = 0;
    for (const [i, p] of items.entries()) {
      const h = await seedPatientHistory(s.db, { actor: 'bench', patientId: p.id, patient: byIdentifier.get(p.identifier)!, seed: 9000 + i, history: { today: TODAY, years: YEARS } });
      dispensations += h.dispensations;
      observations += h.observations;
    }
    report(`seed ${SIZE} patients with ${YEARS} years of history`, `${fmt(performance.now() - t0)} ms`, `${dispensations} dispensations, ${observations} observations`);

    const timed = async (method: 'cruscotto.indicators' | 'adherence.panel') => {
      for (let i = 0; i < 2; i++) await s.dispatcher.dispatch(method, { asOf: TODAY }, ctx);
      const times: number[] = [];
      let value: unknown;
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        const r = await s.dispatcher.dispatch(method, { asOf: TODAY }, ctx);
        times.push(performance.now() - t);
        if (!r.ok) throw new Error(`${method} failed: ${r.error.code}`);
        value = r.value;
      }
      return { median: percentile(times, 50), p95: percentile(times, 95), value };
    };

    const db = (() => {
      const secrets = JSON.parse(readFileSync(join(s.dataDir, 'dev-secrets.json'), 'utf8')) as Record<string, string>;
      return openDatabase(join(s.dataDir, 'cartella.db'), secrets['database-key']!);
    })();
    let baseline: number;
    try {
      const codes = indicatorCodes(defaultIndicators());
      const from = formatIsoDay(addInterval(isoDay(TODAY), -28, 'months'));
      readPanelFacts(db, { from, codes });
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        readPanelFacts(db, { from, codes });
        times.push(performance.now() - t);
      }
      baseline = percentile(times, 50);
    } finally {
      db.close();
    }
    report(`cruscotto baseline: read the panel's facts (${SIZE} patients, one query per table)`, `${fmt(baseline)} ms`, `median of ${RUNS}`);

    const ind = await timed('cruscotto.indicators');
    const registers = (ind.value as { items: Array<{ denominator: number }> }).items.map((x) => x.denominator);
    report(`cruscotto 15 indicators ${SIZE} patients`, `${fmt(ind.median)} ms`, `median of ${RUNS}, p95 ${fmt(ind.p95)} ms, goal < 500 ms; with last year's trend; registers ${registers.join('/')}; ${(ind.median / baseline).toFixed(1)}x baseline; dispatcher + worker`);
    const adh = await timed('adherence.panel');
    report(`adherence panel ${SIZE} patients`, `${fmt(adh.median)} ms`, `median of ${RUNS}, p95 ${fmt(adh.p95)} ms; ${(adh.value as { items: unknown[] }).items.length} patient-class rows; ${(adh.median / baseline).toFixed(1)}x baseline`);
  } finally {
    await s.dispose();
  }
}

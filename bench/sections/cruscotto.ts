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
import { cruscottoIndicators } from '../../electron/services/db/queries/cruscotto.ts';
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
const COLD_RUNS = 5;

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

    const once = async (method: 'cruscotto.indicators' | 'adherence.panel') => {
      const t = performance.now();
      const r = await s.dispatcher.dispatch(method, { asOf: TODAY }, ctx);
      if (!r.ok) throw new Error(`${method} failed: ${r.error.code}`);
      return { ms: performance.now() - t, value: r.value };
    };
    const timed = async (method: 'cruscotto.indicators' | 'adherence.panel') => {
      const times: number[] = [];
      let value: unknown;
      for (let i = 0; i < RUNS; i++) {
        const r = await once(method);
        times.push(r.ms);
        value = r.value;
      }
      return { median: percentile(times, 50), p95: percentile(times, 95), value };
    };

    const open = () => {
      const secrets = JSON.parse(readFileSync(join(s.dataDir, 'dev-secrets.json'), 'utf8')) as Record<string, string>;
      return openDatabase(join(s.dataDir, 'cartella.db'), secrets['database-key']!);
    };
    const codes = indicatorCodes(defaultIndicators());
    const from = formatIsoDay(addInterval(isoDay(TODAY), -28, 'months'));
    let baseline: number;
    let coldDirect: number;
    {
      const db = open();
      try {
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
      // Cold: a fresh connection each time has nothing kept (panel-cache.ts keeps it per connection).
      const times: number[] = [];
      for (let i = 0; i < COLD_RUNS; i++) {
        const fresh = open();
        try {
          const t = performance.now();
          cruscottoIndicators(fresh, { asOf: TODAY });
          times.push(performance.now() - t);
        } finally {
          fresh.close();
        }
      }
      coldDirect = percentile(times, 50);
    }
    report(`cruscotto baseline: read the panel's facts (${SIZE} patients, one query per table)`, `${fmt(baseline)} ms`, `median of ${RUNS}`);

    const first = await once('cruscotto.indicators');
    report(`cruscotto cold: first call, 15 indicators ${SIZE} patients`, `${fmt(first.ms)} ms`, `one call through the dispatcher and the worker: read, prepare and evaluate the whole panel`);
    report(`cruscotto cold: fresh connection, 15 indicators ${SIZE} patients`, `${fmt(coldDirect)} ms`, `median of ${COLD_RUNS}, no worker hop; ${(coldDirect / baseline).toFixed(1)}x baseline`);
    const ind = await timed('cruscotto.indicators');
    const registers = (ind.value as { items: Array<{ denominator: number }> }).items.map((x) => x.denominator);
    report(`cruscotto 15 indicators ${SIZE} patients`, `${fmt(ind.median)} ms`, `warm: median of ${RUNS}, p95 ${fmt(ind.p95)} ms, goal < 500 ms; with last year's trend; registers ${registers.join('/')}; ${(ind.median / baseline).toFixed(2)}x baseline; dispatcher + worker`);

    // A new HbA1c for one patient, then the cruscotto: that patient is read and evaluated again.
    const changed: number[] = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      const p = items[(i * 97) % items.length]!;
      const observations = [{ id: `bench-hba1c-${i}`, source: 'doctor' as const, code: '4548-4', display: 'HbA1c', effective: TODAY, value: { type: 'quantity' as const, value: 6.8, unit: '%' }, status: 'final' as const }];
      await s.db.call('record.writeHistory', { actor: 'bench', patientId: p.id, part: { observations } });
      changed.push((await once('cruscotto.indicators')).ms);
    }
    report(`cruscotto after one patient's new HbA1c`, `${fmt(percentile(changed, 50))} ms`, `median of ${COLD_RUNS}: that patient read and evaluated again, the others kept`);

    const adhFirst = await once('adherence.panel');
    const adh = await timed('adherence.panel');
    report(`adherence panel ${SIZE} patients`, `${fmt(adh.median)} ms`, `median of ${RUNS}, p95 ${fmt(adh.p95)} ms (first call ${fmt(adhFirst.ms)} ms); ${(adh.value as { items: unknown[] }).items.length} patient-class rows; ${(adh.median / baseline).toFixed(1)}x baseline`);
  } finally {
    await s.dispose();
  }
}

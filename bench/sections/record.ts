/**
 * The longitudinal record: seeding the closely followed 20-year patient (3,000 documents,
 * 50,000 observations) as the sandbox does; "every observation of one code for one patient" on
 * that patient; "the last value of each vital sign for every patient" over a 1,500-patient panel
 * with two years of history each. Baselines in the same run, on the same file, without the
 * worker hop: the series read by parsing each stored body (what the columns avoid), and the
 * panel's last values by a correlated subquery per patient and code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../electron/services/db/open.ts';
import { observationSeries, panelVitals } from '../../electron/services/db/queries/observations.ts';
import { readObservation } from '../../electron/services/db/queries/record-rows.ts';
import { seedPatientHistory } from '../../electron/services/record/seed-history.ts';
import { VITAL_KINDS } from '../../shared/domain/record/index.ts';
import { syntheticPatients } from '../../shared/synthetic/patients.ts';
import { tempServices } from '../../tests/helpers/temp-services.ts';
import { fmt, percentile, report } from './stats.ts';

const ctx = { actor: 'bench', transport: 'in-process' as const };
const TODAY = '2026-11-30';
const SERIES = [
  { code: '4548-4', name: 'HbA1c' },
  { code: '6301-6', name: 'INR' },
  { code: VITAL_KINDS.systolic.loinc, name: 'systolic BP' },
];

function openFile(dataDir: string) {
  const secrets = JSON.parse(readFileSync(join(dataDir, 'dev-secrets.json'), 'utf8')) as Record<string, string>;
  return openDatabase(join(dataDir, 'cartella.db'), secrets['database-key']!);
}

async function seriesOfTheLongPatient(): Promise<void> {
  const s = await tempServices();
  try {
    const input = syntheticPatients({ count: 200, seed: 42, today: new Date(TODAY) }).find((p) => p.birthDate < '1950')!;
    const { id } = await s.db.call('patients.insert', { actor: 'bench', patient: input });
    const t0 = performance.now();
    const seeded = await seedPatientHistory(s.db, {
      actor: 'bench', patientId: id, patient: input, seed: 4200, history: { today: TODAY, years: 20, intensive: { documents: 3000, observations: 50_000 } },
    });
    report('seed the 20-year patient (generate + write)', `${fmt(performance.now() - t0)} ms`, `target < 10000 ms; ${seeded.documents} documents, ${seeded.observations} observations`);

    const db = openFile(s.dataDir);
    try {
      for (const { code, name } of SERIES) {
        const points = observationSeries(db, { patientId: id, code }).points.length;
        for (let i = 0; i < 20; i++) await s.dispatcher.dispatch('observations.series', { patientId: id, code }, ctx);
        const viaWorker: number[] = [];
        for (let i = 0; i < 200; i++) {
          const t = performance.now();
          const r = await s.dispatcher.dispatch('observations.series', { patientId: id, code }, ctx);
          viaWorker.push(performance.now() - t);
          if (!r.ok) throw new Error(`series failed: ${r.error.code}`);
        }
        const alone: number[] = [];
        const bodies: number[] = [];
        const parse = db.prepare('SELECT body FROM observations WHERE patient_id = ? AND code = ? ORDER BY effective_key, id');
        for (let i = 0; i < 50; i++) {
          let t = performance.now();
          observationSeries(db, { patientId: id, code });
          alone.push(performance.now() - t);
          t = performance.now();
          (parse.all(id, code) as Array<{ body: string }>).map(readObservation);
          bodies.push(performance.now() - t);
        }
        const p95 = percentile(viaWorker, 95);
        report(`every ${name} of the 50,000-observation patient (${points} points), p95`, `${fmt(p95)} ms`, `target < 2 ms; dispatcher + worker`);
        report(`  query alone, p95`, `${fmt(percentile(alone, 95))} ms`);
        report(`  baseline: parse every body of the series, p95`, `${fmt(percentile(bodies, 95))} ms`, `${(percentile(bodies, 95) / percentile(alone, 95)).toFixed(1)}x slower`);
      }
    } finally {
      db.close();
    }
  } finally {
    await s.dispose();
  }
}

async function panelLastVitals(size: number): Promise<void> {
  const s = await tempServices();
  try {
    const panel = syntheticPatients({ count: size, seed: 2024, today: new Date(TODAY) });
    await s.db.call('patients.insertMany', { actor: 'bench', patients: panel });
    const { items } = await s.db.call('patients.search', { text: '', limit: size });
    const byIdentifier = new Map(panel.map((p) => [p.identifier, p]));
    const t0 = performance.now();
    let observations = 0;
    for (const [i, p] of items.entries()) {
      observations += (await seedPatientHistory(s.db, { actor: 'bench', patientId: p.id, patient: byIdentifier.get(p.identifier)!, seed: 7000 + i, history: { today: TODAY, years: 2 } })).observations;
    }
    report(`seed ${size} patients with 2 years of history`, `${fmt(performance.now() - t0)} ms`, `${observations} observations`);

    for (let i = 0; i < 5; i++) await s.dispatcher.dispatch('observations.panelVitals', {}, ctx);
    const viaWorker: number[] = [];
    let rows = 0;
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      const r = await s.dispatcher.dispatch('observations.panelVitals', {}, ctx);
      viaWorker.push(performance.now() - t);
      if (!r.ok) throw new Error(`panel vitals failed: ${r.error.code}`);
      rows = (r.value as { items: unknown[] }).items.length;
    }
    report(`last value of each vital sign for every patient (${size}), p95`, `${fmt(percentile(viaWorker, 95))} ms`, `target < 50 ms; ${rows} patients with values; dispatcher + worker`);

    const db = openFile(s.dataDir);
    try {
      const alone: number[] = [];
      const naive: number[] = [];
      const codes = Object.values(VITAL_KINDS).map((k) => k.loinc);
      const q = db.prepare(
        `SELECT p.id, c.code, (SELECT value_num FROM observations o WHERE o.patient_id = p.id AND o.code = c.code ORDER BY effective_key DESC LIMIT 1) AS v
         FROM patients p, (SELECT value AS code FROM json_each(?)) c`,
      );
      for (let i = 0; i < 10; i++) {
        let t = performance.now();
        panelVitals(db);
        alone.push(performance.now() - t);
        t = performance.now();
        q.all(JSON.stringify(codes));
        naive.push(performance.now() - t);
      }
      report('  query alone, p95', `${fmt(percentile(alone, 95))} ms`);
      report('  baseline: one subquery per patient and vital sign, p95', `${fmt(percentile(naive, 95))} ms`, `${(percentile(naive, 95) / percentile(alone, 95)).toFixed(1)}x`);
    } finally {
      db.close();
    }
  } finally {
    await s.dispose();
  }
}

export async function run(): Promise<void> {
  await seriesOfTheLongPatient();
  await panelLastVitals(1500);
}

import { syntheticPatients } from '../../shared/synthetic/patients.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../electron/services/db/open.ts';
import { searchPatients } from '../../electron/services/db/queries/patients.ts';
import { seededRandom, pick } from '../../shared/random.ts';
import { tempServices } from '../../tests/helpers/temp-services.ts';
import { fmt, percentile, report } from './stats.ts';

const ctx = { actor: 'bench', transport: 'in-process' as const };

/** What a doctor types: 2-5 letters of a surname or name, a codice fiscale prefix, or "surname name". */
function queries(panel: { surname: string; givenName: string; identifier: string }[], n: number): string[] {
  const rand = seededRandom(11);
  return Array.from({ length: n }, () => {
    const p = pick(rand, panel);
    const r = rand();
    if (r < 0.5) return p.surname.slice(0, 2 + Math.floor(rand() * 4));
    if (r < 0.7) return p.givenName.slice(0, 3 + Math.floor(rand() * 3));
    if (r < 0.85) return p.identifier.slice(0, 6 + Math.floor(rand() * 10));
    return `${p.surname} ${p.givenName.slice(0, 2)}`;
  });
}

async function benchSize(size: number): Promise<void> {
  const s = await tempServices();
  try {
    const panel = syntheticPatients({ count: size, seed: 2024 });
    const t0 = performance.now();
    for (let i = 0; i < panel.length; i += 5000) {
      await s.db.call('patients.insertMany', { actor: 'bench', patients: panel.slice(i, i + 5000) });
    }
    report(`seed ${size} patients (with audit)`, `${fmt(performance.now() - t0)} ms`);

    const qs = queries(panel, 400);
    for (const q of qs.slice(0, 20)) await s.dispatcher.dispatch('patients.search', { text: q, limit: 50 }, ctx); // warm-up
    const times: number[] = [];
    for (const q of qs) {
      const t = performance.now();
      const r = await s.dispatcher.dispatch('patients.search', { text: q, limit: 50 }, ctx);
      times.push(performance.now() - t);
      if (!r.ok) throw new Error(`search failed: ${r.error.code}`);
    }
    const p50 = percentile(times, 50);
    const p95 = percentile(times, 95);
    report(`patient search over ${size} (dispatcher + worker), p50`, `${fmt(p50)} ms`);
    report(`patient search over ${size} (dispatcher + worker), p95`, `${fmt(p95)} ms`, `target < ${size > 10_000 ? 20 : 5} ms`);

    // Baseline in the same run, on the same file, both without the worker hop: our indexed
    // query against the full-table LIKE scan a naive search would do.
    const secrets = JSON.parse(readFileSync(join(s.dataDir, 'dev-secrets.json'), 'utf8')) as Record<string, string>;
    const db = openDatabase(join(s.dataDir, 'cartella.db'), secrets['database-key']!);
    const naive = db.prepare(
      "SELECT id FROM patients WHERE surname LIKE '%' || ? || '%' OR given_name LIKE '%' || ? || '%' OR identifier LIKE '%' || ? || '%' ORDER BY surname LIMIT 50",
    );
    const indexed: number[] = [];
    const scan: number[] = [];
    for (const q of qs.slice(0, 100)) {
      let t = performance.now();
      searchPatients(db, { text: q, limit: 50 });
      indexed.push(performance.now() - t);
      const k = q.split(' ')[0]!;
      t = performance.now();
      naive.all(k, k, k);
      scan.push(performance.now() - t);
    }
    db.close();
    const ip50 = percentile(indexed, 50);
    report(`  indexed query alone over ${size}, p50`, `${fmt(ip50)} ms`);
    report(`  baseline: LIKE '%text%' scan over ${size}, p50`, `${fmt(percentile(scan, 50))} ms`, `${(percentile(scan, 50) / ip50).toFixed(1)}x slower`);
  } finally {
    await s.dispose();
  }
}

export async function run(): Promise<void> {
  await benchSize(1500);
  await benchSize(100_000);
}

/**
 * `npm run bench`: figures, not pass/fail. Each section prints its measurements and, where
 * it has one, a baseline measured in the same run so ratios are comparable across machines.
 * `npm run bench -- search` runs only the sections whose name contains "search".
 */
import { cpus } from 'node:os';

const sections: [string, () => Promise<{ run(): Promise<void> }>][] = [
  ['node host start', () => import('./sections/node-host-start.ts')],
  ['patient search', () => import('./sections/patient-search.ts')],
  ['cda validation', () => import('./sections/validation.ts')],
  ['pss documents', () => import('./sections/documents.ts')],
  ['signing', () => import('./sections/signing.ts')],
  ['gateway outbox drain', () => import('./sections/gateway.ts')],
  ['dicom imaging', () => import('./sections/dicom.ts')],
  ['growth', () => import('./sections/growth.ts')],
  ['adherence', () => import('./sections/adherence.ts')],
  ['import of received documents', () => import('./sections/import.ts')],
  ['longitudinal record', () => import('./sections/record.ts')],
  ['trend charts', () => import('./sections/trends.ts')],
  ['scheda paziente', () => import('./sections/chart.ts')],
  ['cruscotto', () => import('./sections/cruscotto.ts')],
];

const filter = process.argv.slice(2).join(' ');
process.stdout.write(`Cartella bench — ${new Date().toISOString()} — node ${process.version}, ${cpus().length} cores\n`);
for (const [name, load] of sections) {
  if (filter && !name.includes(filter)) continue;
  process.stdout.write(`\n[${name}]\n`);
  try {
    await (await load()).run();
  } catch (e) {
    process.stdout.write(`  not measured: ${e instanceof Error ? e.message : String(e)}\n`);
  }
}
process.exit(0);

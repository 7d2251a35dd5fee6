import { syntheticPatients } from '../../../shared/synthetic/patients.ts';
import { parseCliArgs, positiveInt } from '../args.ts';
import { EXIT_OK, printJsonLine, UsageError, type CliCommand } from '../command.ts';
import { openCliServices } from '../open-db.ts';

export const command: CliCommand = {
  name: 'seed',
  summary: 'fill a database with a synthetic panel of patients',
  usage: `cartella seed --patients N [--db FILE] [--seed S] [--kind MMG|PLS]

  Creates N synthetic patients (plausible Italian names, valid codici fiscali, ages of an
  MMG panel, or 0-14 for PLS) in the encrypted database FILE (created if missing).
  Prints {"inserted":N,"ms":T}.`,
  async run(argv) {
    const { values } = parseCliArgs(argv, {
      patients: { type: 'string' },
      db: { type: 'string' },
      seed: { type: 'string' },
      kind: { type: 'string' },
    });
    const count = positiveInt(values.patients, 'patients', -1);
    if (count < 0) throw new UsageError('--patients is required');
    const kind = values.kind ?? 'MMG';
    if (kind !== 'MMG' && kind !== 'PLS') throw new UsageError('--kind must be MMG or PLS');
    const services = await openCliServices(values.db);
    try {
      const started = performance.now();
      const patients = syntheticPatients({ count, seed: positiveInt(values.seed, 'seed', 1), kind });
      let inserted = 0;
      // Chunks keep each worker transaction short and memory flat at 100,000 patients.
      for (let i = 0; i < patients.length; i += 5000) {
        inserted += await services.db.call('patients.insertMany', { actor: 'cli-seed', patients: patients.slice(i, i + 5000) });
      }
      printJsonLine({ inserted, ms: Math.round(performance.now() - started) });
      return EXIT_OK;
    } finally {
      await services.close();
    }
  },
};

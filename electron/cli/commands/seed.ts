import { syntheticPatients } from '../../../shared/synthetic/patients.ts';
import { TITOLARE_ID } from '../../services/doctors/directory.ts';
import { seedPatientHistory, type SeededHistory } from '../../services/record/seed-history.ts';
import { parseCliArgs, positiveInt } from '../args.ts';
import { EXIT_OK, printJsonLine, UsageError, type CliCommand } from '../command.ts';
import { openCliServices } from '../open-db.ts';

export const command: CliCommand = {
  name: 'seed',
  summary: 'fill a database with a synthetic panel of patients, optionally with years of history',
  usage: `cartella seed --patients N [--db FILE] [--seed S] [--kind MMG|PLS] [--history-years Y]

  Creates N synthetic patients (plausible Italian names, valid codici fiscali, ages of an
  MMG panel, or 0-14 for PLS) in the encrypted database FILE (created if missing).
  With --history-years Y each patient also gets Y years of record: visits, therapy plans with
  their refills, dispensations (some patients adherent, some not), vital signs and laboratory
  series with abnormal values, received documents (LAB reports carrying those values,
  discharge letters, specialist reports), hospital stays. Same --seed, same data.
  Prints {"inserted":N,"ms":T}, with --history-years also "history" (counts of what was written).`,
  async run(argv) {
    const { values } = parseCliArgs(argv, {
      patients: { type: 'string' },
      db: { type: 'string' },
      seed: { type: 'string' },
      kind: { type: 'string' },
      'history-years': { type: 'string' },
    });
    const count = positiveInt(values.patients, 'patients', -1);
    if (count < 0) throw new UsageError('--patients is required');
    const kind = values.kind ?? 'MMG';
    if (kind !== 'MMG' && kind !== 'PLS') throw new UsageError('--kind must be MMG or PLS');
    const years = values['history-years'] === undefined ? 0 : positiveInt(values['history-years'], 'history-years', 0);
    if (years > 60) throw new UsageError('--history-years must be at most 60');
    const seed = positiveInt(values.seed, 'seed', 1);
    const services = await openCliServices(values.db);
    try {
      const started = performance.now();
      const patients = syntheticPatients({ count, seed, kind });
      let inserted = 0;
      if (years === 0) {
        // Chunks keep each worker transaction short and memory flat at 100,000 patients.
        for (let i = 0; i < patients.length; i += 5000) {
          inserted += await services.db.call('patients.insertMany', { actor: 'cli-seed', patients: patients.slice(i, i + 5000) });
        }
        printJsonLine({ inserted, ms: Math.round(performance.now() - started) });
        return EXIT_OK;
      }
      const today = new Date().toISOString().slice(0, 10);
      const history: SeededHistory = { visits: 0, plans: 0, prescriptions: 0, dispensations: 0, observations: 0, documents: 0 };
      for (const [i, patient] of patients.entries()) {
        const p = await services.db.call('patients.insert', { actor: 'cli-seed', patient });
        inserted++;
        const h = await seedPatientHistory(services.db, {
          actor: 'cli-seed', patientId: p.id, patient, seed: seed * 100_003 + i,
          history: { today, years, authorId: TITOLARE_ID },
        });
        for (const k of Object.keys(history) as Array<keyof SeededHistory>) history[k] += h[k];
      }
      printJsonLine({ inserted, ms: Math.round(performance.now() - started), history });
      return EXIT_OK;
    } finally {
      await services.close();
    }
  },
};

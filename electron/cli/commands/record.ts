import { TITOLARE_ID } from '../../services/doctors/directory.ts';
import { parseCliArgs } from '../args.ts';
import { EXIT_OK, printJsonLine, UsageError, type CliCommand } from '../command.ts';
import { openCliServices } from '../open-db.ts';

export const command: CliCommand = {
  name: 'record',
  summary: "export a patient's whole record as JSON",
  usage: `cartella record export --patient ID [--db FILE]

  Prints the whole record of patient ID as one JSON object: the registry entry ("patient"),
  the PSS sections ("pss"), then "visits", "therapyPlans", "prescriptions", "observations",
  "dispensations" and "receivedDocuments" (their metadata and verdicts, not their bytes),
  oldest first. The export is written to the patient's access log. An unknown patient prints
  {"error":{"code":"NOT_FOUND",...}} and exits 1.`,
  async run(argv) {
    const { values, positionals } = parseCliArgs(argv, { db: { type: 'string' }, patient: { type: 'string' } });
    const [verb, ...rest] = positionals;
    if (verb !== 'export') throw new UsageError(`unknown sub-command ${verb ?? '(none)'}`);
    if (rest.length > 0) throw new UsageError(`unexpected argument ${rest[0]}`);
    if (!values.patient) throw new UsageError('--patient is required');
    const services = await openCliServices(values.db);
    try {
      // The access line names the titolare's saved profile, when there is one (never a stand-in).
      const authorId = (await services.db.call('doctors.get', { id: TITOLARE_ID })) ? TITOLARE_ID : undefined;
      printJsonLine(await services.db.call('record.export', { actor: 'cli-record', patientId: values.patient, authorId }));
      return EXIT_OK;
    } finally {
      await services.close();
    }
  },
};

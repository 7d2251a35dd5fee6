/**
 * `cartella imaging import PATH... --patient ID [--confirm-other-patient] [--db PATH]`: a CD's
 * folder (read through its DICOMDIR), any folder of DICOM files, a DICOMDIR, or single files,
 * into one patient's Immagini, as the Scheda paziente's import does.
 */
import { parseCliArgs, requireString } from '../args.ts';
import { EXIT_FAILURE, EXIT_OK, printJsonLine, UsageError, type CliCommand } from '../command.ts';
import { runDicomImport } from '../imaging-import.ts';
import { openCliServices } from '../open-db.ts';

const USAGE = `Usage: cartella imaging import PATH... --patient ID [--confirm-other-patient] [--db PATH]

  Imports DICOM studies into the patient's Immagini: a folder with a DICOMDIR (a CD or its
  copy: only the files the DICOMDIR references are read, found whatever the case of their
  names), any other folder (every file that is DICOM), a DICOMDIR, or single files. The files
  are kept encrypted in the data folder and indexed by study, series and instance; an instance
  already in Cartella (same SOP Instance UID) is not imported again. A corrupt or truncated
  file is reported and the rest of its study is imported.

  --patient ID              the patient the studies belong to
  --confirm-other-patient   import also studies whose files name another patient, or too
                            little to tell (without it such a study is refused: CONFLICT)
  --db PATH                 the database file (default: the development data folder's cartella.db)

  One JSON line per study: {"studyUid","patientId","date","description","modalities","series",
  "instances","added","alreadyHere","elsewhere","matchedBy"}, or {"studyUid",…,"error":{"code",
  "message"}} when it was not imported; then one line per file not imported:
  {"file","error":{"code","reason","message"}}. Exit 0 when everything was imported (or was
  already there), 1 otherwise, 2 usage error.`;

export const command: CliCommand = {
  name: 'imaging',
  summary: 'import DICOM studies (CD folder, DICOMDIR, files) into a patient',
  usage: USAGE,
  async run(argv) {
    const [verb, ...rest] = argv;
    if (verb !== 'import') throw new UsageError('expected import');
    const { values, positionals } = parseCliArgs(rest, {
      patient: { type: 'string' },
      'confirm-other-patient': { type: 'boolean' },
      db: { type: 'string' },
    });
    if (positionals.length === 0) throw new UsageError('at least one PATH is required');
    const patientId = requireString(values.patient, 'patient');
    const services = await openCliServices(values.db);
    try {
      const { lines, failed } = await runDicomImport(services, positionals, { patientId, confirmOtherPatient: values['confirm-other-patient'] === true });
      for (const line of lines) printJsonLine(line);
      return failed ? EXIT_FAILURE : EXIT_OK;
    } finally {
      await services.close();
    }
  },
};

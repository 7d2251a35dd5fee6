/**
 * `cartella import FILE... [--db PATH] [--create-patient] [--patient ID]`: import received
 * documents into the record, as the Scheda paziente's "Importa documento" does, through the
 * same contract method (import.apply). One JSON line per file:
 *   {"file","patientId","documentId","kind","added":{"documents":1,"observations":12,…},"duplicate","warnings"}
 * or, when the file cannot be imported (nothing written for it):
 *   {"file","error":{"code","message"}}
 * Exit 0 when every file was imported (or was already there), 1 when any failed, 2 usage error.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ReceivedPlan } from '../../../shared/api/import.ts';
import type { RpcError } from '../../../shared/errors/index.ts';
import { refusalText } from '../../../shared/import/refusal.ts';
import { parseCliArgs } from '../args.ts';
import { EXIT_FAILURE, EXIT_OK, UsageError, printJsonLine, type CliCommand } from '../command.ts';
import { openCliServices } from '../open-db.ts';
import { isDicomSource, runDicomImport } from '../imaging-import.ts';

const USAGE = `cartella import FILE... [--db PATH] [--create-patient] [--patient ID]

  Imports documents a doctor receives into the patient's record: CDA (LAB, LDO, VPS, RSA,
  RAD, RAP, ERF erogazione farmaceutica, PSS), a PDF carrying the CDA, signed PDF (PAdES) or
  .p7m (signature verified and stored), FHIR JSON (the FSE's Bundles, telemonitoring
  Observations), device CSV (LibreView, OMRON connect, or a mapping saved in the app) and
  dispensation CSV; DICOM images too: a CD's folder (read through its DICOMDIR), a DICOMDIR, a
  folder of DICOM files or a DICOM file go to the patient's Immagini, as \`cartella imaging
  import\` does (one line per study, then one per file not imported). Every CDA is validated
  with the gateway's rules: a document with errors is still imported, with a warning. The same document twice (same id, or same bytes) adds nothing.

  The patient is the document's own (recordTarget), found by identifier; for DICOM, the one
  the files name (codice fiscale in Patient ID, or name and birth date), or --patient.
  --create-patient  register the document's patient when absent (without it: an error)
  --patient ID      the patient for files that name none (device and dispensation CSV), and
                    of every DICOM study (one whose files name someone else is refused)
  --db PATH         the database file (default: the development data folder's cartella.db)

  Proposals are applied as the app's defaults would be: a Lettera di dimissione's diagnoses,
  allergies and hospital stay are added unless already in the record; in the therapy
  reconciliation a new discharge medicine starts a therapy (skipped when the letter gives no
  route), a medicine the patient already takes changes to the letter's dosage when it differs,
  current therapies the letter does not list are kept (nothing is stopped from the CLI).

  One JSON line per file: {"file","patientId","documentId","kind","added","duplicate","warnings"}
  or {"file","error":{"code","message"}} (code: the refusal reason, e.g. XML, NO_CDA,
  OTHER_PATIENT, UNKNOWN_PATIENT, CSV_COLUMNS, or the error code). Exit 1 when any file failed.`;

function errorLine(file: string, e: RpcError): Record<string, unknown> {
  if (e.code === 'IMPORT_REFUSED') {
    const d = e.data as { reason: Parameters<typeof refusalText>[0]; detail?: string };
    return { file, error: { code: d.reason, message: refusalText(d.reason, d.detail) } };
  }
  return { file, error: { code: e.code, message: e.message } };
}

export const command: CliCommand = {
  name: 'import',
  summary: 'import received documents (CDA, PDF, .p7m, FHIR, CSV) into the record',
  usage: USAGE,
  async run(argv) {
    const { values, positionals } = parseCliArgs(argv, {
      db: { type: 'string' },
      'create-patient': { type: 'boolean' },
      patient: { type: 'string' },
    });
    if (positionals.length === 0) throw new UsageError('at least one FILE is required');
    const services = await openCliServices(values.db);
    let failed = 0;
    try {
      const dicom: string[] = [];
      for (const file of positionals) {
        if (await isDicomSource(file).catch(() => false)) {
          dicom.push(file);
          continue;
        }
        let bytes: Buffer;
        try {
          bytes = await readFile(file);
        } catch (e) {
          failed++;
          printJsonLine({ file, error: { code: 'NOT_FOUND', message: `File non leggibile: ${(e as NodeJS.ErrnoException).code ?? String(e)}` } });
          continue;
        }
        const params = {
          fileName: basename(file), fileBase64: bytes.toString('base64'), createPatient: values['create-patient'] === true,
          ...(values.patient ? { patientId: values.patient } : {}),
        };
        const r = await services.dispatcher.dispatch('import.apply', params, { actor: 'cli', transport: 'cli' });
        if (!r.ok) {
          failed++;
          printJsonLine(errorLine(file, r.error));
          continue;
        }
        const plan = r.value as ReceivedPlan;
        printJsonLine({
          file, patientId: plan.patient.id, documentId: plan.documentId, kind: plan.document.kind, added: plan.added,
          duplicate: plan.duplicate !== null, warnings: plan.warnings,
          validation: plan.validation.verdict, signature: plan.signature.verdict,
        });
      }
      if (dicom.length > 0) {
        // With --patient, a study whose files name someone else is refused (cartella imaging
        // import --confirm-other-patient imports it); without, each goes to the patient it names.
        const target = values.patient ? { patientId: values.patient } : { createPatient: values['create-patient'] === true };
        const { lines, failed: dicomFailed } = await runDicomImport(services, dicom, target);
        for (const line of lines) printJsonLine(line);
        if (dicomFailed) failed++;
      }
    } finally {
      await services.close();
    }
    return failed > 0 ? EXIT_FAILURE : EXIT_OK;
  },
};

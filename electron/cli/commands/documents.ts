/**
 * `cartella documents --type TYPE --synthetic N --seed S --out DIR`: any registered document type
 * (shared/documents/doc-types) built for N synthetic patients, per patient the CDA (.xml), the
 * FHIR document (.json) where the type has a mapping and the PDF with the CDA attached (.pdf).
 * The same seed and date give the same bytes. `cartella pss` is this command with --type pss.
 * With --validate each CDA also goes through the gateway-equivalent validator (the schematron
 * chosen by the CDA's first templateId, as the gateway does).
 * One JSON line per document, then a summary line.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listDocumentTypes, requireDocumentType, UnknownDocumentTypeError, type AnyDocumentType } from '../../../shared/documents/doc-types/index.ts';
import { renderDocumentPdf } from '../../services/documents/pdf/render-document.ts';
import '../../services/documents/vaccination-calendar-source.ts';
import { parseCliArgs, positiveInt, requireString } from '../args.ts';
import { EXIT_FAILURE, EXIT_OK, UsageError, printJsonLine, type CliCommand } from '../command.ts';

const USAGE = `cartella documents --type TYPE --synthetic N --out DIR [--seed S] [--date YYYY-MM-DD] [--no-pdf] [--validate]

  Builds documents of TYPE for N synthetic patients and writes in DIR, per patient:
  TYPE-<n>.xml (CDA R2), TYPE-<n>.json (FHIR R4, where the type has a mapping) and TYPE-<n>.pdf
  (printable PDF with the CDA attached as cda.xml); a type may name its files otherwise (the PSS:
  PSS-<n>-<CF>). The same --seed and --date give byte-identical files.
  --type     the document type (cartella documents --help lists them)
  --date     the documents' date (default 2026-01-15), also "today" for the synthetic ages
  --validate validate each CDA (XSD + the type's schematron + terminology) and fail on errors
  Prints one JSON line per document and a summary {"documents","valid","ms"}.`;

export interface SyntheticRun {
  type: AnyDocumentType;
  count: number;
  seed: number;
  today: string;
  out: string;
  pdf: boolean;
  validate: boolean;
}

/** Shared with `cartella pss`: parse the common options (everything but --type). */
export function parseRunOptions(values: { synthetic?: string | undefined; seed?: string | undefined; out?: string | undefined; date?: string | undefined; 'no-pdf'?: boolean | undefined; validate?: boolean | undefined }): Omit<SyntheticRun, 'type'> {
  const count = positiveInt(values.synthetic, 'synthetic', -1);
  if (count < 1) throw new UsageError('--synthetic N (N ≥ 1) is required');
  const out = requireString(values.out, 'out');
  const seed = positiveInt(values.seed, 'seed', 1);
  const today = values.date ?? '2026-01-15';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(today))) throw new UsageError('--date must be YYYY-MM-DD');
  return { count, seed, today, out, pdf: !values['no-pdf'], validate: values.validate === true };
}

export const RUN_OPTIONS = {
  synthetic: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  date: { type: 'string' },
  'no-pdf': { type: 'boolean' },
  validate: { type: 'boolean' },
} as const;

/** Writes the run's files and prints its lines; the exit code (failure when --validate finds errors). */
export async function writeSyntheticDocuments(run: SyntheticRun): Promise<number> {
  const { type } = run;
  const started = performance.now();
  await mkdir(run.out, { recursive: true });
  const validator = run.validate ? (await import('../../services/validation/cda-validator.ts')).CdaValidator.create() : null;
  let documents = 0;
  let valid = 0;
  for (const doc of type.synthetic({ count: run.count, seed: run.seed, today: run.today })) {
    documents++;
    const input = type.input.parse(doc.input);
    const base = join(run.out, doc.fileStem ?? `${type.id}-${String(documents).padStart(4, '0')}`);
    const cda = type.build(input);
    const files = [`${base}.xml`];
    await writeFile(`${base}.xml`, cda);
    if (type.fhir) {
      await writeFile(`${base}.json`, `${JSON.stringify(type.fhir(input), null, 2)}\n`);
      files.push(`${base}.json`);
    }
    if (run.pdf) {
      const { pdf } = await renderDocumentPdf(type.pdfContent(input, cda), cda);
      await writeFile(`${base}.pdf`, pdf);
      files.push(`${base}.pdf`);
    }
    const line: Record<string, unknown> = { ...(doc.line ?? { patient: type.header(input).patient.identifier }), files };
    if (validator) {
      const r = await validator.validateXml(new TextEncoder().encode(cda));
      line['valid'] = r.valid;
      line['errors'] = r.issues.filter((x) => x.severity === 'error').map((x) => `${x.code}: ${x.message}`);
      if (r.valid) valid++;
    }
    printJsonLine(line);
  }
  printJsonLine({ documents, valid: validator ? valid : null, ms: Math.round(performance.now() - started) });
  return validator && valid !== documents ? EXIT_FAILURE : EXIT_OK;
}

function knownTypes(): string {
  return listDocumentTypes().map((t) => `${t.id} (${t.title.it})`).join(', ');
}

export const command: CliCommand = {
  name: 'documents',
  summary: 'build documents of any registered type (CDA, FHIR where mapped, PDF) for synthetic patients',
  get usage() {
    return `${USAGE}\n  Types: ${knownTypes()}.`;
  },
  async run(argv) {
    const { values } = parseCliArgs(argv, { type: { type: 'string' }, ...RUN_OPTIONS });
    const id = requireString(values.type, 'type');
    let type: AnyDocumentType;
    try {
      type = requireDocumentType(id);
    } catch (e) {
      if (e instanceof UnknownDocumentTypeError) throw new UsageError(`unknown document type "${id}"; known types: ${e.known.join(', ')}`);
      throw e;
    }
    return writeSyntheticDocuments({ type, ...parseRunOptions(values) });
  },
};

/**
 * `cartella validate FILE...`: validate CDA files (or PDFs carrying one) as the FSE gateway
 * does (CDA-VALIDATION.md). One JSON line per file:
 * {"file","valid","xsd":{"valid","errors"},"schematron":{"file","failedAsserts","successfulReports"},
 *  "terminology":{"errors"},"issues":[...]}
 * Exit 0 when every file is valid, 1 when any is not (or cannot be read), 2 on usage error.
 */
import { readFile } from 'node:fs/promises';
import { isAppError } from '../../../shared/errors/index.ts';
import type { Issue } from '../../../shared/validation/issue.ts';
import { CdaValidator } from '../../services/validation/cda-validator.ts';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError, printJsonLine, type CliCommand } from '../command.ts';

const USAGE = `Usage: cartella validate [--mode ATTACHMENT|RESOURCE] FILE...

Validate HL7 CDA R2 documents as the FSE 2.0 gateway does: XSD (set chosen by
typeId/@extension), official schematron (chosen by the first templateId/@root),
terminology. FILE may be a CDA XML file or a PDF with the CDA embedded (cda.xml
attachment or XFA datasets resource; without --mode, RESOURCE then ATTACHMENT).

Prints one JSON line per file. Exit code: 0 all valid, 1 any invalid, 2 usage error.`;

interface Args {
  files: string[];
  mode: 'ATTACHMENT' | 'RESOURCE' | undefined;
}

function parseArgs(argv: string[]): Args {
  const files: string[] = [];
  let mode: Args['mode'];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--mode') {
      const v = argv[++i];
      if (v !== 'ATTACHMENT' && v !== 'RESOURCE') throw new UsageError('--mode must be ATTACHMENT or RESOURCE');
      mode = v;
    } else if (a === '--') {
      files.push(...argv.slice(i + 1));
      break;
    } else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else files.push(a);
  }
  if (files.length === 0) throw new UsageError('at least one FILE is required');
  return { files, mode };
}

export interface ValidateLine {
  file: string;
  valid: boolean;
  xsd: { valid: boolean | null; errors: number };
  schematron: { file: string | null; failedAsserts: number; successfulReports: number };
  terminology: { errors: number };
  issues: Issue[];
}

export const command: CliCommand = {
  name: 'validate',
  summary: 'Validate CDA documents (XML or PDF) as the FSE gateway does',
  usage: USAGE,
  async run(argv: string[]): Promise<number> {
    if (argv.includes('--help') || argv.includes('-h')) {
      process.stdout.write(`${USAGE}\n`);
      return EXIT_OK;
    }
    const args = parseArgs(argv);
    const validator = CdaValidator.create();
    // Start every file at once: the XSD runner batches concurrent documents in one libxml2 call.
    const results = await Promise.all(
      args.files.map(async (file): Promise<ValidateLine> => {
        try {
          const bytes = new Uint8Array(await readFile(file));
          const r = await validator.validateFile(bytes, args.mode === undefined ? {} : { mode: args.mode });
          return {
            file,
            valid: r.valid,
            xsd: { valid: r.xsd.valid, errors: r.xsd.errors },
            schematron: r.schematron,
            terminology: { errors: r.terminology.errors },
            issues: r.issues,
          };
        } catch (e) {
          const message = isAppError(e) || e instanceof Error ? e.message : String(e);
          return {
            file,
            valid: false,
            xsd: { valid: null, errors: 0 },
            schematron: { file: null, failedAsserts: 0, successfulReports: 0 },
            terminology: { errors: 0 },
            issues: [{ severity: 'error', source: 'parse', code: isAppError(e) ? e.code : 'FILE_UNREADABLE', location: '', message, context: '' }],
          };
        }
      }),
    );
    for (const line of results) printJsonLine(line);
    return results.every((r) => r.valid) ? EXIT_OK : EXIT_FAILURE;
  },
};

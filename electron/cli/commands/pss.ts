/**
 * `cartella pss --synthetic N --seed S --out DIR`: shorthand for `cartella documents --type pss`
 * (documents.ts), same files and lines. Half the panel is MMG (adults), half PLS (children), so
 * every section is exercised across the set (shared/documents/doc-types/pss). The same seed
 * gives the same files: effective time and ids come from --date and the seed, never from the
 * clock. With --validate each CDA also goes through the gateway-equivalent validator.
 */
import { pssDocumentType } from '../../../shared/documents/doc-types/index.ts';
import { parseCliArgs } from '../args.ts';
import type { CliCommand } from '../command.ts';
import { parseRunOptions, RUN_OPTIONS, writeSyntheticDocuments } from './documents.ts';

const USAGE = `cartella pss --synthetic N --out DIR [--seed S] [--date YYYY-MM-DD] [--no-pdf] [--validate]

  Builds the Profilo Sanitario Sintetico (PSS) for N synthetic patients (half MMG adults,
  half PLS children) and writes in DIR, per patient: PSS-<n>-<CF>.xml (CDA R2),
  PSS-<n>-<CF>.json (FHIR R4 document Bundle) and PSS-<n>-<CF>.pdf (printable PDF with the
  CDA attached as cda.xml). The same --seed and --date give byte-identical files.
  --date     the documents' date (default 2026-01-15), also "today" for the synthetic ages
  --validate validate each CDA (XSD + PSS schematron + terminology) and fail on errors
  Prints one JSON line per patient and a summary {"documents","valid","ms"}.
  Same as: cartella documents --type pss …`;

export const command: CliCommand = {
  name: 'pss',
  summary: 'build Profilo Sanitario Sintetico documents (CDA, FHIR, PDF) for synthetic patients',
  usage: USAGE,
  async run(argv) {
    const { values } = parseCliArgs(argv, RUN_OPTIONS);
    return writeSyntheticDocuments({ type: pssDocumentType, ...parseRunOptions(values) });
  },
};

/**
 * `cartella pss --synthetic N --seed S --out DIR`: build the Profilo Sanitario Sintetico for N
 * synthetic patients and write per patient the CDA (.xml), the FHIR Bundle
 * (.json) and the PDF with the CDA attached (.pdf). Half the panel is MMG (adults), half PLS
 * (children), so every section is exercised across the set. The same seed gives the same
 * files: effective time and ids come from --date and the seed, never from the clock.
 * With --validate each CDA also goes through the gateway-equivalent validator.
 * One JSON line per patient, then a summary line.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildPssCda } from '../../../shared/documents/cda/pss/index.ts';
import { buildPssFhirBundle } from '../../../shared/documents/fhir/pss/index.ts';
import { syntheticPssInput } from '../../../shared/synthetic/clinical-record.ts';
import { syntheticPatients } from '../../../shared/synthetic/patients.ts';
import { seededRandom } from '../../../shared/random.ts';
import { renderPssPdf } from '../../services/documents/pdf/render-pss.ts';
import { parseCliArgs, positiveInt, requireString } from '../args.ts';
import { EXIT_FAILURE, EXIT_OK, UsageError, printJsonLine, type CliCommand } from '../command.ts';

const USAGE = `cartella pss --synthetic N --out DIR [--seed S] [--date YYYY-MM-DD] [--no-pdf] [--validate]

  Builds the Profilo Sanitario Sintetico (PSS) for N synthetic patients (half MMG adults,
  half PLS children) and writes in DIR, per patient: PSS-<n>-<CF>.xml (CDA R2),
  PSS-<n>-<CF>.json (FHIR R4 document Bundle) and PSS-<n>-<CF>.pdf (printable PDF with the
  CDA attached as cda.xml). The same --seed and --date give byte-identical files.
  --date     the documents' date (default 2026-01-15), also "today" for the synthetic ages
  --validate validate each CDA (XSD + PSS schematron + terminology) and fail on errors
  Prints one JSON line per patient and a summary {"documents","valid","ms"}.`;

export const command: CliCommand = {
  name: 'pss',
  summary: 'build Profilo Sanitario Sintetico documents (CDA, FHIR, PDF) for synthetic patients',
  usage: USAGE,
  async run(argv) {
    const { values } = parseCliArgs(argv, {
      synthetic: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      date: { type: 'string' },
      'no-pdf': { type: 'boolean' },
      validate: { type: 'boolean' },
    });
    const count = positiveInt(values.synthetic, 'synthetic', -1);
    if (count < 1) throw new UsageError('--synthetic N (N ≥ 1) is required');
    const out = requireString(values.out, 'out');
    const seed = positiveInt(values.seed, 'seed', 1);
    const today = values.date ?? '2026-01-15';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(today))) throw new UsageError('--date must be YYYY-MM-DD');

    const started = performance.now();
    await mkdir(out, { recursive: true });
    const adults = syntheticPatients({ count: Math.ceil(count / 2), seed, today: new Date(today) });
    const children = syntheticPatients({ count: Math.floor(count / 2), seed: seed + 1, kind: 'PLS', today: new Date(today) });
    const patients = [...adults, ...children];
    const rand = seededRandom(seed);
    const validator = values.validate ? (await import('../../services/validation/cda-validator.ts')).CdaValidator.create() : null;
    let valid = 0;
    for (let i = 0; i < patients.length; i++) {
      const patient = patients[i]!;
      const input = syntheticPssInput(patient, i, rand, { today, role: i < adults.length ? 'MMG' : 'PLS' });
      const base = join(out, `PSS-${String(i + 1).padStart(4, '0')}-${patient.identifier}`);
      const cda = buildPssCda(input);
      const files = [`${base}.xml`, `${base}.json`];
      await writeFile(`${base}.xml`, cda);
      await writeFile(`${base}.json`, `${JSON.stringify(buildPssFhirBundle(input), null, 2)}\n`);
      if (!values['no-pdf']) {
        const { pdf } = await renderPssPdf(input, cda);
        await writeFile(`${base}.pdf`, pdf);
        files.push(`${base}.pdf`);
      }
      const line: Record<string, unknown> = { patient: patient.identifier, role: input.author.role, files };
      if (validator) {
        const r = await validator.validateXml(new TextEncoder().encode(cda));
        line['valid'] = r.valid;
        line['errors'] = r.issues.filter((x) => x.severity === 'error').map((x) => `${x.code}: ${x.message}`);
        if (r.valid) valid++;
      }
      printJsonLine(line);
    }
    printJsonLine({ documents: patients.length, valid: validator ? valid : null, ms: Math.round(performance.now() - started) });
    return validator && valid !== patients.length ? EXIT_FAILURE : EXIT_OK;
  },
};

/**
 * CDA validation timings: first-use preparation (parse + compile a schematron and
 * evaluate the first document), then warm validation time per document for the official PSS,
 * vaccination (SING_VACC, CERT_VACC) and RSA examples: schematron + terminology in-process,
 * and the full validation with the XSD step (libxml2-wasm in a thread per schema set, the
 * schema compiled once): first use, one call per document, 40 at once.
 * Goal (not a test): < 10 ms per PSS warm on 2 cores (CDA-VALIDATION.md §10).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CdaValidator } from '../../electron/services/validation/cda-validator.ts';
import { CdaValidationWorker } from '../../electron/services/validation/worker-client.ts';
import { CdaResources, defaultCdaResourcesDir } from '../../electron/services/validation/resources.ts';
import { XsdRunner } from '../../electron/services/validation/xsd-runner.ts';
import { prepareSchematron } from '../../shared/validation/cda/prepare.ts';
import { runSchematron } from '../../shared/validation/cda/schematron/run.ts';
import { parseCda, validateParsedCda } from '../../shared/validation/cda/validate.ts';
import { fmt, percentile, report } from './stats.ts';

const EXAMPLES = join(import.meta.dirname, '../../tests/fixtures/cda/official-examples');
const SCH = join(import.meta.dirname, '../../resources/cda/schematron');
const DOCS = ['PSS', 'SING_VACC', 'CERT_VACC', 'RSA'] as const;
const WARM_RUNS = 100;

export async function run(): Promise<void> {
  const bytes = Object.fromEntries(DOCS.map((d) => [d, new Uint8Array(readFileSync(join(EXAMPLES, `${d}.xml`)))])) as Record<
    (typeof DOCS)[number],
    Uint8Array
  >;

  // First use: resources + PSS schematron compiled + first PSS evaluated (fontoxpath compiles
  // each rule expression at its first evaluation).
  let t = performance.now();
  const validator = CdaValidator.create({ skipXsd: true });
  const loadMs = performance.now() - t;
  report('load resources (index, terminology tables)', `${fmt(loadMs)} ms`);
  const pssText = readFileSync(join(SCH, 'schematron_PSS_v4.0.sch'), 'utf8');
  t = performance.now();
  const prepared = prepareSchematron('schematron_PSS_v4.0.sch', pssText);
  const compileMs = performance.now() - t;
  const cda = parseCda(bytes.PSS);
  if (!cda.doc) throw new Error('PSS example does not parse');
  t = performance.now();
  runSchematron(cda.doc, prepared.compiled, prepared.options);
  report('first use PSS: parse+compile .sch / first document', `${fmt(compileMs)} ms`, `+ ${fmt(performance.now() - t)} ms first evaluation`);
  t = performance.now();
  validator.prepareAll();
  report('prepare all 22 schematrons (parse+compile)', `${fmt(performance.now() - t)} ms`);

  for (const name of DOCS) {
    const first = performance.now();
    await validator.validateXml(bytes[name]);
    const firstMs = performance.now() - first;
    const times: number[] = [];
    const cpu: number[] = [];
    const checks: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) {
      const s = performance.now();
      const c = process.cpuUsage();
      const parsed = parseCda(bytes[name]);
      const p = performance.now();
      validateParsedCda(parsed, { set: parsed.xsdSet, valid: null, errors: [] }, validator);
      const d = process.cpuUsage(c);
      const e = performance.now();
      times.push(e - s);
      checks.push(e - p);
      cpu.push((d.user + d.system) / 1000);
    }
    report(`${name} warm: schematron + terminology on a parsed DOM`, `${fmt(percentile(checks, 50))} ms`, `p95 ${fmt(percentile(checks, 95))} ms`);
    // CPU time is reported too: on a shared machine wall time includes waiting for a core.
    report(
      `${name} warm: parse + schematron + terminology`,
      `${fmt(percentile(times, 50))} ms`,
      `p95 ${fmt(percentile(times, 95))} ms, cpu median ${fmt(percentile(cpu, 50))} ms, first ${fmt(firstMs)} ms, n=${WARM_RUNS}`,
    );
  }

  // Baseline in the same run: the general engine alone (fontoxpath), as measured in
  // CDA-VALIDATION.md §7 (PSS ~94 ms there).
  {
    const parsed = parseCda(bytes.PSS);
    if (!parsed.doc) throw new Error('PSS example does not parse');
    const p = validator.schematron('schematron_PSS_v4.0.sch');
    runSchematron(parsed.doc, p.compiled, p.options, { fast: false });
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const s = performance.now();
      runSchematron(parsed.doc, p.compiled, p.options, { fast: false });
      times.push(performance.now() - s);
    }
    report('PSS warm schematron, fontoxpath only (baseline)', `${fmt(percentile(times, 50))} ms`, `p95 ${fmt(percentile(times, 95))} ms, n=10`);
  }

  // Full validation, the XSD in its schema set's thread (compiled once, kept) beside the
  // schematron step: first use (thread start + schema compilation), then one call per document
  // and 40 at once.
  t = performance.now();
  const xsd = CdaValidator.create();
  await xsd.validateXml(bytes.PSS);
  report('PSS full validation incl. XSD, first use', `${fmt(performance.now() - t)} ms`, 'resources, XSD thread and schema, PSS schematron');
  const single: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    const s = performance.now();
    await xsd.validateXml(bytes.PSS);
    single.push(performance.now() - s);
  }
  report('PSS full validation incl. XSD, one call per document', `${fmt(percentile(single, 50))} ms`, `p95 ${fmt(percentile(single, 95))} ms, n=${WARM_RUNS}`);
  t = performance.now();
  await Promise.all(Array.from({ length: 40 }, () => xsd.validateXml(bytes.PSS)));
  report('PSS full validation incl. XSD, 40 concurrent (batched)', `${fmt((performance.now() - t) / 40)} ms/doc`);
  await xsd.close();

  // The XSD thread alone, the calling thread idle: from posting the document to its answer,
  // so that it can be compared with the calling thread's share of the full validation.
  const parsedPss = parseCda(bytes.PSS);
  if (!parsedPss.utf8 || !parsedPss.xsdSet) throw new Error('PSS example has no XSD set');
  const resources = new CdaResources(defaultCdaResourcesDir());
  const runner = new XsdRunner(parsedPss.xsdSet, resources.xsdFiles(parsedPss.xsdSet));
  for (let i = 0; i < 5; i++) await runner.validate(parsedPss.utf8);
  const xsdOnly: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    const s = performance.now();
    await runner.validate(parsedPss.utf8);
    xsdOnly.push(performance.now() - s);
  }
  report('PSS XSD thread alone, post to reply', `${fmt(percentile(xsdOnly, 50))} ms`, `p95 ${fmt(percentile(xsdOnly, 95))} ms, n=${WARM_RUNS}`);
  await runner.close();

  // The same call as the app makes it: in the validation worker thread (worker-client.ts, with
  // its heap settings), the bytes posted there and the verdict posted back. The lines above run
  // the validator on this thread, with the bench process's default heap.
  const worker = new CdaValidationWorker();
  try {
    await worker.validate(bytes.PSS);
    const inWorker: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) {
      const s = performance.now();
      await worker.validate(bytes.PSS);
      inWorker.push(performance.now() - s);
    }
    report('PSS full validation in the validation worker (as the app), one call', `${fmt(percentile(inWorker, 50))} ms`, `p95 ${fmt(percentile(inWorker, 95))} ms, n=${WARM_RUNS}`);
  } finally {
    await worker.close();
  }
}

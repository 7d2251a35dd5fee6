/**
 * PSS documents: per document, ms to build the CDA, the FHIR Bundle, the PDF with
 * the CDA attached, and to validate the CDA as the gateway does (XSD + schematron +
 * terminology). Synthetic records, MMG and PLS panels, fixed seed.
 * Run it with `npm run bench -- documents` once bench/run.ts lists it.
 */
import { buildPssCda } from '../../shared/documents/cda/pss/index.ts';
import { buildPssFhirBundle } from '../../shared/documents/fhir/pss/index.ts';
import { syntheticPssInput } from '../../shared/synthetic/clinical-record.ts';
import { syntheticPatients } from '../../shared/synthetic/patients.ts';
import { seededRandom } from '../../shared/random.ts';
import { renderPssPdf } from '../../electron/services/documents/pdf/render-pss.ts';
import { CdaValidator } from '../../electron/services/validation/cda-validator.ts';

function stats(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  const mean = s.reduce((a, b) => a + b, 0) / Math.max(1, s.length);
  return `mean ${mean.toFixed(1)} ms, p50 ${q(0.5).toFixed(1)}, p95 ${q(0.95).toFixed(1)}, max ${q(1).toFixed(1)}`;
}

export async function run(count = Number(process.env.PSS_BENCH_COUNT ?? 20)): Promise<void> {
  const today = '2026-01-15';
  const rand = seededRandom(1);
  const patients = [
    ...syntheticPatients({ count: Math.ceil(count / 2), seed: 1, today: new Date(today) }),
    ...syntheticPatients({ count: Math.floor(count / 2), seed: 2, kind: 'PLS', today: new Date(today) }),
  ];
  const inputs = patients.map((p, i) => syntheticPssInput(p, i, rand, { today, role: i < Math.ceil(count / 2) ? 'MMG' : 'PLS' }));
  const validator = CdaValidator.create();
  // Warm-up: schematron preparation, XSD runner start and JIT are start-up costs, not per-document.
  const warm = buildPssCda(inputs[0]!);
  await validator.validateXml(new TextEncoder().encode(warm));
  await renderPssPdf(inputs[0]!, warm);
  const times = { cda: [] as number[], fhir: [] as number[], pdf: [] as number[], validate: [] as number[], total: [] as number[] };
  let valid = 0;
  for (const input of inputs) {
    let t = performance.now();
    const start = t;
    const cda = buildPssCda(input);
    times.cda.push(performance.now() - t);
    t = performance.now();
    buildPssFhirBundle(input);
    times.fhir.push(performance.now() - t);
    t = performance.now();
    const r = await validator.validateXml(new TextEncoder().encode(cda));
    times.validate.push(performance.now() - t);
    if (r.valid) valid++;
    t = performance.now();
    await renderPssPdf(input, cda);
    times.pdf.push(performance.now() - t);
    times.total.push(performance.now() - start);
  }
  process.stdout.write(`  ${inputs.length} synthetic PSS, ${valid} valid\n`);
  for (const [k, v] of Object.entries(times)) process.stdout.write(`  ${k.padEnd(9)} ${stats(v)}\n`);
}

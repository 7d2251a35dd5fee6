/**
 * Outbox drain through the gateway simulator: N documents (default
 * 1,000; CARTELLA_BENCH_GATEWAY_DOCS) at 100 ms simulated latency per request, concurrency 8.
 * Each document costs 3 requests (validation, publication, one status poll), so the bound is
 * concurrency / (3 × latency) documents per second; we print the throughput as a percentage
 * of it, and the peak RSS. Plain HTTP on 127.0.0.1 (TLS costs are measured elsewhere).
 * Arranged as the app runs it: the database in its worker thread (DbClient, as the hosts),
 * the simulator in this process with the sandbox's CDA reader and validator (validation
 * worker); only the PAdES check is left out, the bench's PDF being unsigned.
 * The worker threads (database, validation, XSD) run from their built entries, as the app's
 * node host starts them (out/node-host/, scripts/node-host-bundle.js): a thread started from
 * the TypeScript sources loads tsx too, 20–30 MiB each, which no doctor's machine pays.
 * CARTELLA_BENCH_SOURCE_WORKERS=1 runs them from the sources instead (the former arrangement).
 * The drain itself (bench/drain/) runs in a child process started from its bundle, built with
 * the node host's esbuild settings, so its RSS holds neither tsx (its loader thread) nor the
 * bench's modules, ~160 MiB the app never pays; the peak is the child's VmHWM.
 * CARTELLA_BENCH_DRAIN_IN_PROCESS=1 runs it in this process instead (the former arrangement).
 */
import { join } from 'node:path';
import { DbClient } from '../../electron/services/db/client.ts';
import { OutboxScheduler, dbClientStore, type OutboxGateway } from '../../electron/services/outbox/index.ts';
import { tempDir } from '../../tests/helpers/temp-services.ts';
import { NODE_HOST_BUNDLE_DIR, ensureNodeHostBundle } from '../../scripts/node-host-bundle.js';
import { buildDrainBundle } from '../drain/build.ts';
import { runDrainChild } from '../drain/child.ts';
import { drain, type DrainFigures } from '../drain/drain.ts';

export async function run(): Promise<void> {
  const docs = Number(process.env.CARTELLA_BENCH_GATEWAY_DOCS ?? 1000);
  const latencyMs = 100;
  const concurrency = 8;
  const sourceWorkers = process.env.CARTELLA_BENCH_SOURCE_WORKERS === '1';
  const inProcess = process.env.CARTELLA_BENCH_DRAIN_IN_PROCESS === '1';
  if (!sourceWorkers) await ensureNodeHostBundle();
  process.stdout.write(
    inProcess
      ? '  arrangement: the drain in this bench process, from the sources through tsx (CARTELLA_BENCH_DRAIN_IN_PROCESS=1)\n'
      : '  arrangement: the drain in a child process from its bundle (out/bench-drain/, the node host\'s esbuild settings), as the app runs; CARTELLA_BENCH_DRAIN_IN_PROCESS=1 for this process\n',
  );
  process.stdout.write(`  worker threads: ${sourceWorkers ? 'from the TypeScript sources through tsx (CARTELLA_BENCH_SOURCE_WORKERS=1)' : 'built entries (out/node-host/), as the app runs them; CARTELLA_BENCH_SOURCE_WORKERS=1 for the sources'}\n`);
  let f: DrainFigures;
  let peakRss: number;
  let peakNote = '';
  if (inProcess) {
    const workersBefore = process.env.CARTELLA_SERVICE_WORKERS;
    if (sourceWorkers) delete process.env.CARTELLA_SERVICE_WORKERS;
    else process.env.CARTELLA_SERVICE_WORKERS = NODE_HOST_BUNDLE_DIR; // electron/services/workers/spawn-worker.ts
    try {
      f = await drain({ docs, latencyMs, concurrency });
    } finally {
      if (workersBefore === undefined) delete process.env.CARTELLA_SERVICE_WORKERS;
      else process.env.CARTELLA_SERVICE_WORKERS = workersBefore;
    }
    peakRss = f.peak.rss;
  } else {
    const env: NodeJS.ProcessEnv = { ...process.env, CARTELLA_BENCH_GATEWAY_DOCS: String(docs), CARTELLA_BENCH_DRAIN_LATENCY_MS: String(latencyMs), CARTELLA_BENCH_DRAIN_CONCURRENCY: String(concurrency) };
    if (sourceWorkers) delete env.CARTELLA_SERVICE_WORKERS;
    else env.CARTELLA_SERVICE_WORKERS = NODE_HOST_BUNDLE_DIR;
    const child = await runDrainChild(await buildDrainBundle(), env);
    f = child.figures;
    // VmHWM: the kernel's high-water mark of the child's RSS, every thread, nothing missed between samples.
    peakRss = child.vmHwm ?? child.figures.vmHwm ?? child.sampledRss;
    peakNote = `  peak RSS taken as: the child's VmHWM (/proc/${child.pid}/status after the drain); VmRSS sampled every 50 ms from here peaked at ${mib(child.sampledRss)} MiB\n`;
  }
  const bound = concurrency / ((3 * latencyMs) / 1000);
  const rate = f.published / f.seconds;
  process.stdout.write(`  documents: ${f.published}/${docs} published in ${f.seconds.toFixed(1)} s (${rate.toFixed(1)} docs/s)\n`);
  process.stdout.write(`  concurrency bound: ${bound.toFixed(1)} docs/s (concurrency ${concurrency}, 3 requests × ${latencyMs} ms) → ${((100 * rate) / bound).toFixed(0)} %\n`);
  process.stdout.write(`  publications in the simulator ledger: ${f.ledgerPublished}\n`);
  process.stdout.write(`  validator warm-up (first validation, before the drain): ${f.warmUpSeconds.toFixed(1)} s\n`);
  process.stdout.write(`  RSS before the validator started (this thread, the database worker): ${mib(f.rssBefore)} MiB\n`);
  process.stdout.write(`  process CPU during the drain: ${(f.cpuMicros / 1e6).toFixed(1)} s (${(f.cpuMicros / 1000 / Math.max(1, f.published)).toFixed(1)} ms per document, every thread)\n`);
  process.stdout.write(`  peak RSS: ${mib(peakRss)} MiB\n`);
  process.stdout.write(peakNote);
  process.stdout.write(`  at the peak: main heap used ${mib(f.peak.heapUsed)} of ${mib(f.peak.heapTotal)} MiB, external ${mib(f.peak.external)} MiB (array buffers ${mib(f.peak.arrayBuffers)} MiB); the rest is the worker threads and native memory\n`);
  // After the drain and its RSS samples: this part opens a second database.
  await schedulerAlone(200, latencyMs, concurrency);
}

const mib = (n: number) => (n / 1048576).toFixed(0);

/**
 * The scheduler alone: the same drain against a stub gateway answering every call after the
 * same latency, with no simulator work in this process, so the line shows how close the
 * scheduler itself keeps `concurrency` calls in flight (its database steps, its passes).
 */
async function schedulerAlone(docs: number, latencyMs: number, concurrency: number): Promise<void> {
  const dir = tempDir();
  const db = await DbClient.open(join(dir.path, 'stub.db'), '34'.repeat(32));
  try {
    const store = dbClientStore(db);
    const pdf = new Uint8Array(10_000);
    pdf.set([0x25, 0x50, 0x44, 0x46]);
    const payload = { v: 1 as const, requestBody: { tipologiaStruttura: 'Territorio', tipoDocumentoLivAlto: 'SUM', assettoOrganizzativo: 'AD_PSC130', tipoAttivitaClinica: 'OBS', identificativoSottomissione: '1.2.3', identificativoRep: '1.2.4' }, patient: { extension: 'X', root: '1.2' }, documentCode: { code: '60591-5', codeSystem: '2.16.840.1.113883.6.1' } };
    for (let i = 0; i < docs; i++) await store.enqueue({ actor: 'bench', document: { kind: 'PSS', identificativoDoc: `1.2.3^STUB${i}`, pdf }, entry: { operation: 'create', payload } });
    let inFlight = 0;
    let most = 0;
    const answer = <T>(v: T): Promise<T> => {
      most = Math.max(most, ++inFlight);
      return new Promise((resolve) => setTimeout(() => (inFlight--, resolve(v)), latencyMs));
    };
    let n = 0;
    const gateway = {
      validate: () => answer({ workflowInstanceId: `w${++n}`, traceID: 't' }),
      create: (a: { body: { workflowInstanceId?: string } }) => answer({ workflowInstanceId: a.body.workflowInstanceId, traceID: 't' }),
      statusByWorkflowInstanceId: (id: string) => answer({ transactionData: [{ eventType: 'SEND_TO_INI', eventStatus: 'SUCCESS', workflowInstanceId: id }] }),
      health: async () => true,
    } as unknown as OutboxGateway;
    const scheduler = new OutboxScheduler({ store, gateway, concurrency, pollDelayMs: 0 });
    const t0 = performance.now();
    for (let pass = 0; pass < 10_000; pass++) {
      await scheduler.runOnce();
      const s = await store.stats();
      if ((s.byState.published ?? 0) === docs || s.pending === 0) break;
    }
    const seconds = (performance.now() - t0) / 1000;
    const published = (await store.stats()).byState.published ?? 0;
    const rate = published / seconds;
    process.stdout.write(`  scheduler alone (stub gateway, ${latencyMs} ms per call): ${published}/${docs} in ${seconds.toFixed(1)} s (${rate.toFixed(1)} docs/s) → ${((100 * rate) / (concurrency / ((3 * latencyMs) / 1000))).toFixed(0)} % of the bound; at most ${most} calls in flight\n`);
  } finally {
    await db.close();
    dir.dispose();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();

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
 * CARTELLA_BENCH_SOURCE_WORKERS=1 runs them from the sources instead (the former arrangement);
 * this thread runs from the sources either way (tsx and the bench's modules are in its RSS).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { DbClient } from '../../electron/services/db/client.ts';
import { GatewayClient, factsFromPdf } from '../../electron/services/gateway/client/client.ts';
import { SANDBOX_IDENTITY, ephemeralSignatureCredential } from '../../electron/services/gateway/dev-credentials.ts';
import { startGatewaySimulator } from '../../electron/services/gateway/simulator/simulator.ts';
import { OutboxScheduler, dbClientStore, type OutboxGateway } from '../../electron/services/outbox/index.ts';
import { lazySimulatorChecks } from '../../electron/services/outbox/sandbox-gateway.ts';
import { tempDir } from '../../tests/helpers/temp-services.ts';
import { NODE_HOST_BUNDLE_DIR, ensureNodeHostBundle } from '../../scripts/node-host-bundle.js';

export async function run(): Promise<void> {
  const docs = Number(process.env.CARTELLA_BENCH_GATEWAY_DOCS ?? 1000);
  const latencyMs = 100;
  const concurrency = 8;
  const sourceWorkers = process.env.CARTELLA_BENCH_SOURCE_WORKERS === '1';
  const workersBefore = process.env.CARTELLA_SERVICE_WORKERS;
  if (sourceWorkers) delete process.env.CARTELLA_SERVICE_WORKERS;
  else {
    await ensureNodeHostBundle();
    process.env.CARTELLA_SERVICE_WORKERS = NODE_HOST_BUNDLE_DIR; // electron/services/workers/spawn-worker.ts
  }
  process.stdout.write(`  worker threads: ${sourceWorkers ? 'from the TypeScript sources through tsx (CARTELLA_BENCH_SOURCE_WORKERS=1)' : 'built entries (out/node-host/), as the app runs them; CARTELLA_BENCH_SOURCE_WORKERS=1 for the sources'}\n`);
  const dir = tempDir();
  // The whole process: the database, validation and XSD worker threads share its RSS; the
  // breakdown at the peak tells this thread's JS heap from Buffers (external, arrayBuffers).
  let peak = process.memoryUsage();
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    if (m.rss > peak.rss) peak = m;
  }, 50);
  const { checkSignature: _unsignedPdf, ...sandboxChecks } = lazySimulatorChecks();
  const sim = await startGatewaySimulator({ latencyMs, seed: 1, ...sandboxChecks });
  const db = await DbClient.open(join(dir.path, 'cartella.db'), '12'.repeat(32));
  const client = new GatewayClient({ environment: 'simulator', baseUrl: sim.url, signature: ephemeralSignatureCredential(), identity: SANDBOX_IDENTITY, timeoutMs: 30_000 });
  try {
    const pdfDoc = await PDFDocument.create();
    pdfDoc.addPage([595, 842]);
    await pdfDoc.attach(readFileSync(join(import.meta.dirname, '../../tests/fixtures/cda/official-examples/PSS.xml')), 'cda.xml', { mimeType: 'application/xml' });
    const pdf = await pdfDoc.save();
    const facts = await factsFromPdf(pdf, 'ATTACHMENT');
    const store = dbClientStore(db);
    for (let i = 0; i < docs; i++) {
      await store.enqueue({
        actor: 'bench',
        document: { kind: 'PSS', identificativoDoc: `2.16.840.1.113883.2.9.2.120.4.4^BENCH${i}`, pdf },
        entry: {
          operation: 'create',
          payload: {
            v: 1,
            requestBody: { tipologiaStruttura: 'Territorio', tipoDocumentoLivAlto: 'SUM', assettoOrganizzativo: 'AD_PSC130', tipoAttivitaClinica: 'OBS', identificativoSottomissione: '2.16.840.1.113883.2.9.2.120.4.3.1', identificativoRep: '2.16.840.1.113883.2.9.2.120.4.5.1', mode: 'ATTACHMENT', healthDataFormat: 'CDA' },
            patient: facts.patient,
            documentCode: facts.documentCode,
          },
        },
      });
    }
    // The validator compiles its schematron and XSD at its first document (seconds, once per
    // process): done here with a VERIFICA (nothing stored), so the drain measures the steady
    // state, and reported on its own line.
    const before = process.memoryUsage().rss;
    const w0 = performance.now();
    await client.validate({ pdf, body: { activity: 'VERIFICA', mode: 'ATTACHMENT', healthDataFormat: 'CDA' }, facts: { patient: facts.patient, documentCode: facts.documentCode } });
    const warmUp = (performance.now() - w0) / 1000;
    const scheduler = new OutboxScheduler({ store, gateway: client, concurrency, pollDelayMs: 0 });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let pass = 0; pass < 10_000; pass++) {
      await scheduler.runOnce();
      const s = await store.stats();
      if ((s.byState.published ?? 0) === docs) break;
      if (s.pending === 0) break;
    }
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const published = (await store.stats()).byState.published ?? 0;
    const bound = concurrency / ((3 * latencyMs) / 1000);
    const rate = published / seconds;
    process.stdout.write(`  documents: ${published}/${docs} published in ${seconds.toFixed(1)} s (${rate.toFixed(1)} docs/s)\n`);
    process.stdout.write(`  concurrency bound: ${bound.toFixed(1)} docs/s (concurrency ${concurrency}, 3 requests × ${latencyMs} ms) → ${((100 * rate) / bound).toFixed(0)} %\n`);
    process.stdout.write(`  publications in the simulator ledger: ${sim.ledger.entries.filter((e) => e.outcome === 'published').length}\n`);
    const mib = (n: number) => (n / 1048576).toFixed(0);
    process.stdout.write(`  validator warm-up (first validation, before the drain): ${warmUp.toFixed(1)} s\n`);
    process.stdout.write(`  RSS before the validator started (this thread, the database worker): ${mib(before)} MiB\n`);
    process.stdout.write(`  process CPU during the drain: ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (${((cpu.user + cpu.system) / 1000 / Math.max(1, published)).toFixed(1)} ms per document, every thread)\n`);
    process.stdout.write(`  peak RSS: ${mib(peak.rss)} MiB\n`);
    process.stdout.write(`  at the peak: main heap used ${mib(peak.heapUsed)} of ${mib(peak.heapTotal)} MiB, external ${mib(peak.external)} MiB (array buffers ${mib(peak.arrayBuffers)} MiB); the rest is the worker threads and native memory\n`);
  } finally {
    clearInterval(sampler);
    await client.close();
    await sim.close();
    await db.close();
    dir.dispose();
    if (workersBefore === undefined) delete process.env.CARTELLA_SERVICE_WORKERS;
    else process.env.CARTELLA_SERVICE_WORKERS = workersBefore;
  }
  // After the drain and its RSS samples: this part opens a second database.
  await schedulerAlone(200, latencyMs, concurrency);
}

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

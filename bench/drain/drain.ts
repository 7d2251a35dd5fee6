/**
 * The outbox drain of bench/sections/gateway.ts, measured where it runs: in the bench's own
 * process (CARTELLA_BENCH_DRAIN_IN_PROCESS=1) or in a child started from a bundle
 * (drain-main.ts, bench/drain/build.ts), the app's arrangement. Returns figures only; the
 * section prints them, so both arrangements print the same lines.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { DbClient } from '../../electron/services/db/client.ts';
import { GatewayClient, factsFromPdf } from '../../electron/services/gateway/client/client.ts';
import { SANDBOX_IDENTITY, ephemeralSignatureCredential } from '../../electron/services/gateway/dev-credentials.ts';
import { startGatewaySimulator } from '../../electron/services/gateway/simulator/simulator.ts';
import { OutboxScheduler, dbClientStore } from '../../electron/services/outbox/index.ts';
import { lazySimulatorChecks } from '../../electron/services/outbox/sandbox-gateway.ts';

export interface DrainOptions {
  docs: number;
  latencyMs: number;
  concurrency: number;
}

export interface DrainFigures {
  docs: number;
  published: number;
  seconds: number;
  /** process.cpuUsage() during the drain, user + system, microseconds (every thread). */
  cpuMicros: number;
  ledgerPublished: number;
  warmUpSeconds: number;
  /** RSS after the enqueue, before the validator's first document. */
  rssBefore: number;
  /** process.memoryUsage() at the highest RSS sampled (every 50 ms) from start to the drain's end. */
  peak: NodeJS.MemoryUsage;
}

/** Fixture path: bench/drain/ and out/bench-drain/ are both two levels below the root. */
const PSS_XML = join(import.meta.dirname, '../../tests/fixtures/cda/official-examples/PSS.xml');

export async function drain({ docs, latencyMs, concurrency }: DrainOptions): Promise<DrainFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'cartella-bench-'));
  // The whole process: the database, validation and XSD worker threads share its RSS; the
  // breakdown at the peak tells this thread's JS heap from Buffers (external, arrayBuffers).
  let peak = process.memoryUsage();
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    if (m.rss > peak.rss) peak = m;
  }, 50);
  const { checkSignature: _unsignedPdf, ...sandboxChecks } = lazySimulatorChecks();
  const sim = await startGatewaySimulator({ latencyMs, seed: 1, ...sandboxChecks });
  const db = await DbClient.open(join(dir, 'cartella.db'), '12'.repeat(32));
  const client = new GatewayClient({ environment: 'simulator', baseUrl: sim.url, signature: ephemeralSignatureCredential(), identity: SANDBOX_IDENTITY, timeoutMs: 30_000 });
  try {
    const pdfDoc = await PDFDocument.create();
    pdfDoc.addPage([595, 842]);
    await pdfDoc.attach(readFileSync(PSS_XML), 'cda.xml', { mimeType: 'application/xml' });
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
    const rssBefore = process.memoryUsage().rss;
    const w0 = performance.now();
    await client.validate({ pdf, body: { activity: 'VERIFICA', mode: 'ATTACHMENT', healthDataFormat: 'CDA' }, facts: { patient: facts.patient, documentCode: facts.documentCode } });
    const warmUpSeconds = (performance.now() - w0) / 1000;
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
    const ledgerPublished = sim.ledger.entries.filter((e) => e.outcome === 'published').length;
    return { docs, published, seconds, cpuMicros: cpu.user + cpu.system, ledgerPublished, warmUpSeconds, rssBefore, peak };
  } finally {
    clearInterval(sampler);
    await client.close();
    await sim.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * No document blocks the event loop of the host that received it: the reading of a received
 * document (import.preview/apply, pss.importPreview: PDF attachment, CDA, FHIR, CSV, the
 * signature's ASN.1) and the simulator's CDA extraction and validation run in the validation
 * worker, each request under a time limit; one over its limit is answered TIMEOUT and the
 * worker is replaced, the other requests still answered.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CdaValidationWorker } from '../../../electron/services/validation/worker-client.ts';
import { lazySimulatorChecks } from '../../../electron/services/outbox/sandbox-gateway.ts';
import { readDocument } from '../../../electron/services/gateway/simulator/request-body.ts';
import { readReceived } from '../../../electron/services/import/read-received.ts';
import { deepXml, selfReferencingNameTreePdf } from '../../helpers/hostile-files.ts';
import { tempServices } from '../../helpers/temp-services.ts';

const REPO = join(import.meta.dirname, '../../..');
const IMPORT_PSS = readFileSync(join(REPO, 'tests/fixtures/pss/official-PSS.xml'), 'utf8');
const PSS = readFileSync(join(REPO, 'tests/fixtures/cda/official-examples/PSS.xml'));

/** The official PSS with its body sections repeated: a large but ordinary document (~`times` × 30 KB). */
function bigPss(times: number): string {
  const start = IMPORT_PSS.indexOf('>', IMPORT_PSS.indexOf('<structuredBody')) + 1;
  const end = IMPORT_PSS.lastIndexOf('</structuredBody>');
  return IMPORT_PSS.slice(0, start) + IMPORT_PSS.slice(start, end).repeat(times) + IMPORT_PSS.slice(end);
}

/** Runs `work` and returns the longest event-loop stall seen meanwhile (ms). */
async function maxStallDuring<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number; ms: number }> {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  const t = performance.now();
  const result = await work();
  const ms = performance.now() - t;
  h.disable();
  return { result, stallMs: h.max / 1e6, ms };
}

describe('the validation worker: time limit', () => {
  const worker = new CdaValidationWorker();
  afterAll(() => worker.close());

  it('answers TIMEOUT for a request over its limit, replaces the thread, and answers the others', async () => {
    await worker.validate(PSS); // started and warm
    const slow = worker.validate(Buffer.from(bigPss(120)), undefined, { timeLimitMs: 50 });
    const normal = worker.validate(PSS);
    await expect(slow).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect((await normal).valid).toBe(true);
    expect((await worker.validate(PSS)).valid).toBe(true);
  }, 120_000);
});

describe('the validation worker: one request in the thread at a time, the rest queued here', () => {
  it('answers a burst in full, and close() cancels what is still queued', async () => {
    const worker = new CdaValidationWorker();
    const burst = await Promise.all(Array.from({ length: 6 }, () => worker.validate(PSS)));
    expect(burst.map((r) => r.valid)).toEqual([true, true, true, true, true, true]);
    const held = worker.validate(PSS).catch((e: unknown) => e);
    const queued = worker.validate(PSS).catch((e: unknown) => e);
    await worker.close();
    expect(await queued).toMatchObject({ code: 'CANCELLED' });
    expect(await held).toMatchObject({ code: 'CANCELLED' });
  }, 120_000);
});

describe('import of a received PSS: off the event loop', () => {
  let s: Awaited<ReturnType<typeof tempServices>>;
  let patientId: string;
  beforeAll(async () => {
    s = await tempServices();
    const p = await s.dispatcher.dispatch('patients.create', { surname: 'Rossi', givenName: 'Mario', sex: 'M', birthDate: '1922-01-01', identifierKind: 'CF', identifier: 'RSSMRA22A01A399Z' }, { actor: 't', transport: 'in-process' });
    if (!p.ok) throw new Error(p.error.message);
    patientId = (p.value as { id: string }).id;
    await s.dispatcher.dispatch('pss.importPreview', { patientId, fileBase64: Buffer.from(IMPORT_PSS).toString('base64') }, { actor: 't', transport: 'in-process' });
  }, 60_000);
  afterAll(() => s.dispose());

  it('a 2 MB PSS is read while the event loop keeps turning', async () => {
    const fileBase64 = Buffer.from(bigPss(60)).toString('base64');
    const { result, stallMs, ms } = await maxStallDuring(() => s.dispatcher.dispatch('pss.importPreview', { patientId, fileBase64 }, { actor: 't', transport: 'in-process' }));
    expect(result.ok ? 'ok' : result.error).toBe('ok');
    expect(ms).toBeGreaterThan(4 * stallMs); // the work took far longer than any stall
    expect(stallMs).toBeLessThan(250);
  }, 120_000);
});

describe('import of received documents: off the event loop, hostile files refused with a typed error', () => {
  let s: Awaited<ReturnType<typeof tempServices>>;
  const ctx = { actor: 't', transport: 'in-process' } as const;
  beforeAll(async () => {
    s = await tempServices();
    await s.dispatcher.dispatch('import.preview', { fileName: 'PSS.xml', fileBase64: PSS.toString('base64') }, ctx); // worker started
  }, 60_000);
  afterAll(() => s.dispose());

  /** `file` through import.preview while system.info is asked every 20 ms: the refusal, and how often the other RPC answered meanwhile. */
  async function previewBeside(fileName: string, file: Uint8Array) {
    let answered = 0;
    let running = true;
    const beside = (async () => {
      while (running) {
        const r = await s.dispatcher.dispatch('system.info', undefined, ctx);
        if (r.ok) answered++;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const { result, stallMs, ms } = await maxStallDuring(() => s.dispatcher.dispatch('import.preview', { fileName, createPatient: true, fileBase64: Buffer.from(file).toString('base64') }, ctx));
    running = false;
    await beside;
    return { result, stallMs, ms, answered };
  }

  it('the 100,000-level XML: IMPORT_REFUSED XML_TOO_DEEP (Italian), other RPCs answered meanwhile', async () => {
    const { result, stallMs, answered } = await previewBeside('deep.xml', deepXml(100_000));
    expect(result.ok ? 'ok' : { code: result.error.code, data: result.error.data }).toEqual({ code: 'IMPORT_REFUSED', data: { reason: 'XML_TOO_DEEP' } });
    expect(answered).toBeGreaterThan(0);
    expect(stallMs).toBeLessThan(250);
  }, 60_000);

  it('the PDF whose name tree lists itself: IMPORT_REFUSED NO_CDA, other RPCs answered meanwhile', async () => {
    const { result, stallMs, answered } = await previewBeside('self.pdf', await selfReferencingNameTreePdf());
    expect(result.ok ? 'ok' : { code: result.error.code, data: result.error.data }).toEqual({ code: 'IMPORT_REFUSED', data: { reason: 'NO_CDA' } });
    expect(answered).toBeGreaterThan(0);
    expect(stallMs).toBeLessThan(250);
  }, 60_000);

  it('a PDF carrying a 600 KB CDA is read (attachment extracted, CDA parsed, validated) while the event loop keeps turning', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([200, 200]);
    await doc.attach(Buffer.from(bigPss(20)), 'cda.xml', { mimeType: 'application/xml' });
    const { result, stallMs, ms, answered } = await previewBeside('big.pdf', await doc.save());
    expect(result.ok ? 'ok' : result.error).toBe('ok');
    expect(answered).toBeGreaterThan(0);
    // The reading takes seconds; no stall comes near it (an absolute bound fails on a loaded machine, the ratio does not).
    expect(ms).toBeGreaterThan(4 * stallMs);
  }, 120_000);

  it('a reading over the time limit is TIMEOUT, and the worker then reads the next file', async () => {
    const worker = new CdaValidationWorker();
    try {
      await worker.readReceived(Buffer.from(IMPORT_PSS), { fileName: 'pss.xml', mappings: [], trustAnchorsPem: [] }); // started and warm
      const slow = worker.readReceived(Buffer.from(bigPss(200)), { fileName: 'big.xml', mappings: [], trustAnchorsPem: [] }, { timeLimitMs: 100 });
      await expect(slow).rejects.toMatchObject({ code: 'TIMEOUT' });
      const small = await readReceived(Buffer.from(IMPORT_PSS), { fileName: 'pss.xml', mappings: [], trustAnchorsPem: [], worker });
      expect(small.content.header.kind).toBe('PSS');
    } finally {
      await worker.close();
    }
  }, 60_000);
});

describe('the gateway simulator: CDA extraction off the event loop', () => {
  const checks = lazySimulatorChecks();
  afterAll(() => checks.disposeChecks?.());

  it('a PDF carrying a 6 MB CDA is extracted while the event loop keeps turning', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([200, 200]);
    await doc.attach(Buffer.from(bigPss(200)), 'cda.xml', { mimeType: 'application/xml' });
    const pdf = await doc.save();
    await readDocument(await smallPdf(), { mode: 'ATTACHMENT' }, checks.readCda); // worker started
    const { result, stallMs, ms } = await maxStallDuring(() => readDocument(pdf, { mode: 'ATTACHMENT' }, checks.readCda));
    expect(result.facts.patientIds[0]?.extension).toBe('RSSMRA22A01A399Z');
    expect(ms).toBeGreaterThan(4 * stallMs);
    expect(stallMs).toBeLessThan(250);
  }, 120_000);
});

async function smallPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]);
  await doc.attach(PSS, 'cda.xml', { mimeType: 'application/xml' });
  return doc.save();
}

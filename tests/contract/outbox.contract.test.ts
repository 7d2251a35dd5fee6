/**
 * The outbox over the contract (Coda di invio), in process and over the node host. The services
 * run in sandbox mode, so they start the built-in gateway simulator (real CDA validator, PAdES
 * check). Documents are synthetic PSS built with our builder and renderer and signed PAdES
 * through `signing.signFiles` with the SoftHSM2 test token. A signed PDF goes through
 * `outbox.enqueue` → pubblicato with exactly one ledger entry; with the simulator answering
 * 5xx it waits and is retried by itself; the official 2023 PSS sample (refused by the PSS v4.0
 * schematron) is parked with the Italian reason; pause, edit, requeue and cancel. Validation
 * before signing (outbox.prevalidate): validated → signed → enqueued with it → published with
 * no second VALIDATION; the 2023 sample refused with GATEWAY_REJECTED and its Italian reasons;
 * connection resets → offline; enqueue with a PSS version that cannot be marked writes nothing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeServices } from '../../electron/node-host/node-services.ts';
import { createLogger } from '../../electron/services/logging/logger.ts';
import type { GatewaySimulator } from '../../electron/services/gateway/simulator/simulator.ts';
import type { AppContract } from '../../shared/api/index.ts';
import type { OutboxState } from '../../shared/outbox/state-machine.ts';
import { createClient, inProcessTransport } from '../../shared/rpc/index.ts';
import { untilEntry } from '../helpers/outbox-until.ts';
import { rejection } from '../helpers/rejection.ts';
import { signPades, testTokenSkip, TOKEN_TIMEOUT, useSandboxToken } from '../helpers/sign-and-publish.ts';
import { PSS_METADATA, signedPss, unsignedPss } from '../helpers/signed-pss.ts';
import { inProcess, overNodeHost, type ContractFixture } from './transports.ts';

const { skip: SKIP, note } = testTokenSkip('outbox contract tests');

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const OFFICIAL_PSS = readFileSync(join(import.meta.dirname, '../fixtures/gateway/pdf/PSS.pdf'));

useSandboxToken('cartella-outbox-contract-', SKIP);

describe.skipIf(SKIP).each([
  ['in-process', inProcess],
  ['node host', overNodeHost],
] as const)(`outbox contract over %s (sandbox simulator)${note}`, (_name, make) => {
  let f: ContractFixture;
  let sim: GatewaySimulator;
  let docs: { pdf: string; title: string }[];
  beforeAll(async () => {
    f = await make({ outbox: true });
    sim = (await f.simulator())!;
    docs = await signedPss(f.client, 4, _name === 'in-process' ? 11 : 12);
  }, TOKEN_TIMEOUT);
  afterAll(() => f?.dispose());

  it('the sandbox runs the built-in simulator on 127.0.0.1; an empty queue', async () => {
    const s = await f.client.call('outbox.summary', {});
    expect(s.gateway.mode).toBe('sandbox');
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(s).toMatchObject({ pending: 0, notPublished: 0, paused: false, online: true });
    expect(await f.client.call('outbox.list', {})).toEqual([]);
  });

  it('a signed PSS: enqueue → pubblicato, exactly one publication in the ledger, events on each transition', async () => {
    const seen: OutboxState[] = [];
    const stop = f.client.subscribe('outbox.changed', (e) => seen.push(e.state));
    const e = await f.client.call('outbox.enqueue', { pdfBase64: docs[0]!.pdf, metadata: PSS_METADATA, title: docs[0]!.title });
    expect(e).toMatchObject({ state: 'queued', label: 'In coda', operation: 'create', document: { title: docs[0]!.title, kind: 'PSS', patientId: null } });
    expect(e.identificativoDoc).toMatch(/^[0-2](\.\d+)+\^PSS\./);
    const done = await untilEntry(f.client, e.id, (x) => x.state === 'published', 60_000);
    expect(done).toMatchObject({ label: 'Pubblicato', lastErrorText: null });
    expect(done.workflowInstanceId).toMatch(/workflowInstanceId$/);
    expect(sim.ledger.publications(e.identificativoDoc)).toBe(1);
    expect(sim.ledger.entries.filter((x) => x.identificativoDoc === e.identificativoDoc)).toHaveLength(1);
    // The sandbox keeps the simulator's ledger in the data folder, one JSON line per publication.
    const ledger = readFileSync(join(f.dataDir, 'gateway-sim-ledger.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { identificativoDoc: string; outcome: string });
    expect(ledger.filter((x) => x.identificativoDoc === e.identificativoDoc).map((x) => x.outcome)).toEqual(['published']);
    await new Promise((r) => setTimeout(r, 50));
    stop();
    expect(seen).toEqual(expect.arrayContaining(['queued', 'sending', 'accepted', 'published']));
    const s = await f.client.call('outbox.summary', {});
    expect(s.lastSyncAt).not.toBeNull();
    expect(s.byState.published).toBe(1);
    expect(s.notPublished).toBe(0);
    // The same document twice: refused before anything is written.
    const dup = await rejection(f.client.call('outbox.enqueue', { pdfBase64: docs[0]!.pdf, metadata: PSS_METADATA }));
    expect(dup.code).toBe('CONFLICT');
  }, 90_000);

  it('the simulator answering 5xx: the entry waits with the next try and an Italian reason, then is published by itself', async () => {
    sim.setFaults({ errorRate: 1 });
    try {
      const e = await f.client.call('outbox.enqueue', { pdfBase64: docs[1]!.pdf, metadata: PSS_METADATA, title: docs[1]!.title });
      const waiting = await untilEntry(f.client, e.id, (x) => x.state === 'waiting_retry' && x.attempts >= 2);
      expect(waiting.label).toBe('In attesa di nuovo tentativo');
      expect(waiting.lastErrorText).toMatch(/nuovo tentativo|reinviato/);
      expect(waiting.nextAttemptAt).toBeGreaterThan(0);
      expect(sim.ledger.publications(e.identificativoDoc)).toBe(0);
      sim.setFaults({});
      const done = await untilEntry(f.client, e.id, (x) => x.state === 'published', 60_000);
      expect(done.lastErrorText).toBeNull();
      expect(sim.ledger.publications(e.identificativoDoc)).toBe(1);
    } finally {
      sim.setFaults({});
    }
  }, 90_000);

  it('connection reset (offline): queued entries wait and go out when the gateway is reachable again', async () => {
    sim.setFaults({ resetRate: 1 });
    try {
      const e = await f.client.call('outbox.enqueue', { pdfBase64: docs[2]!.pdf, metadata: PSS_METADATA, title: docs[2]!.title });
      const waiting = await untilEntry(f.client, e.id, (x) => x.state === 'waiting_retry');
      expect(waiting.lastErrorText).toMatch(/Connessione interrotta|Rete non disponibile|non ha risposto/);
      await expect.poll(async () => (await f.client.call('outbox.summary', {})).online, { timeout: 10_000 }).toBe(false);
      sim.setFaults({});
      await untilEntry(f.client, e.id, (x) => x.state === 'published', 60_000);
      expect(sim.ledger.publications(e.identificativoDoc)).toBe(1);
      expect((await f.client.call('outbox.summary', {})).online).toBe(true);
    } finally {
      sim.setFaults({});
    }
  }, 90_000);

  it('a permanent rejection (the 2023 sample fails the PSS v4.0 schematron) is parked with the Italian reason; edit, requeue, cancel', async () => {
    const e = await f.client.call('outbox.enqueue', { pdfBase64: b64(OFFICIAL_PSS), metadata: PSS_METADATA, title: 'PSS di esempio (2023)' });
    const parked = await untilEntry(f.client, e.id, (x) => x.state === 'parked', 60_000);
    expect(parked.label).toBe('Sospeso: richiede intervento');
    expect(parked.parkedReason).toMatch(/schematron/);
    expect(parked.lastErrorText).toBe(parked.parkedReason);
    expect(sim.ledger.publications(e.identificativoDoc)).toBe(0);
    expect((await f.client.call('outbox.summary', {})).needsAttention).toBe(1);

    const draft = await f.client.call('outbox.edit', { id: e.id });
    expect(draft).toMatchObject({ state: 'draft', label: 'Bozza' });
    const again = await f.client.call('outbox.retry', { id: e.id });
    expect(again.state).toBe('queued');
    await untilEntry(f.client, e.id, (x) => x.state === 'parked', 60_000);
    expect((await f.client.call('outbox.cancel', { id: e.id })).state).toBe('cancelled');
    expect((await rejection(f.client.call('outbox.retry', { id: e.id }))).code).toBe('CONFLICT');
    expect((await rejection(f.client.call('outbox.cancel', { id: 'nessuno' }))).code).toBe('NOT_FOUND');
  }, 120_000);

  it('pause: nothing is sent while paused; resuming sends it', async () => {
    const paused = await f.client.call('outbox.setPaused', { paused: true });
    expect(paused.paused).toBe(true);
    const e = await f.client.call('outbox.enqueue', { pdfBase64: docs[3]!.pdf, metadata: PSS_METADATA, title: docs[3]!.title });
    await new Promise((r) => setTimeout(r, 500));
    expect((await f.client.call('outbox.list', {})).find((x) => x.id === e.id)?.state).toBe('queued');
    expect((await f.client.call('outbox.summary', {})).notPublished).toBe(1);
    expect((await f.client.call('outbox.setPaused', { paused: false })).paused).toBe(false);
    await untilEntry(f.client, e.id, (x) => x.state === 'published', 60_000);
    expect(sim.ledger.publications(e.identificativoDoc)).toBe(1);
  }, 90_000);

  it('validation before signing: validated → signed → enqueued with it → published with no second VALIDATION', async () => {
    const [unsigned] = await unsignedPss(1, _name === 'in-process' ? 21 : 22, 'PSS-pre');
    const validationsBefore = sim.calls.get('validate') ?? 0;
    const pre = await f.client.call('outbox.prevalidate', { pdfBase64: unsigned!.dataBase64, metadata: PSS_METADATA });
    if (pre.status !== 'validated') throw new Error(`expected validated, got ${JSON.stringify(pre)}`);
    expect(pre.workflowInstanceId).toMatch(/workflowInstanceId$/);
    expect(Date.now() - Date.parse(pre.validatedAt)).toBeLessThan(60_000);
    expect(sim.calls.get('validate') ?? 0).toBe(validationsBefore + 1);
    const [signed] = await signPades(f.client, `pre-${_name}`, [unsigned!]);
    const { status: _s, warning: _w, ...prevalidation } = pre;
    const e = await f.client.call('outbox.enqueue', { pdfBase64: signed!, metadata: PSS_METADATA, title: 'PSS validato prima della firma', prevalidation });
    expect(e).toMatchObject({ state: 'queued', step: 'publish', workflowInstanceId: pre.workflowInstanceId, validatedAt: Date.parse(pre.validatedAt) });
    const done = await untilEntry(f.client, e.id, (x) => x.state === 'published', 60_000);
    expect(done.workflowInstanceId).toBe(pre.workflowInstanceId);
    expect(sim.calls.get('validate') ?? 0).toBe(validationsBefore + 1); // the outbox did not validate it again
    expect(sim.ledger.publications(e.identificativoDoc)).toBe(1);
    expect(sim.ledger.entries.find((x) => x.identificativoDoc === e.identificativoDoc)?.workflowInstanceId).toBe(pre.workflowInstanceId);
  }, TOKEN_TIMEOUT);

  it('validation before signing refused (the 2023 sample, PSS v4.0 schematron): GATEWAY_REJECTED with the reasons in Italian; reset → offline', async () => {
    const refused = await rejection(f.client.call('outbox.prevalidate', { pdfBase64: b64(OFFICIAL_PSS), metadata: PSS_METADATA }));
    expect(refused.code).toBe('GATEWAY_REJECTED');
    const data = refused.data as { status?: number; type?: string; title?: string; detail?: string };
    expect(data).toMatchObject({ status: 422, type: '/msg/semantic' });
    expect(data.title).toMatch(/^Il CDA non rispetta le regole schematron/);
    expect(data.detail).toMatch(/ERRORE-/);
    const noCda = await rejection(f.client.call('outbox.prevalidate', { pdfBase64: b64(readFileSync(join(import.meta.dirname, '../fixtures/gateway/pdf/NO_CDA.pdf'))), metadata: PSS_METADATA }));
    expect(noCda.code).toBe('INVALID_INPUT');
    sim.setFaults({ resetRate: 1 });
    try {
      const off = await f.client.call('outbox.prevalidate', { pdfBase64: b64(OFFICIAL_PSS), metadata: PSS_METADATA });
      expect(off).toEqual({ status: 'offline', reason: expect.stringMatching(/Connessione interrotta|Rete non disponibile/) });
    } finally {
      sim.setFaults({});
    }
  }, 60_000);

  it('enqueue with a PSS version that cannot be marked signed writes nothing (one transaction)', async () => {
    const [unsigned] = await unsignedPss(1, _name === 'in-process' ? 31 : 32, 'PSS-pre');
    const before = (await f.client.call('outbox.list', {})).length;
    const missing = await rejection(f.client.call('outbox.enqueue', { pdfBase64: unsigned!.dataBase64, metadata: PSS_METADATA, state: 'draft', pssDocumentId: 'nessuna-versione' }));
    expect(missing.code).toBe('NOT_FOUND');
    expect((await f.client.call('outbox.list', {})).length).toBe(before);
    // The same document can then be queued: nothing of the failed call was kept.
    const e = await f.client.call('outbox.enqueue', { pdfBase64: unsigned!.dataBase64, metadata: PSS_METADATA, state: 'draft' });
    expect(e.state).toBe('draft');
    await f.client.call('outbox.cancel', { id: e.id });
  }, 60_000);

  it('refuses a PDF without a CDA and bad metadata (INVALID_INPUT), writing nothing', async () => {
    const before = (await f.client.call('outbox.list', {})).length;
    const noCda = await rejection(f.client.call('outbox.enqueue', { pdfBase64: b64(readFileSync(join(import.meta.dirname, '../fixtures/gateway/pdf/NO_CDA.pdf'))), metadata: PSS_METADATA }));
    expect(noCda.code).toBe('INVALID_INPUT');
    const bad = await rejection(f.client.call('outbox.enqueue', { pdfBase64: docs[3]!.pdf, identificativoDoc: '2.16.840.1.113883.2.9.2.120.4.4^ALTRO', metadata: { ...PSS_METADATA, tipologiaStruttura: 'Altrove' } }));
    expect(bad.code).toBe('INVALID_INPUT');
    expect((await f.client.call('outbox.list', {})).length).toBe(before);
  });
});

describe('outside the sandbox, with no gateway configured', () => {
  it('says so, and a queued document stays queued (nothing sent, nothing failed)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cartella-outbox-real-'));
    const s = await createNodeServices({ dataDir, runtime: 'in-process', logger: createLogger({ level: 'silent' }), sandbox: false });
    try {
      await s.outbox.start();
      const client = createClient<AppContract>(inProcessTransport(s.dispatcher, s.events, { actor: 'contract', transport: 'in-process' }));
      const summary = await client.call('outbox.summary', {});
      expect(summary.gateway).toMatchObject({ mode: 'not-configured', reason: expect.stringMatching(/non configurato/) });
      expect(summary.online).toBe(false);
      const e = await client.call('outbox.enqueue', { pdfBase64: b64(OFFICIAL_PSS), metadata: PSS_METADATA });
      await new Promise((r) => setTimeout(r, 300));
      expect((await client.call('outbox.list', {})).find((x) => x.id === e.id)).toMatchObject({ state: 'queued', attempts: 0, lastErrorText: null });
      expect(await s.outbox.gateway.simulator()).toBeUndefined();
      // Validation before signing: not configured is "offline" — the doctor signs, the queue waits.
      expect(await client.call('outbox.prevalidate', { pdfBase64: b64(OFFICIAL_PSS), metadata: PSS_METADATA })).toEqual({ status: 'offline', reason: expect.stringMatching(/non configurato/) });
    } finally {
      await s.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

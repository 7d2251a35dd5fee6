/**
 * Annulla over the contract, in process and over the node host (sandbox simulator): a published
 * document of a patient gets its deletion queued in the outbox (outbox.deletePublished), sent as
 * DELETE /documents/{identificativoDoc} (FSE-GATEWAY.md §2), and reads "annullato" in
 * documents.authored and on the timeline once done. Refused with typed errors when the document
 * is not published (CONFLICT, field 'state'), already annulled or being annulled, or unknown or
 * another patient's (NOT_FOUND). A queued deletion is still there after a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeServices } from '../../electron/node-host/node-services.ts';
import { createLogger } from '../../electron/services/logging/logger.ts';
import type { GatewaySimulator } from '../../electron/services/gateway/simulator/simulator.ts';
import type { AppContract } from '../../shared/api/index.ts';
import { encodeCodiceFiscale } from '../../shared/domain/codice-fiscale.ts';
import { createClient, inProcessTransport, type RpcClient } from '../../shared/rpc/index.ts';
import { untilEntry } from '../helpers/outbox-until.ts';
import { rejection } from '../helpers/rejection.ts';
import { testTokenSkip, TOKEN_TIMEOUT, useSandboxToken } from '../helpers/sign-and-publish.ts';
import { PSS_METADATA, signedPss } from '../helpers/signed-pss.ts';
import { inProcess, overNodeHost, type ContractFixture } from './transports.ts';

const { skip: SKIP, note } = testTokenSkip('outbox deletion contract tests');

useSandboxToken('cartella-outbox-delete-', SKIP);

async function newPatient(client: RpcClient<AppContract>, surname: string) {
  const person = { surname, givenName: 'Ada', sex: 'F' as const, birthDate: '1958-02-03' };
  return client.call('patients.create', { ...person, identifierKind: 'CF', identifier: encodeCodiceFiscale({ ...person, belfiore: 'F205' }) });
}

describe.skipIf(SKIP).each([
  ['in-process', inProcess],
  ['node host', overNodeHost],
] as const)(`Annulla (deletion through the outbox) over %s${note}`, (name, make) => {
  let f: ContractFixture;
  let sim: GatewaySimulator;
  let docs: { pdf: string; title: string }[];
  beforeAll(async () => {
    f = await make({ outbox: true });
    sim = (await f.simulator())!;
    docs = await signedPss(f.client, 2, name === 'in-process' ? 31 : 32);
  }, TOKEN_TIMEOUT);
  afterAll(() => f?.dispose());

  it('a published document: deletion queued (in coda), sent once, then annullato in Documenti and on the timeline; typed refusals', async () => {
    const p = await newPatient(f.client, name === 'in-process' ? 'Annullini' : 'Annulloni');
    const other = await newPatient(f.client, name === 'in-process' ? 'Altrini' : 'Altroni');
    const published = await f.client.call('outbox.enqueue', { pdfBase64: docs[0]!.pdf, patientId: p.id, metadata: PSS_METADATA, title: docs[0]!.title });
    await untilEntry(f.client, published.id, (x) => x.state === 'published', 60_000);
    expect((await f.client.call('documents.authored', { patientId: p.id })).items).toEqual([
      expect.objectContaining({ documentId: published.documentId, state: 'pubblicato', operation: 'create', outboxState: 'published' }),
    ]);

    // Not yet published (paused, so it stays queued): refused, nothing queued.
    await f.client.call('outbox.setPaused', { paused: true });
    const queued = await f.client.call('outbox.enqueue', { pdfBase64: docs[1]!.pdf, patientId: p.id, metadata: PSS_METADATA, title: docs[1]!.title });
    const notPublished = await rejection(f.client.call('outbox.deletePublished', { documentId: queued.documentId, patientId: p.id }));
    expect(notPublished.code).toBe('CONFLICT');
    expect(notPublished.data).toEqual({ entity: 'document', field: 'state' });
    expect((await rejection(f.client.call('outbox.deletePublished', { documentId: 'nessuno' }))).code).toBe('NOT_FOUND');
    expect((await rejection(f.client.call('outbox.deletePublished', { documentId: published.documentId, patientId: other.id }))).code).toBe('NOT_FOUND');

    const deletion = await f.client.call('outbox.deletePublished', { documentId: published.documentId, patientId: p.id });
    expect(deletion).toMatchObject({ operation: 'delete', state: 'queued', label: 'In coda', documentId: published.documentId, identificativoDoc: published.identificativoDoc, document: { patientId: p.id } });
    const authored = (await f.client.call('documents.authored', { patientId: p.id })).items.find((d) => d.documentId === published.documentId);
    expect(authored).toMatchObject({ state: 'in-coda', operation: 'delete', outboxEntryId: deletion.id });
    // One deletion at a time.
    expect((await rejection(f.client.call('outbox.deletePublished', { documentId: published.documentId }))).data).toEqual({ entity: 'document', field: 'state' });

    await f.client.call('outbox.setPaused', { paused: false });
    await untilEntry(f.client, deletion.id, (x) => x.state === 'published', 60_000);
    expect(sim.ledger.entries.filter((e) => e.identificativoDoc === published.identificativoDoc).map((e) => e.outcome)).toEqual(['published', 'deleted']);
    expect(sim.ledger.isPublished(published.identificativoDoc)).toBe(false);
    const after = (await f.client.call('documents.authored', { patientId: p.id })).items.find((d) => d.documentId === published.documentId);
    expect(after).toMatchObject({ state: 'annullato', operation: 'delete', outboxState: 'published', reason: null });
    const timeline = await f.client.call('timeline.list', { patientId: p.id, kinds: ['authored'] });
    expect(timeline.items.find((i) => i.id === published.documentId)?.tag).toBe('annullato');
    // Already annulled: refused.
    expect((await rejection(f.client.call('outbox.deletePublished', { documentId: published.documentId }))).code).toBe('CONFLICT');
    await untilEntry(f.client, queued.id, (x) => x.state === 'published', 60_000);
  }, 180_000);
});

describe.skipIf(SKIP)(`a queued deletion after a restart${note}`, () => {
  it('is still queued, and the document still reads in coda', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cartella-outbox-delete-restart-'));
    const open = async () => {
      const s = await createNodeServices({ dataDir, runtime: 'in-process', logger: createLogger({ level: 'silent' }) });
      await s.outbox.start();
      return { s, client: createClient<AppContract>(inProcessTransport(s.dispatcher, s.events, { actor: 'contract', transport: 'in-process' })) };
    };
    try {
      const first = await open();
      const p = await newPatient(first.client, 'Riavvii');
      const [doc] = await signedPss(first.client, 1, 33);
      const e = await first.client.call('outbox.enqueue', { pdfBase64: doc!.pdf, patientId: p.id, metadata: PSS_METADATA, title: doc!.title });
      await untilEntry(first.client, e.id, (x) => x.state === 'published', 60_000);
      await first.client.call('outbox.setPaused', { paused: true });
      const deletion = await first.client.call('outbox.deletePublished', { documentId: e.documentId, patientId: p.id });
      await first.s.close();

      const second = await open();
      try {
        expect((await second.client.call('outbox.list', {})).find((x) => x.id === deletion.id)).toMatchObject({ operation: 'delete', state: 'queued' });
        expect((await second.client.call('documents.authored', { patientId: p.id })).items[0]).toMatchObject({ state: 'in-coda', operation: 'delete' });
      } finally {
        await second.s.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, TOKEN_TIMEOUT);
});

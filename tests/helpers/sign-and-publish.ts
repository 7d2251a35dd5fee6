/**
 * What the contract tests that publish share: the SoftHSM2 sandbox test token set up for the
 * file (with the outbox's timers shortened, so a publication takes a second, not minutes), files
 * signed PAdES with it through `signing.signFiles`, and a signing-batch item taken from signature
 * to publication through the outbox and the gateway simulator.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { createTestToken, testTokenUnavailableReason } from '../../electron/services/signing/test-token.ts';
import type { AppContract } from '../../shared/api/index.ts';
import type { SigningBatchItem } from '../../shared/api/documents-pipeline.ts';
import type { OutboxListEntry } from '../../shared/api/outbox.ts';
import type { RpcClient } from '../../shared/rpc/index.ts';
import { untilEntry } from './outbox-until.ts';

/** Creating the token (softhsm2-util, a key pair, a certificate) and a first signature take this long at most. */
export const TOKEN_TIMEOUT = 180_000;

/** Small retry base, fast probe and poll: the tests drive real timers for seconds, not minutes. */
export const FAST_OUTBOX_ENV = { CARTELLA_OUTBOX_RETRY_BASE_MS: '60', CARTELLA_OUTBOX_RETRY_CAP_MS: '300', CARTELLA_OUTBOX_PROBE_MS: '100', CARTELLA_OUTBOX_POLL_MS: '30' };

/**
 * Why the test token cannot be made here (no SoftHSM2), warned once with the suite's name, and
 * the note a describe title carries then; `skip` is undefined where the token runs.
 */
export function testTokenSkip(suite: string): { skip: string | undefined; note: string } {
  const skip = testTokenUnavailableReason();
  if (skip) console.warn(`SKIPPED ${suite}: ${skip}`);
  return { skip, note: skip ? ` [SKIPPED: ${skip}]` : '' };
}

/**
 * Registers the file's beforeAll/afterAll: FAST_OUTBOX_ENV set, and (unless `skip`) a fresh test
 * token in a temporary folder named by `dirPrefix`, where the sandbox signer finds it
 * (CARTELLA_SANDBOX_TOKEN_DIR); both undone after.
 */
export function useSandboxToken(dirPrefix: string, skip: string | undefined): void {
  let tokenDir = '';
  beforeAll(() => {
    Object.assign(process.env, FAST_OUTBOX_ENV);
    if (skip) return;
    tokenDir = mkdtempSync(join(tmpdir(), dirPrefix));
    process.env['CARTELLA_SANDBOX_TOKEN_DIR'] = tokenDir;
    createTestToken(tokenDir);
  }, TOKEN_TIMEOUT);
  afterAll(() => {
    for (const k of Object.keys(FAST_OUTBOX_ENV)) delete process.env[k];
    delete process.env['CARTELLA_SANDBOX_TOKEN_DIR'];
    if (tokenDir) rmSync(tokenDir, { recursive: true, force: true });
  });
}

/** The files signed PAdES with the sandbox token in one batch, in order; every one must sign. */
export async function signPades(client: RpcClient<AppContract>, batchId: string, files: { name: string; dataBase64: string }[]): Promise<string[]> {
  const settings = await client.call('settings.get', {});
  const signed = await client.call('signing.signFiles', { batchId, mode: 'pades', files, pin: settings.sandbox.testPin ?? '12345678' });
  return signed.results.map((r) => {
    expect(r.ok, r.error?.message).toBe(true);
    return r.signedBase64!;
  });
}

/**
 * One item of doctypes.signingBatch signed with the sandbox token and queued with its typed
 * document (outbox.enqueue with typedDocumentId), then waited for until the outbox is done with
 * it: the entry as it ends (published, rejected or parked; the caller says which it expects).
 */
export async function signAndPublish(client: RpcClient<AppContract>, patientId: string, item: SigningBatchItem, batchId: string): Promise<OutboxListEntry> {
  const [pdfBase64] = await signPades(client, batchId, [{ name: item.name, dataBase64: item.pdfBase64 }]);
  const queued = await client.call('outbox.enqueue', {
    pdfBase64: pdfBase64!, patientId, kind: item.kind, title: item.title, operation: item.operation, metadata: item.metadata, typedDocumentId: item.documentId,
  });
  return untilEntry(client, queued.id, (e) => ['published', 'rejected', 'parked'].includes(e.state), 90_000);
}

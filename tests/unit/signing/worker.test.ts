/** The worker-thread SigningService: same results through the thread boundary, errors typed. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors/index.ts';
import type { BatchProgress } from '../../../shared/signing/types.ts';
import { WorkerSigningService } from '../../../electron/services/signing/worker-client.ts';
import { testTokenSelector, type TestTokenInfo } from '../../../electron/services/signing/test-token.ts';
import { FIXTURES, TOKEN_SKIP_REASON, testToken, skipNote, TOKEN_TIMEOUT } from './helpers.ts';

const skip = TOKEN_SKIP_REASON !== undefined;
if (skip) console.warn(`SKIPPED worker signing tests: ${TOKEN_SKIP_REASON}`);

describe.skipIf(skip)(`WorkerSigningService (PKCS#11 in a worker thread)${skipNote(TOKEN_SKIP_REASON)}`, () => {
  let info: TestTokenInfo;
  let svc: WorkerSigningService;
  beforeAll(() => {
    info = testToken();
    svc = new WorkerSigningService();
  }, TOKEN_TIMEOUT);
  afterAll(async () => {
    await svc?.close();
  });

  it('lists certificates and signs a batch with progress; the result verifies', async () => {
    const certs = await svc.listCertificates(testTokenSelector(info, 'rsa'));
    expect(certs.map((c) => c.role).sort()).toEqual(['authentication', 'signature']);
    const pdf = readFileSync(join(FIXTURES, 'LAB_OK.pdf'));
    const progress: BatchProgress[] = [];
    const res = await svc.signBatch(
      { token: testTokenSelector(info, 'always-auth'), pin: info.pin, documents: [1, 2, 3].map((i) => ({ id: `d${i}`, kind: 'pades' as const, data: pdf })) },
      { onProgress: (p) => progress.push(p) },
    );
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3]);
    const first = res.results[0];
    if (!first?.ok) throw new Error('not signed');
    expect(first.signed).toBeInstanceOf(Uint8Array);
    const v = await svc.verify({ data: first.signed, trustedCertificatesPem: [info.caPem] });
    expect(v.status).toBe('VALID');
  });

  it('a wrong PIN arrives as a typed AppError', async () => {
    const p = svc.signBatch({ token: testTokenSelector(info, 'ec'), pin: '1', documents: [{ id: 'a', kind: 'cades-detached', data: new Uint8Array([1]) }] });
    await expect(p).rejects.toBeInstanceOf(AppError);
    await expect(p).rejects.toMatchObject({ code: 'PIN_INCORRECT', data: { triesState: 'count-low' } });
  });

  it('cancel crosses the boundary', async () => {
    const ac = new AbortController();
    const documents = Array.from({ length: 6 }, (_, i) => ({ id: `x${i}`, kind: 'cades-enveloping' as const, data: new Uint8Array([i]) }));
    const res = await svc.signBatch({ token: testTokenSelector(info, 'ec'), pin: info.pin, documents }, { signal: ac.signal, onProgress: (p) => { if (p.done === 1) ac.abort(); } });
    expect(res.cancelled).toBe(true);
    expect(res.results.filter((r) => !r.ok).length).toBeGreaterThan(0);
    expect(res.results.every((r) => r.ok || r.error.code === 'CANCELLED')).toBe(true);
  });
});

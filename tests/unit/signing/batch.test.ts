/** Batch signing on the real SoftHSM2 token: one PIN, progress, cancel, CDA-changed refusal. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pkcs11js from 'pkcs11js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchProgress, DocumentToSign } from '../../../shared/signing/types.ts';
import { embeddedCda } from '../../../electron/services/signing/pades.ts';
import { createSigningService } from '../../../electron/services/signing/service.ts';
import { unloadAllModules, type Pkcs11 } from '../../../electron/services/signing/token.ts';
import { testTokenSelector, type TestTokenInfo } from '../../../electron/services/signing/test-token.ts';
import { verifyDocument } from '../../../electron/services/signing/verify.ts';
import { FIXTURES, TOKEN_SKIP_REASON, testToken, skipNote, TOKEN_TIMEOUT } from './helpers.ts';

const skip = TOKEN_SKIP_REASON !== undefined;
if (skip) console.warn(`SKIPPED batch tests: ${TOKEN_SKIP_REASON}`);

const PDF = readFileSync(join(FIXTURES, 'LAB_OK.pdf'));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe.skipIf(skip)(`batch signing${skipNote(TOKEN_SKIP_REASON)}`, () => {
  let info: TestTokenInfo;
  let cdaHash: string;
  beforeAll(async () => {
    info = testToken();
    cdaHash = sha((await embeddedCda(PDF))!);
  }, TOKEN_TIMEOUT);
  afterAll(() => unloadAllModules());

  it('signs N documents of every kind with one login, reports progress, results verify', async () => {
    let logins = 0;
    const svc = createSigningService({
      instrument: (p11: Pkcs11) =>
        new Proxy(p11, {
          get(t, prop) {
            if (prop === 'C_Login') return (s: Buffer, u: number, pin?: string) => { if (u === pkcs11js.CKU_USER) logins++; return t.C_Login(s, u, pin); };
            const v = Reflect.get(t, prop, t) as unknown;
            return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
          },
        }),
    });
    const xml = new TextEncoder().encode('<ClinicalDocument/>');
    const documents: DocumentToSign[] = [
      { id: 'pdf-1', kind: 'pades', data: PDF, expectedCdaSha256: cdaHash, expectedContentSha256: sha(PDF) },
      { id: 'pdf-2', kind: 'pades', data: PDF, expectedCdaSha256: cdaHash.toUpperCase() },
      { id: 'p7m', kind: 'cades-enveloping', data: xml, expectedContentSha256: sha(xml) },
      { id: 'p7s', kind: 'cades-detached', data: xml },
    ];
    const progress: BatchProgress[] = [];
    const res = await svc.signBatch({ token: testTokenSelector(info, 'always-auth'), pin: info.pin, documents }, { onProgress: (p) => progress.push(p) });
    expect(logins).toBe(1);
    expect(res.cancelled).toBe(false);
    expect(res.signer.subject.codiceFiscale).toBe('RSSMRA80A01H501U');
    expect(progress.map((p) => [p.done, p.total, p.id, p.ok])).toEqual([[1, 4, 'pdf-1', true], [2, 4, 'pdf-2', true], [3, 4, 'p7m', true], [4, 4, 'p7s', true]]);
    for (const r of res.results) {
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect(r.sha256).toBe(sha(r.signed));
      const v = await verifyDocument({ data: r.signed, trustedCertificatesPem: [info.caPem], ...(r.kind === 'cades-detached' ? { detachedContent: xml } : {}) });
      expect(v.status).toBe('VALID');
    }
  });

  it('refuses a document whose CDA changed after validation; the others are signed', async () => {
    const svc = createSigningService();
    const res = await svc.signBatch({
      token: testTokenSelector(info, 'rsa'),
      pin: info.pin,
      documents: [
        { id: 'ok', kind: 'pades', data: PDF, expectedCdaSha256: cdaHash },
        { id: 'changed', kind: 'pades', data: PDF, expectedCdaSha256: sha(new TextEncoder().encode('another CDA')) },
        { id: 'changed-content', kind: 'cades-enveloping', data: PDF, expectedContentSha256: '00'.repeat(32) },
        { id: 'not-pdf', kind: 'pades', data: new TextEncoder().encode('hello') },
      ],
    });
    const byId = Object.fromEntries(res.results.map((r) => [r.id, r]));
    expect(byId['ok']?.ok).toBe(true);
    expect(byId['changed']).toMatchObject({ ok: false, error: { code: 'CONFLICT', data: { entity: 'cda', field: 'sha256' } } });
    expect(byId['changed-content']).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(byId['not-pdf']).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('signing with the CNS authentication key works only when asked, and the verdict warns about key usage', async () => {
    const svc = createSigningService();
    const xml = new TextEncoder().encode('<ClinicalDocument/>');
    const res = await svc.signBatch({ token: { ...testTokenSelector(info, 'rsa'), certificateId: '02' }, pin: info.pin, documents: [{ id: 'a', kind: 'cades-enveloping', data: xml }] });
    expect(res.signer.role).toBe('authentication');
    const r = res.results[0];
    if (!r?.ok) throw new Error('not signed');
    const v = await verifyDocument({ data: r.signed, trustedCertificatesPem: [info.caPem] });
    expect(v.status).toBe('VALID');
    expect(v.reasons.find((x) => x.code === 'KEY_USAGE_NO_NON_REPUDIATION')?.severity).toBe('warning');
  });

  it('cancel (AbortSignal) stops the batch: finished documents kept, the rest CANCELLED', async () => {
    const svc = createSigningService();
    const ac = new AbortController();
    const documents: DocumentToSign[] = Array.from({ length: 5 }, (_, i) => ({ id: `d${i}`, kind: 'cades-enveloping', data: new TextEncoder().encode(`doc ${i}`) }));
    const res = await svc.signBatch(
      { token: testTokenSelector(info, 'ec'), pin: info.pin, documents },
      { signal: ac.signal, onProgress: (p) => { if (p.done === 2) ac.abort(); } },
    );
    expect(res.cancelled).toBe(true);
    expect(res.results.map((r) => r.ok)).toEqual([true, true, false, false, false]);
    expect(res.results.slice(2).every((r) => !r.ok && r.error.code === 'CANCELLED')).toBe(true);
    // aborted before starting: no login at all
    await expect(svc.signBatch({ token: testTokenSelector(info, 'ec'), pin: info.pin, documents }, { signal: ac.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('results are plain data (structured-clone / JSON friendly apart from the bytes)', async () => {
    const svc = createSigningService();
    const res = await svc.signBatch({ token: testTokenSelector(info, 'ec'), pin: info.pin, documents: [{ id: 'x', kind: 'cades-detached', data: new Uint8Array([1, 2, 3]) }] });
    const clone = structuredClone(res);
    expect(clone).toEqual(res);
    const r = res.results[0]!;
    expect(r.ok && r.signed instanceof Uint8Array).toBe(true);
  });
});

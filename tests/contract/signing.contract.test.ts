/**
 * Signing over the contract: sign a PDF with the smart card (a real SoftHSM2 token in a temp
 * folder), verify it, a wrong PIN (typed error with the tries state, exactly one login, never
 * retried), cancel a running batch; in process and over the node host.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pkcs11js from 'pkcs11js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signingApi } from '../../shared/api/signing.ts';
import { AppError } from '../../shared/errors/index.ts';
import { createClient, createDispatcher, EventHub, inProcessTransport } from '../../shared/rpc/index.ts';
import { createLogger } from '../../electron/services/logging/logger.ts';
import { createSigningService } from '../../electron/services/signing/service.ts';
import { signingHandlers } from '../../electron/services/signing/signing-handlers.ts';
import { createTestToken, testTokenUnavailableReason, type TestTokenInfo } from '../../electron/services/signing/test-token.ts';
import { unloadAllModules, type Pkcs11 } from '../../electron/services/signing/token.ts';
import { transports, type ContractFixture } from './transports.ts';

const SKIP = testTokenUnavailableReason();
if (SKIP) console.warn(`SKIPPED signing contract tests: ${SKIP}`);
const note = SKIP ? ` [SKIPPED: ${SKIP}]` : '';

const PDF = readFileSync(join(import.meta.dirname, '../fixtures/signing/LAB_OK.pdf'));
const b64 = (b: Uint8Array | string) => Buffer.from(b).toString('base64');
const TOKEN_TIMEOUT = 180_000;

// One token for the whole file: the services' sandbox token points here (CARTELLA_SANDBOX_TOKEN_DIR).
let tokenDir = '';
let info: TestTokenInfo;
beforeAll(() => {
  if (SKIP) return;
  tokenDir = mkdtempSync(join(tmpdir(), 'cartella-sign-contract-'));
  process.env['CARTELLA_SANDBOX_TOKEN_DIR'] = tokenDir;
  info = createTestToken(tokenDir);
}, TOKEN_TIMEOUT);
afterAll(() => {
  delete process.env['CARTELLA_SANDBOX_TOKEN_DIR'];
  if (tokenDir) rmSync(tokenDir, { recursive: true, force: true });
});

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected the call to fail');
}

describe.skipIf(SKIP)(`signing handlers on an observed token: a wrong PIN is one login, never retried${note}`, () => {
  afterAll(() => unloadAllModules());

  it('PIN_INCORRECT with the tries state after exactly one C_Login; the next call logs in once with the right PIN', async () => {
    const logins: string[] = [];
    const service = createSigningService({
      instrument: (p11: Pkcs11) =>
        new Proxy(p11, {
          get(t, prop) {
            if (prop === 'C_Login') {
              return (s: Buffer, u: number, pin?: string) => {
                if (u === pkcs11js.CKU_USER) logins.push(pin === info.pin ? 'right' : 'wrong');
                return t.C_Login(s, u, pin);
              };
            }
            const v = Reflect.get(t, prop, t) as unknown;
            return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
          },
        }),
    });
    const events = new EventHub();
    const logged: string[] = [];
    const rawLogger = Object.fromEntries(
      (['debug', 'info', 'warn', 'error'] as const).map((l) => [l, (msg: string, fields?: Record<string, unknown>) => logged.push(JSON.stringify([l, msg, fields]))]),
    ) as unknown as ReturnType<typeof createLogger>;
    const handlers = signingHandlers({
      service: () => service,
      configuration: async () => ({ modulePath: info.module, moduleEnv: { SOFTHSM2_CONF: info.conf }, tokenLabel: info.tokens.rsa.label, trustAnchorsPem: [info.caPem] }),
      events,
      logger: rawLogger,
    });
    const client = createClient<typeof signingApi>(inProcessTransport(createDispatcher(signingApi, handlers), events, { actor: 'contract', transport: 'in-process' }));
    const files = [{ name: 'a.txt', dataBase64: b64('hello') }];

    const e = await rejection(client.call('signing.signFiles', { batchId: 'w1', mode: 'cades-enveloping', files, pin: '00000000' }));
    expect(e.code).toBe('PIN_INCORRECT');
    expect(e.data).toEqual({ triesState: 'count-low' });
    expect(e.message).not.toContain('00000000');
    expect(logins).toEqual(['wrong']);
    // The state is readable without logging in, and nothing was retried meanwhile.
    expect((await client.call('signing.tokenStatus', {})).pinTriesState).toBe('count-low');
    expect(logins).toEqual(['wrong']);

    const ok = await client.call('signing.signFiles', { batchId: 'w2', mode: 'cades-enveloping', files, pin: info.pin });
    expect(ok.results.map((r) => r.ok)).toEqual([true]);
    expect(logins).toEqual(['wrong', 'right']);
    // The handlers log the batches (ids, counts, codes) but never hand the PIN to the logger.
    expect(logged.length).toBeGreaterThanOrEqual(2);
    expect(logged.join('\n')).not.toMatch(/00000000|12345678|"pin"/);
  });
});

describe('signing handlers: the final try needs explicit consent, passed through as given', () => {
  it('PIN_FINAL_TRY_NEEDS_CONSENT without confirmFinalTry; with it, the batch runs', async () => {
    const seen: (boolean | undefined)[] = [];
    const fake = {
      modulePresets: () => [],
      findModules: async () => [],
      listSlots: async () => [],
      listCertificates: async () => [],
      tokenStatus: async () => { throw new Error('unused'); },
      verify: async () => { throw new Error('unused'); },
      async signBatch(req: { confirmFinalTry?: boolean; documents: { id: string; kind: string }[] }) {
        seen.push(req.confirmFinalTry);
        if (!req.confirmFinalTry) throw new AppError('PIN_FINAL_TRY_NEEDS_CONSENT', 'final try', {});
        const signer = { id: '01', label: 'x', subject: { text: 'CN=X' }, issuer: { text: 'CN=CA' }, serialNumberHex: '01', notBefore: '2020-01-01T00:00:00Z', notAfter: '2030-01-01T00:00:00Z', keyUsage: ['nonRepudiation'], extendedKeyUsage: [], isCA: false, role: 'signature', keyAlgorithm: 'RSA', sha256: '00', pem: '' };
        return { signer, mechanism: 'CKM_SHA256_RSA_PKCS', cancelled: false, results: req.documents.map((d) => ({ id: d.id, ok: true, kind: d.kind, signed: new Uint8Array([1, 2]), sha256: 'ab', signedAt: '2026-01-01T00:00:00Z' })) };
      },
    };
    const events = new EventHub();
    const handlers = signingHandlers({
      service: () => fake as never,
      configuration: async () => ({ modulePath: '/fake.so', tokenLabel: 'T' }),
      events,
      logger: createLogger({ level: 'silent' }),
    });
    const client = createClient<typeof signingApi>(inProcessTransport(createDispatcher(signingApi, handlers), events, { actor: 'contract', transport: 'in-process' }));
    const files = [{ name: 'a.pdf', dataBase64: b64('%PDF') }];
    const e = await rejection(client.call('signing.signFiles', { batchId: 'f1', mode: 'pades', files, pin: '1234' }));
    expect(e.code).toBe('PIN_FINAL_TRY_NEEDS_CONSENT');
    const ok = await client.call('signing.signFiles', { batchId: 'f2', mode: 'pades', files, pin: '1234', confirmFinalTry: true });
    expect(ok.results[0]).toMatchObject({ ok: true, signedName: 'a-firmato.pdf', signedBase64: 'AQI=' });
    expect(seen).toEqual([false, true]);
  });
});

describe.skipIf(SKIP).each(transports)(`signing contract over %s${note}`, (_name, make) => {
  let f: ContractFixture;
  beforeAll(async () => {
    f = await make();
  }, TOKEN_TIMEOUT);
  afterAll(() => f.dispose());

  it('settings: the sandbox presets the test token; settings.setSigning keeps the choice', async () => {
    const s = await f.client.call('settings.get', {});
    expect(s.sandbox.state).toBe('ready');
    expect(s.signing).toMatchObject({ configured: true, sandboxToken: true, modulePath: info.module, tokenLabel: 'CARTELLA-RSA' });
    const slots = await f.client.call('signing.listSlots', {});
    expect(slots.filter((x) => x.token).map((x) => x.token!.label)).toEqual(expect.arrayContaining(['CARTELLA-RSA', 'CARTELLA-EC', 'CARTELLA-AA']));
    const certs = await f.client.call('signing.listCertificates', {});
    const signature = certs.find((c) => c.role === 'signature')!;
    expect(signature.subject.codiceFiscale).toBe('RSSMRA80A01H501U');
    expect(certs.some((c) => c.role === 'authentication')).toBe(true);
    const saved = await f.client.call('settings.setSigning', { modulePath: info.module, tokenLabel: 'CARTELLA-RSA', certificateId: signature.id });
    expect(saved).toMatchObject({ certificateId: signature.id, sandboxToken: true, configured: true });
    expect((await f.client.call('settings.get', {})).signing.certificateId).toBe(signature.id);
    expect((await f.client.call('signing.presets', { os: 'linux' })).map((p) => p.vendor).join(' ')).toMatch(/OpenSC/);
  });

  it('signs a PDF (PAdES) and a text file (CAdES) with one PIN, with progress; the PDF verifies VALID in Italian', async () => {
    const progress: { done: number; total: number; current: string }[] = [];
    const stop = f.client.subscribe('signing.progress', (p) => p.batchId === 'b1' && progress.push(p));
    const res = await f.client.call('signing.signFiles', {
      batchId: 'b1',
      mode: 'pades',
      files: [
        { name: 'LAB_OK.pdf', dataBase64: b64(PDF) },
        { name: 'nota.txt', dataBase64: b64('referto'), mode: 'cades-enveloping' },
      ],
      pin: info.pin,
    });
    expect(res.signer.subject.codiceFiscale).toBe('RSSMRA80A01H501U');
    expect(res.results.map((r) => [r.name, r.ok, r.kind, r.signedName])).toEqual([
      ['LAB_OK.pdf', true, 'pades', 'LAB_OK-firmato.pdf'],
      ['nota.txt', true, 'cades-enveloping', 'nota.txt.p7m'],
    ]);
    await new Promise((r) => setTimeout(r, 50));
    stop();
    expect(progress.map((p) => [p.done, p.total, p.current])).toEqual([[1, 2, 'LAB_OK.pdf'], [2, 2, 'nota.txt']]);

    const verdict = await f.client.call('signing.verify', { name: 'LAB_OK-firmato.pdf', dataBase64: res.results[0]!.signedBase64! });
    expect(verdict.status).toBe('VALID');
    expect(verdict.fileType).toBe('pdf');
    expect(verdict.reasons.find((r) => r.code === 'CHAIN_TRUSTED')?.message).toMatch(/attendibil|fidat|certificat/i);
    const p7m = await f.client.call('signing.verify', { dataBase64: res.results[1]!.signedBase64! });
    expect(p7m.status).toBe('VALID');

    // One changed byte: INVALID.
    const tampered = Buffer.from(res.results[0]!.signedBase64!, 'base64');
    const at = tampered.indexOf('/Type /Page') > 0 ? tampered.indexOf('/Type /Page') + 7 : 200;
    tampered[at] = tampered[at]! ^ 1;
    expect((await f.client.call('signing.verify', { dataBase64: b64(tampered) })).status).toBe('INVALID');
  });

  it('a wrong PIN is PIN_INCORRECT with the tries state; the token state is shown before the next login', async () => {
    const e = await rejection(f.client.call('signing.signFiles', { batchId: 'bad', mode: 'pades', files: [{ name: 'LAB_OK.pdf', dataBase64: b64(PDF) }], pin: '11111111' }));
    expect(e.code).toBe('PIN_INCORRECT');
    expect(e.data).toEqual({ triesState: 'count-low' });
    const status = await f.client.call('signing.tokenStatus', {});
    expect(status).toMatchObject({ label: 'CARTELLA-RSA', pinTriesState: 'count-low', pin: { countLow: true, locked: false } });
    // The right PIN afterwards signs and clears the flag (SoftHSM2 behaviour).
    const ok = await f.client.call('signing.signFiles', { batchId: 'good', mode: 'cades-detached', files: [{ name: 'x.xml', dataBase64: b64('<x/>') }], pin: info.pin });
    expect(ok.results[0]).toMatchObject({ ok: true, signedName: 'x.xml.p7s' });
    expect((await f.client.call('signing.tokenStatus', {})).pinTriesState).toBe('ok');
  });

  it('cancel stops a running batch: the signed files are kept, the rest are CANCELLED', async () => {
    const files = Array.from({ length: 40 }, (_, i) => ({ name: `doc-${i}.txt`, dataBase64: b64(`documento ${i}`) }));
    const stop = f.client.subscribe('signing.progress', (p) => {
      if (p.batchId === 'c1' && p.done === 2) void f.client.call('signing.cancel', { batchId: 'c1' });
    });
    const res = await f.client.call('signing.signFiles', { batchId: 'c1', mode: 'cades-enveloping', files, pin: info.pin });
    stop();
    expect(res.cancelled).toBe(true);
    const ok = res.results.filter((r) => r.ok).length;
    expect(ok).toBeGreaterThanOrEqual(2);
    expect(ok).toBeLessThan(40);
    expect(res.results.slice(ok).every((r) => !r.ok && r.error?.code === 'CANCELLED')).toBe(true);
    expect(await f.client.call('signing.cancel', { batchId: 'c1' })).toEqual({ cancelled: false });
  });
});

/**
 * Real SoftHSM2 token: discovery, certificates, login and PIN safety.
 * SoftHSM 2.6.1 raises CKF_USER_PIN_COUNT_LOW after a wrong PIN and clears it after a good login,
 * but never FINAL_TRY or LOCKED (no lock-out). The final-try and locked paths are therefore
 * exercised by presenting those flags through an instrument over the real module (C_GetTokenInfo
 * flags OR-ed) and by the pure decision tests in pure.test.ts.
 */
import { X509Certificate } from 'node:crypto';
import pkcs11js from 'pkcs11js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors/index.ts';
import { CKF_USER_PIN_COUNT_LOW, CKF_USER_PIN_FINAL_TRY, CKF_USER_PIN_LOCKED } from '../../../shared/signing/pin.ts';
import { createSigningService } from '../../../electron/services/signing/service.ts';
import { loadModule, unloadAllModules, type Pkcs11 } from '../../../electron/services/signing/token.ts';
import { testTokenSelector, type TestTokenInfo } from '../../../electron/services/signing/test-token.ts';
import { TOKEN_SKIP_REASON, testToken, skipNote, TOKEN_TIMEOUT } from './helpers.ts';

const skip = TOKEN_SKIP_REASON !== undefined;
if (skip) console.warn(`SKIPPED token tests: ${TOKEN_SKIP_REASON}`);

/** Observes the real module: counts C_Login by user type; optionally adds token flags. */
function observe(extraFlags = 0) {
  const logins: number[] = [];
  const instrument = (p11: Pkcs11): Pkcs11 =>
    new Proxy(p11, {
      get(target, prop) {
        const v = Reflect.get(target, prop, target) as unknown;
        if (prop === 'C_Login') {
          return (session: Buffer, userType: number, pin?: string) => {
            logins.push(userType);
            return target.C_Login(session, userType, pin);
          };
        }
        if (prop === 'C_GetTokenInfo' && extraFlags) {
          return (slot: Buffer) => {
            const info = target.C_GetTokenInfo(slot);
            return { ...info, flags: info.flags | extraFlags };
          };
        }
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
  return { logins, instrument };
}

async function expectAppError(p: Promise<unknown>, code: string): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe(code);
    return e as AppError;
  }
  throw new Error(`expected AppError ${code}`);
}

const doc = (id: string) => ({ id, kind: 'cades-enveloping' as const, data: new TextEncoder().encode(`documento ${id}`) });

describe.skipIf(skip)(`PKCS#11 token (SoftHSM2)${skipNote(TOKEN_SKIP_REASON)}`, () => {
  let info: TestTokenInfo;
  beforeAll(() => {
    info = testToken();
  }, TOKEN_TIMEOUT);
  afterAll(() => unloadAllModules());

  it('lists slots with token flags read without login', async () => {
    const svc = createSigningService();
    const slots = await svc.listSlots(testTokenSelector(info, 'rsa').module);
    const labels = slots.filter((s) => s.tokenPresent).map((s) => s.token?.label);
    expect(labels).toEqual(expect.arrayContaining(['CARTELLA-RSA', 'CARTELLA-EC', 'CARTELLA-AA']));
    const rsa = slots.find((s) => s.token?.label === 'CARTELLA-RSA')!;
    expect(rsa.token).toMatchObject({ loginRequired: true, pinTriesState: 'ok', pin: { countLow: false, finalTry: false, locked: false } });
  });

  it('lists certificates with Italian fields and tells signature from CNS authentication', async () => {
    const svc = createSigningService();
    const certs = await svc.listCertificates(testTokenSelector(info, 'rsa'));
    expect(certs).toHaveLength(2);
    const sig = certs.find((c) => c.role === 'signature')!;
    const auth = certs.find((c) => c.role === 'authentication')!;
    expect(sig).toMatchObject({ id: '01', keyUsage: ['nonRepudiation'], keyAlgorithm: 'RSA' });
    expect(sig.subject).toMatchObject({ commonName: 'ROSSI MARIO', codiceFiscale: 'RSSMRA80A01H501U', givenName: 'MARIO', surname: 'ROSSI' });
    expect(sig.issuer.commonName).toBe('Cartella Test CA Firma Qualificata');
    expect(new Date(sig.notAfter).getTime()).toBeGreaterThan(Date.now());
    expect(auth).toMatchObject({ id: '02', keyUsage: ['digitalSignature', 'keyEncipherment'] });
    expect(auth.subject.codiceFiscale).toBe('RSSMRA80A01H501U');
    const ec = await svc.listCertificates(testTokenSelector(info, 'ec'));
    expect(ec.map((c) => [c.role, c.keyAlgorithm])).toEqual([['signature', 'EC']]);
  });

  it.each([
    ['rsa', 'CKM_SHA256_RSA_PKCS', 1],
    ['ec', 'CKM_ECDSA', 1],
    ['always-auth', 'CKM_SHA256_RSA_PKCS', 4], // 1 user login + one CKU_CONTEXT_SPECIFIC per signature
  ] as const)('signs a batch of 3 with one PIN entry on the %s key (%s)', async (profile, mech, logins) => {
    const o = observe();
    const svc = createSigningService({ instrument: o.instrument });
    const res = await svc.signBatch({ token: testTokenSelector(info, profile), pin: info.pin, documents: [doc('a'), doc('b'), doc('c')] });
    expect(res.mechanism).toBe(mech);
    expect(res.results.every((r) => r.ok)).toBe(true);
    expect(o.logins.filter((t) => t === pkcs11js.CKU_USER)).toHaveLength(1);
    expect(o.logins).toHaveLength(logins);
    if (profile === 'always-auth') expect(o.logins.filter((t) => t === pkcs11js.CKU_CONTEXT_SPECIFIC)).toHaveLength(3);
  });

  it('always-authenticate key really needs the context-specific login (SoftHSM enforces it)', () => {
    const p11 = loadModule(testTokenSelector(info, 'always-auth').module);
    const slot = p11.C_GetSlotList(true).find((s) => p11.C_GetTokenInfo(s).label.trim() === 'CARTELLA-AA')!;
    const session = p11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
    try {
      p11.C_Login(session, pkcs11js.CKU_USER, info.pin);
      p11.C_FindObjectsInit(session, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY }, { type: pkcs11js.CKA_ID, value: Buffer.from('01', 'hex') }]);
      const key = p11.C_FindObjects(session)!;
      p11.C_FindObjectsFinal(session);
      p11.C_SignInit(session, { mechanism: pkcs11js.CKM_SHA256_RSA_PKCS }, key);
      expect(() => p11.C_Sign(session, Buffer.from('x'), Buffer.alloc(512))).toThrow(/CKR_USER_NOT_LOGGED_IN/);
    } finally {
      try { p11.C_Logout(session); } catch { /* */ }
      p11.C_CloseSession(session);
    }
  });

  it('a wrong PIN is one attempt, a typed error with the tries state, and is not retried', async () => {
    const o = observe();
    const svc = createSigningService({ instrument: o.instrument });
    const sel = testTokenSelector(info, 'rsa');
    const flagsBefore = (await svc.tokenStatus(sel)).flags;
    const err = await expectAppError(
      svc.signBatch({ token: sel, pin: '00000000', documents: [doc('a'), doc('b')] }),
      'PIN_INCORRECT',
    );
    expect(flagsBefore & CKF_USER_PIN_COUNT_LOW).toBe(0);
    expect(err.data).toEqual({ triesState: 'count-low' });
    expect(err.message).not.toContain('00000000');
    // exactly one C_Login: the code did not try again on its own (nor with the second document)
    expect(o.logins).toEqual([pkcs11js.CKU_USER]);
    // the token is where one wrong try leaves it: SoftHSM sets COUNT_LOW (and nothing else)
    const after = await svc.tokenStatus(sel);
    expect(after.flags).toBe(flagsBefore | CKF_USER_PIN_COUNT_LOW);
    expect(after.pinTriesState).toBe('count-low');
    // and the right PIN still works afterwards (the token was not left logged in or locked)
    const ok = await svc.signBatch({ token: sel, pin: info.pin, documents: [doc('a')] });
    expect(ok.results[0]?.ok).toBe(true);
    expect(o.logins).toEqual([pkcs11js.CKU_USER, pkcs11js.CKU_USER]);
    // a good login clears the SoftHSM low-count flag
    expect((await svc.tokenStatus(sel)).flags).toBe(flagsBefore);
  });

  it('a wrong PIN after a successful batch is still refused (no stale login reused)', async () => {
    const svc = createSigningService();
    const sel = testTokenSelector(info, 'ec');
    await svc.signBatch({ token: sel, pin: info.pin, documents: [doc('a')] });
    await expectAppError(svc.signBatch({ token: sel, pin: '99999999', documents: [doc('a')] }), 'PIN_INCORRECT');
  });

  it('final try: refuses to log in without consent, proceeds with confirmFinalTry', async () => {
    const o = observe(CKF_USER_PIN_FINAL_TRY);
    const svc = createSigningService({ instrument: o.instrument });
    const sel = testTokenSelector(info, 'rsa');
    expect((await svc.tokenStatus(sel)).pinTriesState).toBe('final-try');
    await expectAppError(svc.signBatch({ token: sel, pin: info.pin, documents: [doc('a')] }), 'PIN_FINAL_TRY_NEEDS_CONSENT');
    expect(o.logins).toHaveLength(0);
    const res = await svc.signBatch({ token: sel, pin: info.pin, confirmFinalTry: true, documents: [doc('a')] });
    expect(res.results[0]?.ok).toBe(true);
    expect(o.logins).toHaveLength(1);
  });

  it('locked: never attempts a login', async () => {
    const o = observe(CKF_USER_PIN_LOCKED);
    const svc = createSigningService({ instrument: o.instrument });
    await expectAppError(
      svc.signBatch({ token: testTokenSelector(info, 'rsa'), pin: info.pin, confirmFinalTry: true, documents: [doc('a')] }),
      'PIN_LOCKED',
    );
    expect(o.logins).toHaveLength(0);
  });

  it('pairs the key by RSA modulus when the certificate has another CKA_ID (some middlewares)', async () => {
    const sel = testTokenSelector(info, 'rsa');
    const p11 = loadModule(sel.module);
    const slot = p11.C_GetSlotList(true).find((s) => p11.C_GetTokenInfo(s).label.trim() === 'CARTELLA-RSA')!;
    const session = p11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
    try {
      const der = Buffer.from(info.tokens.rsa.signerCertPem.replace(/-----[^-]+-----|\s+/g, ''), 'base64');
      // a session (non-token) certificate object with an unrelated CKA_ID
      p11.C_CreateObject(session, [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
        { type: pkcs11js.CKA_CERTIFICATE_TYPE, value: pkcs11js.CKC_X_509 },
        { type: pkcs11js.CKA_TOKEN, value: false },
        { type: pkcs11js.CKA_ID, value: Buffer.from('aa', 'hex') },
        { type: pkcs11js.CKA_LABEL, value: 'copia senza id' },
        { type: pkcs11js.CKA_SUBJECT, value: Buffer.from(new X509Certificate(der).subject) },
        { type: pkcs11js.CKA_VALUE, value: der },
      ]);
      const svc = createSigningService();
      const res = await svc.signBatch({ token: { ...sel, certificateId: 'aa' }, pin: info.pin, documents: [doc('m')] });
      expect(res.signer.id).toBe('aa');
      const r = res.results[0];
      expect(r?.ok).toBe(true); // self-check passed: the key found by modulus matches the certificate
    } finally {
      p11.C_CloseSession(session);
    }
  });

  it('an unknown token label is TOKEN_NOT_PRESENT; a bad module path too', async () => {
    const svc = createSigningService();
    const sel = testTokenSelector(info, 'rsa');
    await expectAppError(svc.signBatch({ token: { ...sel, tokenLabel: 'NESSUNA-CARTA' }, pin: info.pin, documents: [doc('a')] }), 'TOKEN_NOT_PRESENT');
    await expectAppError(svc.listSlots({ path: '/nonexistent/libpkcs11.so' }), 'TOKEN_NOT_PRESENT');
  });

  it('choosing the CNS authentication certificate explicitly is possible, implicit choice is the signature one', async () => {
    const svc = createSigningService();
    const res = await svc.signBatch({ token: testTokenSelector(info, 'rsa'), pin: info.pin, documents: [doc('a')] });
    expect(res.signer.role).toBe('signature');
    expect(res.signer.id).toBe('01');
    const auth = await svc.signBatch({ token: { ...testTokenSelector(info, 'rsa'), certificateId: '02' }, pin: info.pin, documents: [doc('a')] });
    expect(auth.signer.role).toBe('authentication');
    expect(auth.results[0]?.ok).toBe(true);
    await expectAppError(
      svc.signBatch({ token: { ...testTokenSelector(info, 'rsa'), certificateId: '7f' }, pin: info.pin, documents: [doc('a')] }),
      'CERTIFICATE_INVALID',
    );
  });
});

/**
 * The raw-RSA-only profile: the token offers CKM_RSA_PKCS but no CKM_SHA256_RSA_PKCS (like many
 * qualified-signature cards). Separate file = separate process: SoftHSM reads SOFTHSM2_CONF at
 * C_Initialize.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pkcs11js from 'pkcs11js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigningService } from '../../../electron/services/signing/service.ts';
import { loadModule, unloadAllModules } from '../../../electron/services/signing/token.ts';
import { testTokenSelector, type TestTokenInfo } from '../../../electron/services/signing/test-token.ts';
import { verifyDocument } from '../../../electron/services/signing/verify.ts';
import { FIXTURES, TOKEN_SKIP_REASON, hasBinary, nssDbTrusting, pdfsig, run, testToken, tmpDir, writeTmp, skipNote, TOKEN_TIMEOUT } from './helpers.ts';

const skip = TOKEN_SKIP_REASON !== undefined;
if (skip) console.warn(`SKIPPED raw-RSA tests: ${TOKEN_SKIP_REASON}`);
const noPdfsig = !hasBinary('pdfsig') || !hasBinary('certutil');
const noOpenssl = !hasBinary('openssl');
if (noPdfsig) console.warn('SKIPPED pdfsig check in raw-RSA tests: pdfsig/certutil not installed');

describe.skipIf(skip)(`raw-RSA-only token profile${skipNote(TOKEN_SKIP_REASON)}`, () => {
  let info: TestTokenInfo;
  beforeAll(() => {
    info = testToken();
  }, TOKEN_TIMEOUT);
  afterAll(() => unloadAllModules());

  it('the profile really hides CKM_SHA256_RSA_PKCS', () => {
    const sel = testTokenSelector(info, 'rsa', { rawRsa: true });
    const p11 = loadModule(sel.module);
    const slot = p11.C_GetSlotList(true).find((s) => p11.C_GetTokenInfo(s).label.trim() === 'CARTELLA-RSA')!;
    const mechs = p11.C_GetMechanismList(slot);
    expect(mechs).toContain(pkcs11js.CKM_RSA_PKCS);
    expect(mechs).not.toContain(pkcs11js.CKM_SHA256_RSA_PKCS);
  });

  it.each(['rsa', 'always-auth'] as const)('%s key: CKM_RSA_PKCS with DigestInfo gives valid PAdES and CAdES', async (profile) => {
    const svc = createSigningService();
    const pdf = readFileSync(join(FIXTURES, 'LAB_OK.pdf'));
    const xml = new TextEncoder().encode('<ClinicalDocument/>');
    const res = await svc.signBatch({
      token: testTokenSelector(info, profile, { rawRsa: true }),
      pin: info.pin,
      documents: [{ id: 'pdf', kind: 'pades', data: pdf }, { id: 'p7m', kind: 'cades-enveloping', data: xml }],
    });
    expect(res.mechanism).toBe('CKM_RSA_PKCS');
    const [pdfRes, p7mRes] = res.results;
    if (!pdfRes?.ok || !p7mRes?.ok) throw new Error(`signing failed: ${JSON.stringify(res.results.map((r) => (r.ok ? 'ok' : r.error)))}`);
    expect((await verifyDocument({ data: pdfRes.signed, trustedCertificatesPem: [info.caPem] })).status).toBe('VALID');
    expect((await verifyDocument({ data: p7mRes.signed, trustedCertificatesPem: [info.caPem] })).status).toBe('VALID');
    const out = tmpDir();
    if (!noPdfsig) {
      const r = pdfsig(writeTmp(out, 'raw.pdf', pdfRes.signed), nssDbTrusting(info.caPemPath));
      expect(r.stdout).toContain('Signature is Valid.');
      expect(r.stdout).toContain('Certificate is Trusted.');
    }
    if (!noOpenssl) {
      const r = run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', writeTmp(out, 'raw.p7m', p7mRes.signed), '-CAfile', info.caPemPath, '-out', '/dev/null']);
      expect(r.stderr).toContain('CMS Verification successful');
    }
  });
});

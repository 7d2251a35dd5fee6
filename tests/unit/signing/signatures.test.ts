/**
 * CAdES-BES and PAdES-BES made on the real SoftHSM2 token, judged by the referees
 * (openssl cms -verify, pdfsig with the test CA trusted through an NSS db, qpdf --check)
 * and by our own verifier.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCades } from '../../../electron/services/signing/cades.ts';
import { createSigningService } from '../../../electron/services/signing/service.ts';
import { signPades, embeddedCda } from '../../../electron/services/signing/pades.ts';
import { loadModule, TokenSession, unloadAllModules } from '../../../electron/services/signing/token.ts';
import { testTokenSelector, type TestTokenInfo, type TestTokenProfile } from '../../../electron/services/signing/test-token.ts';
import { verifyDocument } from '../../../electron/services/signing/verify.ts';
import { FIXTURES, OPENSSL_MISSING, PDFSIG_MISSING, QPDF_MISSING, TOKEN_SKIP_REASON, skipNote, flipByte, hasBinary, nssDbTrusting, pdfsig, run, testToken, tmpDir, writeTmp, TOKEN_TIMEOUT } from './helpers.ts';

const skipToken = TOKEN_SKIP_REASON !== undefined;
const noOpenssl = !hasBinary('openssl');
const noPdfsig = !hasBinary('pdfsig') || !hasBinary('certutil');
const noQpdf = !hasBinary('qpdf');
if (skipToken) console.warn(`SKIPPED SoftHSM2 signing tests: ${TOKEN_SKIP_REASON}`);
if (noOpenssl) console.warn('SKIPPED openssl cms referee tests: openssl not installed');
if (noPdfsig) console.warn('SKIPPED pdfsig referee tests: pdfsig (poppler-utils) or certutil (libnss3-tools) not installed');
if (noQpdf) console.warn('SKIPPED qpdf --check tests: qpdf not installed');

const PROFILES: TestTokenProfile[] = ['rsa', 'ec', 'always-auth'];
const CONTENT = Buffer.from('<?xml version="1.0"?><ClinicalDocument>referto di prova</ClinicalDocument>\n');
const UNSIGNED_PDF = readFileSync(join(FIXTURES, 'LAB_OK.pdf'));

describe.skipIf(skipToken)(`signatures on the SoftHSM2 token${skipNote(TOKEN_SKIP_REASON)}`, () => {
  let info: TestTokenInfo;
  let out: string;
  let nss: string | undefined;
  const sessions = new Map<TestTokenProfile, TokenSession>();

  beforeAll(async () => {
    info = testToken();
    out = tmpDir();
    if (!noPdfsig) nss = nssDbTrusting(info.caPemPath);
    for (const p of PROFILES) {
      const sel = testTokenSelector(info, p);
      sessions.set(p, await TokenSession.open(loadModule(sel.module), sel.module.path, sel, { pin: info.pin }));
    }
  }, TOKEN_TIMEOUT);
  afterAll(() => {
    for (const s of sessions.values()) s.close();
    unloadAllModules();
  });

  const cms = (profile: TestTokenProfile, detached: boolean) =>
    buildCades({ content: CONTENT, detached, signingTime: new Date(), signer: sessions.get(profile)! });

  describe.each(PROFILES)('CAdES-BES, %s key', (profile) => {
    it.skipIf(noOpenssl)(`enveloping .p7m passes openssl cms -verify and gives back the content; one changed byte fails${skipNote(OPENSSL_MISSING)}`, async () => {
      const p7m = await cms(profile, false);
      const file = writeTmp(out, `${profile}.xml.p7m`, p7m);
      const extracted = join(out, `${profile}.extracted.xml`);
      const r = run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', file, '-CAfile', info.caPemPath, '-out', extracted]);
      expect(r.stderr).toContain('CMS Verification successful');
      expect(r.status).toBe(0);
      expect(readFileSync(extracted)).toEqual(CONTENT);
      // ESS signing-certificate-v2 present, signingTime present (CAdES)
      const printed = run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', file]).stdout;
      expect(printed).toContain('id-smime-aa-signingCertificateV2');
      expect(printed).toContain('signingTime');
      // one changed byte inside the signed content
      const pos = p7m.indexOf(Buffer.from('referto di prova'));
      const bad = writeTmp(out, `${profile}.bad.p7m`, flipByte(p7m, pos + 3));
      const r2 = run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', bad, '-CAfile', info.caPemPath, '-out', '/dev/null']);
      expect(r2.status).not.toBe(0);
      expect(r2.stderr).not.toContain('CMS Verification successful');
    });

    it.skipIf(noOpenssl)(`detached .p7s passes openssl cms -verify with the content; changed content fails${skipNote(OPENSSL_MISSING)}`, async () => {
      const p7s = await cms(profile, true);
      expect(p7s.includes(CONTENT)).toBe(false);
      const file = writeTmp(out, `${profile}.xml.p7s`, p7s);
      const content = writeTmp(out, `${profile}.xml`, CONTENT);
      const r = run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', file, '-content', content, '-CAfile', info.caPemPath, '-out', '/dev/null']);
      expect(r.stderr).toContain('CMS Verification successful');
      const changed = writeTmp(out, `${profile}.changed.xml`, flipByte(CONTENT, 10));
      const r2 = run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', file, '-content', changed, '-CAfile', info.caPemPath, '-out', '/dev/null']);
      expect(r2.status).not.toBe(0);
    });

    it('our verifier: VALID with the test CA, INVALID after one changed byte, INDETERMINATE without trust', async () => {
      const p7m = await cms(profile, false);
      const ok = await verifyDocument({ data: p7m, trustedCertificatesPem: [info.caPem] });
      expect(ok.status).toBe('VALID');
      expect(ok.fileType).toBe('p7m');
      const codes = ok.reasons.map((r) => r.code);
      expect(codes).toEqual(expect.arrayContaining(['SIGNATURE_CRYPTO_VALID', 'ESS_SIGNING_CERT_OK', 'CERT_VALID_AT_SIGNING_TIME', 'CHAIN_TRUSTED', 'KEY_USAGE_OK']));
      expect(ok.signatures[0]?.signer?.subject.codiceFiscale).toBe('RSSMRA80A01H501U');
      expect(ok.signatures[0]?.signingTimeSource).toBe('signing-time-attribute');

      const pos = p7m.indexOf(Buffer.from('referto di prova'));
      const bad = await verifyDocument({ data: flipByte(p7m, pos), trustedCertificatesPem: [info.caPem] });
      expect(bad.status).toBe('INVALID');
      expect(bad.reasons.map((r) => r.code)).toContain('CONTENT_DIGEST_MISMATCH');

      const untrusted = await verifyDocument({ data: p7m });
      expect(untrusted.status).toBe('INDETERMINATE');
      expect(untrusted.reasons.map((r) => r.code)).toContain('CHAIN_NOT_CHECKED');

      const p7s = await cms(profile, true);
      expect((await verifyDocument({ data: p7s, detachedContent: CONTENT, trustedCertificatesPem: [info.caPem] })).status).toBe('VALID');
      expect((await verifyDocument({ data: p7s, detachedContent: flipByte(CONTENT, 5), trustedCertificatesPem: [info.caPem] })).status).toBe('INVALID');
      expect((await verifyDocument({ data: p7s, trustedCertificatesPem: [info.caPem] })).reasons.map((r) => r.code)).toContain('DETACHED_CONTENT_MISSING');
    });

    it('a CMS carrying another certificate hash in signing-certificate-v2 is rejected (OpenSSL accepts it)', async () => {
      const other = Buffer.from(info.tokens.rsa.authCertPem!.replace(/-----[^-]+-----|\s+/g, ''), 'base64');
      const forged = await buildCades({ content: CONTENT, detached: false, signingTime: new Date(), signer: sessions.get(profile)!, essCertificateOverride: other });
      const v = await verifyDocument({ data: forged, trustedCertificatesPem: [info.caPem] });
      expect(v.status).toBe('INVALID');
      expect(v.reasons.map((r) => r.code)).toContain('ESS_SIGNING_CERT_HASH_MISMATCH');
      expect(v.reasons.map((r) => r.code)).toContain('SIGNATURE_CRYPTO_VALID'); // the maths is fine: only ESS catches it
      if (!noOpenssl) {
        const f = writeTmp(out, `${profile}.forged.p7m`, forged);
        const r = run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', f, '-CAfile', info.caPemPath, '-out', '/dev/null']);
        expect(r.stderr).toContain('CMS Verification successful'); // documents why our own check is needed
      }
    });
  });

  describe.each(PROFILES)('PAdES-BES, %s key', (profile) => {
    let signed: Buffer;
    let file: string;
    beforeAll(async () => {
      signed = await signPades(UNSIGNED_PDF, sessions.get(profile)!, { reason: 'Referto', location: 'Roma' });
      file = writeTmp(out, `${profile}.signed.pdf`, signed);
    });

    it.skipIf(noPdfsig)(`pdfsig: Signature is Valid, Certificate is Trusted, ETSI.CAdES.detached, total document${skipNote(PDFSIG_MISSING)}`, () => {
      const r = pdfsig(file, nss!);
      expect(r.stdout).toContain('Signature Type: ETSI.CAdES.detached');
      expect(r.stdout).toContain('Signature Validation: Signature is Valid.');
      expect(r.stdout).toContain('Certificate Validation: Certificate is Trusted.');
      expect(r.stdout).toContain('Total document signed');
      expect(r.stdout).toContain('Signer Certificate Common Name: ROSSI MARIO');
    });

    it.skipIf(noQpdf)(`qpdf --check finds no errors or warnings${skipNote(QPDF_MISSING)}`, () => {
      const r = run('qpdf', ['--check', file]);
      expect(r.stdout).toContain('No syntax or stream encoding errors found');
      expect(r.status).toBe(0);
    });

    it('no signingTime attribute in the CMS, time in /M; the embedded cda.xml is unchanged', async () => {
      const v = await verifyDocument({ data: signed, trustedCertificatesPem: [info.caPem] });
      expect(v.status).toBe('VALID');
      const s = v.signatures[0]!;
      expect(s.subFilter).toBe('ETSI.CAdES.detached');
      expect(s.signingTimeSource).toBe('pdf-M');
      expect(s.coversWholeDocument).toBe(true);
      expect(s.reasons.map((r) => r.code)).not.toContain('SIGNING_TIME_ATTRIBUTE_IN_PADES');
      expect(Math.abs(new Date(s.signingTime!).getTime() - Date.now())).toBeLessThan(120_000);
      expect(await embeddedCda(signed)).toEqual(await embeddedCda(UNSIGNED_PDF));
    });

    it('one changed byte: pdfsig and our verifier both fail', async () => {
      // a byte inside the first signed range (the page content / embedded file area)
      const bad = flipByte(signed, 2000);
      const v = await verifyDocument({ data: bad, trustedCertificatesPem: [info.caPem] });
      expect(v.status).toBe('INVALID');
      expect(v.reasons.map((r) => r.code)).toContain('CONTENT_DIGEST_MISMATCH');
      if (!noPdfsig) {
        const r = pdfsig(writeTmp(out, `${profile}.bad.pdf`, bad), nss!);
        expect(r.stdout).not.toContain('Signature is Valid');
        expect(r.stdout).toMatch(/Digest Mismatch|Signature is Invalid/);
      }
    });
  });

  it('a second PAdES signature is an incremental update and keeps the first valid', async () => {
    const first = await signPades(UNSIGNED_PDF, sessions.get('rsa')!);
    const second = await signPades(first, sessions.get('ec')!);
    expect(second.subarray(0, first.length).equals(first)).toBe(true); // first revision byte-identical
    const v = await verifyDocument({ data: second, trustedCertificatesPem: [info.caPem] });
    expect(v.signatures).toHaveLength(2);
    expect(v.signatures.map((s) => s.status)).toEqual(['VALID', 'VALID']);
    expect(v.signatures[0]?.coversWholeDocument).toBe(false);
    expect(v.signatures[1]?.coversWholeDocument).toBe(true);
    expect(v.signatures.map((s) => s.signer?.keyAlgorithm)).toEqual(['RSA', 'EC']);
    const f = writeTmp(out, 'twice.pdf', second);
    if (!noPdfsig) {
      const r = pdfsig(f, nss!);
      expect(r.stdout.match(/Signature is Valid\./g)).toHaveLength(2);
      expect(r.stdout.match(/Certificate is Trusted\./g)).toHaveLength(2);
    }
    if (!noQpdf) expect(run('qpdf', ['--check', f]).status).toBe(0);
  });

  it('signing an officially signed PDF (inline /AcroForm) keeps the Ministry signature', async () => {
    const official = readFileSync(join(FIXTURES, 'LAB.pdf'));
    const before = await verifyDocument({ data: official });
    expect(before.signatures).toHaveLength(1);
    expect(before.reasons.map((r) => r.code)).toContain('SIGNATURE_CRYPTO_VALID');
    const signed = await signPades(official, sessions.get('always-auth')!);
    const v = await verifyDocument({ data: signed, trustedCertificatesPem: [info.caPem] });
    expect(v.signatures).toHaveLength(2);
    expect(v.signatures[0]?.signer?.subject.commonName).toBe('Test Certificate Sign');
    expect(v.signatures[0]?.reasons.map((r) => r.code)).toContain('SIGNATURE_CRYPTO_VALID');
    expect(v.signatures[0]?.reasons.map((r) => r.code)).toContain('CHAIN_UNTRUSTED');
    expect(v.signatures[1]?.status).toBe('VALID');
    const f = writeTmp(out, 'official-plus-ours.pdf', signed);
    if (!noPdfsig) {
      const r = pdfsig(f, nss!);
      expect(r.stdout).toContain('Signature #2');
      expect(r.stdout.match(/Signature is Valid\./g)).toHaveLength(2);
    }
    if (!noQpdf) expect(run('qpdf', ['--check', f]).status).toBe(0);
  });

  it('an incremental signature over a PDF with cross-reference streams (PDF/A-2B) keeps both valid', async () => {
    const official = readFileSync(join(FIXTURES, 'CDA_RESOURCE.pdf'));
    expect(official.includes(Buffer.from('/XRef'))).toBe(true);
    const signed = await signPades(official, sessions.get('rsa')!);
    const v = await verifyDocument({ data: signed, trustedCertificatesPem: [info.caPem] });
    expect(v.signatures).toHaveLength(2);
    expect(v.signatures[0]?.reasons.map((r) => r.code)).toContain('SIGNATURE_CRYPTO_VALID');
    expect(v.signatures[1]?.status).toBe('VALID');
    const f = writeTmp(out, 'xref-stream-plus-ours.pdf', signed);
    if (!noPdfsig) expect(pdfsig(f, nss!).stdout.match(/Signature is Valid\./g)).toHaveLength(2);
    if (!noQpdf) expect(run('qpdf', ['--check', f]).status).toBe(0);
  });

  it('bytes appended after the last signature: integrity intact but INDETERMINATE (unsigned changes)', async () => {
    const signed = await signPades(UNSIGNED_PDF, sessions.get('ec')!);
    const appended = Buffer.concat([signed, Buffer.from('\n99 0 obj\n(aggiunto dopo la firma)\nendobj\n')]);
    const v = await verifyDocument({ data: appended, trustedCertificatesPem: [info.caPem] });
    expect(v.status).toBe('INDETERMINATE');
    expect(v.signatures[0]?.coversWholeDocument).toBe(false);
    expect(v.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['SIGNATURE_CRYPTO_VALID', 'PDF_UNSIGNED_CHANGES']));
  });

  it('certificate validity is judged at the signing time: before notBefore, after notAfter', async () => {
    const early = await buildCades({ content: CONTENT, detached: false, signingTime: new Date('2020-01-01T00:00:00Z'), signer: sessions.get('rsa')! });
    const v1 = await verifyDocument({ data: early, trustedCertificatesPem: [info.caPem] });
    expect(v1.status).toBe('INVALID');
    expect(v1.reasons.map((r) => r.code)).toContain('CERT_NOT_YET_VALID');
    expect(v1.signatures[0]?.signingTime).toBe('2020-01-01T00:00:00.000Z');
    const late = await buildCades({ content: CONTENT, detached: false, signingTime: new Date('2045-01-01T00:00:00Z'), signer: sessions.get('ec')! });
    const v2 = await verifyDocument({ data: late, trustedCertificatesPem: [info.caPem] });
    expect(v2.status).toBe('INVALID');
    expect(v2.reasons.map((r) => r.code)).toContain('CERT_EXPIRED');
  });

  it('a trust store with another CA gives CHAIN_UNTRUSTED (INDETERMINATE), not VALID', async () => {
    const otherCa = info.tokens.rsa.authCertPem!; // any certificate that is not our CA
    const v = await verifyDocument({ data: await cms('rsa', false), trustedCertificatesPem: [otherCa] });
    expect(v.status).toBe('INDETERMINATE');
    expect(v.reasons.map((r) => r.code)).toContain('CHAIN_UNTRUSTED');
  });

  it('a broken official PDF (ByteRange past the end of file) is INVALID', async () => {
    const v = await verifyDocument({ data: readFileSync(join(FIXTURES, 'SIGNED_LAB1.pdf')) });
    expect(v.status).toBe('INVALID');
    expect(v.reasons.map((r) => r.code)).toContain('PDF_BYTERANGE_INVALID');
    const none = await verifyDocument({ data: UNSIGNED_PDF });
    expect(none.reasons.map((r) => r.code)).toEqual(['NO_SIGNATURE']);
  });

  it('verify through the service interface returns JSON-serialisable data', async () => {
    const svc = createSigningService();
    const v = await svc.verify({ data: await cms('rsa', false), trustedCertificatesPem: [info.caPem] });
    expect(JSON.parse(JSON.stringify(v))).toEqual(v);
    expect(v.reasons.every((r) => typeof r.message === 'string' && r.message.length > 0)).toBe(true);
  });
});

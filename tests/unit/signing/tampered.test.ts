/**
 * Tampered signatures are judged, never thrown: a damaged signer certificate, digits changed in
 * the zero padding of a PAdES /Contents, text that is not hex there, junk after a .p7m's DER,
 * a changed eContentType, a length in the envelope's headers that no longer matches what it
 * holds: each an INVALID verdict with its reason.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCades } from '../../../electron/services/signing/cades.ts';
import { signPades } from '../../../electron/services/signing/pades.ts';
import { loadModule, TokenSession, unloadAllModules } from '../../../electron/services/signing/token.ts';
import { testTokenSelector, type TestTokenInfo } from '../../../electron/services/signing/test-token.ts';
import { verifyDocument } from '../../../electron/services/signing/verify.ts';
import { FIXTURES, TOKEN_SKIP_REASON, TOKEN_TIMEOUT, skipNote, testToken } from './helpers.ts';

const codes = (v: { reasons: { code: string }[] }) => v.reasons.map((r) => r.code);

describe.skipIf(TOKEN_SKIP_REASON !== undefined)(`tampered signatures: a verdict with a reason${skipNote(TOKEN_SKIP_REASON)}`, () => {
  let info: TestTokenInfo;
  let session: TokenSession;
  let p7m: Buffer;
  let pdf: Buffer;
  let ca: string;
  beforeAll(async () => {
    info = testToken();
    ca = info.caPem;
    const sel = testTokenSelector(info, 'rsa');
    session = await TokenSession.open(loadModule(sel.module), sel.module.path, sel, { pin: info.pin });
    p7m = await buildCades({ content: Buffer.from('<ClinicalDocument/>'), detached: false, signingTime: new Date(), signer: session });
    pdf = await signPades(readFileSync(join(FIXTURES, 'LAB_OK.pdf')), session);
  }, TOKEN_TIMEOUT);
  afterAll(() => {
    session?.close();
    unloadAllModules();
  });

  it('the untouched files are VALID (the baseline of every case below)', async () => {
    expect((await verifyDocument({ data: p7m, trustedCertificatesPem: [ca] })).status).toBe('VALID');
    expect((await verifyDocument({ data: pdf, trustedCertificatesPem: [ca] })).status).toBe('VALID');
  });

  it('a single-bit flip at every third byte of the signer certificate is INVALID, none throws', async () => {
    const certDer = new X509Certificate(info.tokens.rsa.signerCertPem).raw;
    const at = p7m.indexOf(certDer);
    expect(at).toBeGreaterThan(0);
    const seen = new Set<string>();
    for (let i = 0; i < certDer.length; i += 3) {
      const bad = Buffer.from(p7m);
      bad[at + i] = (bad[at + i] as number) ^ (1 << (i % 8));
      const v = await verifyDocument({ data: bad, trustedCertificatesPem: [ca] });
      expect(v.status, `byte ${i}`).toBe('INVALID');
      expect(v.reasons.length, `byte ${i}`).toBeGreaterThan(0);
      for (const c of codes(v)) seen.add(c);
    }
    expect(seen.has('INTERNAL')).toBe(false);
  }, 120_000);

  /** The /Contents hex string of the (only) signature, as [start, end) offsets of its digits. */
  const contents = (file: Buffer): [number, number] => {
    const m = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)/.exec(file.toString('latin1'))!;
    return [Number(m[2]) + 1, Number(m[3]) - 1];
  };

  it('a digit changed in the zero padding of /Contents is INVALID (PDF_CONTENTS_TAMPERED)', async () => {
    const [, end] = contents(pdf);
    for (const [pos, ch] of [[end - 1, '1'], [end - 200, 'f']] as const) {
      const bad = Buffer.from(pdf);
      expect(bad[pos]).toBe(0x30); // '0' of the padding
      bad[pos] = ch.charCodeAt(0);
      const v = await verifyDocument({ data: bad, trustedCertificatesPem: [ca] });
      expect(v.status).toBe('INVALID');
      expect(codes(v)).toContain('PDF_CONTENTS_TAMPERED');
    }
  });

  it('text that is not hex in /Contents is INVALID (PDF_CONTENTS_TAMPERED)', async () => {
    const [start, end] = contents(pdf);
    for (const pos of [end - 10, start + 1]) {
      const bad = Buffer.from(pdf);
      bad[pos] = 'G'.charCodeAt(0);
      const v = await verifyDocument({ data: bad, trustedCertificatesPem: [ca] });
      expect(v.status).toBe('INVALID');
      expect(codes(v).some((c) => c === 'PDF_CONTENTS_TAMPERED' || c === 'CMS_MALFORMED')).toBe(true);
    }
  });

  it('junk appended after the DER of a .p7m is INVALID (CMS_TRAILING_DATA)', async () => {
    for (const junk of [Buffer.from([0]), Buffer.from('junk'), Buffer.alloc(100, 0x41)]) {
      const v = await verifyDocument({ data: Buffer.concat([p7m, junk]), trustedCertificatesPem: [ca] });
      expect(v.status).toBe('INVALID');
      expect(codes(v)).toContain('CMS_TRAILING_DATA');
    }
  });

  it('a changed eContentType OID is INVALID (CONTENT_TYPE_MISMATCH)', async () => {
    const idData = Buffer.from('06092a864886f70d010701', 'hex');
    const at = p7m.indexOf(idData); // the first is encapContentInfo.eContentType, the signed attribute comes later
    expect(at).toBeGreaterThan(0);
    const bad = Buffer.from(p7m);
    bad[at + idData.length - 1] = 0x05; // id-digestedData
    const v = await verifyDocument({ data: bad, trustedCertificatesPem: [ca] });
    expect(v.status).toBe('INVALID');
    expect(codes(v)).toContain('CONTENT_TYPE_MISMATCH');
  });
  it('a SignedData header whose length was shortened is INVALID (CMS_MALFORMED), though the signature still matches', async () => {
    // ContentInfo (4) + contentType OID (11) + [0] header (4): the SignedData header is at 19.
    expect([p7m[19], p7m[20]]).toEqual([0x30, 0x82]);
    const bad = Buffer.from(p7m);
    bad[22] = (bad[22] as number) - 16;
    const v = await verifyDocument({ data: bad, trustedCertificatesPem: [ca] });
    expect(v.status).toBe('INVALID');
    expect(codes(v)).toContain('CMS_MALFORMED');
  });
});

/**
 * CAdES of a PDF, both ways: `cartella sign --cades` of a PDF makes a .pdf.p7m that verifies
 * (the envelope is sniffed before the PDF inside it), a .pdf.p7m made by `openssl cms -sign
 * -nodetach -binary -outform DER` verifies as a CAdES envelope (not as a PDF), and a .pdf.p7m
 * whose content is itself a PAdES PDF reports both signatures; `cartella verify` on each.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { command as sign } from '../../../electron/cli/commands/sign.ts';
import { command as verify } from '../../../electron/cli/commands/verify.ts';
import { createTestToken } from '../../../electron/services/signing/test-token.ts';
import { FIXTURES, OPENSSL_MISSING, TOKEN_SKIP_REASON, TOKEN_TIMEOUT, run, skipNote, tmpDir } from './helpers.ts';
import { captureJsonLines } from '../../helpers/cli-capture.ts';

const skip = TOKEN_SKIP_REASON !== undefined || OPENSSL_MISSING !== undefined;

interface VerifyLine {
  status: string;
  fileType: string;
  signatures: { index: number; format: string; status: string; envelope?: number; signer?: { commonName?: string } }[];
  reasons: { code: string }[];
}

const verifyFile = async (file: string, ca: string[]) => {
  const r = await captureJsonLines(() => verify.run([file, ...ca.flatMap((c) => ['--ca', c])]));
  return { code: r.code, v: r.lines[0] as VerifyLine };
};

describe.skipIf(skip)(`a PDF in a CAdES envelope (.pdf.p7m)${skipNote(TOKEN_SKIP_REASON ?? OPENSSL_MISSING)}`, () => {
  let dir: string;
  let tokenCa: string;
  let osslCert: string;
  let osslKey: string;
  const pdfIn = join(FIXTURES, 'LAB_OK.pdf');

  beforeAll(() => {
    dir = tmpDir();
    process.env['CARTELLA_TEST_TOKEN_DIR'] = join(dir, 'token');
    tokenCa = join(dir, 'token', 'test-ca.pem');
    createTestToken(join(dir, 'token'));
    // A signer of openssl's own, self-signed, with the key usage of a signature certificate.
    osslCert = join(dir, 'ossl.pem');
    osslKey = join(dir, 'ossl.key');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '30', '-keyout', osslKey, '-out', osslCert,
      '-subj', '/CN=MEDICO PROVA OPENSSL/O=Cartella test/C=IT', '-addext', 'keyUsage=critical,digitalSignature,nonRepudiation', '-addext', 'basicConstraints=critical,CA:FALSE'], { stdio: 'ignore' });
  }, TOKEN_TIMEOUT);
  afterEach(() => vi.restoreAllMocks());

  const opensslSign = (input: string, output: string) =>
    execFileSync('openssl', ['cms', '-sign', '-nodetach', '-binary', '-cades', '-md', 'sha256', '-outform', 'DER', '-in', input, '-out', output, '-signer', osslCert, '-inkey', osslKey], { stdio: 'ignore' });

  it('cartella sign --cades of a PDF makes a .pdf.p7m: ours VALID, openssl agrees and gives the PDF back', async () => {
    const out = join(dir, 'doc.pdf.p7m');
    const s = await captureJsonLines(() => sign.run(['--cades', '--in', pdfIn, '--out', out]));
    expect(s.lines[0]).toMatchObject({ kind: 'cades-enveloping' });
    expect(s.code).toBe(0);
    const { code, v } = await verifyFile(out, [tokenCa]);
    expect(v).toMatchObject({ status: 'VALID', fileType: 'p7m', signatures: [{ index: 0, format: 'CAdES', status: 'VALID' }] });
    expect(v.signatures).toHaveLength(1); // LAB_OK.pdf carries no signature of its own
    expect(code).toBe(0);
    const back = join(dir, 'back.pdf');
    const r = run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', out, '-CAfile', tokenCa, '-out', back]);
    expect(r.stderr).toContain('CMS Verification successful');
    expect(readFileSync(back).equals(readFileSync(pdfIn))).toBe(true);
  });

  it("openssl's .pdf.p7m is verified as a CAdES envelope (not as a PDF) and is VALID", async () => {
    const out = join(dir, 'openssl.pdf.p7m');
    opensslSign(pdfIn, out);
    const { code, v } = await verifyFile(out, [osslCert]);
    expect(v.reasons.map((r) => r.code)).not.toContain('PDF_BYTERANGE_INVALID');
    expect(v).toMatchObject({ status: 'VALID', fileType: 'p7m', signatures: [{ format: 'CAdES', status: 'VALID', signer: { commonName: 'MEDICO PROVA OPENSSL' } }] });
    expect(code).toBe(0);
    // the same file as base64 (PEM armour), as some products send it
    const pem = join(dir, 'openssl.pdf.p7m.pem');
    writeFileSync(pem, `-----BEGIN PKCS7-----\n${readFileSync(out).toString('base64').replace(/.{64}/g, '$&\n')}\n-----END PKCS7-----\n`);
    expect((await verifyFile(pem, [osslCert])).v).toMatchObject({ status: 'VALID', fileType: 'p7m' });
  });

  it('a .pdf.p7m around a PAdES-signed PDF reports both signatures, ours and openssl\'s envelope alike', async () => {
    const pades = join(dir, 'signed.pdf');
    expect((await captureJsonLines(() => sign.run(['--in', pdfIn, '--out', pades]))).code).toBe(0);
    const ours = join(dir, 'signed.pdf.p7m');
    expect((await captureJsonLines(() => sign.run(['--cades', '--in', pades, '--out', ours]))).code).toBe(0);
    const theirs = join(dir, 'signed-openssl.pdf.p7m');
    opensslSign(pades, theirs);
    for (const [file, envelopeSigner] of [[ours, 'ROSSI MARIO'], [theirs, 'MEDICO PROVA OPENSSL']] as const) {
      const { code, v } = await verifyFile(file, [tokenCa, osslCert]);
      expect(v.fileType).toBe('p7m');
      expect(v.signatures.map((x) => [x.index, x.format, x.status, x.envelope, x.signer?.commonName])).toEqual([
        [0, 'CAdES', 'VALID', undefined, envelopeSigner],
        [1, 'PAdES', 'VALID', 0, 'ROSSI MARIO'],
      ]);
      expect(v.status).toBe('VALID');
      expect(code).toBe(0);
    }
  });
});

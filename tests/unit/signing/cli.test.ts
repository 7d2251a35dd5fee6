/** `cartella sign` / `cartella verify` commands, run in-process against the on-demand test token. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { command as sign } from '../../../electron/cli/commands/sign.ts';
import { command as verify } from '../../../electron/cli/commands/verify.ts';
import { UsageError } from '../../../electron/cli/command.ts';
import { createTestToken } from '../../../electron/services/signing/test-token.ts';
import { FIXTURES, TOKEN_SKIP_REASON, flipByte, hasBinary, run, tmpDir, writeTmp, skipNote, TOKEN_TIMEOUT } from './helpers.ts';
import { captureJsonLines } from '../../helpers/cli-capture.ts';

const skip = TOKEN_SKIP_REASON !== undefined;
if (skip) console.warn(`SKIPPED CLI signing tests: ${TOKEN_SKIP_REASON}`);

describe.skipIf(skip)(`cartella sign / verify${skipNote(TOKEN_SKIP_REASON)}`, () => {
  let dir: string;
  let caPem: string;
  beforeAll(() => {
    dir = tmpDir();
    process.env['CARTELLA_TEST_TOKEN_DIR'] = join(dir, 'token');
    caPem = join(dir, 'token', 'test-ca.pem');
    createTestToken(join(dir, 'token')); // what the CLI does on demand, done here under the hook timeout
  }, TOKEN_TIMEOUT);
  afterEach(() => {
    delete process.env['CARTELLA_TEST_SIGN_PIN'];
  });

  it('signs a PDF with the test token (PAdES) and verifies it VALID with the test CA', async () => {
    const out = join(dir, 'signed.pdf');
    const s = await captureJsonLines(() => sign.run(['--in', join(FIXTURES, 'LAB_OK.pdf'), '--out', out]));
    expect(s.code).toBe(0);
    expect(s.lines[0]).toMatchObject({ out, kind: 'pades', testToken: true, mechanism: 'CKM_SHA256_RSA_PKCS', signer: { commonName: 'ROSSI MARIO', codiceFiscale: 'RSSMRA80A01H501U' } });
    const v = await captureJsonLines(() => verify.run([out, '--ca', caPem]));
    expect(v.code).toBe(0);
    expect(v.lines).toHaveLength(1);
    expect(v.lines[0]).toMatchObject({ status: 'VALID', fileType: 'pdf', signatures: [{ format: 'PAdES', subFilter: 'ETSI.CAdES.detached' }] });
    const bad = writeTmp(dir, 'bad.pdf', flipByte(readFileSync(out), 1500));
    const vb = await captureJsonLines(() => verify.run([bad, '--ca', caPem]));
    expect(vb.code).toBe(1);
    expect(vb.lines[0]).toMatchObject({ status: 'INVALID' });
  });

  it('CAdES enveloping and detached with the EC test token; openssl agrees', async () => {
    const input = writeTmp(dir, 'doc.xml', '<ClinicalDocument/>');
    const p7m = join(dir, 'doc.xml.p7m');
    const p7s = join(dir, 'doc.xml.p7s');
    expect((await captureJsonLines(() => sign.run(['--in', input, '--out', p7m, '--cades', '--token', 'CARTELLA-EC']))).code).toBe(0);
    expect((await captureJsonLines(() => sign.run(['--in', input, '--out', p7s, '--cades', '--detached', '--token', 'CARTELLA-EC']))).code).toBe(0);
    expect((await captureJsonLines(() => verify.run([p7m, '--ca', caPem]))).lines[0]).toMatchObject({ status: 'VALID', fileType: 'p7m' });
    expect((await captureJsonLines(() => verify.run([p7s, '--ca', caPem, '--content', input]))).lines[0]).toMatchObject({ status: 'VALID' });
    const noContent = await captureJsonLines(() => verify.run([p7s, '--ca', caPem]));
    expect(noContent.code).toBe(1);
    if (hasBinary('openssl')) {
      const r = run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', p7m, '-CAfile', caPem, '-out', '/dev/null']);
      expect(r.stderr).toContain('CMS Verification successful');
    }
  });

  it('a wrong PIN from --pin-env gives the typed error and exit 1', async () => {
    process.env['CARTELLA_TEST_SIGN_PIN'] = '11112222';
    const r = await captureJsonLines(() => sign.run(['--in', join(FIXTURES, 'LAB_OK.pdf'), '--out', join(dir, 'x.pdf'), '--pin-env', 'CARTELLA_TEST_SIGN_PIN']).catch((e: unknown) => {
      // main.ts prints AppErrors thrown by commands; here we check the code directly
      process.stdout.write(`${JSON.stringify({ error: { code: (e as { code: string }).code } })}\n`);
      return 1;
    }));
    expect(r.code).toBe(1);
    expect(r.lines[0]).toMatchObject({ error: { code: 'PIN_INCORRECT' } });
    expect(JSON.stringify(r.lines)).not.toContain('11112222');
  });

  it('usage errors', async () => {
    await expect(sign.run(['--in', 'a'])).rejects.toBeInstanceOf(UsageError);
    await expect(sign.run(['--in', 'a', '--out', 'b', '--detached'])).rejects.toBeInstanceOf(UsageError);
    await expect(sign.run(['--in', join(FIXTURES, 'LAB_OK.pdf'), '--out', 'b', '--module', '/x.so'])).rejects.toThrow(/--pin-env/);
    await expect(verify.run([])).rejects.toBeInstanceOf(UsageError);
  });
});

/** Gateway certificates from .p12 (node-forge), with .p12 files made by openssl. */
import { execFileSync } from 'node:child_process';
import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importGatewayP12 } from '../../../electron/services/signing/p12.ts';
import { hasBinary, tmpDir, skipNote, OPENSSL_MISSING } from './helpers.ts';

const noOpenssl = !hasBinary('openssl');
if (noOpenssl) console.warn('SKIPPED p12 tests: openssl not installed');

function makeP12(dir: string, cn: string, password: string, legacy: boolean): Buffer {
  const o = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  o(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '30', '-subj', '/C=IT/O=Test/CN=Test Gateway CA']);
  o(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${cn}.key`, '-out', `${cn}.csr`, '-subj', `/C=IT/O=Studio Medico Test/CN=${cn}`]);
  o(['x509', '-req', '-in', `${cn}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '30', '-out', `${cn}.pem`]);
  o(['pkcs12', '-export', ...(legacy ? ['-legacy'] : []), '-inkey', `${cn}.key`, '-in', `${cn}.pem`, '-certfile', 'ca.pem', '-out', `${cn}.p12`, '-passout', `pass:${password}`]);
  return readFileSync(join(dir, `${cn}.p12`));
}

describe.skipIf(noOpenssl)(`gateway .p12 import${skipNote(OPENSSL_MISSING)}`, () => {
  it.each([false, true])('imports key, certificate, subject and validity (legacy=%s)', (legacy) => {
    const dir = tmpDir();
    const p12 = makeP12(dir, 'S1#110201234567XX', 'segreta', legacy);
    const g = importGatewayP12(p12, 'segreta');
    expect(g.subject.commonName).toBe('S1#110201234567XX');
    expect(g.issuer.commonName).toBe('Test Gateway CA');
    expect(g.chainPem).toHaveLength(1);
    const cert = new X509Certificate(g.certPem);
    expect(cert.subject).toContain('CN=S1#110201234567XX');
    expect(new Date(g.notAfter).getTime()).toBe(new Date(cert.validTo).getTime());
    // the key matches the certificate
    const pubFromKey = createPublicKey(createPrivateKey(g.keyPem)).export({ type: 'spki', format: 'der' });
    expect(Buffer.from(pubFromKey)).toEqual(Buffer.from(cert.publicKey.export({ type: 'spki', format: 'der' })));
    expect(readFileSync(join(dir, 'S1#110201234567XX.pem'), 'utf8').trim()).toBe(g.certPem.trim());
  });

  it('a wrong password is CERTIFICATE_INVALID and the message holds no password', () => {
    const p12 = makeP12(tmpDir(), 'A1#110201234567XX', 'giusta', false);
    try {
      importGatewayP12(p12, 'sbagliata');
      throw new Error('expected failure');
    } catch (e) {
      expect((e as { code?: string }).code).toBe('CERTIFICATE_INVALID');
      expect((e as Error).message).not.toContain('sbagliata');
    }
    expect(() => importGatewayP12(new Uint8Array([1, 2, 3]), 'x')).toThrow();
  });
});

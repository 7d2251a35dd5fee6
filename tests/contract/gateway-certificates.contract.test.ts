import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors/index.ts';
import { transports, type ContractFixture } from './transports.ts';

/** A .p12 like the gateway's: an RSA key and a certificate issued for one role. */
function makeP12(cn: string, password: string, notAfter: Date) {
  const keys = forge.pki.rsa.generateKeyPair(1024);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '0a1b2c';
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = notAfter;
  const subject = [{ name: 'commonName', value: cn }, { name: 'organizationName', value: 'Studio Medico Test' }];
  cert.setSubject(subject);
  cert.setIssuer([{ name: 'commonName', value: 'Test Gateway CA' }]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const asn1 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], password, { algorithm: '3des' });
  const der = forge.asn1.toDer(asn1).getBytes();
  return { base64: forge.util.encode64(der), keyPem: forge.pki.privateKeyToPem(keys.privateKey) };
}

describe.each(transports)('gateway certificates over %s', (_name, make) => {
  let f: ContractFixture;
  beforeAll(async () => {
    f = await make();
  });
  afterAll(() => f.dispose());

  it('imports the authentication and signature .p12, lists only their public description', async () => {
    const future = new Date(Date.now() + 365 * 86_400_000);
    const auth = makeP12('A1#120201234567XX', 'segreta', future);
    const sig = makeP12('S1#120201234567XX', 'segreta', future);
    const a = await f.client.call('gatewayCertificates.import', { kind: 'auth', p12Base64: auth.base64, password: 'segreta' });
    expect(a).toMatchObject({ kind: 'auth', currentlyValid: true, serialNumberHex: '0a1b2c' });
    expect(a.subject).toContain('A1#120201234567XX');
    await f.client.call('gatewayCertificates.import', { kind: 'signature', p12Base64: sig.base64, password: 'segreta' });
    const list = await f.client.call('gatewayCertificates.list', {});
    expect(list.map((c) => c.kind)).toEqual(['auth', 'signature']);
    expect(JSON.stringify(list)).not.toContain('PRIVATE KEY');
  });

  it('refuses a wrong password with CERTIFICATE_INVALID and keeps the installed one', async () => {
    const other = makeP12('A1#999', 'giusta', new Date(Date.now() + 86_400_000));
    const e = await f.client.call('gatewayCertificates.import', { kind: 'auth', p12Base64: other.base64, password: 'sbagliata' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('CERTIFICATE_INVALID');
    expect((await f.client.call('gatewayCertificates.list', {}))[0]!.subject).toContain('A1#120201234567XX');
  });

  it('marks an expired certificate as not currently valid', async () => {
    const old = makeP12('S1#OLD', 'x', new Date(Date.now() - 1000));
    expect(await f.client.call('gatewayCertificates.import', { kind: 'signature', p12Base64: old.base64, password: 'x' })).toMatchObject({
      currentlyValid: false,
    });
  });
});

describe('gateway certificate storage', () => {
  it('keeps the private key out of the database file in clear', async () => {
    const { tempServices } = await import('../helpers/temp-services.ts');
    const s = await tempServices();
    try {
      const p = makeP12('A1#CLEAR', 'pw', new Date(Date.now() + 86_400_000));
      const r = await s.dispatcher.dispatch('gatewayCertificates.import', { kind: 'auth', p12Base64: p.base64, password: 'pw' }, { actor: 't', transport: 'in-process' });
      expect(r.ok).toBe(true);
      const keyBody = p.keyPem.split('\n')[1]!;
      for (const file of readdirSync(s.dataDir).filter((n) => n.startsWith('cartella.db'))) {
        const bytes = readFileSync(join(s.dataDir, file));
        expect(bytes.includes(Buffer.from(keyBody)), file).toBe(false);
        expect(bytes.includes(Buffer.from('A1#CLEAR')), file).toBe(false);
      }
    } finally {
      await s.dispose();
    }
  });
});

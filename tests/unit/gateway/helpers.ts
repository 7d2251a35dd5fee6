/** Test PKI (generated at test time) and a running simulator + client pair on 127.0.0.1 over mTLS. */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { GatewayClient, type GatewayClientOptions } from '../../../electron/services/gateway/client/client.ts';
import { startGatewaySimulator, type GatewaySimulator, type SimulatorOptions } from '../../../electron/services/gateway/simulator/simulator.ts';
import type { JwtIdentity } from '../../../shared/gateway/jwt-claims.ts';

export interface Pem {
  cert: string;
  key: string;
}

const keys = new Map<string, { pub: forge.pki.PublicKey; priv: forge.pki.PrivateKey; keyPem: string }>();
/** RSA-2048 keys are slow on a shared machine: certificates that play different roles share one where that tests nothing. */
function keyPair(group: string): { pub: forge.pki.PublicKey; priv: forge.pki.PrivateKey; keyPem: string } {
  const hit = keys.get(group);
  if (hit) return hit;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const priv = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  const kp = { priv, pub: forge.pki.setRsaPublicKey(priv.n, priv.e), keyPem };
  keys.set(group, kp);
  return kp;
}

let serial = 1;
function makeCert(cn: string, issuer: { cert?: forge.pki.Certificate; priv?: forge.pki.PrivateKey }, o: { ca?: boolean; ip?: string; days?: number; key?: string } = {}) {
  const kp = keyPair(o.key ?? 'infra');
  const c = forge.pki.createCertificate();
  c.publicKey = kp.pub;
  c.serialNumber = String(++serial).padStart(4, '0');
  c.validity.notBefore = new Date(Date.now() - 86_400_000);
  c.validity.notAfter = new Date(Date.now() + (o.days ?? 30) * 86_400_000);
  c.setSubject([{ name: 'commonName', value: cn }, { name: 'organizationName', value: 'Cartella Test' }]);
  c.setIssuer(issuer.cert ? issuer.cert.subject.attributes : c.subject.attributes);
  const ext: object[] = [{ name: 'basicConstraints', cA: o.ca === true }];
  if (o.ca) ext.push({ name: 'keyUsage', keyCertSign: true, cRLSign: true });
  else ext.push({ name: 'keyUsage', digitalSignature: true, keyEncipherment: true });
  if (o.ip) ext.push({ name: 'subjectAltName', altNames: [{ type: 7, ip: o.ip }] }, { name: 'extKeyUsage', serverAuth: true });
  c.setExtensions(ext);
  c.sign((issuer.priv ?? kp.priv) as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return { forge: c, priv: kp.priv, pem: { cert: forge.pki.certificateToPem(c), key: kp.keyPem } };
}

export interface TestPki {
  ca: string;
  server: Pem;
  /** TLS authentication certificate (A1#...). */
  auth: Pem;
  /** JWT signature certificate (S1#...). */
  signature: Pem;
  /** A signature certificate from another CA. */
  rogue: Pem;
}

let cached: TestPki | undefined;
export function testPki(): TestPki {
  if (cached) return cached;
  const ca = makeCert('Cartella Test CA', {}, { ca: true });
  const issuer = { cert: ca.forge, priv: ca.priv };
  const rogueCa = makeCert('Rogue CA', {}, { ca: true, key: 'rogue' });
  cached = {
    ca: ca.pem.cert,
    server: makeCert('127.0.0.1', issuer, { ip: '127.0.0.1' }).pem,
    auth: makeCert('A1#120201234567XX', issuer).pem,
    signature: makeCert('S1#120201234567XX', issuer, { key: 'signature' }).pem,
    rogue: makeCert('S1#120201234567XX', { cert: rogueCa.forge, priv: rogueCa.priv }, { key: 'rogue-signer' }).pem,
  };
  return cached;
}

export const IDENTITY: Omit<JwtIdentity, 'signatureCertCn' | 'audience'> = {
  subjectFiscalCode: 'RSSMRA80A01H501U',
  subjectRole: 'APR',
  subjectOrganizationId: '120',
  locality: { name: 'STUDIO MEDICO DI PROVA', catalogOid: '2.16.840.1.113883.2.9.4.1.3', code: '120201234567' },
  application: { id: 'CARTELLA', vendor: 'CARTELLA', version: '0.1.0' },
};

export const FIXTURES = join(import.meta.dirname, '../../fixtures/gateway');
export const PSS_PDF = new Uint8Array(readFileSync(join(FIXTURES, 'pdf/PSS.pdf')));
export const UNSIGNED_PDF = new Uint8Array(readFileSync(join(FIXTURES, 'pdf/CDA_MAP.pdf')));
export const NO_CDA_PDF = new Uint8Array(readFileSync(join(FIXTURES, 'pdf/NO_CDA.pdf')));

/** A valid publication body for the PSS sample (Lazio). */
export function pssBody(identificativoDoc: string, workflowInstanceId?: string) {
  return {
    tipologiaStruttura: 'Territorio' as const,
    tipoDocumentoLivAlto: 'SUM' as const,
    assettoOrganizzativo: 'AD_PSC130',
    dataInizioPrestazione: '20220510100000',
    tipoAttivitaClinica: 'OBS' as const,
    identificativoSottomissione: '2.16.840.1.113883.2.9.2.120.4.3.1',
    healthDataFormat: 'CDA' as const,
    mode: 'ATTACHMENT' as const,
    identificativoDoc,
    identificativoRep: '2.16.840.1.113883.2.9.2.120.4.5.1',
    ...(workflowInstanceId ? { workflowInstanceId } : {}),
  };
}

export async function simulatorAndClient(sim: Partial<SimulatorOptions> = {}, client: Partial<GatewayClientOptions> = {}): Promise<{ sim: GatewaySimulator; client: GatewayClient; close(): Promise<void> }> {
  const pki = testPki();
  const s = await startGatewaySimulator({ tls: { cert: pki.server.cert, key: pki.server.key, ca: pki.ca }, jwtCaPems: [pki.ca], seed: 7, ...sim });
  const c = new GatewayClient({
    environment: 'simulator',
    baseUrl: s.url,
    tls: { cert: pki.auth.cert, key: pki.auth.key, ca: pki.ca },
    signature: { certPem: pki.signature.cert, keyPem: pki.signature.key },
    identity: IDENTITY,
    timeoutMs: 5_000,
    ...client,
  });
  return {
    sim: s,
    client: c,
    async close() {
      await c.close();
      await s.close();
    },
  };
}

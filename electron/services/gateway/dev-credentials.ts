/**
 * Sandbox credentials for talking to the built-in simulator when no real certificates are
 * configured: an ephemeral self-signed signature certificate (the simulator without a JWT CA
 * accepts any x5c, still verifying the signature) and a synthetic sender identity. Never for
 * the real gateway.
 */
import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';
import type { JwtIdentity } from '../../../shared/gateway/jwt-claims.ts';
import type { SignatureCredential } from './jwt.ts';
import { SANDBOX_DOCTOR } from '../../../shared/synthetic/sandbox-doctor.ts';

export function ephemeralSignatureCredential(cn = 'S1#SANDBOXCARTELLA'): SignatureCredential {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const priv = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(priv.n, priv.e);
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 3_600_000);
  cert.validity.notAfter = new Date(Date.now() + 7 * 86_400_000);
  const attrs = [{ name: 'commonName', value: cn }, { name: 'organizationName', value: 'Cartella sandbox' }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(priv, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem };
}

/** The sandbox's test doctor (shared/synthetic/sandbox-doctor.ts), an MMG in Lazio. */
export const SANDBOX_IDENTITY: Omit<JwtIdentity, 'signatureCertCn' | 'audience'> = {
  subjectFiscalCode: SANDBOX_DOCTOR.codiceFiscale,
  subjectRole: 'APR',
  subjectOrganizationId: '120',
  locality: { name: 'STUDIO MEDICO SANDBOX', catalogOid: '2.16.840.1.113883.2.9.4.1.3', code: '120000000000' },
  application: { id: 'CARTELLA', vendor: 'CARTELLA', version: '0.1.0' },
};

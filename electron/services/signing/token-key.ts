/** The private key paired with the signing certificate, and the signature mechanism to use with it. */
import { X509Certificate } from 'node:crypto';
import pkcs11js from 'pkcs11js';
import { AppError } from '../../../shared/errors/index.ts';
import type { CertificateInfo } from '../../../shared/signing/types.ts';
import type { Handle, Pkcs11 } from './pkcs11-module.ts';

export type SignMechanism = 'CKM_SHA256_RSA_PKCS' | 'CKM_RSA_PKCS' | 'CKM_ECDSA';

/** Mechanism from the token's own list (pure). */
export function chooseMechanism(keyType: 'RSA' | 'EC', available: number[]): SignMechanism {
  if (keyType === 'EC') {
    if (available.includes(pkcs11js.CKM_ECDSA)) return 'CKM_ECDSA';
  } else {
    if (available.includes(pkcs11js.CKM_SHA256_RSA_PKCS)) return 'CKM_SHA256_RSA_PKCS';
    if (available.includes(pkcs11js.CKM_RSA_PKCS)) return 'CKM_RSA_PKCS';
  }
  throw new AppError('CERTIFICATE_INVALID', `the token offers no usable signature mechanism for ${keyType} keys`);
}

function findObjects(p11: Pkcs11, session: Handle, template: pkcs11js.Template): Handle[] {
  p11.C_FindObjectsInit(session, template);
  const out: Handle[] = [];
  try {
    for (let h = p11.C_FindObjects(session); h; h = p11.C_FindObjects(session)) out.push(h);
  } finally {
    p11.C_FindObjectsFinal(session);
  }
  return out;
}

/**
 * The private key of a certificate: same CKA_ID (the rule on CNS / signature cards and
 * SoftHSM); otherwise, for middlewares that pair differently, the RSA key with the certificate's
 * modulus, or the only private key on the token.
 */
export function findPrivateKey(p11: Pkcs11, session: Handle, cert: CertificateInfo): Handle | null {
  if (cert.id !== '') {
    const byId = findObjects(p11, session, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
      { type: pkcs11js.CKA_ID, value: Buffer.from(cert.id, 'hex') },
    ]);
    if (byId[0]) return byId[0];
  }
  const all = findObjects(p11, session, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY }]);
  if (cert.keyAlgorithm === 'RSA') {
    const jwk = new X509Certificate(cert.pem).publicKey.export({ format: 'jwk' });
    const modulus = Buffer.from(String(jwk.n), 'base64url');
    for (const h of all) {
      try {
        const m = p11.C_GetAttributeValue(session, h, [{ type: pkcs11js.CKA_MODULUS }])[0]?.value as Buffer | undefined;
        if (m && Buffer.from(m).subarray(m.findIndex((b) => b !== 0)).equals(modulus.subarray(modulus.findIndex((b) => b !== 0)))) return h;
      } catch {
        /* attribute not readable */
      }
    }
  }
  return all.length === 1 ? all[0]! : null;
}

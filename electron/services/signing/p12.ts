/**
 * Import of the FSE gateway certificates (authentication for mTLS, signature for the JWTs) from
 * PKCS#12 bytes. Pure function: no storage (the encrypted store is wired elsewhere). The password
 * is used only for this call and never logged or kept.
 */
import forge from 'node-forge';
import { AppError } from '../../../shared/errors/index.ts';
import type { GatewayCertificate } from '../../../shared/signing/types.ts';
import { certificateInfo } from './x509.ts';

export function importGatewayP12(p12Bytes: Uint8Array, password: string): GatewayCertificate {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(p12Bytes).toString('binary')));
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (e) {
    const msg = (e as Error).message ?? '';
    if (/mac|password|invalid/i.test(msg)) {
      throw new AppError('CERTIFICATE_INVALID', 'cannot open the .p12: wrong password or corrupt file');
    }
    throw new AppError('CERTIFICATE_INVALID', 'cannot open the .p12 file');
  }
  const bags = (type: string): forge.pkcs12.Bag[] => p12.getBags({ bagType: type })[type] ?? [];
  const keyBags = [...bags(forge.pki.oids['pkcs8ShroudedKeyBag']!), ...bags(forge.pki.oids['keyBag']!)];
  const certBags = bags(forge.pki.oids['certBag']!);
  const keyBag = keyBags.find((b) => b.key);
  if (!keyBag?.key) throw new AppError('CERTIFICATE_INVALID', 'the .p12 holds no private key (RSA keys only are supported)');
  const key = keyBag.key as forge.pki.rsa.PrivateKey;
  const certs: forge.pki.Certificate[] = certBags.filter((b) => b.cert).map((b) => b.cert!);
  // the certificate whose public key matches the private key
  const leaf = certs.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n && pub.n.equals(key.n) && pub.e.equals(key.e);
  });
  if (!leaf) throw new AppError('CERTIFICATE_INVALID', 'no certificate in the .p12 matches its private key');
  const certPem = forge.pki.certificateToPem(leaf);
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(leaf)).getBytes(), 'binary');
  const info = certificateInfo(der);
  return {
    certPem: certPem.replace(/\r\n/g, '\n'),
    keyPem: forge.pki.privateKeyToPem(key).replace(/\r\n/g, '\n'),
    chainPem: certs.filter((c) => c !== leaf).map((c) => forge.pki.certificateToPem(c).replace(/\r\n/g, '\n')),
    subject: info.subject,
    issuer: info.issuer,
    notBefore: info.notBefore,
    notAfter: info.notAfter,
    serialNumberHex: info.serialNumberHex,
  };
}

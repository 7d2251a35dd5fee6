/** Certificate parsing into the plain CertificateInfo (node + PKI.js). */
import { createHash, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toHex } from '../../../shared/signing/der.ts';
import { certificateRole, subjectInfoFrom, type NameAttribute } from '../../../shared/signing/subject.ts';
import type { CertificateInfo, KeyUsageName } from '../../../shared/signing/types.ts';

const KEY_USAGE_BITS: KeyUsageName[] = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
];

export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export function parsePkijsCertificate(der: Uint8Array): pkijs.Certificate {
  const asn = asn1js.fromBER(toArrayBuffer(der));
  if (asn.offset === -1) throw new Error('certificate: bad DER');
  return new pkijs.Certificate({ schema: asn.result });
}

function nameAttributes(name: pkijs.RelativeDistinguishedNames): NameAttribute[] {
  return name.typesAndValues.map((tv) => {
    const v = tv.value as unknown as { valueBlock?: { value?: unknown } };
    const value = typeof v.valueBlock?.value === 'string' ? v.valueBlock.value : String(v.valueBlock?.value ?? '');
    return { oid: tv.type, value };
  });
}

export function keyUsageOf(cert: pkijs.Certificate): KeyUsageName[] | undefined {
  const ext = cert.extensions?.find((e) => e.extnID === '2.5.29.15');
  if (!ext) return undefined;
  const asn = asn1js.fromBER(ext.extnValue.valueBlock.valueHexView.slice().buffer);
  const bits = asn.result as asn1js.BitString;
  const bytes = new Uint8Array(bits.valueBlock.valueHexView);
  const out: KeyUsageName[] = [];
  KEY_USAGE_BITS.forEach((name, i) => {
    const byte = bytes[i >> 3] ?? 0;
    if (byte & (0x80 >> (i & 7))) out.push(name);
  });
  return out;
}

function extendedKeyUsageOf(cert: pkijs.Certificate): string[] {
  const ext = cert.extensions?.find((e) => e.extnID === '2.5.29.37');
  if (!ext) return [];
  const asn = asn1js.fromBER(ext.extnValue.valueBlock.valueHexView.slice().buffer);
  const seq = asn.result as asn1js.Sequence;
  return seq.valueBlock.value.map((v) => (v as asn1js.ObjectIdentifier).valueBlock.toString());
}

export function derToPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const b64 = Buffer.from(der).toString('base64');
  return `-----BEGIN ${label}-----\n${b64.replace(/.{1,64}/g, '$&\n')}-----END ${label}-----\n`;
}

/** All PEM blocks of a text as DER. */
export function pemToDerList(pem: string): Buffer[] {
  const out: Buffer[] = [];
  const re = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;
  for (let m = re.exec(pem); m; m = re.exec(pem)) out.push(Buffer.from((m[1] ?? '').replace(/\s+/g, ''), 'base64'));
  return out;
}

export function certificateInfo(der: Uint8Array, id = '', label = ''): CertificateInfo {
  const cert = parsePkijsCertificate(der);
  const x = new X509Certificate(Buffer.from(der));
  const keyUsage = keyUsageOf(cert) ?? [];
  const eku = extendedKeyUsageOf(cert);
  const keyType = x.publicKey.asymmetricKeyType;
  return {
    id,
    label,
    subject: subjectInfoFrom(nameAttributes(cert.subject)),
    issuer: subjectInfoFrom(nameAttributes(cert.issuer)),
    serialNumberHex: toHex(new Uint8Array(cert.serialNumber.valueBlock.valueHexView)),
    notBefore: new Date(x.validFrom).toISOString(),
    notAfter: new Date(x.validTo).toISOString(),
    keyUsage,
    extendedKeyUsage: eku,
    isCA: x.ca,
    role: certificateRole(keyUsage, eku, x.ca),
    keyAlgorithm: keyType === 'rsa' ? 'RSA' : keyType === 'ec' ? 'EC' : 'other',
    sha256: createHash('sha256').update(der).digest('hex'),
    pem: derToPem(der),
  };
}

export function nameAttributesOf(name: pkijs.RelativeDistinguishedNames): NameAttribute[] {
  return nameAttributes(name);
}

/**
 * CAdES-BES with PKI.js: SignedData with contentType, messageDigest, (signingTime,)
 * signing-certificate-v2, signed by an ExternalSigner (the token). The signed attributes are
 * DER-sorted and signed as a SET (tag 0x31).
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { ExternalSigner } from './token.ts';
import { parsePkijsCertificate, toArrayBuffer } from './x509.ts';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
} as const;

export interface CadesOptions {
  content: Uint8Array;
  /** true: no eContent (.p7s / PAdES). */
  detached: boolean;
  /** signingTime attribute; false for PAdES (the time goes in /M). */
  signingTime: Date | false;
  signer: ExternalSigner;
  /** Further certificates to embed (chain), DER. */
  extraCertificates?: Uint8Array[];
  /**
   * TEST HOOK: certificate whose hash goes into signing-certificate-v2 instead of the signer's
   * (to prove the verifier catches a substituted ESS hash). Never set in production code.
   */
  essCertificateOverride?: Uint8Array;
}

function sha256(data: Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}

/** SigningCertificateV2 ::= SEQ { certs SEQ OF ESSCertIDv2 } ; hashAlgorithm omitted (DEFAULT sha256). */
function signingCertificateV2(certDer: Uint8Array): asn1js.Sequence {
  const cert = parsePkijsCertificate(certDer);
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [cert.issuer.toSchema()] })],
      }),
      cert.serialNumber,
    ],
  });
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: toArrayBuffer(sha256(certDer)) }), issuerSerial],
  });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

function attribute(type: string, value: asn1js.BaseBlock): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return a.length - b.length;
}

export async function buildCades(opts: CadesOptions): Promise<Buffer> {
  const certDer = opts.signer.certificate;
  const cert = parsePkijsCertificate(certDer);
  const attrs: pkijs.Attribute[] = [
    attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: OID.data })),
    attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: toArrayBuffer(sha256(opts.content)) })),
    attribute(OID.signingCertificateV2, signingCertificateV2(opts.essCertificateOverride ?? certDer)),
  ];
  if (opts.signingTime) attrs.push(attribute(OID.signingTime, new asn1js.UTCTime({ valueDate: opts.signingTime })));
  // DER SET OF: sort by encoding
  attrs.sort((a, b) => compareBytes(new Uint8Array(a.toSchema().toBER(false)), new Uint8Array(b.toSchema().toBER(false))));

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signatureAlgorithm:
      opts.signer.keyType === 'EC'
        ? new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSHA256 })
        : new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256WithRSA, algorithmParams: new asn1js.Null() }),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: attrs }),
  });
  const tbs = new Uint8Array(signerInfo.signedAttrs!.toSchema().toBER(false));
  tbs[0] = 0x31; // signed as SET OF, stored as [0] IMPLICIT
  const signature = await opts.signer.sign(tbs);
  signerInfo.signature = new asn1js.OctetString({ valueHex: toArrayBuffer(signature) });

  const certificates = [cert, ...(opts.extraCertificates ?? []).map((d) => parsePkijsCertificate(d))];
  const encap = new pkijs.EncapsulatedContentInfo({ eContentType: OID.data });
  if (!opts.detached) encap.eContent = new asn1js.OctetString({ valueHex: toArrayBuffer(opts.content) });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    encapContentInfo: encap,
    certificates,
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return Buffer.from(contentInfo.toSchema().toBER(false));
}

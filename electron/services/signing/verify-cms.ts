/**
 * The check of a CMS SignedData that both signature formats share (a CAdES .p7m/.p7s is one, a
 * PAdES signature carries one in /Contents): integrity (messageDigest + signature over the
 * signed attributes), signing-certificate-v2 hash (which OpenSSL and PKI.js do not check),
 * certificate validity at signing time, chain to the given trust anchors, key usage.
 */
import { createHash, verify as cryptoVerify, constants, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { reason, statusOf } from '../../../shared/signing/reasons.ts';
import type { SignatureReport, VerificationReason } from '../../../shared/signing/types.ts';
import { OID } from './cades.ts';
import { certificateInfo, keyUsageOf, toArrayBuffer } from './x509.ts';

const HASH_BY_OID: Record<string, string> = {
  [OID.sha1]: 'sha1',
  [OID.sha256]: 'sha256',
  [OID.sha384]: 'sha384',
  [OID.sha512]: 'sha512',
  '2.16.840.1.101.3.4.2.4': 'sha224',
};

const SIG_ALG: Record<string, { kind: 'rsa' | 'ecdsa' | 'pss'; hash?: string }> = {
  '1.2.840.113549.1.1.1': { kind: 'rsa' },
  '1.2.840.113549.1.1.5': { kind: 'rsa', hash: 'sha1' },
  '1.2.840.113549.1.1.11': { kind: 'rsa', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { kind: 'rsa', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { kind: 'rsa', hash: 'sha512' },
  '1.2.840.113549.1.1.14': { kind: 'rsa', hash: 'sha224' },
  '1.2.840.113549.1.1.10': { kind: 'pss' },
  '1.2.840.10045.2.1': { kind: 'ecdsa' },
  '1.2.840.10045.4.1': { kind: 'ecdsa', hash: 'sha1' },
  '1.2.840.10045.4.3.2': { kind: 'ecdsa', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { kind: 'ecdsa', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { kind: 'ecdsa', hash: 'sha512' },
};

export function octets(block: asn1js.BaseBlock): Buffer {
  const b = block as asn1js.OctetString;
  if (b.idBlock.isConstructed) {
    const kids = (b.valueBlock as unknown as { value: asn1js.BaseBlock[] }).value ?? [];
    return Buffer.concat(kids.map(octets));
  }
  return Buffer.from(b.valueBlock.valueHexView);
}

function attrValue(si: pkijs.SignerInfo, oid: string): asn1js.BaseBlock | undefined {
  return si.signedAttrs?.attributes.find((a) => a.type === oid)?.values[0] as asn1js.BaseBlock | undefined;
}

function asn1Time(block: asn1js.BaseBlock | undefined): Date | undefined {
  if (block instanceof asn1js.UTCTime || block instanceof asn1js.GeneralizedTime) return block.toDate();
  return undefined;
}

function findSignerCertificate(sd: pkijs.SignedData, si: pkijs.SignerInfo): pkijs.Certificate | undefined {
  const certs = (sd.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  if (si.sid instanceof pkijs.IssuerAndSerialNumber) {
    const sid = si.sid;
    return certs.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber));
  }
  const ski = Buffer.from((si.sid as asn1js.OctetString).valueBlock?.valueHexView ?? new Uint8Array());
  return certs.find((c) => {
    const ext = c.extensions?.find((e) => e.extnID === '2.5.29.14');
    if (!ext) return false;
    const inner = asn1js.fromBER(ext.extnValue.valueBlock.valueHexView.slice().buffer).result as asn1js.OctetString;
    return Buffer.from(inner.valueBlock.valueHexView).equals(ski);
  });
}

/** ESS signing-certificate(-v2) check against the signer certificate DER. */
function checkEss(si: pkijs.SignerInfo, certDer: Buffer, cert: pkijs.Certificate, idx: number): VerificationReason {
  const v2 = attrValue(si, OID.signingCertificateV2);
  const v1 = attrValue(si, OID.signingCertificate);
  const block = v2 ?? v1;
  if (!block) return reason('ESS_SIGNING_CERT_MISSING', idx);
  try {
    const certsSeq = (block as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
    const first = certsSeq.valueBlock.value[0] as asn1js.Sequence;
    const parts = first.valueBlock.value;
    let i = 0;
    let hashName = v2 ? 'sha256' : 'sha1';
    if (v2 && parts[0] instanceof asn1js.Sequence) {
      const alg = new pkijs.AlgorithmIdentifier({ schema: parts[0] });
      const h = HASH_BY_OID[alg.algorithmId];
      if (!h) return reason('UNSUPPORTED_ALGORITHM', idx);
      hashName = h;
      i = 1;
    }
    const certHash = Buffer.from((parts[i] as asn1js.OctetString).valueBlock.valueHexView);
    if (!createHash(hashName).update(certDer).digest().equals(certHash)) return reason('ESS_SIGNING_CERT_HASH_MISMATCH', idx);
    const issuerSerial = parts[i + 1] as asn1js.Sequence | undefined;
    const serial = issuerSerial?.valueBlock.value[1];
    if (serial instanceof asn1js.Integer && !serial.isEqual(cert.serialNumber)) {
      return reason('ESS_SIGNING_CERT_HASH_MISMATCH', idx);
    }
    return reason('ESS_SIGNING_CERT_OK', idx);
  } catch {
    return reason('CMS_MALFORMED', idx);
  }
}

function verifyRawSignature(si: pkijs.SignerInfo, data: Buffer, cert: X509Certificate, digestName: string): boolean | 'unsupported' {
  const alg = SIG_ALG[si.signatureAlgorithm.algorithmId];
  if (!alg) return 'unsupported';
  const sig = Buffer.from(si.signature.valueBlock.valueHexView);
  if (alg.kind === 'pss') {
    try {
      const params = new pkijs.RSASSAPSSParams({ schema: si.signatureAlgorithm.algorithmParams });
      const hash = HASH_BY_OID[params.hashAlgorithm.algorithmId] ?? 'sha1';
      return cryptoVerify(hash, data, { key: cert.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: params.saltLength }, sig);
    } catch {
      return 'unsupported';
    }
  }
  const hash = alg.hash ?? digestName;
  try {
    return cryptoVerify(hash, data, alg.kind === 'ecdsa' ? { key: cert.publicKey, dsaEncoding: 'der' } : cert.publicKey, sig);
  } catch {
    return false;
  }
}

interface ChainResult {
  reasons: VerificationReason[];
}

function checkChain(signer: X509Certificate, pool: X509Certificate[], anchors: X509Certificate[], at: Date, idx: number): ChainResult {
  if (anchors.length === 0) return { reasons: [reason('CHAIN_NOT_CHECKED', idx)] };
  const validAt = (c: X509Certificate) => new Date(c.validFrom) <= at && at <= new Date(c.validTo);
  const isAnchor = (c: X509Certificate) => anchors.some((a) => a.fingerprint256 === c.fingerprint256);
  const reasons: VerificationReason[] = [];
  let current = signer;
  const seen = new Set<string>();
  for (let depth = 0; depth < 10; depth++) {
    if (isAnchor(current)) return { reasons: [reason('CHAIN_TRUSTED', idx)] };
    seen.add(current.fingerprint256);
    const issuedBy = (cand: X509Certificate) => {
      try {
        return cand.ca && current.checkIssued(cand) && current.verify(cand.publicKey);
      } catch {
        return false;
      }
    };
    const anchor = anchors.find(issuedBy);
    if (anchor) {
      if (!validAt(anchor)) reasons.push(reason('CHAIN_CERT_INVALID', idx));
      return { reasons: reasons.length ? reasons : [reason('CHAIN_TRUSTED', idx)] };
    }
    const next = pool.find((c) => !seen.has(c.fingerprint256) && issuedBy(c));
    if (!next) break;
    if (!validAt(next)) reasons.push(reason('CHAIN_CERT_INVALID', idx));
    current = next;
  }
  return { reasons: [...reasons, reason('CHAIN_UNTRUSTED', idx)] };
}

export interface CmsCheckContext {
  index: number;
  format: 'PAdES' | 'CAdES';
  detachedContent?: Buffer;
  pdfSigningTime?: Date;
  anchors: X509Certificate[];
  extraPool: X509Certificate[];
  now: Date;
}

/**
 * Whether every definite-length constructed value holds exactly its children: asn1js reads
 * children past a length that a damaged (or tampered) header shortened, and the signature
 * would still verify over bytes whose structure no longer says so. Iterative: the depth of a
 * crafted file is not the stack's.
 */
function lengthsConsistent(root: asn1js.BaseBlock): boolean {
  const stack: asn1js.BaseBlock[] = [root];
  while (stack.length > 0) {
    const b = stack.pop() as asn1js.BaseBlock & { valueBlock: { value?: asn1js.BaseBlock[] } };
    if (b.error) return false;
    const kids = b.idBlock.isConstructed ? b.valueBlock.value : undefined;
    if (!Array.isArray(kids)) continue;
    if (!b.lenBlock.isIndefiniteForm && kids.reduce((n, c) => n + c.blockLength, 0) !== b.lenBlock.length) return false;
    stack.push(...kids);
  }
  return true;
}

/**
 * What follows the CMS inside its bytes: nothing (a .p7m), zero padding (a PAdES /Contents,
 * whose placeholder is larger than the signature), or anything else, which no signature covers.
 */
type Trailing = 'forbidden' | 'zeros';

/** Verifies every SignerInfo of a CMS; one report per signer. */
export function verifyCms(cmsDer: Uint8Array, ctx: CmsCheckContext & { trailing?: Trailing }): SignatureReport[] {
  const fail = (code: Parameters<typeof reason>[0]): SignatureReport[] => {
    const reasons = [reason(code, ctx.index)];
    return [{ index: ctx.index, format: ctx.format, status: statusOf(reasons), signingTimeSource: 'none', reasons }];
  };
  let sd: pkijs.SignedData;
  let rawCerts: Buffer[];
  try {
    const asn = asn1js.fromBER(toArrayBuffer(cmsDer));
    if (asn.offset === -1 || !lengthsConsistent(asn.result)) return fail('CMS_MALFORMED');
    // asn1js stops at the end of the first value: what follows is not part of any signature.
    const rest = cmsDer.subarray(asn.offset);
    if (rest.length > 0 && ((ctx.trailing ?? 'forbidden') === 'forbidden' || rest.some((b) => b !== 0))) {
      return fail(ctx.format === 'PAdES' ? 'PDF_CONTENTS_TAMPERED' : 'CMS_TRAILING_DATA');
    }
    const ci = new pkijs.ContentInfo({ schema: asn.result });
    if (ci.contentType !== OID.signedData) return fail('CMS_MALFORMED');
    sd = new pkijs.SignedData({ schema: ci.content });
    rawCerts = rawCertificates(ci.content as asn1js.Sequence);
  } catch {
    return fail('CMS_MALFORMED');
  }
  if (sd.signerInfos.length === 0) return fail('NO_SIGNATURE');
  const eContent = sd.encapContentInfo.eContent;
  let content: Buffer | undefined;
  try {
    content = eContent ? octets(eContent) : ctx.detachedContent;
  } catch {
    return fail('CMS_MALFORMED');
  }
  const pool = [
    ...rawCerts.flatMap((der) => {
      try {
        return [new X509Certificate(der)];
      } catch {
        return [];
      }
    }),
    ...ctx.extraPool,
  ];

  return sd.signerInfos.map((si, k) => {
    const idx = ctx.index + k;
    const reasons: VerificationReason[] = [];
    const report: SignatureReport = { index: idx, format: ctx.format, status: 'INVALID', signingTimeSource: 'none', reasons };
    const done = () => {
      report.status = statusOf(reasons);
      return report;
    };
    // A damaged certificate or attribute is a verdict with a reason, never an exception.
    try {
      return checkSigner(sd, si, idx, rawCerts, pool, content, ctx, report, reasons, done);
    } catch {
      reasons.push(reason('CMS_MALFORMED', idx));
      return done();
    }
  });
}

function checkSigner(
  sd: pkijs.SignedData,
  si: pkijs.SignerInfo,
  idx: number,
  rawCerts: Buffer[],
  pool: X509Certificate[],
  content: Buffer | undefined,
  ctx: CmsCheckContext,
  report: SignatureReport,
  reasons: VerificationReason[],
  done: () => SignatureReport,
): SignatureReport {
  const certP = findSignerCertificate(sd, si);
  if (!certP) {
    reasons.push(reason('SIGNER_CERT_NOT_FOUND', idx));
    return done();
  }
  let cert: X509Certificate;
  let certDer: Buffer;
  try {
    // The certificate's own bytes, by position in SignedData.certificates (both lists keep the
    // set's order). Never a re-encoding: asn1js would normalise a damaged certificate back into
    // the original one and its ESS hash would match.
    const certs = (sd.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
    const raw = rawCerts[certs.indexOf(certP)];
    if (!raw || certs.length !== rawCerts.length) throw new Error('certificate bytes not found');
    certDer = raw;
    cert = new X509Certificate(certDer);
    if (!Number.isFinite(Date.parse(cert.validFrom)) || !Number.isFinite(Date.parse(cert.validTo))) throw new Error('validity dates');
    report.signer = certificateInfo(certDer);
  } catch {
    reasons.push(reason('SIGNER_CERT_MALFORMED', idx));
    return done();
  }
  if (!content) {
    reasons.push(reason('DETACHED_CONTENT_MISSING', idx));
    return done();
  }
  const digestName = HASH_BY_OID[si.digestAlgorithm.algorithmId];
  if (!digestName) {
    reasons.push(reason('UNSUPPORTED_ALGORITHM', idx));
    return done();
  }
  if (!si.signedAttrs || si.signedAttrs.attributes.length === 0) {
    reasons.push(reason('SIGNED_ATTRIBUTES_MISSING', idx));
    return done();
  }
  // 1. integrity: messageDigest, then the signature over the signed attributes
  const md = attrValue(si, OID.messageDigest);
  const expected = md instanceof asn1js.OctetString ? Buffer.from(md.valueBlock.valueHexView) : undefined;
  const actual = createHash(digestName).update(content).digest();
  if (!expected || !expected.equals(actual)) reasons.push(reason('CONTENT_DIGEST_MISMATCH', idx));
  // RFC 5652 §11.1: the signed content-type attribute must equal eContentType (it is what binds
  // the unsigned eContentType field to the signature).
  const ct = attrValue(si, OID.contentType);
  if (!(ct instanceof asn1js.ObjectIdentifier) || ct.valueBlock.toString() !== sd.encapContentInfo.eContentType) {
    reasons.push(reason('CONTENT_TYPE_MISMATCH', idx));
  }
  const signed = Buffer.from(si.signedAttrs.encodedValue.byteLength ? si.signedAttrs.encodedValue : si.signedAttrs.toSchema().toBER(false));
  signed[0] = 0x31;
  const ok = verifyRawSignature(si, signed, cert, digestName);
  if (ok === 'unsupported') reasons.push(reason('UNSUPPORTED_ALGORITHM', idx));
  else if (!ok) reasons.push(reason('SIGNATURE_CRYPTO_INVALID', idx));
  else if (expected?.equals(actual)) reasons.push(reason('SIGNATURE_CRYPTO_VALID', idx));
  // 2. ESS signing-certificate(-v2)
  reasons.push(checkEss(si, certDer, certP, idx));
  // 3. signing time and certificate validity at that time
  const rawAttrTime = asn1Time(attrValue(si, OID.signingTime));
  const attrTime = rawAttrTime && Number.isFinite(rawAttrTime.getTime()) ? rawAttrTime : undefined;
  let at = ctx.now;
  if (ctx.format === 'PAdES') {
    if (attrTime) reasons.push(reason('SIGNING_TIME_ATTRIBUTE_IN_PADES', idx));
    if (ctx.pdfSigningTime && Number.isFinite(ctx.pdfSigningTime.getTime())) {
      at = ctx.pdfSigningTime;
      report.signingTimeSource = 'pdf-M';
    } else if (attrTime) {
      at = attrTime;
      report.signingTimeSource = 'signing-time-attribute';
    }
  } else if (attrTime) {
    at = attrTime;
    report.signingTimeSource = 'signing-time-attribute';
  }
  if (report.signingTimeSource === 'none') reasons.push(reason('SIGNING_TIME_UNKNOWN', idx));
  report.signingTime = at.toISOString();
  if (at < new Date(cert.validFrom)) reasons.push(reason('CERT_NOT_YET_VALID', idx));
  else if (at > new Date(cert.validTo)) reasons.push(reason('CERT_EXPIRED', idx));
  else reasons.push(reason('CERT_VALID_AT_SIGNING_TIME', idx));
  // 4. key usage
  const ku = keyUsageOf(certP);
  if (ku && !ku.includes('nonRepudiation') && !ku.includes('digitalSignature')) reasons.push(reason('KEY_USAGE_NOT_FOR_SIGNING', idx));
  else if (!ku || !ku.includes('nonRepudiation')) reasons.push(reason('KEY_USAGE_NO_NON_REPUDIATION', idx));
  else reasons.push(reason('KEY_USAGE_OK', idx));
  // 5. chain
  reasons.push(...checkChain(cert, pool, ctx.anchors, at, idx).reasons);
  return done();
}

/** Original DER of each certificate in SignedData.certificates ([0] IMPLICIT). */
function rawCertificates(signedData: asn1js.Sequence): Buffer[] {
  const set = signedData.valueBlock.value.find((b) => b.idBlock.tagClass === 3 && b.idBlock.tagNumber === 0) as asn1js.Constructed | undefined;
  if (!set) return [];
  return set.valueBlock.value
    .filter((b) => b.idBlock.tagClass === 1 && b.idBlock.tagNumber === 16)
    .map((b) => Buffer.from(b.valueBeforeDecodeView));
}

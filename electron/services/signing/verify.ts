/**
 * Verification of PAdES PDFs and CAdES .p7m/.p7s: integrity (messageDigest + signature over the
 * signed attributes), signing-certificate-v2 hash (which OpenSSL and PKI.js do not check),
 * certificate validity at signing time, chain to the given trust anchors, key usage.
 * The result is a plain Verdict with reason codes and Italian messages.
 */
import { createHash, verify as cryptoVerify, constants, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { reason, statusOf, worstStatus } from '../../../shared/signing/reasons.ts';
import type { SignatureReport, Verdict, VerificationReason, VerifyRequest } from '../../../shared/signing/types.ts';
import { OID } from './cades.ts';
import { certificateInfo, keyUsageOf, parsePkijsCertificate, pemToDerList, toArrayBuffer } from './x509.ts';
import { isPdf } from './pades.ts';

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

function octets(block: asn1js.BaseBlock): Buffer {
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

/** PDF date "D:YYYYMMDDHHmmSSOHH'mm'" → Date. */
export function parsePdfDate(s: string): Date | undefined {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?'?/.exec(s.trim());
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', se = '00', sign, oh = '00', om = '00'] = m;
  let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se));
  if (sign === '+' || sign === '-') t -= (sign === '+' ? 1 : -1) * (Number(oh) * 60 + Number(om)) * 60_000;
  return new Date(t);
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

interface CmsCheckContext {
  index: number;
  format: 'PAdES' | 'CAdES';
  detachedContent?: Buffer;
  pdfSigningTime?: Date;
  anchors: X509Certificate[];
  extraPool: X509Certificate[];
  now: Date;
}

/** Verifies every SignerInfo of a CMS; one report per signer. */
export function verifyCms(cmsDer: Uint8Array, ctx: CmsCheckContext): SignatureReport[] {
  const fail = (code: Parameters<typeof reason>[0]): SignatureReport[] => {
    const reasons = [reason(code, ctx.index)];
    return [{ index: ctx.index, format: ctx.format, status: statusOf(reasons), signingTimeSource: 'none', reasons }];
  };
  let sd: pkijs.SignedData;
  let rawCerts: Buffer[];
  try {
    const asn = asn1js.fromBER(toArrayBuffer(cmsDer));
    if (asn.offset === -1) return fail('CMS_MALFORMED');
    const ci = new pkijs.ContentInfo({ schema: asn.result });
    if (ci.contentType !== OID.signedData) return fail('CMS_MALFORMED');
    sd = new pkijs.SignedData({ schema: ci.content });
    rawCerts = rawCertificates(ci.content as asn1js.Sequence);
  } catch {
    return fail('CMS_MALFORMED');
  }
  if (sd.signerInfos.length === 0) return fail('NO_SIGNATURE');
  const eContent = sd.encapContentInfo.eContent;
  const content = eContent ? octets(eContent) : ctx.detachedContent;
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
    const certP = findSignerCertificate(sd, si);
    if (!certP) {
      reasons.push(reason('SIGNER_CERT_NOT_FOUND', idx));
      return done();
    }
    // the certificate's own bytes (re-encoding with asn1js is slow and could differ from the original)
    const serialHex = Buffer.from(certP.serialNumber.valueBlock.valueHexView).toString('hex').replace(/^(00)+/, '').toUpperCase();
    const sameSerial = rawCerts.filter((d) => {
      try {
        return new X509Certificate(d).serialNumber.replace(/^(00)+/, '').toUpperCase() === serialHex;
      } catch {
        return false;
      }
    });
    const certDer =
      (sameSerial.length === 1 ? sameSerial[0] : sameSerial.find((d) => parsePkijsCertificate(d).issuer.isEqual(certP.issuer))) ??
      Buffer.from(certP.toSchema().toBER(false));
    const cert = new X509Certificate(certDer);
    report.signer = certificateInfo(certDer);
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
    const signed = Buffer.from(si.signedAttrs.encodedValue.byteLength ? si.signedAttrs.encodedValue : si.signedAttrs.toSchema().toBER(false));
    signed[0] = 0x31;
    const ok = verifyRawSignature(si, signed, cert, digestName);
    if (ok === 'unsupported') reasons.push(reason('UNSUPPORTED_ALGORITHM', idx));
    else if (!ok) reasons.push(reason('SIGNATURE_CRYPTO_INVALID', idx));
    else if (expected?.equals(actual)) reasons.push(reason('SIGNATURE_CRYPTO_VALID', idx));
    // 2. ESS signing-certificate(-v2)
    reasons.push(checkEss(si, certDer, certP, idx));
    // 3. signing time and certificate validity at that time
    const attrTime = asn1Time(attrValue(si, OID.signingTime));
    let at = ctx.now;
    if (ctx.format === 'PAdES') {
      if (attrTime) reasons.push(reason('SIGNING_TIME_ATTRIBUTE_IN_PADES', idx));
      if (ctx.pdfSigningTime) {
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
  });
}

/** Original DER of each certificate in SignedData.certificates ([0] IMPLICIT). */
function rawCertificates(signedData: asn1js.Sequence): Buffer[] {
  const set = signedData.valueBlock.value.find((b) => b.idBlock.tagClass === 3 && b.idBlock.tagNumber === 0) as asn1js.Constructed | undefined;
  if (!set) return [];
  return set.valueBlock.value
    .filter((b) => b.idBlock.tagClass === 1 && b.idBlock.tagNumber === 16)
    .map((b) => Buffer.from(b.valueBeforeDecodeView));
}

interface PdfSignatureLocation {
  byteRange: [number, number, number, number];
  dictText: string;
}

/** Every /ByteRange in the file with the text of its signature dictionary (contents excluded). */
export function pdfSignatures(pdf: Buffer): PdfSignatureLocation[] {
  const text = pdf.toString('latin1');
  const out: PdfSignatureLocation[] = [];
  const re = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const br = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] as [number, number, number, number];
    const objStart = Math.max(text.lastIndexOf(' obj', m.index), 0);
    const objEnd = text.indexOf('endobj', m.index);
    let dictText = text.slice(objStart, objEnd === -1 ? m.index + 4096 : objEnd);
    dictText = dictText.replace(/\/Contents\s*<[0-9a-fA-F\s]*>/, '/Contents <>');
    out.push({ byteRange: br, dictText });
  }
  return out;
}

function parseAnchors(pems: string[] | undefined): X509Certificate[] {
  const out: X509Certificate[] = [];
  for (const pem of pems ?? []) for (const der of pemToDerList(pem)) out.push(new X509Certificate(der));
  return out;
}

/** .p7m may be DER or base64 (with or without PEM armour). */
export function decodeP7m(data: Uint8Array): Buffer | undefined {
  const buf = Buffer.from(data);
  if (buf[0] === 0x30) return buf;
  const text = buf.toString('latin1').replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  if (/^[A-Za-z0-9+/=]+$/.test(text) && text.length > 16) {
    const der = Buffer.from(text, 'base64');
    if (der[0] === 0x30) return der;
  }
  return undefined;
}

export async function verifyDocument(req: VerifyRequest): Promise<Verdict> {
  const now = req.now ?? new Date();
  const anchors = parseAnchors(req.trustedCertificatesPem);
  const data = Buffer.from(req.data);
  if (isPdf(data)) {
    const sigs = pdfSignatures(data);
    if (sigs.length === 0) {
      const reasons = [reason('NO_SIGNATURE')];
      return { status: 'INVALID', fileType: 'pdf', signatures: [], reasons };
    }
    const reports: SignatureReport[] = sigs.map((s, i) => {
      const [a, b, c, d] = s.byteRange;
      const subFilter = /\/SubFilter\s*\/([^\s/<>[\]()]+)/.exec(s.dictText)?.[1];
      const mText = /\/M\s*\((D:[^)]*)\)/.exec(s.dictText)?.[1];
      const brValid = a === 0 && b > 0 && c > b && c + d <= data.length && data[b] === 0x3c && data[c - 1] === 0x3e;
      if (!brValid) {
        const reasons = [reason('PDF_BYTERANGE_INVALID', i)];
        return { index: i, format: 'PAdES' as const, ...(subFilter ? { subFilter } : {}), status: statusOf(reasons), signingTimeSource: 'none' as const, reasons };
      }
      const cms = Buffer.from(data.subarray(b + 1, c - 1).toString('latin1').replace(/\s+/g, ''), 'hex');
      const signedBytes = Buffer.concat([data.subarray(0, b), data.subarray(c, c + d)]);
      const pdfSigningTime = mText ? parsePdfDate(mText) : undefined;
      const [report] = verifyCms(cms, {
        index: i, format: 'PAdES', detachedContent: signedBytes, anchors, extraPool: anchors, now,
        ...(pdfSigningTime ? { pdfSigningTime } : {}),
      });
      const r = report!;
      if (subFilter) r.subFilter = subFilter;
      if (subFilter !== 'ETSI.CAdES.detached') r.reasons.push(reason('PDF_SUBFILTER_NOT_PADES', i));
      const rest = data.subarray(c + d).toString('latin1');
      r.coversWholeDocument = c + d === data.length || /^\s*$/.test(rest);
      // an earlier signature followed by later revisions is normal (a later signature covers them);
      // changes after the LAST signature are covered by none
      const isLast = c + d === Math.max(...sigs.map((x) => x.byteRange[2] + x.byteRange[3]));
      r.reasons.push(reason(r.coversWholeDocument ? 'PDF_SIGNATURE_COVERS_DOCUMENT' : isLast ? 'PDF_UNSIGNED_CHANGES' : 'PDF_MODIFIED_AFTER_SIGNATURE', i));
      r.status = statusOf(r.reasons);
      return r;
    });
    return {
      status: worstStatus(reports.map((r) => r.status)),
      fileType: 'pdf',
      signatures: reports,
      reasons: reports.flatMap((r) => r.reasons),
    };
  }
  const der = decodeP7m(data);
  if (!der) {
    const reasons = [reason('FORMAT_UNKNOWN')];
    return { status: 'INVALID', fileType: 'p7m', signatures: [], reasons };
  }
  const reports = verifyCms(der, {
    index: 0, format: 'CAdES', anchors, extraPool: anchors, now,
    ...(req.detachedContent ? { detachedContent: Buffer.from(req.detachedContent) } : {}),
  });
  return {
    status: worstStatus(reports.map((r) => r.status)),
    fileType: 'p7m',
    signatures: reports,
    reasons: reports.flatMap((r) => r.reasons),
  };
}

/** Content of an enveloping .p7m (the signed file), or undefined for detached/invalid. */
export function extractP7mContent(data: Uint8Array): Buffer | undefined {
  const der = decodeP7m(data);
  if (!der) return undefined;
  try {
    const ci = new pkijs.ContentInfo({ schema: asn1js.fromBER(toArrayBuffer(der)).result });
    const sd = new pkijs.SignedData({ schema: ci.content });
    const e = sd.encapContentInfo.eContent;
    return e ? octets(e) : undefined;
  } catch {
    return undefined;
  }
}

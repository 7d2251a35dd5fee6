/**
 * Verification of PAdES PDFs and CAdES .p7m/.p7s, the entry point: the container sniffed, a
 * PDF's signatures checked by verify-pdf.ts, a CAdES envelope (and what it encloses) here; the
 * CMS check both share is verify-cms.ts. The result is a plain Verdict with reason codes and
 * Italian messages.
 */
import { X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { reason, worstStatus } from '../../../shared/signing/reasons.ts';
import type { SignatureReport, Verdict, VerifyRequest } from '../../../shared/signing/types.ts';
import { pemToDerList, toArrayBuffer } from './x509.ts';
import { decodeBase64Text, sniffFile } from '../../../shared/files/sniff.ts';
import { octets, verifyCms } from './verify-cms.ts';
import { verifyPdf } from './verify-pdf.ts';

function parseAnchors(pems: string[] | undefined): X509Certificate[] {
  const out: X509Certificate[] = [];
  for (const pem of pems ?? []) {
    for (const der of pemToDerList(pem)) {
      try {
        out.push(new X509Certificate(der));
      } catch {
        // a damaged trust anchor anchors nothing
      }
    }
  }
  return out;
}

/** .p7m may be DER or base64 (with or without PEM armour); undefined when it is no CMS (shared/files/sniff.ts). */
export function decodeP7m(data: Uint8Array): Buffer | undefined {
  const sniffed = sniffFile(data);
  if (sniffed.kind === 'cms' && sniffed.der) return Buffer.from(sniffed.der);
  // Not a SignedData by its first bytes: still DER or base64 of something, for a precise reason.
  if (data[0] === 0x30) return Buffer.from(data);
  const der = decodeBase64Text(data);
  return der && der[0] === 0x30 ? Buffer.from(der) : undefined;
}

/** How deep CAdES envelopes are opened (a .pdf.p7m.p7m is two). */
const MAX_ENVELOPES = 3;

interface VerifyContext {
  anchors: X509Certificate[];
  now: Date;
  detachedContent?: Uint8Array | undefined;
}

/**
 * The signatures of a CAdES envelope, then those of its content when the content is itself a
 * signed file (a PAdES PDF in a .pdf.p7m, or another envelope): every signature is reported,
 * the inner ones with `envelope` naming the signature that encloses them.
 */
function verifyEnvelope(der: Buffer, ctx: VerifyContext, first: number, depth: number): SignatureReport[] {
  const reports = verifyCms(der, {
    index: first, format: 'CAdES', anchors: ctx.anchors, extraPool: ctx.anchors, now: ctx.now,
    ...(ctx.detachedContent ? { detachedContent: Buffer.from(ctx.detachedContent) } : {}),
  });
  if (depth >= MAX_ENVELOPES || reports.some((r) => r.reasons.some((x) => x.code === 'CMS_MALFORMED' || x.code === 'CMS_TRAILING_DATA'))) return reports;
  const inner = extractP7mContent(der);
  if (!inner) return reports;
  const sniffed = sniffFile(inner);
  const next = first + reports.length;
  let nested: SignatureReport[] = [];
  if (sniffed.kind === 'pdf') nested = verifyPdf(inner, { anchors: ctx.anchors, now: ctx.now }, next);
  else if (sniffed.kind === 'cms' && sniffed.der) nested = verifyEnvelope(Buffer.from(sniffed.der), { anchors: ctx.anchors, now: ctx.now }, next, depth + 1);
  for (const r of nested) r.envelope ??= first;
  return [...reports, ...nested];
}

function verdictOf(fileType: Verdict['fileType'], reports: SignatureReport[]): Verdict {
  return { status: worstStatus(reports.map((r) => r.status)), fileType, signatures: reports, reasons: reports.flatMap((r) => r.reasons) };
}

export async function verifyDocument(req: VerifyRequest): Promise<Verdict> {
  const data = Buffer.from(req.data);
  const sniffed = sniffFile(data);
  const fileType: Verdict['fileType'] = sniffed.kind === 'pdf' ? 'pdf' : 'p7m';
  try {
    const ctx: VerifyContext = { anchors: parseAnchors(req.trustedCertificatesPem), now: req.now ?? new Date(), detachedContent: req.detachedContent };
    // The container first (shared/files/sniff.ts): a .pdf.p7m is an envelope, not a PDF.
    if (sniffed.kind === 'pdf') {
      const reports = verifyPdf(data, ctx, 0);
      if (reports.length === 0) return { status: 'INVALID', fileType, signatures: [], reasons: [reason('NO_SIGNATURE')] };
      return verdictOf(fileType, reports);
    }
    const der = decodeP7m(data);
    if (!der) return { status: 'INVALID', fileType, signatures: [], reasons: [reason('FORMAT_UNKNOWN')] };
    return verdictOf(fileType, verifyEnvelope(der, ctx, 0, 1));
  } catch {
    // Whatever the bytes, the answer is a verdict (a damaged file is INVALID, with a reason).
    const reasons = [reason('CMS_MALFORMED')];
    return { status: 'INVALID', fileType, signatures: [], reasons };
  }
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

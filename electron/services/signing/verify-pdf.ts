/**
 * PAdES signatures of a PDF (ETSI EN 319 142-1): each /ByteRange and its /Contents, the CMS
 * inside checked by verifyCms, then whether the signature covers the whole file or later
 * revisions were appended after it.
 */
import type { X509Certificate } from 'node:crypto';
import { reason, statusOf } from '../../../shared/signing/reasons.ts';
import type { SignatureReport } from '../../../shared/signing/types.ts';
import { verifyCms } from './verify-cms.ts';

/** PDF date "D:YYYYMMDDHHmmSSOHH'mm'" → Date. */
export function parsePdfDate(s: string): Date | undefined {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?'?/.exec(s.trim());
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', se = '00', sign, oh = '00', om = '00'] = m;
  let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se));
  if (sign === '+' || sign === '-') t -= (sign === '+' ? 1 : -1) * (Number(oh) * 60 + Number(om)) * 60_000;
  return new Date(t);
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

export function verifyPdf(data: Buffer, ctx: { anchors: X509Certificate[]; now: Date }, first: number): SignatureReport[] {
  const sigs = pdfSignatures(data);
  const lastEnd = Math.max(...sigs.map((x) => x.byteRange[2] + x.byteRange[3]));
  return sigs.map((s, k) => {
    const i = first + k;
    const [a, b, c, d] = s.byteRange;
    const subFilter = /\/SubFilter\s*\/([^\s/<>[\]()]+)/.exec(s.dictText)?.[1];
    const mText = /\/M\s*\((D:[^)]*)\)/.exec(s.dictText)?.[1];
    const brValid = a === 0 && b > 0 && c > b && c + d <= data.length && data[b] === 0x3c && data[c - 1] === 0x3e;
    const refuse = (code: Parameters<typeof reason>[0]): SignatureReport => {
      const reasons = [reason(code, i)];
      return { index: i, format: 'PAdES', ...(subFilter ? { subFilter } : {}), status: statusOf(reasons), signingTimeSource: 'none', reasons };
    };
    if (!brValid) return refuse('PDF_BYTERANGE_INVALID');
    // /Contents is a hex string (PDF 32000-1 §7.3.4.3): hex digits and white space only, an even
    // number of digits; the zero padding after the CMS is checked by verifyCms.
    const hex = data.subarray(b + 1, c - 1).toString('latin1');
    if (!/^[0-9A-Fa-f\s]*$/.test(hex)) return refuse('PDF_CONTENTS_TAMPERED');
    const digits = hex.replace(/\s+/g, '');
    if (digits.length % 2 !== 0) return refuse('PDF_CONTENTS_TAMPERED');
    const cms = Buffer.from(digits, 'hex');
    const signedBytes = Buffer.concat([data.subarray(0, b), data.subarray(c, c + d)]);
    const pdfSigningTime = mText ? parsePdfDate(mText) : undefined;
    const [report] = verifyCms(cms, {
      index: i, format: 'PAdES', detachedContent: signedBytes, anchors: ctx.anchors, extraPool: ctx.anchors, now: ctx.now, trailing: 'zeros',
      ...(pdfSigningTime ? { pdfSigningTime } : {}),
    });
    const r = report!;
    if (subFilter) r.subFilter = subFilter;
    if (subFilter !== 'ETSI.CAdES.detached') r.reasons.push(reason('PDF_SUBFILTER_NOT_PADES', i));
    const rest = data.subarray(c + d).toString('latin1');
    r.coversWholeDocument = c + d === data.length || /^\s*$/.test(rest);
    // an earlier signature followed by later revisions is normal (a later signature covers them);
    // changes after the LAST signature are covered by none
    const isLast = c + d === lastEnd;
    r.reasons.push(reason(r.coversWholeDocument ? 'PDF_SIGNATURE_COVERS_DOCUMENT' : isLast ? 'PDF_UNSIGNED_CHANGES' : 'PDF_MODIFIED_AFTER_SIGNATURE', i));
    r.status = statusOf(r.reasons);
    return r;
  });
}

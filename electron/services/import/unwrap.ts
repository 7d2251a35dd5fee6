/**
 * The readable document inside what the doctor received: CDA XML as is; a PDF's attached CDA
 * (ATTACHMENT or RESOURCE, as on the FSE); a PAdES-signed PDF, its signature verified; a CAdES
 * .p7m (of a CDA or of a PDF carrying one), verified and opened; FHIR JSON; CSV. The signature
 * verdict comes from the project's verifier (signing/verify.ts), never a second one.
 */
import { decodeCdaText, decodeUtf8Text, sniffFormat } from '../../../shared/import/sniff.ts';
import { refuse } from '../../../shared/import/refusal.ts';
import type { ReceivedFormat, StoredVerdict } from '../../../shared/domain/record/index.ts';
import { extractCdaFromPdf } from '../../../shared/validation/cda/pdf.ts';
import { extractP7mContent, verifyDocument } from '../signing/verify.ts';
import { pdfSignatures } from '../signing/verify-pdf.ts';
import { notApplicable, signatureVerdict } from './verdicts.ts';

export interface Unwrapped {
  format: ReceivedFormat;
  /** What the readers take: XML (a CDA), JSON (FHIR) or CSV. */
  textKind: 'xml' | 'json' | 'csv';
  text: string;
  /** The CDA bytes, for the validator (XML files and CDA found in a PDF). */
  cdaBytes?: Uint8Array;
  signature: StoredVerdict;
}

async function cdaOfPdf(pdf: Uint8Array): Promise<Uint8Array> {
  const found = await extractCdaFromPdf(pdf).catch(() => null);
  if (!found) throw refuse('NO_CDA');
  return found.bytes;
}

export async function unwrap(bytes: Uint8Array, fileName: string, trustAnchorsPem: string[]): Promise<Unwrapped> {
  const kind = sniffFormat(bytes);
  const verify = async () => signatureVerdict(await verifyDocument({ data: bytes, ...(trustAnchorsPem.length ? { trustedCertificatesPem: trustAnchorsPem } : {}) }));
  if (kind === 'pdf') {
    const signed = pdfSignatures(Buffer.from(bytes)).length > 0;
    const cda = await cdaOfPdf(bytes);
    return { format: signed ? 'pdf-signed' : 'pdf', textKind: 'xml', text: decodeCdaText(cda), cdaBytes: cda, signature: signed ? await verify() : notApplicable('PDF non firmato') };
  }
  if (kind === 'p7m') {
    const inner = extractP7mContent(bytes);
    if (!inner || inner.length === 0) throw refuse('P7M');
    const signature = await verify();
    const innerKind = sniffFormat(new Uint8Array(inner));
    if (innerKind === 'pdf') {
      const cda = await cdaOfPdf(new Uint8Array(inner));
      return { format: 'p7m', textKind: 'xml', text: decodeCdaText(cda), cdaBytes: cda, signature };
    }
    if (innerKind !== 'xml') throw refuse('P7M', 'il contenuto firmato non è un CDA né un PDF');
    return { format: 'p7m', textKind: 'xml', text: decodeCdaText(new Uint8Array(inner)), cdaBytes: new Uint8Array(inner), signature };
  }
  if (kind === 'xml') return { format: 'cda', textKind: 'xml', text: decodeCdaText(bytes), cdaBytes: bytes, signature: notApplicable() };
  if (kind === 'json') return { format: 'fhir-json', textKind: 'json', text: decodeUtf8Text(bytes), signature: notApplicable() };
  return { format: 'csv', textKind: 'csv', text: decodeUtf8Text(bytes), signature: notApplicable() };
}

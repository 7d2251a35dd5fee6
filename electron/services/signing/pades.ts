/**
 * PAdES-BES: /SubFilter ETSI.CAdES.detached, CMS with signing-certificate-v2 and no signingTime
 * attribute; the signing time goes in /M of the signature dictionary. An unsigned PDF gets its
 * placeholder through pdf-lib (full re-save); a PDF that is already signed gets an incremental
 * update (./incremental.ts) so that earlier signatures stay valid.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFStream, PDFString, PDFHexString, decodePDFRawStream } from 'pdf-lib';
import { X509Certificate } from 'node:crypto';
import { SignPdf } from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { addIncrementalSignaturePlaceholder } from './incremental.ts';
import { buildCades } from './cades.ts';
import type { ExternalSigner } from './token.ts';
import type { PadesOptions } from '../../../shared/signing/types.ts';

/** Hex characters reserved for the CMS (bytes = length / 2): CMS + chain + room for a future timestamp. */
export const DEFAULT_SIGNATURE_LENGTH = 16384;

class TokenCadesSigner extends Signer {
  constructor(private readonly signer: ExternalSigner, private readonly extraCertificates: Uint8Array[]) {
    super();
  }

  override async sign(byteRangeBytes: Buffer): Promise<Buffer> {
    return buildCades({
      content: byteRangeBytes,
      detached: true,
      signingTime: false,
      signer: this.signer,
      extraCertificates: this.extraCertificates,
    });
  }
}

export function isPdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

export function hasSignature(pdf: Uint8Array): boolean {
  return Buffer.from(pdf).includes('/ByteRange');
}

export interface PadesSignOptions extends PadesOptions {
  signingTime?: Date;
  signatureLength?: number;
  extraCertificates?: Uint8Array[];
}

export async function signPades(pdf: Uint8Array, signer: ExternalSigner, opts: PadesSignOptions = {}): Promise<Buffer> {
  const signingTime = opts.signingTime ?? new Date();
  const common = {
    reason: opts.reason ?? 'Firma del documento clinico',
    contactInfo: opts.contactInfo ?? '',
    name: opts.name ?? signerName(signer),
    location: opts.location ?? '',
    signingTime,
    signatureLength: opts.signatureLength ?? DEFAULT_SIGNATURE_LENGTH,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'Cartella',
  };
  let withPlaceholder: Buffer;
  if (hasSignature(pdf)) {
    withPlaceholder = await addIncrementalSignaturePlaceholder(pdf, common);
  } else {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    pdflibAddPlaceholder({ pdfDoc: doc, ...common });
    withPlaceholder = Buffer.from(await doc.save({ useObjectStreams: false }));
  }
  return new SignPdf().sign(withPlaceholder, new TokenCadesSigner(signer, opts.extraCertificates ?? []), signingTime);
}

/** CN of the signer certificate, for /Name. */
function signerName(signer: ExternalSigner): string {
  try {
    return /^CN=(.*)$/m.exec(new X509Certificate(signer.certificate).subject)?.[1] ?? '';
  } catch {
    return '';
  }
}

export interface EmbeddedFile {
  /** Name-tree key. */
  name: string;
  /** /F or /UF of the file specification. */
  fileName?: string;
  data: Uint8Array;
}

/** Files in the PDF's EmbeddedFiles name tree (key, and /F or /UF). */
export async function embeddedFiles(pdf: Uint8Array): Promise<EmbeddedFile[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true });
  const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  const ef = names?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  const out: EmbeddedFile[] = [];
  const str = (o: unknown) => (o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined);
  const walk = (node: PDFDict, depth: number) => {
    if (depth > 32) return;
    const arr = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    if (arr) {
      for (let i = 0; i + 1 < arr.size(); i += 2) {
        const key = str(arr.lookup(i));
        const spec = arr.lookup(i + 1);
        if (!(spec instanceof PDFDict)) continue;
        const efDict = spec.lookupMaybe(PDFName.of('EF'), PDFDict);
        const stream = efDict?.lookup(PDFName.of('F')) ?? efDict?.lookup(PDFName.of('UF'));
        if (!(stream instanceof PDFStream)) continue;
        const data = stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : stream.getContents();
        const fileName = str(spec.lookup(PDFName.of('F'))) ?? str(spec.lookup(PDFName.of('UF')));
        out.push({ name: key ?? fileName ?? '', ...(fileName !== undefined ? { fileName } : {}), data });
      }
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    if (kids) for (let i = 0; i < kids.size(); i++) {
      const k = kids.lookup(i);
      if (k instanceof PDFDict) walk(k, depth + 1);
    }
  };
  if (ef) walk(ef, 0);
  return out;
}

/** The CDA as the gateway finds it: the embedded file named (case-insensitively) cda.xml. */
export async function embeddedCda(pdf: Uint8Array): Promise<Uint8Array | undefined> {
  return (await embeddedFiles(pdf)).find((f) => f.name.toLowerCase() === 'cda.xml' || f.fileName?.toLowerCase() === 'cda.xml')?.data;
}

/**
 * PAdES-BES: /SubFilter ETSI.CAdES.detached, CMS with signing-certificate-v2 and no signingTime
 * attribute; the signing time goes in /M of the signature dictionary. An unsigned PDF gets its
 * placeholder through pdf-lib (full re-save); a PDF that is already signed gets an incremental
 * update (./incremental.ts) so that earlier signatures stay valid.
 */
import { PDFDocument } from 'pdf-lib';
import { extractCdaFromPdf } from '../../../shared/validation/cda/pdf.ts';
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

/** The CDA as the gateway finds it in ATTACHMENT mode (shared/validation/cda/pdf.ts, the one reader). */
export async function embeddedCda(pdf: Uint8Array): Promise<Uint8Array | undefined> {
  return (await extractCdaFromPdf(pdf, 'ATTACHMENT'))?.bytes;
}

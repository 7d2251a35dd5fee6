/**
 * The transfer syntaxes Cartella reads (PS3.5 §10, Annex A), and how each frame's pixel
 * data is encoded. `codec` names the decoder family in shared/dicom/decode/.
 */
export type PixelCodec =
  | 'native'
  | 'rle'
  | 'jpeg-baseline'
  | 'jpeg-extended'
  | 'jpeg-lossless'
  | 'jpeg-ls'
  | 'jpeg-2000'
  | 'htj2k';

export interface TransferSyntax {
  uid: string;
  name: string;
  /** Data set byte order (the file meta is always explicit VR little endian, PS3.10 §7.1). */
  littleEndian: boolean;
  explicitVr: boolean;
  /** The data set after the file meta is deflated (RFC 1951, no zlib header), PS3.5 A.5. */
  deflated: boolean;
  /** Pixel data in fragments (PS3.5 A.4) rather than native. */
  encapsulated: boolean;
  codec: PixelCodec;
  /** The encoding may discard information (the viewer says "compressione con perdita"). */
  lossy: boolean;
}

const ts = (
  uid: string,
  name: string,
  codec: PixelCodec,
  opts: Partial<Pick<TransferSyntax, 'littleEndian' | 'explicitVr' | 'deflated' | 'lossy'>> = {},
): TransferSyntax => ({
  uid,
  name,
  littleEndian: opts.littleEndian ?? true,
  explicitVr: opts.explicitVr ?? true,
  deflated: opts.deflated ?? false,
  encapsulated: codec !== 'native',
  codec,
  lossy: opts.lossy ?? false,
});

export const TRANSFER_SYNTAXES: readonly TransferSyntax[] = [
  ts('1.2.840.10008.1.2', 'Implicit VR Little Endian', 'native', { explicitVr: false }),
  ts('1.2.840.10008.1.2.1', 'Explicit VR Little Endian', 'native'),
  ts('1.2.840.10008.1.2.1.99', 'Deflated Explicit VR Little Endian', 'native', { deflated: true }),
  ts('1.2.840.10008.1.2.2', 'Explicit VR Big Endian', 'native', { littleEndian: false }),
  ts('1.2.840.10008.1.2.4.50', 'JPEG Baseline (Process 1)', 'jpeg-baseline', { lossy: true }),
  ts('1.2.840.10008.1.2.4.51', 'JPEG Extended (Process 2 & 4)', 'jpeg-extended', { lossy: true }),
  ts('1.2.840.10008.1.2.4.57', 'JPEG Lossless, Non-Hierarchical (Process 14)', 'jpeg-lossless'),
  ts('1.2.840.10008.1.2.4.70', 'JPEG Lossless, First-Order Prediction (Process 14, SV1)', 'jpeg-lossless'),
  ts('1.2.840.10008.1.2.4.80', 'JPEG-LS Lossless', 'jpeg-ls'),
  ts('1.2.840.10008.1.2.4.81', 'JPEG-LS Near-Lossless', 'jpeg-ls', { lossy: true }),
  ts('1.2.840.10008.1.2.4.90', 'JPEG 2000 (Lossless Only)', 'jpeg-2000'),
  ts('1.2.840.10008.1.2.4.91', 'JPEG 2000', 'jpeg-2000', { lossy: true }),
  ts('1.2.840.10008.1.2.4.201', 'HTJ2K (Lossless Only)', 'htj2k'),
  ts('1.2.840.10008.1.2.4.202', 'HTJ2K with RPCL Options (Lossless Only)', 'htj2k'),
  ts('1.2.840.10008.1.2.4.203', 'HTJ2K', 'htj2k', { lossy: true }),
  ts('1.2.840.10008.1.2.5', 'RLE Lossless', 'rle'),
];

const BY_UID = new Map(TRANSFER_SYNTAXES.map((t) => [t.uid, t]));

export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

/** The transfer syntax for a UID, or undefined when Cartella cannot read it. */
export function transferSyntax(uid: string): TransferSyntax | undefined {
  return BY_UID.get(uid.replace(/\0/g, '').trim());
}

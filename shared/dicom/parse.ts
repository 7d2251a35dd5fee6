/**
 * Bytes → dicom-parser data set, for every file shape Cartella meets on a patient's CD:
 * Part 10 files (128-byte preamble + "DICM" + file meta, PS3.10 §7.1), files whose meta
 * starts at byte 0 with no preamble, bare data sets with no meta at all (old ACR-NEMA
 * style exports; implicit or explicit VR little endian guessed from the first element),
 * and the deflated transfer syntax (PS3.5 A.5), inflated with inflate.ts. Every failure is
 * a DICOM_INVALID with its reason.
 */
import { dicomParser, type DataSet } from './dicom-parser.ts';
import { dicomError, thrownText } from './errors.ts';
import { inflateRaw, InflateError } from './inflate.ts';
import { TAG } from './tags.ts';
import { EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN, transferSyntax, type TransferSyntax } from './transfer-syntax.ts';

export interface ParsedDicom {
  /** The data set, file meta included. For deflated files its byteArray holds the inflated bytes. */
  dataSet: DataSet;
  transferSyntaxUid: string;
  /** Undefined when the transfer syntax is not one Cartella decodes (metadata still readable). */
  transferSyntax: TransferSyntax | undefined;
  /** How the file started: a full Part 10 header, meta without preamble, or no meta at all. */
  layout: 'part10' | 'meta-without-preamble' | 'no-meta';
}

export interface ParseOptions {
  /** Stop reading at this tag (e.g. `TAG.PixelData` for metadata only); dicom-parser's `untilTag`. */
  untilTag?: string;
  /** Largest inflated data set accepted for deflated files, in bytes (default 1 GiB). */
  maxInflatedBytes?: number;
}

const DICM = [0x44, 0x49, 0x43, 0x4d];
const VR_LETTERS = /^[A-Z]{2}$/;

function isDicmAt(bytes: Uint8Array, at: number): boolean {
  return bytes.length >= at + 4 && DICM.every((b, i) => bytes[at + i] === b);
}

function looksExplicitVr(bytes: Uint8Array, at: number): boolean {
  return bytes.length >= at + 6 && VR_LETTERS.test(String.fromCharCode(bytes[at + 4]!, bytes[at + 5]!));
}

function classifyLayout(bytes: Uint8Array): { layout: ParsedDicom['layout']; explicit: boolean } {
  if (isDicmAt(bytes, 128)) return { layout: 'part10', explicit: true };
  if (bytes.length < 8) throw dicomError('not-dicom', `${bytes.length} bytes: too short for DICOM`);
  const group = bytes[0]! | (bytes[1]! << 8);
  const element = bytes[2]! | (bytes[3]! << 8);
  if (group === 0x0002 && looksExplicitVr(bytes, 0)) return { layout: 'meta-without-preamble', explicit: true };
  // A bare data set starts with a low even group (0008 identifying, or a group length 0000..0008).
  if (group % 2 === 0 && group <= 0x0008 && element <= 0x0100) return { layout: 'no-meta', explicit: looksExplicitVr(bytes, 0) };
  throw dicomError('not-dicom', 'no DICM prefix at 128 and no recognisable data set at byte 0');
}

/**
 * Whether a file's first bytes (132 are enough) look like DICOM by the same rule parseDicom
 * applies: a Part 10 header, a file meta without preamble, or a bare data set. The importer
 * uses it to skip the viewer programs, autorun files and pictures a patient's CD also holds
 * without reading them whole.
 */
export function looksLikeDicom(head: Uint8Array): boolean {
  try {
    classifyLayout(head);
    return true;
  } catch {
    return false;
  }
}

function withPreamble(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length + 132);
  out.set(DICM, 128);
  out.set(bytes, 132);
  return out;
}

function parseFailure(e: unknown, bytes: Uint8Array): Error {
  const text = thrownText(e);
  // dicom-parser reports reads past the end of the buffer in these words ("buffer overrun": an
  // element's declared length runs past the end of the file).
  const truncated = /buffer overread|buffer overrun|attempt to read past end|cannot seek to position|exceeds|past the end|end of (the )?buffer|ran off the end/i.test(text);
  return dicomError(truncated ? 'truncated' : 'malformed', `${bytes.length} bytes: ${text}`);
}

async function parseDeflated(bytes: Uint8Array, options: ParseOptions): Promise<DataSet> {
  let meta: DataSet & { position?: number };
  try {
    meta = dicomParser.readPart10Header(bytes) as DataSet & { position?: number };
  } catch (e) {
    throw parseFailure(e, bytes);
  }
  const metaEnd = meta.position ?? 0;
  let inflated: Uint8Array;
  try {
    inflated = await inflateRaw(bytes.subarray(metaEnd), options.maxInflatedBytes ?? 2 ** 30);
  } catch (e) {
    if (e instanceof InflateError) throw dicomError(e.truncated ? 'truncated' : 'malformed', e.message);
    throw e;
  }
  // One array holding the meta bytes and the inflated data set, so that every element's
  // offset (meta and data set alike) refers to the same byteArray.
  const full = new Uint8Array(metaEnd + inflated.length);
  full.set(bytes.subarray(0, metaEnd));
  full.set(inflated, metaEnd);
  if (inflated.length === 0) throw dicomError('truncated', 'deflated data set is empty');
  const elements: DataSet['elements'] = {};
  const DataSetClass = (dicomParser as unknown as { DataSet: new (p: unknown, b: Uint8Array, e: DataSet['elements']) => DataSet }).DataSet;
  const dataSet = new DataSetClass(dicomParser.littleEndianByteArrayParser, full, elements);
  try {
    const stream = new dicomParser.ByteStream(dicomParser.littleEndianByteArrayParser, full, metaEnd);
    const opts = options.untilTag ? { untilTag: options.untilTag } : undefined;
    dicomParser.parseDicomDataSetExplicit(dataSet, stream, full.length, opts as { untilTag: string });
  } catch (e) {
    throw parseFailure(e, bytes);
  }
  Object.assign(elements, meta.elements);
  return dataSet;
}

/** Parses a DICOM file (or DICOMDIR). Throws DICOM_INVALID. */
export async function parseDicom(input: Uint8Array, options: ParseOptions = {}): Promise<ParsedDicom> {
  const { layout, explicit } = classifyLayout(input);
  const bytes = layout === 'meta-without-preamble' ? withPreamble(input) : input;
  let dataSet: DataSet;
  let uid: string;
  if (layout === 'no-meta') {
    uid = explicit ? EXPLICIT_VR_LITTLE_ENDIAN : IMPLICIT_VR_LITTLE_ENDIAN;
    try {
      dataSet = dicomParser.parseDicom(bytes, { TransferSyntaxUID: uid, ...(options.untilTag ? { untilTag: options.untilTag } : {}) });
    } catch (e) {
      throw parseFailure(e, bytes);
    }
  } else {
    try {
      uid = (dicomParser.readPart10Header(bytes).string(TAG.TransferSyntaxUID) ?? '').replace(/\0/g, '').trim();
    } catch (e) {
      throw parseFailure(e, bytes);
    }
    if (!uid) throw dicomError('malformed', 'file meta has no Transfer Syntax UID (0002,0010)');
    if (transferSyntax(uid)?.deflated) {
      dataSet = await parseDeflated(bytes, options);
    } else {
      try {
        dataSet = dicomParser.parseDicom(bytes, options.untilTag ? { untilTag: options.untilTag } : {});
      } catch (e) {
        throw parseFailure(e, bytes);
      }
    }
  }
  return { dataSet, transferSyntaxUid: uid, transferSyntax: transferSyntax(uid), layout };
}

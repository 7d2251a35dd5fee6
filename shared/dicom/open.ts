/**
 * The one entry point for a DICOM file's bytes, the same in the importer (Node) and the
 * viewer's Web Worker: parse once, read the metadata, decode frames on demand.
 */
import { decodeFrameBytes } from './decode/decode-frame.ts';
import type { DecodedFrame } from './decode/frame.ts';
import { dicomError, unexpected } from './errors.ts';
import { frameBytes } from './frames.ts';
import { readMetadata, type DicomMetadata } from './metadata.ts';
import { parseDicom, type ParsedDicom, type ParseOptions } from './parse.ts';

export interface DicomFile {
  parsed: ParsedDicom;
  metadata: DicomMetadata;
  /** Decodes frame `index` (0-based). Throws DICOM_INVALID (no-pixel-data, frame-out-of-range, …). */
  decodeFrame(index: number): Promise<DecodedFrame>;
}

export async function openDicom(bytes: Uint8Array, options: ParseOptions = {}): Promise<DicomFile> {
  let parsed: ParsedDicom;
  let metadata: DicomMetadata;
  try {
    parsed = await parseDicom(bytes, options);
    metadata = readMetadata(parsed);
  } catch (e) {
    throw unexpected(e, 'malformed');
  }
  return {
    parsed,
    metadata,
    async decodeFrame(index: number): Promise<DecodedFrame> {
      const image = metadata.image;
      if (!image) throw dicomError('no-pixel-data', 'the object has no image');
      const ts = parsed.transferSyntax;
      if (!ts) throw dicomError('unsupported-transfer-syntax', `transfer syntax ${parsed.transferSyntaxUid}`, parsed.transferSyntaxUid);
      try {
        return await decodeFrameBytes(frameBytes(parsed, image, index), image, ts);
      } catch (e) {
        throw unexpected(e, 'corrupt-pixel-data');
      }
    },
  };
}

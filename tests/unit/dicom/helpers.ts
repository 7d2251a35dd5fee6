/** The DICOM sample files (tests/fixtures/dicom, MANIFEST.tsv) and small helpers over them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DecodedFrame } from '../../../shared/dicom/decode/frame.ts';
import type { ImageMetadata } from '../../../shared/dicom/metadata.ts';
import { openDicom, type DicomFile } from '../../../shared/dicom/open.ts';
import { storedValue, storedValueLayout } from '../../../shared/dicom/render/stored-value.ts';

export const FIXTURES = join(import.meta.dirname, '../../fixtures/dicom');

export interface Sample {
  file: string;
  transferSyntax: string;
  modality: string;
  rows: number;
  columns: number;
  frames: number;
  bitsStored: number;
  photometric: string;
}

/** Every row of MANIFEST.tsv that is a DICOM file, with its expected geometry. */
export function samples(): Sample[] {
  const lines = readFileSync(join(FIXTURES, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1);
  return lines
    .map((line) => line.split('\t'))
    .filter(([file]) => !file!.endsWith('README.txt'))
    .map(([file, , , ts, , modality, , size, frames, bits, photometric]) => {
      const [rows, columns] = (size ?? '').split('x').map((n) => Number(n) || 0);
      const sample: Sample = {
        file: file!,
        transferSyntax: ts!.replace(/ .*/, ''),
        modality: modality ?? '',
        rows: rows ?? 0,
        columns: columns ?? 0,
        frames: Number(frames) || 0,
        bitsStored: Number(bits) || 0,
        photometric: photometric ?? '',
      };
      // The manifest could not read the file without preamble; its geometry per dcmdump (DCMTK).
      if (file === 'pydicom-data/JLSL_RGB_ILV0.dcm') Object.assign(sample, { rows: 256, columns: 256, frames: 1, bitsStored: 8, photometric: 'RGB' });
      return sample;
    });
}

export function fixtureBytes(file: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, file)));
}

export function openFixture(file: string): Promise<DicomFile> {
  return openDicom(fixtureBytes(file));
}

/** Stored values (BitsStored masked, sign applied) of a decoded frame. */
export function storedValues(frame: DecodedFrame, image: ImageMetadata): Float64Array {
  const layout = storedValueLayout(frame, image.highBit);
  return Float64Array.from(frame.pixels, (v) => storedValue(v, layout));
}

export async function frameValues(file: string, index = 0): Promise<Float64Array> {
  const dicom = await openFixture(file);
  return storedValues(await dicom.decodeFrame(index), dicom.metadata.image!);
}

/** Peak signal-to-noise ratio of `a` against the reference `b`, over b's value range, in dB. */
export function psnr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sq = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < b.length; i++) {
    sq += (a[i]! - b[i]!) ** 2;
    lo = Math.min(lo, b[i]!);
    hi = Math.max(hi, b[i]!);
  }
  return sq === 0 ? Infinity : 20 * Math.log10((hi - lo) / Math.sqrt(sq / b.length));
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>, offset = 0): number {
  let max = 0;
  for (let i = 0; i < b.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]! - offset));
  return max;
}

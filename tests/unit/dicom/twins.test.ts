/**
 * Compressed samples against their uncompressed twins in the set (same image, written
 * by DCMTK, pydicom or GDCM in another transfer syntax). Lossless syntaxes must give the
 * twin's stored values exactly. Lossy ones are held to a PSNR floor set 2–3 dB under the
 * figure measured here (a wrong decoder — swapped or planar-mixed channels, a lost sign,
 * a wrong frame — lands near 5–15 dB, so the floors separate right from wrong); JPEG-LS
 * near-lossless to its own NEAR bound, read from the codestream's SOS header (T.87 C.2.3).
 */
import { describe, expect, it } from 'vitest';
import { frameBytes } from '../../../shared/dicom/frames.ts';
import { frameValues, maxAbsDiff, openFixture, psnr } from './helpers.ts';

const LOSSLESS: [string, string, number][] = [
  ['cornerstone-dicomParser/CT1_UNC.not_fragmented_bot_jpeg_ls.80.dcm', 'cornerstone-dicomParser/CT1_UNC.explicit_little_endian.dcm', 1],
  ['cornerstone-dicomParser/CT0012.fragmented_no_bot_jpeg_lossless.70.dcm', 'cornerstone-dicomParser/CT0012.explicit_little_endian.dcm', 2],
  ['cornerstone-dicomParser/CT0012.not_fragmented_bot_rle.dcm', 'cornerstone-dicomParser/CT0012.explicit_little_endian.dcm', 2],
  ['pydicom-data/MR2_J2KR.dcm', 'pydicom-data/MR2_UNCR.dcm', 1],
  ['pydicom-test_files/MR_small_implicit.dcm', 'pydicom-test_files/MR_small.dcm', 1],
  ['pydicom-test_files/MR_small_bigendian.dcm', 'pydicom-test_files/MR_small.dcm', 1],
  ['pydicom-test_files/MR_small_RLE.dcm', 'pydicom-test_files/MR_small.dcm', 1],
  ['pydicom-test_files/MR_small_jp2klossless.dcm', 'pydicom-test_files/MR_small.dcm', 1],
  ['pydicom-test_files/MR_small_jpeg_ls_lossless.dcm', 'pydicom-test_files/MR_small.dcm', 1],
  ['pydicom-data/emri_small_RLE.dcm', 'pydicom-data/emri_small_jpeg_2k_lossless.dcm', 10],
];

const LOSSY: [string, string, number][] = [
  // measured: 40.6 dB, 36.6, 51.1, 31.8, 37.7
  ['pydicom-data/MR2_J2KI.dcm', 'pydicom-data/MR2_UNCR.dcm', 38],
  ['pydicom-data/US1_J2KI.dcm', 'pydicom-data/US1_UNCR.dcm', 34],
  ['pydicom-data/HTJ2K_08_RGB.dcm', 'pydicom-data/HTJ2KLossless_08_RGB.dcm', 48],
  ['pydicom-test_files/JPEG2000.dcm', 'pydicom-data/JPEG-LL.dcm', 29],
  ['pydicom-test_files/JPEG-lossy.dcm', 'pydicom-data/JPEG-LL.dcm', 35],
];

/** NEAR of the first JPEG-LS scan (SOS: Ls, Ns, Ns×(Ci,Tmi), NEAR, ILV, Al/Ah). */
function jpegLsNear(stream: Uint8Array): number {
  for (let i = 2; i + 4 < stream.length; ) {
    const marker = stream[i + 1]!;
    const length = (stream[i + 2]! << 8) | stream[i + 3]!;
    if (marker === 0xda) return stream[i + 5 + stream[i + 4]! * 2]!;
    i += 2 + length;
  }
  throw new Error('no SOS');
}

describe('DICOM twins', () => {
  it.each(LOSSLESS)('%s equals %s exactly (%i frames)', async (compressed, twin, frames) => {
    for (let f = 0; f < frames; f++) {
      const [a, b] = [await frameValues(compressed, f), await frameValues(twin, f)];
      expect(a.length).toBe(b.length);
      expect(maxAbsDiff(a, b), `frame ${f}`).toBe(0);
    }
  });

  it.each(LOSSY)('%s against %s: PSNR ≥ %i dB', async (lossy, twin, floor) => {
    expect(psnr(await frameValues(lossy), await frameValues(twin))).toBeGreaterThanOrEqual(floor);
  });

  it('JPEG-LS near-lossless (.81): every sample within the stream\'s NEAR of the twin, both frames', async () => {
    const file = 'cornerstone-dicomParser/CT0012.fragmented_no_bot_jpeg_ls.81.dcm';
    const dicom = await openFixture(file);
    for (const f of [0, 1]) {
      const near = jpegLsNear(frameBytes(dicom.parsed, dicom.metadata.image!, f));
      expect(near).toBeGreaterThan(0);
      expect(maxAbsDiff(await frameValues(file, f), await frameValues('cornerstone-dicomParser/CT0012.explicit_little_endian.dcm', f))).toBeLessThanOrEqual(near);
    }
  });

  it('12-bit JPEG extended (.51) CT: the twin plus the constant offset its encoder stored (DCMTK wrote values + 1023), within ±16', async () => {
    // dcmdjpeg (IJG 12-bit) decodes this file to the same +1023 offset: it is in the data.
    const a = await frameValues('cornerstone-dicomParser/CT0012.fragmented_no_bot_jpeg_baseline.51.dcm');
    const b = await frameValues('cornerstone-dicomParser/CT0012.explicit_little_endian.dcm');
    expect(maxAbsDiff(a, b, 1023)).toBeLessThanOrEqual(16);
    expect(psnr(a.map((v) => v - 1023), b)).toBeGreaterThanOrEqual(56); // measured 58.9 dB
  });
});

/**
 * Every sample file: the metadata agrees with the manifest (read independently with
 * dicom-parser when the set was staged), the first and last frames decode to the right
 * number of samples, and the frame renders to RGBA.
 */
import { describe, expect, it } from 'vitest';
import { renderRgba } from '../../../shared/dicom/render/render-frame.ts';
import { rangeVoi } from '../../../shared/dicom/render/voi.ts';
import { openFixture, samples } from './helpers.ts';

describe('DICOM samples: geometry, first and last frame, rendering', () => {
  const all = samples();

  it('the manifest lists the fixtures (every transfer syntax of the set is there)', () => {
    const syntaxes = new Set(all.map((s) => s.transferSyntax));
    for (const ts of ['1.2.840.10008.1.2', '1.2.840.10008.1.2.1', '1.2.840.10008.1.2.2', '1.2.840.10008.1.2.1.99', '1.2.840.10008.1.2.4.50', '1.2.840.10008.1.2.4.51', '1.2.840.10008.1.2.4.70', '1.2.840.10008.1.2.4.80', '1.2.840.10008.1.2.4.81', '1.2.840.10008.1.2.4.90', '1.2.840.10008.1.2.4.91', '1.2.840.10008.1.2.4.201', '1.2.840.10008.1.2.4.203', '1.2.840.10008.1.2.5']) {
      expect(syntaxes, ts).toContain(ts);
    }
    expect(all.length).toBeGreaterThan(70);
  });

  it.each(all.map((s) => [s.file, s] as const))('%s', async (_, s) => {
    const dicom = await openFixture(s.file);
    const m = dicom.metadata;
    expect(m.transferSyntaxUid).toBe(s.transferSyntax);
    if (s.modality) expect(m.modality).toBe(s.modality);
    if (s.frames === 0) {
      expect(m.image).toBeUndefined();
      await expect(dicom.decodeFrame(0)).rejects.toMatchObject({ code: 'DICOM_INVALID', data: { reason: 'no-pixel-data' } });
      return;
    }
    const image = m.image!;
    expect([image.rows, image.columns, image.frames, image.bitsStored, image.photometric]).toEqual([s.rows, s.columns, s.frames, s.bitsStored, s.photometric]);
    for (const index of new Set([0, image.frames - 1])) {
      const frame = await dicom.decodeFrame(index);
      expect([frame.rows, frame.columns, frame.samplesPerPixel]).toEqual([image.rows, image.columns, image.samplesPerPixel]);
      expect(frame.pixels.length).toBe(image.rows * image.columns * image.samplesPerPixel);
      expect(renderRgba(frame, image).length).toBe(image.rows * image.columns * 4);
      // Not a blank canvas over the frame's own range (the file's window may saturate a
      // small test image: dicomdirtests CT2 has HU 991..1489 and a 30/100 window).
      const rgba = renderRgba(frame, image, { voi: rangeVoi(image, frame) });
      const first = rgba[0]!;
      expect(rgba.some((v, i) => i % 4 !== 3 && v !== first)).toBe(true);
    }
    await expect(dicom.decodeFrame(image.frames)).rejects.toMatchObject({ data: { reason: 'frame-out-of-range' } });
  });
});

/** Rendering maths on hand-made frames: every expected value is worked out in the comment beside it. */
import { describe, expect, it } from 'vitest';
import type { DecodedFrame } from '../../../shared/dicom/decode/frame.ts';
import { decodeNative } from '../../../shared/dicom/decode/native.ts';
import { expandSegmentedLut, type ImageMetadata } from '../../../shared/dicom/metadata.ts';
import { measureLength } from '../../../shared/dicom/render/measure.ts';
import { renderRgba } from '../../../shared/dicom/render/render-frame.ts';
import { storedValue, storedValueLayout } from '../../../shared/dicom/render/stored-value.ts';
import { defaultVoi, presetsApply, presetVoi, windowLevel, WINDOW_PRESETS } from '../../../shared/dicom/render/voi.ts';
import { openFixture } from './helpers.ts';

function image(over: Partial<ImageMetadata>): ImageMetadata {
  return {
    rows: 1,
    columns: 4,
    frames: 1,
    samplesPerPixel: 1,
    photometric: 'MONOCHROME2',
    planarConfiguration: 0,
    bitsAllocated: 16,
    bitsStored: 16,
    highBit: 15,
    pixelRepresentation: 0,
    rescale: { slope: 1, intercept: 0 },
    windows: [],
    voiLuts: [],
    voiLutFunction: 'LINEAR',
    ...over,
  };
}

function frame(im: ImageMetadata, pixels: DecodedFrame['pixels'], photometric = im.photometric): DecodedFrame {
  return { rows: im.rows, columns: im.columns, samplesPerPixel: im.samplesPerPixel, bitsAllocated: im.bitsAllocated, bitsStored: im.bitsStored, pixelRepresentation: im.pixelRepresentation, photometric, pixels };
}

const greys = (rgba: Uint8ClampedArray) => Array.from({ length: rgba.length / 4 }, (_, i) => rgba[i * 4]!);

describe('stored values (PS3.5 §8.1.1)', () => {
  it('masks bits above BitsStored and sign-extends two\'s complement in BitsStored bits', () => {
    const layout = storedValueLayout({ bitsAllocated: 16, bitsStored: 12, pixelRepresentation: 1 }, 11);
    expect(storedValue(0xf7ff, layout)).toBe(2047); // overlay bits 12..15 ignored, 0x7ff
    expect(storedValue(0x0800, layout)).toBe(-2048);
    expect(storedValue(-1000, layout)).toBe(-1000); // already sign-extended by the codec
    const unsigned = storedValueLayout({ bitsAllocated: 16, bitsStored: 12, pixelRepresentation: 0 }, 11);
    expect(storedValue(0xf123, unsigned)).toBe(0x123);
  });
});

describe('VOI (PS3.3 C.11.2.1.2)', () => {
  it('LINEAR: c=40 w=400 → 0 at and below −160 (c − 0.5 − (w−1)/2 = −160), 1 above 239, linear between', () => {
    expect(windowLevel(-160, 40, 400, 'LINEAR')).toBe(0);
    expect(windowLevel(239.1, 40, 400, 'LINEAR')).toBe(1);
    expect(windowLevel(39.5, 40, 400, 'LINEAR')).toBeCloseTo(0.5, 6); // (39.5 − 39.5)/399 + 0.5
  });
  it('LINEAR_EXACT and SIGMOID', () => {
    expect(windowLevel(90, 40, 200, 'LINEAR_EXACT')).toBe(0.75); // (90 − 40)/200 + 0.5
    expect(windowLevel(140.1, 40, 200, 'LINEAR_EXACT')).toBe(1); // above c + w/2
    expect(windowLevel(40, 40, 200, 'SIGMOID')).toBe(0.5);
    expect(windowLevel(90, 40, 200, 'SIGMOID')).toBeCloseTo(1 / (1 + Math.exp(-1)), 9);
  });
  it('rescale, window and MONOCHROME1 inversion through renderRgba', () => {
    // CT: stored 0, 1024, 1064, 2048 with intercept −1024 → HU −1024, 0, 40, 1024; window 40/80 (brain).
    const im = image({ rescale: { slope: 1, intercept: -1024 }, windows: [{ center: 40, width: 80 }] });
    const px = Uint16Array.from([0, 1024, 1064, 2048]);
    expect(greys(renderRgba(frame(im, px), im))).toEqual([0, 0, Math.round(((40 - 39.5) / 79 + 0.5) * 255), 255]);
    const mono1 = image({ ...im, photometric: 'MONOCHROME1' });
    expect(greys(renderRgba(frame(mono1, px), mono1))).toEqual([255, 255, 255 - 129, 0]);
    // The doctor's invert undoes MONOCHROME1's.
    expect(greys(renderRgba(frame(mono1, px), mono1, { invert: true }))).toEqual([0, 0, 129, 255]);
  });
  it('the file\'s first window wins; without one, a VOI LUT; without either, the frame\'s range', () => {
    const im = image({ windows: [{ center: 10, width: 20 }, { center: 500, width: 1000 }] });
    const f = frame(im, Uint16Array.from([0, 5, 10, 20]));
    expect(defaultVoi(im, f)).toMatchObject({ center: 10, width: 20 });
    expect(defaultVoi(im, f, 1)).toMatchObject({ center: 500, width: 1000 });
    const lut = { firstMapped: 0, bits: 8, data: Uint16Array.from([0, 255]) };
    expect(defaultVoi(image({ voiLuts: [lut] }), f)).toEqual({ kind: 'lut', lut });
    expect(greys(renderRgba(f, image({ voiLuts: [lut] })))).toEqual([0, 255, 255, 255]); // index clamped to the last entry
    expect(defaultVoi(image({}), f)).toMatchObject({ center: 10.5, width: 21 }); // min 0, max 20
  });
  it('presets in Hounsfield units for CT only', () => {
    expect(presetVoi('polmone')).toMatchObject(WINDOW_PRESETS.polmone);
    expect(Object.keys(WINDOW_PRESETS)).toEqual(['polmone', 'osso', 'addome', 'encefalo']);
    expect(presetsApply(image({}), 'CT')).toBe(true);
    expect(presetsApply(image({}), 'MR')).toBe(false);
    expect(presetsApply(image({ samplesPerPixel: 3, photometric: 'RGB' }), 'CT')).toBe(false);
  });
  it('the inlined LINEAR window path gives windowLevel\'s grey for every pixel of a real CT', async () => {
    const dicom = await openFixture('cornerstone-dicomParser/CT1_UNC.explicit_little_endian.dcm');
    const im = dicom.metadata.image!;
    const f = await dicom.decodeFrame(0);
    const voi = presetVoi('addome');
    const rgba = renderRgba(f, im, { voi });
    const layout = storedValueLayout(f, im.highBit);
    for (let i = 0; i < f.pixels.length; i += 97) {
      const hu = storedValue(f.pixels[i]!, layout) * im.rescale.slope + im.rescale.intercept;
      expect(rgba[i * 4]).toBe(Math.round(windowLevel(hu, 40, 400, 'LINEAR') * 255));
    }
  });
  it('a signed 12-bit CT sample (from the real file) renders with its sign', async () => {
    const dicom = await openFixture('cornerstone-dicomParser/CT1_UNC.explicit_little_endian.dcm');
    const im = dicom.metadata.image!;
    expect(im.pixelRepresentation).toBe(1);
    const f = await dicom.decodeFrame(0);
    // Air outside the body (−2000 stored padding, rescale 1/0 here) must be black under a lung window.
    const rgba = renderRgba(f, im, { voi: presetVoi('polmone') });
    expect(rgba[0]).toBe(0);
  });
});

describe('colour (PS3.3 C.7.6.3.1)', () => {
  it('YBR_FULL → RGB by the standard equations; planar configuration 1 reordered', () => {
    const im = image({ columns: 2, samplesPerPixel: 3, photometric: 'YBR_FULL', bitsAllocated: 8, bitsStored: 8, highBit: 7, planarConfiguration: 1 });
    // Planar Y Y Cb Cb Cr Cr: pixel 0 (Y 128, Cb 128, Cr 255) and pixel 1 (76, 85, 255) ≈ pure red.
    const decoded = decodeNative(Uint8Array.from([128, 76, 128, 85, 255, 255]), im, true);
    expect(Array.from(decoded.pixels)).toEqual([128, 128, 255, 76, 85, 255]);
    const rgba = renderRgba(decoded, im);
    // R = 128 + 1.402·127 = 306 → 255; G = 128 − 0.714136·127 = 37.3 → 37; B = 128.
    expect(Array.from(rgba.subarray(0, 4))).toEqual([255, 37, 128, 255]);
    // R = 76 + 178.1 → 254; G = 76 + 14.8 − 90.7 = 0.1 → 0; B = 76 − 76.2 → 0.
    expect(Array.from(rgba.subarray(4, 8))).toEqual([254, 0, 0, 255]);
  });
  it('YBR_FULL_422 native is widened (Y1 Y2 Cb Cr per pair)', () => {
    const im = image({ columns: 2, samplesPerPixel: 3, photometric: 'YBR_FULL_422', bitsAllocated: 8, bitsStored: 8, highBit: 7 });
    const decoded = decodeNative(Uint8Array.from([10, 20, 128, 128]), im, true);
    expect(decoded.photometric).toBe('YBR_FULL');
    expect(Array.from(renderRgba(decoded, im))).toEqual([10, 10, 10, 255, 20, 20, 20, 255]);
  });
  it('PALETTE COLOR through 16-bit LUTs with a first mapped value', () => {
    const lut = (v: number[]) => ({ firstMapped: 100, bits: 16, data: Uint16Array.from(v) });
    const im = image({ photometric: 'PALETTE COLOR', columns: 3, palette: { red: lut([0xffff, 0, 0]), green: lut([0, 0xff00, 0]), blue: lut([0, 0, 0x8000]) } });
    // 99 is below the first mapped value: clamped to entry 0.
    expect(Array.from(renderRgba(frame(im, Uint16Array.from([99, 101, 102])), im))).toEqual([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 128, 255]);
  });
  it('segmented palette data (C.7.9.2): discrete, linear and indirect segments', () => {
    // discrete [0, 10], linear to 50 over 4 entries (20, 30, 40, 50), indirect: repeat the 2 segments at word 0.
    const data = Uint16Array.from([0, 2, 0, 10, 1, 4, 50, 2, 2, 0, 0]);
    expect(Array.from(expandSegmentedLut(data, 12)!)).toEqual([0, 10, 20, 30, 40, 50, 0, 10, 20, 30, 40, 50]);
    expect(expandSegmentedLut(Uint16Array.from([2, 1, 0, 0]), 4)).toBeUndefined(); // indirect into itself
  });
  it('the 16-bit segmented palette sample expands to 65536 entries per channel', async () => {
    const im = (await openFixture('pydicom-data/gdcm-US-ALOKA-16.dcm')).metadata.image!;
    expect(im.palette?.red.data.length).toBe(65536);
    expect(im.palette?.blue.data.length).toBe(65536);
  });
});

describe('length in mm (C.7.6.2.1.1)', () => {
  it('Δx by column spacing, Δy by row spacing', () => {
    const l = measureLength({ x: 0, y: 0 }, { x: 30, y: 40 }, { row: 0.5, column: 0.25, source: 'PixelSpacing' });
    expect(l).toEqual({ pixels: 50, mm: Math.hypot(30 * 0.25, 40 * 0.5), plane: 'patient' });
  });
  it('Imager Pixel Spacing is at the detector; no spacing, pixels only', async () => {
    expect(measureLength({ x: 0, y: 0 }, { x: 10, y: 0 }, { row: 0.1, column: 0.1, source: 'ImagerPixelSpacing' })).toMatchObject({ mm: 1, plane: 'detector' });
    expect(measureLength({ x: 0, y: 0 }, { x: 3, y: 4 }, undefined)).toEqual({ pixels: 5 });
    // A CR with Imager Pixel Spacing 0.1\\0.1 and no Pixel Spacing (dcmdump).
    const cr = (await openFixture('pydicom-test_files/dicomdirtests/77654033/CR1/6154')).metadata.image!;
    expect(cr.spacing).toEqual({ row: 0.1, column: 0.1, source: 'ImagerPixelSpacing' });
  });
});

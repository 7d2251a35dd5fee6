/**
 * DCMTK (dcmdjpeg, dcmdjpls, dcmdrle, dcm2pnm; Debian package dcmtk) as the referee:
 * it decompresses each JPEG, JPEG-LS and RLE sample to native, and renders grey and
 * palette images to PGM/PPM with a given window. Our decoders must give its samples
 * (exactly for lossless; within ±1 for lossy JPEG, whose IDCT and colour conversion
 * rounding differ between IJG and our decoders), and our rendering its grey levels
 * and colours within ±1 (rounding of the window function). Skipped without DCMTK.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDicom } from '../../../shared/dicom/open.ts';
import { renderRgba } from '../../../shared/dicom/render/render-frame.ts';
import type { Voi } from '../../../shared/dicom/render/voi.ts';
import { FIXTURES, maxAbsDiff, openFixture, samples, storedValues } from './helpers.ts';

const hasDcmtk = spawnSync('dcmdjpeg', ['--version']).status === 0;
const dir = hasDcmtk ? mkdtempSync(join(tmpdir(), 'cartella-dcmtk-')) : '';
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function run(tool: string, args: string[]): void {
  const r = spawnSync(tool, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')}: ${r.stderr}`);
}

const TOOL: Record<string, string> = { '50': 'dcmdjpeg', '51': 'dcmdjpeg', '57': 'dcmdjpeg', '70': 'dcmdjpeg', '80': 'dcmdjpls', '81': 'dcmdjpls', '5': 'dcmdrle' };
const toolFor = (ts: string) => TOOL[ts.replace(/^1\.2\.840\.10008\.1\.2\.(4\.)?/, '')];

/** Frames to compare per file; DCMTK writes the .51 CT0012 file's warning to stderr only. */
const referred = samples().filter((s) => s.frames > 0 && toolFor(s.transferSyntax));

function pnm(file: string): { width: number; height: number; channels: number; data: Uint8Array } {
  const bytes = readFileSync(file);
  const fields: string[] = [];
  let i = 0;
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(bytes[i]!))) i++;
    if (bytes[i] === 0x23) while (bytes[i] !== 0x0a) i++;
    else {
      let f = '';
      while (!/\s/.test(String.fromCharCode(bytes[i]!))) f += String.fromCharCode(bytes[i++]!);
      fields.push(f);
    }
  }
  const [magic, w, h] = fields;
  return { width: Number(w), height: Number(h), channels: magic === 'P6' ? 3 : 1, data: new Uint8Array(bytes.subarray(i + 1)) };
}

describe.skipIf(!hasDcmtk)('DCMTK referee', () => {
  it.each(referred.map((s) => [s.file, s] as const))('decompresses %s as dcmdjpeg/dcmdjpls/dcmdrle do', async (file, s) => {
    const out = join(dir, `${file.replace(/\W/g, '_')}.dcm`);
    run(toolFor(s.transferSyntax)!, [join(FIXTURES, file), out]);
    const ours = await openFixture(file);
    const theirs = await openDicom(new Uint8Array(readFileSync(out)));
    const lossy = ours.parsed.transferSyntax!.lossy;
    for (let f = 0; f < Math.min(s.frames, 3); f++) {
      const a = await ours.decodeFrame(f);
      const b = await theirs.decodeFrame(f);
      expect(a.photometric === 'RGB' || a.samplesPerPixel === 1 ? b.photometric : a.photometric).toBe(b.photometric);
      const diff = maxAbsDiff(storedValues(a, ours.metadata.image!), storedValues(b, theirs.metadata.image!));
      // JPEG-LS near-lossless is exact too: the decoder's reconstruction is defined by T.87.
      expect(diff, `frame ${f}`).toBeLessThanOrEqual(lossy && s.transferSyntax.endsWith('.81') === false ? 1 : 0);
    }
  });

  const windowed: [string, string[], Voi | undefined][] = [
    ['cornerstone-dicomParser/CT1_UNC.explicit_little_endian.dcm', ['+Ww', '40', '400'], { kind: 'window', center: 40, width: 400, fn: 'LINEAR' }],
    ['pydicom-data/MR2_UNCR.dcm', ['+Ww', '300', '600'], { kind: 'window', center: 300, width: 600, fn: 'LINEAR' }],
    // MONOCHROME1 CR with the file's own window: shown inverted.
    ['pydicom-test_files/dicomdirtests/77654033/CR1/6154', ['+Wi', '1'], undefined],
    // No window in the file: both fall back to the frame's min–max.
    ['pydicom-test_files/CT_small.dcm', ['+Wm'], undefined],
    // Palette colour, 8-bit LUTs (DCMTK 3.6.7 does not expand segmented palettes: render.test.ts).
    ['pydicom-test_files/examples_palette.dcm', [], undefined],
    ['pydicom-data/US1_UNCR.dcm', [], undefined],
  ];

  it.each(windowed)('renders %s as dcm2pnm %s does (±1)', async (file, args, voi) => {
    const out = join(dir, `${file.replace(/\W/g, '_')}.pnm`);
    run('dcm2pnm', [...args, '+op', join(FIXTURES, file), out]);
    const ref = pnm(out);
    const dicom = await openFixture(file);
    const frame = await dicom.decodeFrame(0);
    const rgba = renderRgba(frame, dicom.metadata.image!, voi ? { voi } : {});
    expect([ref.width, ref.height]).toEqual([frame.columns, frame.rows]);
    let max = 0;
    for (let p = 0; p < frame.rows * frame.columns; p++) {
      for (let c = 0; c < 3; c++) max = Math.max(max, Math.abs(rgba[p * 4 + c]! - ref.data[p * ref.channels + (ref.channels === 3 ? c : 0)]!));
    }
    expect(max).toBeLessThanOrEqual(1);
  });
});

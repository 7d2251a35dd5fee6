/** `cartella dicom info` and `cartella dicom decode`, through the command as the CLI runs it. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { command } from '../../../electron/cli/commands/dicom.ts';
import { UsageError } from '../../../electron/cli/command.ts';
import { dicomParser } from '../../../shared/dicom/dicom-parser.ts';
import { TAG } from '../../../shared/dicom/tags.ts';
import { FIXTURES, fixtureBytes } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'cartella-dicom-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; lines: Record<string, unknown>[] }> {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    out.push(String(chunk));
    return true;
  });
  try {
    const code = await command.run(argv);
    return { code, lines: out.join('').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
  } finally {
    spy.mockRestore();
  }
}

/** A native file's pixel data bytes, sliced with dicom-parser (not through our decoders). */
function nativePixelBytes(file: string, frame: number, frameBytes: number): Uint8Array {
  const bytes = fixtureBytes(file);
  const el = dicomParser.parseDicom(bytes).elements[TAG.PixelData]!;
  return bytes.subarray(el.dataOffset + frame * frameBytes, el.dataOffset + (frame + 1) * frameBytes);
}

describe('cartella dicom', () => {
  it('info: one line per file with the fields checks read; no rows without pixel data; typed errors', async () => {
    const bad = join(dir, 'truncated.dcm');
    writeFileSync(bad, fixtureBytes('pydicom-test_files/CT_small.dcm').subarray(0, 1000));
    const files = ['pydicom-data/JLSL_RGB_ILV0.dcm', 'cornerstone-dicomParser/image_dfl', 'pydicom-test_files/reportsi.dcm', 'pydicom-test_files/dicomdirtests/DICOMDIR'].map((f) => join(FIXTURES, f));
    const { code, lines } = await run(['info', ...files, bad, join(FIXTURES, 'MANIFEST.tsv')]);
    expect(code).toBe(1);
    expect(lines[0]).toMatchObject({ file: files[0], transferSyntax: '1.2.840.10008.1.2.4.80', modality: null, rows: 256, columns: 256, frames: 1, bitsAllocated: 8, photometric: 'RGB' });
    expect(lines[1]).toMatchObject({ transferSyntax: '1.2.840.10008.1.2.1.99', modality: 'OT', rows: 512, columns: 512, bitsAllocated: 8, photometric: 'MONOCHROME2' });
    expect(lines[2]).toMatchObject({ modality: 'SR', frames: 0 });
    expect(lines[2]).not.toHaveProperty('rows');
    expect(lines[3]).toMatchObject({ dicomdir: { patients: 2, studies: 6, series: 13, instances: 31 } });
    expect(lines[4]).toMatchObject({ file: bad, error: { code: 'DICOM_INVALID', reason: 'truncated' } });
    expect(lines[5]).toMatchObject({ error: { code: 'DICOM_INVALID', reason: 'not-dicom' } });
  });

  it('decode: a lossless frame is the uncompressed twin\'s stored bytes; colour is interleaved 8-bit', async () => {
    const out = join(dir, 'f.raw');
    let r = await run(['decode', join(FIXTURES, 'cornerstone-dicomParser/CT0012.fragmented_no_bot_jpeg_lossless.70.dcm'), '--frame', '1', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.lines[0]).toMatchObject({ frame: 1, bytes: 512 * 512 * 2, bitsAllocated: 16, photometric: 'MONOCHROME2' });
    expect(Buffer.compare(readFileSync(out), nativePixelBytes('cornerstone-dicomParser/CT0012.explicit_little_endian.dcm', 1, 512 * 512 * 2))).toBe(0);

    r = await run(['decode', join(FIXTURES, 'pydicom-data/HTJ2KLossless_08_RGB.dcm'), '--out', out]);
    expect(r.lines[0]).toMatchObject({ frame: 0, bytes: 480 * 640 * 3, samplesPerPixel: 3, bitsAllocated: 8, photometric: 'RGB' });
    r = await run(['decode', join(FIXTURES, 'pydicom-data/JLSL_RGB_ILV0.dcm'), '--out', out]);
    expect(r.lines[0]).toMatchObject({ bytes: 256 * 256 * 3 });

    // 1-bit segmentation: packed like native.
    r = await run(['decode', join(FIXTURES, 'pydicom-test_files/liver_1frame.dcm'), '--out', out]);
    expect(Buffer.compare(readFileSync(out), nativePixelBytes('pydicom-test_files/liver_1frame.dcm', 0, (512 * 512) / 8))).toBe(0);
  });

  it('decode: typed errors and usage errors', async () => {
    const r = await run(['decode', join(FIXTURES, 'pydicom-test_files/CT_small.dcm'), '--frame', '1', '--out', join(dir, 'x.raw')]);
    expect(r).toMatchObject({ code: 1, lines: [{ error: { code: 'DICOM_INVALID', reason: 'frame-out-of-range' } }] });
    const sr = await run(['decode', join(FIXTURES, 'pydicom-test_files/reportsi.dcm'), '--out', join(dir, 'x.raw')]);
    expect(sr.lines[0]).toMatchObject({ error: { reason: 'no-pixel-data' } });
    await expect(command.run(['decode', 'x.dcm'])).rejects.toThrow(UsageError);
    await expect(command.run(['decode', 'x.dcm', '--out', 'y', '--frame', '-1'])).rejects.toThrow(UsageError);
    await expect(command.run(['info'])).rejects.toThrow(UsageError);
    await expect(command.run(['explode'])).rejects.toThrow(UsageError);
  });
});

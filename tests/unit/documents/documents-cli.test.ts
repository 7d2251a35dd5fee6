/**
 * `cartella documents --type TYPE`: with --type pss it writes exactly what `cartella pss` writes
 * (same files, same bytes, same lines), and an unknown type is a usage error naming the known ones.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../electron/cli/main.ts';
import { captureJsonLines } from '../../helpers/cli-capture.ts';

const dir = mkdtempSync(join(tmpdir(), 'documents-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The lines with the run's own folder and the timing taken out. */
const comparable = (lines: unknown[], out: string) => lines.map((l) => JSON.parse(JSON.stringify(l).split(out).join('DIR').replace(/"ms":\d+/, '"ms":0')) as unknown);

describe('cartella documents', () => {
  it('--type pss writes the same files, byte for byte, and the same lines as cartella pss', async () => {
    const a = join(dir, 'pss');
    const b = join(dir, 'documents');
    const args = ['--synthetic', '4', '--seed', '7', '--date', '2026-02-10'];
    const pss = await captureJsonLines(() => runCli(['pss', ...args, '--out', a]));
    const docs = await captureJsonLines(() => runCli(['documents', '--type', 'pss', ...args, '--out', b]));
    expect([pss.code, docs.code]).toEqual([0, 0]);
    const files = readdirSync(a).sort();
    expect(files).toHaveLength(12);
    expect(files.filter((f) => f.endsWith('.json'))).toHaveLength(4);
    expect(readdirSync(b).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
    expect(comparable(docs.lines, b)).toEqual(comparable(pss.lines, a));
    expect(pss.lines[0]).toMatchObject({ role: 'MMG', patient: expect.stringMatching(/^[A-Z0-9]{16}$/) });
  });

  it('an unknown type exits 2 with a message listing the known types', async () => {
    const err: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => {
      err.push(String(c));
      return true;
    });
    try {
      expect(await runCli(['documents', '--type', 'ricetta', '--synthetic', '1', '--out', join(dir, 'x')])).toBe(2);
      expect(await runCli(['documents', '--synthetic', '1', '--out', join(dir, 'x')])).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(err.join('')).toMatch(/unknown document type "ricetta"; known types: pss/);
    expect(err.join('')).toMatch(/--type/);
  });
});

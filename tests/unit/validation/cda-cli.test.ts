/**
 * `cartella validate` (electron/cli/commands/validate.ts): one JSON line per file with the
 * agreed shape, exit 0/1/2, CDA extracted from PDFs in ATTACHMENT and RESOURCE mode.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { command } from '../../../electron/cli/commands/validate.ts';
import { UsageError } from '../../../electron/cli/command.ts';

const FIX = join(import.meta.dirname, '../../fixtures/cda');
let out: string[] = [];

beforeEach(() => {
  out = [];
  // Capture what the command prints; the command itself runs for real.
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

const lines = (): Record<string, unknown>[] => out.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('cartella validate', () => {
  it('exits 0 and prints the agreed JSON shape for a valid CDA', async () => {
    const code = await command.run([join(FIX, 'official-examples/PSS.xml')]);
    expect(code).toBe(0);
    const [line] = lines();
    expect(Object.keys(line ?? {})).toEqual(['file', 'valid', 'xsd', 'schematron', 'terminology', 'issues']);
    expect(line).toMatchObject({
      valid: true,
      xsd: { valid: true, errors: 0 },
      schematron: { file: 'schematron_PSS_v4.0.sch', failedAsserts: 0, successfulReports: 0 },
      terminology: { errors: 0 },
      issues: [],
    });
  }, 120_000);

  it('exits 1 when any file is invalid, one line per file in argument order', async () => {
    const code = await command.run([join(FIX, 'official-examples/SING_VACC.xml'), join(FIX, 'official-examples/VPS.xml')]);
    expect(code).toBe(1);
    const [a, b] = lines();
    expect(a?.valid).toBe(true);
    expect(b).toMatchObject({ valid: false, schematron: { file: 'schematron_VPS_v3.8.sch', failedAsserts: 2 } });
    expect((b?.issues as { code: string; severity: string }[]).map((i) => i.code)).toEqual(['ERRORE-56', 'ERRORE-46a']);
  }, 120_000);

  it('validates the CDA inside PDFs (ATTACHMENT and RESOURCE) and fails a PDF without one', async () => {
    const code = await command.run([join(FIX, 'pdf/PSS.pdf'), join(FIX, 'pdf/CDA_RESOURCE.pdf'), join(FIX, 'pdf/Test.pdf')]);
    expect(code).toBe(1);
    const [pss, resource, none] = lines();
    // test-container PSS.pdf carries test-container/PSS.xml: REFEREE-VERDICTS.tsv says 9 failed asserts (PSS v4.0).
    expect(pss).toMatchObject({ xsd: { valid: true }, schematron: { file: 'schematron_PSS_v4.0.sch', failedAsserts: 9 } });
    expect(resource).toMatchObject({ xsd: { valid: true }, schematron: { file: 'schematronFSE_LAB_v27.1.sch' } });
    expect(none).toMatchObject({ valid: false, issues: [{ code: 'INVALID_INPUT' }] });
  }, 120_000);

  it('rejects bad usage with UsageError (exit 2 in main)', async () => {
    await expect(command.run([])).rejects.toBeInstanceOf(UsageError);
    await expect(command.run(['--bogus', 'x.xml'])).rejects.toBeInstanceOf(UsageError);
    await expect(command.run(['--mode', 'EMAIL', 'x.pdf'])).rejects.toBeInstanceOf(UsageError);
  });
});

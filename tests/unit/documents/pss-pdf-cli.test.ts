/**
 * PDF packaging (FSE-GATEWAY.md §5, ATTACHMENT mode) and the `cartella pss` command.
 * qpdf/pdfdetach are the referee tools; the tests that need them say so and skip when absent.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { command } from '../../../electron/cli/commands/pss.ts';
import { renderPssPdf } from '../../../electron/services/documents/pdf/render-pss.ts';
import { buildPssCda } from '../../../shared/documents/cda/pss/index.ts';
import { extractCdaFromPdf } from '../../../shared/validation/cda/pdf.ts';
import { emptyInput, fullInput, syntheticInputs } from './pss-inputs.ts';

const has = (tool: string): boolean => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'pss-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('PSS PDF', () => {
  it('attaches the CDA as cda.xml, found by the gateway-equivalent extractor byte for byte', async () => {
    const input = fullInput();
    const cda = buildPssCda(input);
    const { pdf } = await renderPssPdf(input, cda);
    const extracted = await extractCdaFromPdf(pdf, 'ATTACHMENT');
    expect(extracted).not.toBeNull();
    expect(Buffer.from(extracted!.bytes).equals(Buffer.from(cda, 'utf8'))).toBe(true);
  });

  it('declares the attachment as an associated file with AFRelationship Alternative', async () => {
    const { pdf } = await renderPssPdf(fullInput());
    const doc = await PDFDocument.load(pdf);
    const af = doc.catalog.lookup(PDFName.of('AF'));
    expect(af).toBeDefined();
    const raw = Buffer.from(pdf).toString('latin1');
    expect(raw).toContain('/AFRelationship /Alternative');
    expect(raw).toMatch(/\/F \(cda\.xml\)/);
    const names = doc.catalog.lookup(PDFName.of('Names'), PDFDict);
    expect(names.lookup(PDFName.of('EmbeddedFiles'))).toBeDefined();
  });

  it('prints every section title and the facts of the header, in Italian', async () => {
    const input = fullInput();
    const { pdf } = await renderPssPdf(input);
    const file = join(dir, 'full.pdf');
    writeFileSync(file, pdf);
    if (!has('pdftotext')) return;
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
    for (const t of ['Profilo Sanitario Sintetico', 'Allergie e Intolleranze', 'Terapie farmacologiche', 'Vaccinazioni', 'Lista dei problemi',
      'Anamnesi familiare', 'Stile di vita', 'Gravidanze, parti e stato mestruale', 'Parametri vitali', 'Protesi, impianti e ausili', 'Piani di cura',
      'Visite e ricoveri', 'Stato funzionale del paziente', 'Indagini diagnostiche e esami di laboratorio', 'Assenso/dissenso donazione organi',
      'Esenzioni', 'Reti di patologia', input.patient.identifier, input.author.codiceFiscale, 'Dichiarato dal paziente']) {
      expect(text, t).toContain(t);
    }
  });

  it.runIf(has('qpdf'))('qpdf --check is clean and pdfdetach extracts the CDA byte-identical', async () => {
    for (const [n, input] of [fullInput(), emptyInput(), ...syntheticInputs(4, 11)].entries()) {
      const cda = buildPssCda(input);
      const { pdf } = await renderPssPdf(input, cda);
      const file = join(dir, `pss-${n}.pdf`);
      writeFileSync(file, pdf);
      const check = spawnSync('qpdf', ['--check', file]);
      expect(check.status, check.stdout.toString()).toBe(0);
      expect(check.stdout.toString()).toContain('No syntax or stream encoding errors');
      if (has('pdfdetach')) {
        const out = join(dir, `pss-${n}.xml`);
        execFileSync('pdfdetach', ['-save', '1', '-o', out, file]);
        expect(readFileSync(out).equals(Buffer.from(cda, 'utf8'))).toBe(true);
      }
    }
  }, 60_000);

  it('renders well under a second per document and deterministically', async () => {
    const input = fullInput();
    await renderPssPdf(input);
    const t = performance.now();
    const a = await renderPssPdf(input);
    expect(performance.now() - t).toBeLessThan(1000);
    const b = await renderPssPdf(input);
    expect(Buffer.from(a.pdf).equals(Buffer.from(b.pdf))).toBe(true);
  });

  it('does not fail on characters the standard font cannot show', async () => {
    const input = fullInput();
    input.record.problems[0]!.note = 'Emoji 😀 e ideogrammi 漢字, ma accenti àèéìòù sì';
    const { pdf } = await renderPssPdf(input);
    expect(pdf.length).toBeGreaterThan(1000);
  });
});

describe('cartella pss', () => {
  async function run(args: string[]): Promise<{ code: number; lines: Array<Record<string, unknown>> }> {
    const chunks: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => { chunks.push(String(c)); return true; });
    try {
      const code = await command.run(args);
      return { code, lines: chunks.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) };
    } finally {
      spy.mockRestore();
    }
  }

  it('writes CDA, FHIR and PDF per patient; the same seed gives the same bytes', async () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    const ra = await run(['--synthetic', '4', '--seed', '5', '--out', a]);
    const rb = await run(['--synthetic', '4', '--seed', '5', '--out', b]);
    expect(ra.code).toBe(0);
    expect(rb.code).toBe(0);
    const files = readdirSync(a).sort();
    expect(files).toHaveLength(12);
    expect(files.filter((f) => f.endsWith('.xml'))).toHaveLength(4);
    expect(files.filter((f) => f.endsWith('.json'))).toHaveLength(4);
    expect(files.filter((f) => f.endsWith('.pdf'))).toHaveLength(4);
    expect(readdirSync(b).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), f).toBe(true);
    expect(ra.lines.at(-1)).toMatchObject({ documents: 4 });
    const c = join(dir, 'c');
    await run(['--synthetic', '4', '--seed', '6', '--out', c]);
    expect(readdirSync(c).sort()).not.toEqual(files);
  }, 60_000);

  it('--validate validates every CDA', async () => {
    const r = await run(['--synthetic', '2', '--seed', '9', '--out', join(dir, 'v'), '--no-pdf', '--validate']);
    expect(r.code).toBe(0);
    expect(r.lines.at(-1)).toMatchObject({ documents: 2, valid: 2 });
  }, 120_000);

  it('rejects bad usage', async () => {
    await expect(command.run(['--out', dir])).rejects.toThrow(/--synthetic/);
    await expect(command.run(['--synthetic', '2'])).rejects.toThrow(/--out/);
    await expect(command.run(['--synthetic', '2', '--out', dir, '--date', 'ieri'])).rejects.toThrow(/--date/);
  });
});

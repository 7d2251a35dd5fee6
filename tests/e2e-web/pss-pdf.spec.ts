/**
 * A PSS filled through the UI validates with zero issues, the PDF preview
 * opens, and the PDF's `cda.xml` attachment is byte for byte the CDA that `pss.preview` returned
 * for that same preview. The page's own `pss.preview` answers are read off its WebSocket (so the
 * CDA is the one whose PDF the iframe shows, not a second build with another timestamp); the
 * PDF bytes are the iframe's blob, saved through the preview's download link (the page's CSP
 * does not let a script fetch() a blob: URL). The attachment is taken out
 * with pdf-lib (independently of the product's extractor) and, when poppler's `pdfdetach` is
 * installed, with `pdfdetach` too.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString, decodePDFRawStream } from 'pdf-lib';
import { ENTRY_SCHEMAS, type EntrySection } from '../../shared/api/record.ts';
import { seededRandom } from '../../shared/random.ts';
import { syntheticClinicalRecord } from '../../shared/synthetic/clinical-record.ts';
import { syntheticPatients } from '../../shared/synthetic/patients.ts';
import { expect, test } from './fixtures.ts';
import { startHost, type RunningHost } from './node-host.ts';
import { rpc } from './rpc.ts';

test.describe.configure({ timeout: 180_000 });

function hasTool(name: string): boolean {
  try {
    execFileSync('which', [name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Name → bytes of every file in the PDF's `/Names/EmbeddedFiles` tree (flat or with /Kids). */
async function attachments(pdf: Uint8Array): Promise<Map<string, { bytes: Uint8Array; relationship: string | undefined }>> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const out = new Map<string, { bytes: Uint8Array; relationship: string | undefined }>();
  const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  const tree = names?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  const text = (o: unknown) => (o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined);
  const walk = (node: PDFDict) => {
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (let i = 0; kids && i < kids.size(); i++) walk(kids.lookup(i, PDFDict));
    const pairs = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    for (let i = 0; pairs && i + 1 < pairs.size(); i += 2) {
      const spec = pairs.lookup(i + 1, PDFDict);
      const name = text(spec.lookup(PDFName.of('UF'))) ?? text(spec.lookup(PDFName.of('F'))) ?? text(pairs.lookup(i)) ?? '';
      const stream = spec.lookup(PDFName.of('EF'), PDFDict).lookup(PDFName.of('F'));
      if (!(stream instanceof PDFRawStream)) throw new Error(`embedded file ${name}: not a raw stream`);
      out.set(name, { bytes: decodePDFRawStream(stream).decode(), relationship: spec.lookupMaybe(PDFName.of('AFRelationship'), PDFName)?.decodeText() });
    }
  };
  if (tree) walk(tree);
  return out;
}

async function seed(host: RunningHost): Promise<string> {
  const [p] = syntheticPatients({ count: 1, seed: 4040 });
  const created = await rpc<{ id: string }>(host, 'patients.create', p);
  const record = syntheticClinicalRecord(p!, seededRandom(78), new Date().toISOString().slice(0, 10), 1);
  for (const section of Object.keys(ENTRY_SCHEMAS) as EntrySection[]) {
    for (const entry of record[section] ?? []) await rpc(host, 'record.upsertEntry', { patientId: created.id, section, entry });
  }
  for (const key of ['noProblems', 'noAllergies', 'noMedications', 'organDonation'] as const) {
    if (record[key] !== undefined) await rpc(host, 'record.setStatement', { patientId: created.id, key, value: record[key] });
  }
  return created.id;
}

interface PreviewAnswer { cda: string; pdfBase64?: string; issues: unknown[] }

/** Every `pss.preview` answer the page receives, in order (request ids matched to responses). */
function recordPreviews(page: Page): PreviewAnswer[] {
  const answers: PreviewAnswer[] = [];
  page.on('websocket', (ws) => {
    const pending = new Set<number>();
    ws.on('framesent', (f) => {
      const msg = JSON.parse(String(f.payload)) as { id?: number; method?: string };
      if (msg.method === 'pss.preview' && typeof msg.id === 'number') pending.add(msg.id);
    });
    ws.on('framereceived', (f) => {
      const msg = JSON.parse(String(f.payload)) as { id?: number; result?: PreviewAnswer };
      if (typeof msg.id === 'number' && pending.delete(msg.id) && msg.result) answers.push(msg.result);
    });
  });
  return answers;
}

test('PSS filled through the UI: 0 issues, PDF preview, its cda.xml attachment is the previewed CDA byte for byte', async ({ page }) => {
  const host = await startHost();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  const previews = recordPreviews(page);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'cartella-pss-pdf-'));
  try {
    const id = await seed(host);
    await page.goto(host.loginUrl);
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'open');
    await page.evaluate((pid) => (location.hash = `#/assistiti/${pid}`), id);
    await page.getByRole('link', { name: 'Profilo Sanitario Sintetico' }).click();
    await expect(page.getByRole('heading', { name: 'Profilo Sanitario Sintetico', level: 1 })).toBeVisible();
    await expect(page.getByTestId('pss-validation-summary')).toHaveText(/^0 errori/, { timeout: 30_000 });

    // Fill: a coded allergy through the entry dialog and its type-ahead (the synthetic record may hold one already).
    const amoxicillin = page.locator('[data-field^="allergies."]').filter({ hasText: 'AMOXICILLINA (J01CA04)' });
    const before = await amoxicillin.count();
    const inCdaBefore = previews.at(-1)!.cda.split('J01CA04').length;
    const srcBefore = await page.getByTestId('pss-pdf').getAttribute('src');
    await page.getByRole('button', { name: 'Aggiungi a Allergie e intolleranze' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Agente \(codice\)/).fill('amoxi');
    await page.getByRole('option', { name: 'J01CA04 — AMOXICILLINA', exact: true }).click();
    await dialog.getByLabel('Inizio (gg/mm/aaaa)').fill('2020-03');
    await dialog.getByRole('button', { name: 'Salva voce' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(amoxicillin).toHaveCount(before + 1);

    // The re-validation runs 250 ms after the save, so "0 errori" of the previous check may still
    // be on screen: wait for the answer that holds the new allergy and for the iframe to move
    // to its PDF, then for zero errors (the synthetic record may carry advisory warnings).
    await expect.poll(() => previews.at(-1)?.cda.split('J01CA04').length ?? 0, { timeout: 30_000 }).toBeGreaterThan(inCdaBefore);
    const frame = page.getByTestId('pss-pdf');
    await expect(frame).not.toHaveAttribute('src', srcBefore ?? '');
    await expect(frame).toHaveAttribute('src', /^blob:/);
    await expect(page.getByTestId('pss-validation-summary')).toHaveText(/^0 errori/, { timeout: 30_000 });

    // The PDF preview: the iframe's blob URL, fetched in the page.
    const url = (await frame.getAttribute('src'))!;
    // The page's CSP (connect-src 'self') rightly forbids fetch() of a blob: URL, so the bytes
    // come through the preview's own download link, which points at the same blob.
    const link = page.locator(`a[href="${url}"][download]`);
    await expect(link).toHaveCount(1);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const pdf = new Uint8Array(readFileSync((await download.path())!));
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');

    // The pss.preview answer this PDF came from (same bytes), and its CDA.
    const shown = previews.filter((p) => p.pdfBase64 && Buffer.from(p.pdfBase64, 'base64').equals(Buffer.from(pdf)));
    expect(shown.length, 'the iframe shows the PDF of a pss.preview answer').toBeGreaterThan(0);
    const { cda, issues } = shown.at(-1)!;
    expect(issues.filter((i) => (i as { severity: string }).severity === 'error')).toEqual([]);
    for (const i of issues) test.info().annotations.push({ type: 'pss-warning', description: JSON.stringify(i) });
    expect(cda).toContain('60591-5');
    // The allergy filled through the UI is in this CDA, so this is the post-edit preview.
    expect(cda.split('J01CA04').length).toBeGreaterThan(inCdaBefore);
    const cdaBytes = Buffer.from(cda, 'utf8');

    const files = await attachments(pdf);
    expect([...files.keys()]).toContain('cda.xml');
    const attached = files.get('cda.xml')!;
    expect(attached.relationship).toBeDefined();
    expect(Buffer.from(attached.bytes).equals(cdaBytes), 'pdf-lib: cda.xml equals the previewed CDA byte for byte').toBe(true);

    if (hasTool('pdfdetach')) {
      const file = path.join(tmp, 'preview.pdf');
      const out = path.join(tmp, 'cda.xml');
      writeFileSync(file, pdf);
      const listed = execFileSync('pdfdetach', ['-list', file], { encoding: 'utf8' }).split('\n');
      const n = listed.map((l) => /^(\d+): cda\.xml$/.exec(l.trim())?.[1]).find(Boolean);
      expect(n, `pdfdetach lists cda.xml:\n${listed.join('\n')}`).toBeDefined();
      execFileSync('pdfdetach', ['-save', n!, '-o', out, file]);
      expect(readFileSync(out).equals(cdaBytes), 'pdfdetach: cda.xml equals the previewed CDA byte for byte').toBe(true);
    } else {
      test.info().annotations.push({ type: 'skip', description: 'pdfdetach (poppler-utils) not installed: checked with pdf-lib only' });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    await host.stop();
  }
  expect(problems, 'no page errors').toEqual([]);
});

/**
 * Immagini in Chromium, as a doctor uses it: the DICOMDIR sample (a CD copy: 2 patients, 6
 * studies) imported into a patient from the Scheda paziente, the preview saying whose studies
 * they are (none names this patient with certainty: each is imported only when ticked), one
 * study opened, a series chosen, its images scrolled with the keyboard and the wheel, the window
 * changed with the keys, a preset and a mouse drag, a length measured with the keyboard in mm
 * (Italian decimals), the help sheet listing the viewer's keys; a truncated file reported in
 * Italian while the others import; axe-core on the import window and on the viewer.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { rpc } from './rpc.ts';

const CD = 'tests/fixtures/dicom/pydicom-test_files/dicomdirtests';
const CT = 'tests/fixtures/dicom/cornerstone-dicomParser/CT1_UNC.explicit_little_endian.dcm';

async function axe(page: Page, selector: string) {
  await page.waitForTimeout(300); // the window's opening transition (opacity) would read as low contrast
  const r = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(r.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.any[0]?.message ?? n.failureSummary ?? ''}`))).toEqual([]);
}

/** The Scheda paziente's Immagini tab, reached as a doctor does: Alt+8 (the tab's key in the help sheet). */
async function openImages(page: Page, name: 'Immagini' | 'Images' = 'Immagini') {
  const tabButton = page.getByRole('tab', { name });
  await expect(tabButton).toBeVisible();
  await page.keyboard.press('Alt+8');
  await expect(tabButton).toHaveAttribute('aria-selected', 'true');
}

/** The viewport has drawn image `index` (its data attribute follows the canvas). */
async function drawn(viewport: Locator, index: number) {
  await expect(viewport).toHaveAttribute('data-drawn-index', String(index), { timeout: 20_000 });
}

test.use({ bypassCSP: false });
test.setTimeout(180_000);

test('import the DICOMDIR sample into a patient, open a series, scroll, window/level, measure', async ({ host, app: page }) => {
  const peter = await rpc<{ id: string }>(host, 'patients.create', { surname: 'Doe', givenName: 'Peter', sex: 'M', birthDate: '1960-05-05', identifierKind: 'STP', identifier: 'STP0000000000001' });
  await page.evaluate((id) => (location.hash = `#/assistiti/${id}`), peter.id);
  await openImages(page);
  const tab = page.getByTestId('imaging-tab');
  await expect(tab.getByText('Nessuna immagine importata per questo assistito.')).toBeVisible();

  // The CD's folder, chosen with the keyboard (Enter on the button opens the folder chooser).
  await tab.getByRole('button', { name: 'Importa da CD o cartella…' }).focus();
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Enter');
  await (await chooser).setFiles(CD);
  const dialog = page.getByRole('dialog', { name: 'Importa immagini' });
  await expect(dialog.getByText('Trovati 6 studi (31 oggetti DICOM).')).toBeVisible({ timeout: 60_000 });
  // Doe^Peter has no birth date in the files: nothing is ticked, each study asks for confirmation.
  const mra = dialog.getByRole('checkbox', { name: '05/05/2003 · Brain-MRA: confermo che è di Doe Peter' });
  await expect(mra).not.toBeChecked();
  await expect(dialog.getByText('I file non bastano a dire se sono di Doe Peter').first()).toBeVisible();
  await expect(dialog.getByText("I file indicano un'altra persona, non Doe Peter").first()).toBeVisible();
  const apply = dialog.getByRole('button', { name: /^Importa \d+ stud/ });
  await expect(apply).toBeDisabled();
  await axe(page, '[role="dialog"]');
  await mra.focus();
  await page.keyboard.press('Space');
  await expect(mra).toBeChecked();
  await expect(dialog.getByRole('button', { name: 'Importa 1 studio' })).toBeEnabled();
  await dialog.getByRole('button', { name: 'Importa 1 studio' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByText('Immagini importate')).toBeVisible({ timeout: 60_000 });
  await expect(dialog.getByText(/^11 oggetti aggiunti/)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  const studies = tab.getByTestId('imaging-studies');
  await expect(studies.getByRole('row')).toHaveCount(2);
  await expect(studies).toContainText('05/05/2003');
  await expect(studies).toContainText('3 serie, 11 immagini');

  // Open it with the keyboard.
  await studies.getByRole('button', { name: 'Apri lo studio Brain-MRA 05/05/2003' }).focus();
  await page.keyboard.press('Enter');
  const viewer = page.getByTestId('imaging-viewer');
  await expect(viewer).toBeVisible();
  const viewport = viewer.getByTestId('imaging-viewport');
  await drawn(viewport, 0);
  await expect(viewport).toBeFocused();

  // Each series with a thumbnail of its middle image.
  await expect(viewer.getByTestId('imaging-thumbnail').and(page.locator('[data-drawn="true"]'))).toHaveCount(3, { timeout: 20_000 });
  // The 7-image angiography series.
  await viewer.getByTestId('imaging-series').filter({ hasText: 'Serie 700' }).click();
  await expect(viewport).toBeFocused();
  await drawn(viewport, 0);
  await expect(viewer.getByTestId('imaging-position')).toHaveText('Immagine 1 / 7');
  await expect(viewer.getByTestId('imaging-overlay-patient')).toContainText('Doe Peter');
  await expect(viewer.getByTestId('imaging-overlay-study')).toContainText('05/05/2003');

  // Scrolling: arrows, End, Home, the wheel.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await drawn(viewport, 2);
  await expect(viewer.getByTestId('imaging-position')).toHaveText('Immagine 3 / 7');
  await page.keyboard.press('End');
  await drawn(viewport, 6);
  await page.keyboard.press('Home');
  await drawn(viewport, 0);
  await viewport.hover();
  await page.mouse.wheel(0, 120);
  await drawn(viewport, 1);
  await page.mouse.wheel(0, -120);
  await drawn(viewport, 0);

  // Window/level: the file's own first; keys, a preset, then a mouse drag.
  const wl = viewer.getByTestId('imaging-wl');
  await expect(wl).toHaveText(/^C -?[\d.]+ · A [\d.]+$/);
  const fileWindow = await wl.textContent();
  await viewport.focus();
  await page.keyboard.press('Shift+ArrowUp');
  await expect(wl).not.toHaveText(fileWindow!);
  await page.keyboard.press('2');
  await expect(wl).toHaveText('C -600 · A 1500');
  await expect(viewer.getByRole('combobox', { name: 'Finestra' })).toHaveValue('polmone');
  const box = (await viewport.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 - 30, { steps: 6 });
  await page.mouse.up();
  // Right widens the window, up raises its centre.
  await expect(wl).not.toHaveText('C -600 · A 1500');
  const [center, width] = (await wl.textContent())!.replace(/\./g, '').match(/-?\d+/g)!.map(Number);
  expect(center).toBeGreaterThan(-600);
  expect(width).toBeGreaterThan(1500);
  await page.keyboard.press('1');
  await expect(wl).toHaveText(fileWindow!);

  // A length with the keyboard: M, Enter, 8 pixels right, Enter. Pixel Spacing 0.390625 mm → 3,125 mm.
  await page.keyboard.press('m');
  await page.keyboard.press('Enter');
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(viewer.getByTestId('imaging-length')).toHaveText('3,1 mm');
  // The arrows scroll again once the measuring tool is put down; the length stays on its image.
  await page.keyboard.press('w');
  await page.keyboard.press('ArrowDown');
  await drawn(viewport, 1);
  await expect(viewer.getByTestId('imaging-length')).toHaveCount(0);
  await page.keyboard.press('ArrowUp');
  await drawn(viewport, 0);
  await expect(viewer.getByTestId('imaging-length')).toHaveText('3,1 mm');

  // The metadata panel (D), then axe on the viewer.
  await page.keyboard.press('d');
  await expect(viewer.getByTestId('imaging-metadata')).toContainText('Explicit VR Little Endian');
  await axe(page, '[data-testid="imaging-viewer"]');

  // The help sheet lists the viewer's keys.
  await page.keyboard.press('F1');
  await expect(page.getByRole('table', { name: 'Visualizzatore di immagini' })).toContainText('Misura una lunghezza');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();
});

test('a truncated file is reported in Italian and the other file imports; English labels', async ({ host, app: page }) => {
  const p = await rpc<{ id: string }>(host, 'patients.create', { surname: 'Rossi', givenName: 'Mario', sex: 'M', birthDate: '1950-01-01', identifierKind: 'STP', identifier: 'STP0000000000009' });
  await page.evaluate((id) => (location.hash = `#/assistiti/${id}`), p.id);
  await openImages(page);
  const tab = page.getByTestId('imaging-tab');
  const ct = readFileSync(CT);
  const chooser = page.waitForEvent('filechooser');
  await tab.getByRole('button', { name: 'Importa file DICOM…' }).click();
  await (await chooser).setFiles([
    { name: 'CT1.dcm', mimeType: 'application/dicom', buffer: ct },
    { name: 'CT1-tagliato.dcm', mimeType: 'application/dicom', buffer: ct.subarray(0, Math.floor(ct.length / 3)) },
  ]);
  const dialog = page.getByRole('dialog', { name: 'Importa immagini' });
  await expect(dialog.getByText('Trovato 1 studio (1 oggetti DICOM).')).toBeVisible({ timeout: 60_000 });
  await expect(dialog.getByTestId('imaging-import-problems')).toContainText('CT1-tagliato.dcm: Il file DICOM è incompleto (troncato)');
  await dialog.getByRole('checkbox').first().check();
  await dialog.getByRole('button', { name: 'Importa 1 studio' }).click();
  await expect(dialog.getByText('1 oggetto aggiunto (1 studi).')).toBeVisible({ timeout: 60_000 });
  await page.keyboard.press('Escape');
  await expect(tab.getByTestId('imaging-studies').getByRole('row')).toHaveCount(2);

  // English: the same tab and viewer in the second locale.
  await page.evaluate(() => localStorage.setItem('cartella.language', 'en'));
  await page.reload();
  await openImages(page, 'Images');
  const en = page.getByTestId('imaging-tab');
  await expect(en.getByRole('heading', { name: 'Images' })).toBeVisible();
  await en.getByRole('button', { name: /^Open study/ }).click();
  const viewport = page.getByTestId('imaging-viewport');
  await drawn(viewport, 0);
  await expect(page.getByTestId('imaging-position')).toHaveText('Image 1 / 1');
  await expect(page.getByTestId('imaging-wl')).toHaveText(/^C -?[\d,]+ · W [\d,]+$/);
});

/** Distinct grey levels among the viewport canvas's pixels: an image, not a blank or black canvas. */
async function canvasLevels(viewport: Locator): Promise<number> {
  return viewport.locator('canvas').evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const levels = new Set<number>();
    for (let i = 0; i < d.length; i += 4 * 97) levels.add(d[i]! * 65536 + d[i + 1]! * 256 + d[i + 2]!);
    return levels.size;
  });
}

test('compressed files decode in the browser worker (WebAssembly codecs under the CSP): multi-frame JPEG with cine and frame keys, JPEG 2000', async ({ host, app: page }) => {
  const p = await rpc<{ id: string }>(host, 'patients.create', { surname: 'Bianchi', givenName: 'Luca', sex: 'M', birthDate: '1970-03-03', identifierKind: 'STP', identifier: 'STP0000000000010' });
  await page.evaluate((id) => (location.hash = `#/assistiti/${id}`), p.id);
  await openImages(page);
  const tab = page.getByTestId('imaging-tab');
  const chooser = page.waitForEvent('filechooser');
  await tab.getByRole('button', { name: 'Importa file DICOM…' }).click();
  await (await chooser).setFiles(['tests/fixtures/dicom/cornerstone-dicomParser/IM00001.fragmented_no_bot_jpeg_baseline.50.dcm', 'tests/fixtures/dicom/pydicom-data/MR2_J2KR.dcm']);
  const dialog = page.getByRole('dialog', { name: 'Importa immagini' });
  await expect(dialog.getByText(/^Trovati 2 studi/)).toBeVisible({ timeout: 60_000 });
  for (const box of await dialog.getByRole('checkbox').all()) await box.check();
  await dialog.getByRole('button', { name: 'Importa 2 studi' }).click();
  await expect(dialog.getByText('Immagini importate')).toBeVisible({ timeout: 60_000 });
  await page.keyboard.press('Escape');
  const rows = tab.getByTestId('imaging-studies').getByRole('row');
  await expect(rows).toHaveCount(3);

  const viewport = page.getByTestId('imaging-viewport');
  const position = page.getByTestId('imaging-position');
  // The ultrasound: 8 frames of YBR JPEG baseline (libjpeg-turbo in wasm).
  await rows.filter({ hasText: 'US' }).getByRole('button').click();
  await drawn(viewport, 0);
  expect(await canvasLevels(viewport)).toBeGreaterThan(20);
  await expect(position).toHaveText('Immagine 1 / 8 · fotogramma 1 / 8');
  await page.keyboard.press('ArrowDown');
  await drawn(viewport, 1);
  await expect(position).toHaveText('Immagine 2 / 8 · fotogramma 2 / 8');
  // Cine: Space plays (frames advance by themselves), Space stops.
  await page.keyboard.press('Space');
  await expect(viewport).not.toHaveAttribute('data-drawn-index', '1', { timeout: 10_000 });
  await page.keyboard.press('Space');
  await page.keyboard.press('Escape');

  // The MR: JPEG 2000 lossless (OpenJPEG in wasm).
  await rows.filter({ hasText: 'MR' }).getByRole('button').click();
  await drawn(viewport, 0);
  expect(await canvasLevels(viewport)).toBeGreaterThan(20);
  await expect(page.getByTestId('imaging-wl')).toHaveText(/^C -?[\d.]+ · A [\d.]+$/);
});

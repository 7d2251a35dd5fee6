/**
 * Parametri (trend charts) in Chromium, with the keyboard: the record's vital signs (typed as a
 * vitals line at past dates) and an imported LAB report's HbA1c with its reference range; a
 * chart per parameter, blood pressure as one chart of two series, the table beside it read
 * row by row with the arrow keys (the chart shows the focused point), abnormal values marked in
 * words, the range selector narrowing and widening every chart; axe-core on the tab.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { rpc } from './rpc.ts';
import { encodeCodiceFiscale } from '../../shared/domain/codice-fiscale.ts';
import { isoWithOffset } from '../../shared/format/clinical-time.ts';
import { labReportCda } from '../../shared/synthetic/history/documents.ts';

test.setTimeout(120_000);

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);
/** dd/mm/yyyy of a day, as the table prints a date-only value. */
const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The Scheda paziente's Parametri tab, reached as a doctor does: Alt+6 (the tab's key in the help sheet). */
async function openParametri(page: Page, name: 'Parametri' | 'Measurements' = 'Parametri') {
  const tabButton = page.getByRole('tab', { name });
  await expect(tabButton).toBeVisible();
  await page.keyboard.press('Alt+6');
  await expect(tabButton).toHaveAttribute('aria-selected', 'true');
}

test('Parametri: a chart and a table per parameter, read with the keyboard, abnormal values in words, the range selector, axe', async ({ host, app: page }) => {
  const person = { surname: 'Trend', givenName: 'Mario', sex: 'M' as const, birthDate: '1950-04-10' };
  const identifier = encodeCodiceFiscale({ ...person, belfiore: 'H501' });
  const patient = await rpc<{ id: string }>(host, 'patients.create', { ...person, identifierKind: 'CF', identifier });

  // Blood pressure and weight at six visits: two in the last year, four in the last five.
  const visits: Array<[number, string]> = [[30, 'PA 150/95, peso 84,5'], [200, 'PA 135/85, peso 83'], [500, 'PA 140/88, peso 82'], [1000, 'PA 130/80, peso 80'], [2200, 'PA 145/90, peso 79'], [3000, 'PA 128/82, peso 78']];
  for (const [days, text] of visits) await rpc(host, 'observations.recordVitals', { patientId: patient.id, text, at: isoWithOffset(ago(days)) });

  // An HbA1c series from a laboratory: range 4-6 %, one value flagged H by the laboratory, one above the range without a flag.
  const day = (days: number) => ago(days).toISOString().slice(0, 10);
  const hba1c = [[900, 5.8, undefined], [400, 6.5, undefined], [60, 7.2, 'H']] as const;
  const cda = labReportCda({
    id: 'TREND-LAB-1', effective: day(60), laboratory: 'Laboratorio analisi di prova', patient: { ...person, identifierKind: 'CF', identifier },
    observations: hba1c.map(([days, value, interpretation], i) => ({
      id: `TREND-HBA1C-${i}`, source: 'document', code: '4548-4', display: 'Emoglobina glicata (HbA1c)', effective: day(days), status: 'final',
      value: { type: 'quantity', value, unit: '%' }, referenceRange: { low: 4, high: 6 }, ...(interpretation ? { interpretation } : {}),
    })),
  });
  await rpc(host, 'import.apply', { patientId: patient.id, fileName: 'hba1c.xml', fileBase64: Buffer.from(cda).toString('base64') });

  await page.evaluate((id) => (location.hash = `#/assistiti/${id}`), patient.id);
  await openParametri(page);
  const tab = page.getByTestId('parametri-tab');
  await expect(tab.getByRole('heading', { name: 'Parametri' })).toBeVisible();

  // Blood pressure: one chart, two series, four visits in the default five years.
  const bp = tab.getByRole('region', { name: 'Pressione arteriosa' });
  await expect(bp.getByRole('img', { name: /^Grafico: Pressione arteriosa, 4 valori dal/ })).toBeVisible();
  await expect(bp.locator('canvas')).toHaveCount(1);
  await expect(bp.getByRole('columnheader', { name: 'Sistolica (mm[Hg])' })).toBeVisible();
  await expect(bp.getByRole('columnheader', { name: 'Diastolica (mm[Hg])' })).toBeVisible();
  await expect(bp.getByTestId('trend-table').locator('tbody tr[data-row]')).toHaveCount(4);
  await expect(tab.getByRole('region', { name: 'Peso' }).getByRole('cell', { name: '84,5 kg' })).toBeVisible();

  // HbA1c: its table with the keyboard. Tab lands on the newest row; the arrows move; the chart follows.
  const lab = tab.getByRole('region', { name: 'Emoglobina glicata (HbA1c)' });
  const rows = lab.getByTestId('trend-table').locator('tbody tr[data-row]');
  await expect(rows).toHaveCount(3);
  await expect(lab.getByRole('columnheader', { name: 'Riferimento' })).toBeVisible();
  await lab.getByRole('heading').click(); // the keyboard from the chart's title on
  await page.keyboard.press('Tab');
  await expect(rows.nth(0)).toBeFocused();
  await expect(rows.nth(0)).toContainText(dmy(day(60)));
  await expect(rows.nth(0)).toContainText('7,2 %');
  await expect(rows.nth(0)).toContainText('▲ alto');
  await expect(rows.nth(0)).toContainText('4–6');
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await expect(rows.nth(1)).toContainText('6,5 %');
  await expect(rows.nth(1)).toContainText('alto'); // above the range, no flag from the laboratory
  await expect(lab.getByTestId('trend-focused')).toHaveText(new RegExp(`^${dmy(day(400))}: 6,5 %`));
  await page.keyboard.press('End');
  await expect(rows.nth(2)).toBeFocused();
  await expect(rows.nth(2)).toContainText('5,8 %');
  await expect(rows.nth(2)).not.toContainText('alto');
  await expect(lab.getByTestId('trend-focused')).toHaveText(`${dmy(day(900))}: 5,8 % `);
  await page.keyboard.press('Home');
  await expect(rows.nth(0)).toBeFocused();
  // One tab stop for the whole table: Tab leaves it.
  await page.keyboard.press('Tab');
  await expect(rows.nth(0)).not.toBeFocused();

  // The range selector, with the keyboard: 1 anno, then Tutto.
  const range = tab.getByRole('radiogroup', { name: 'Periodo dei grafici' });
  await range.getByRole('radio', { name: '5 anni' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(range.getByRole('radio', { name: '1 anno' })).toBeChecked();
  await expect(bp.getByTestId('trend-table').locator('tbody tr[data-row]')).toHaveCount(2);
  await expect(rows).toHaveCount(1);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(range.getByRole('radio', { name: 'Tutto' })).toBeChecked();
  await expect(bp.getByTestId('trend-table').locator('tbody tr[data-row]')).toHaveCount(6);
  await expect(bp.getByRole('img', { name: /, 6 valori dal/ })).toBeVisible();

  await page.waitForTimeout(300);
  await tab.screenshot({ path: 'test-results/e2e-web-screens/trends.png' });
  const axe = await new AxeBuilder({ page }).include('[data-testid="parametri-tab"]').withTags(['wcag2a', 'wcag2aa']).analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`))).toEqual([]);
});

test('Parametri in English, and a patient with nothing recorded', async ({ host, app: page }) => {
  const person = { surname: 'Vuoto', givenName: 'Paolo', sex: 'M' as const, birthDate: '1970-01-01' };
  const patient = await rpc<{ id: string }>(host, 'patients.create', { ...person, identifierKind: 'CF', identifier: encodeCodiceFiscale({ ...person, belfiore: 'H501' }) });
  await page.evaluate((id) => (location.hash = `#/assistiti/${id}`), patient.id);
  await openParametri(page);
  await expect(page.getByTestId('parametri-tab')).toContainText('Nessun parametro registrato per questo assistito.');
  await rpc(host, 'observations.recordVitals', { patientId: patient.id, text: 'PA 120/80', at: isoWithOffset(ago(10)) });
  // The tab follows the record: the new values appear without reloading.
  await expect(page.getByTestId('parametri-tab').getByRole('region', { name: 'Pressione arteriosa' })).toBeVisible();
  await page.evaluate(() => localStorage.setItem('cartella.language', 'en'));
  await page.reload();
  await openParametri(page, 'Measurements');
  const tab = page.getByTestId('parametri-tab');
  await expect(tab.getByRole('heading', { name: 'Measurements' })).toBeVisible();
  await expect(tab.getByRole('region', { name: 'Blood pressure' }).getByRole('columnheader', { name: 'Systolic (mm[Hg])' })).toBeVisible();
  await expect(tab.getByRole('radiogroup', { name: 'Chart period' }).getByRole('radio', { name: '5 years' })).toBeChecked();
});

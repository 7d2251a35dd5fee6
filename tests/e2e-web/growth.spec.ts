/**
 * Crescita in Chromium, keyboard only (PAEDIATRICS.md §3-4): a two-year-old girl found with
 * Ctrl+K, the 24-month bilancio due in the Riepilogo, Parametri (Alt+6) opening on the growth
 * charts, a bilancio (Alt+B) where the weight typed as "12,5" shows its percentile before saving,
 * Ctrl+S, the point on the weight-for-age chart and in its table with z and percentile; axe-core,
 * 200 % zoom, English.
 */
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { rpc } from './rpc.ts';
import { loadGrowthTables } from '../../electron/services/growth/who-tables.ts';
import { growthZScores } from '../../shared/analytics/growth/index.ts';
import { encodeCodiceFiscale } from '../../shared/domain/codice-fiscale.ts';
import { addDays, localIsoDate } from '../../shared/domain/iso-date.ts';
import { formatDecimal } from '../../shared/format/decimal.ts';

test.setTimeout(120_000);

const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

async function openParametri(page: Page, name: 'Parametri' | 'Measurements' = 'Parametri') {
  const tab = page.getByRole('tab', { name });
  await expect(tab).toBeVisible();
  await page.keyboard.press('Alt+6');
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}

test('a bilancio typed with the keyboard: the weight\'s percentile live, saved, on the chart and in its table; axe, 200 % zoom, English', async ({ host, app: page }) => {
  const today = localIsoDate(new Date());
  const birthDate = addDays(today, -730);
  const person = { surname: 'Crescenzi', givenName: 'Giulia', sex: 'F' as const, birthDate };
  await rpc(host, 'patients.create', { ...person, identifierKind: 'CF', identifier: encodeCodiceFiscale({ ...person, belfiore: 'H501' }) });
  const expected = growthZScores(loadGrowthTables(), { sex: 'F', ageDays: 730, weightKg: 12.5 }).scores.wfa!;
  const percentile = `${Math.round(expected.percentile)}° percentile`;

  // Open the child as a doctor does: Ctrl+K, the surname, Enter.
  await page.keyboard.press('Control+k');
  const search = page.getByRole('dialog', { name: 'Cerca assistito' });
  await expect(search.getByRole('combobox')).toBeFocused();
  await page.keyboard.type('crescenzi');
  await expect(search.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('patient-header')).toContainText('Crescenzi Giulia');
  await expect(page.getByTestId('summary-due')).toContainText('Bilancio di salute da fare: Bilancio di 24 mesi');

  // The due item's link opens the Parametri tab, where the growth charts are.
  const due = page.getByTestId('summary-due').getByRole('listitem').filter({ hasText: 'Bilancio di 24 mesi' }).getByRole('link', { name: 'Apri' });
  await due.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Parametri' })).toHaveAttribute('aria-selected', 'true');
  const growth = page.getByTestId('growth-view');
  await expect(growth.getByRole('heading', { name: 'Crescita' })).toBeVisible();
  await expect(growth.getByTestId('bilanci-table').getByRole('row', { name: /Bilancio di 24 mesi/ })).toContainText('da fare');
  const wfa = growth.getByRole('region', { name: 'Peso per età' });
  await expect(wfa.getByTestId('growth-reference')).toHaveText('Riferimento: OMS 2006 (standard di crescita 0-5 anni)');
  await expect(wfa.getByRole('img', { name: /Grafico Peso per età, OMS 2006.*percentili 3, 15, 50, 85, 97 e 0 misure/ })).toBeVisible();

  // The bilancio: Alt+B, the date as typed (dd/mm/yyyy), the visit proposed, the weight "12,5".
  await page.keyboard.press('Alt+b');
  const form = page.getByRole('dialog', { name: 'Bilancio di salute' });
  await expect(form).toBeVisible();
  const date = form.getByRole('textbox', { name: 'Data del bilancio' });
  await expect(date).toBeFocused();
  await page.keyboard.press('Control+a');
  await page.keyboard.type(dmy(today));
  await expect(form.getByRole('combobox', { name: 'Bilancio del calendario' })).toHaveValue('Bilancio di 24 mesi');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(form.getByRole('textbox', { name: 'Peso' })).toBeFocused();
  await page.keyboard.type('12,5');
  // The percentile at once, before anything is saved.
  const z = `${expected.z > 0 ? '+' : expected.z < 0 ? '−' : ''}${formatDecimal(Math.abs(expected.z), 2)}`;
  await expect(form.getByTestId('live-wfa')).toHaveText(`${percentile} (z ${z})`);
  expect((await rpc<{ points: unknown[] }>(host, 'growth.points', { patientId: await patientId(page) })).points).toEqual([]);
  await page.keyboard.press('Control+s');
  await expect(form).toBeHidden();

  // The point on the chart and in the table beside it; the bilancio done.
  await expect(wfa.getByTestId('growth-chart')).toHaveAttribute('data-points', '1');
  const rows = wfa.getByTestId('growth-table').locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(dmy(today));
  await expect(rows.first()).toContainText('2 anni');
  await expect(rows.first()).toContainText('12,5 kg');
  await expect(rows.first()).toContainText(percentile);
  await expect(growth.getByTestId('bilanci-table').getByRole('row', { name: /Bilancio di 24 mesi/ })).toContainText('fatto');
  // The table is one tab stop, from the chart's heading on.
  await wfa.getByRole('heading', { name: 'Peso per età' }).click();
  await page.keyboard.press('Tab');
  await expect(rows.first()).toBeFocused();
  await expect(wfa.getByTestId('growth-focused')).toHaveCount(1);

  await page.waitForTimeout(200);
  await growth.screenshot({ path: 'test-results/e2e-web-screens/growth.png' });
  const axe = await new AxeBuilder({ page }).include('[data-testid="growth-view"]').withTags(['wcag2a', 'wcag2aa']).analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`))).toEqual([]);

  // 200 % zoom of a 1280 px window: the chart and its table still fit the width.
  await page.setViewportSize({ width: 640, height: 400 });
  await wfa.scrollIntoViewIfNeeded();
  const box = await wfa.getByTestId('growth-chart').boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= 640).toBe(true);
  await expect(rows.first()).toContainText('12,5 kg');
  await page.setViewportSize({ width: 1280, height: 800 });

  // English: the same charts speak English.
  await page.evaluate(() => localStorage.setItem('cartella.language', 'en'));
  await page.reload();
  await expect(page.getByTestId('patient-header')).toContainText('Crescenzi Giulia');
  await openParametri(page, 'Measurements');
  const en = page.getByTestId('growth-view').getByRole('region', { name: 'Weight-for-age' });
  await expect(en.getByTestId('growth-reference')).toHaveText('Reference: WHO 2006 (growth standards 0-5 years)');
  await expect(en.getByTestId('growth-table').locator('tbody tr').first()).toContainText(`percentile ${Math.round(expected.percentile)}`);
  await page.evaluate(() => localStorage.setItem('cartella.language', 'it'));
});

async function patientId(page: Page): Promise<string> {
  return page.evaluate(() => decodeURIComponent(location.hash.split('/')[2] ?? ''));
}

test('Impostazioni: the region\'s schedule of bilanci loaded from its file, a wrong file refused in Italian, back to the default', async ({ app: page }) => {
  await page.evaluate(() => (location.hash = '#/impostazioni/generale'));
  const section = page.getByRole('region', { name: 'Calendario dei bilanci di salute' });
  await expect(section).toContainText('In uso il calendario predefinito: Marche (ASL 3)');
  await expect(section.getByRole('row', { name: /Bilancio di 24 mesi/ })).toBeVisible();

  const schedule = JSON.parse(readFileSync(new URL('../../resources/bilanci-salute/marche-asl3.json', import.meta.url), 'utf8')) as { visits: Array<{ id: string; label: { it: string } }> };
  const custom = { ...schedule, id: 'regione-prova', region: 'Regione di prova', visits: schedule.visits.slice(0, 2) };
  const choose = async (name: string, text: string) => {
    const load = section.getByRole('button', { name: 'Carica il calendario della regione…' });
    await load.focus();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Enter')]);
    await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  };
  await choose('rotto.json', '{"format": "cartella-bilanci-schedule/1"');
  await expect(section.getByRole('alert')).toHaveText('Il file non è un JSON leggibile.');
  await choose('prova.json', JSON.stringify(custom));
  await expect(section).toContainText('In uso il calendario della regione: Regione di prova');
  await expect(section.getByRole('row')).toHaveCount(3); // header + 2 visits
  const restore = section.getByRole('button', { name: 'Torna al calendario predefinito' });
  await restore.focus();
  await page.keyboard.press('Enter');
  await expect(section).toContainText('In uso il calendario predefinito: Marche (ASL 3)');
});

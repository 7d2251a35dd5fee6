/**
 * The smaller first-hour defects, each as the doctor meets it: Impostazioni in sections with a
 * sub-navigation; regions sorted by code; the Firma file picker speaks Italian; the patient's
 * choices in the interface's language; a toddler's age in years and months; C on a row of
 * Compilazione massiva already confirmed says so.
 */
import { encodeCodiceFiscale } from '../../shared/domain/codice-fiscale.ts';
import { expect, testWithOwnHost as test } from './fixtures.ts';
import { rpc } from './rpc.ts';

test.describe.configure({ timeout: 180_000 });

const sub = (page: import('@playwright/test').Page) => page.getByRole('navigation', { name: 'Sezioni delle impostazioni' });

test('Impostazioni: a sub-navigation, one section at a time; regions sorted 010 … 200', async ({ app: page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByRole('navigation', { name: 'Navigazione principale' }).getByRole('link', { name: 'Impostazioni' }).click();
  for (const name of ['Generale', 'Medico e struttura', 'Firma digitale', 'Certificati del gateway', 'Gateway FSE']) {
    await sub(page).getByRole('link', { name }).click();
    await expect(sub(page).getByRole('link', { name })).toHaveAttribute('aria-current', 'page');
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height, `${name}: no 3,600 px page`).toBeLessThan(2000);
  }
  await sub(page).getByRole('link', { name: 'Medico e struttura' }).click();
  const codes = await page.getByLabel(/^Regione/).locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  expect(codes.length).toBeGreaterThan(15);
  expect(codes).toEqual([...codes].sort());
  expect(codes[0]).toBe('010');
});

test('Firma: the file picker is our button in Italian, not the browser\'s "Choose Files"', async ({ app: page }) => {
  await page.evaluate(() => (location.hash = '#/firma'));
  await expect(page.getByRole('button', { name: 'Scegli i file…' })).toBeVisible();
  await expect(page.locator('#sign-files')).toBeHidden();
  await expect(page.locator('#verify-file')).toBeHidden();
});

test('ages under six in years and months; the patient\'s consent in English reads "yes"; C on a confirmed row says it is already confirmed', async ({ app: page, host }) => {
  const birth = new Date();
  birth.setMonth(birth.getMonth() - 29);
  birth.setDate(birth.getDate() - 3);
  const birthDate = birth.toISOString().slice(0, 10);
  const identifier = encodeCodiceFiscale({ surname: 'Piccola', givenName: 'Sara', birthDate, sex: 'F', belfiore: 'H501' });
  const p = await rpc<{ id: string }>(host, 'patients.create', { surname: 'Piccola', givenName: 'Sara', sex: 'F', birthDate, identifierKind: 'CF', identifier });
  for (const [key, value] of [['noProblems', 'no-known-problems'], ['noAllergies', 'no-known-allergies'], ['noMedications', 'no-known-medications']] as const) {
    await rpc(host, 'record.setStatement', { patientId: p.id, key, value });
  }
  await page.evaluate((id) => (location.hash = `#/assistiti/${id}`), p.id);
  await expect(page.getByTestId('patient-age')).toContainText('2 anni e 5 mesi');

  // C twice on the same row: the second says it is already confirmed.
  await page.evaluate(() => (location.hash = '#/pss'));
  await page.getByRole('button', { name: 'Genera bozze' }).click();
  // Other specs may share this host: pick this patient's row (a click makes it the current one).
  const row = page.getByTestId('bulk-row').filter({ hasText: 'Piccola Sara' });
  await expect(row).toHaveCount(1, { timeout: 60_000 });
  await row.click();
  await expect(row).toBeFocused();
  await page.keyboard.press('c');
  await expect(row).toContainText('confermato');
  await row.click();
  await expect(row).toBeFocused();
  await page.keyboard.press('c');
  await expect(page.getByTestId('bulk-notice')).toHaveText('Piccola Sara: già confermato, niente da confermare.');
  await expect(page.getByRole('alert')).toHaveCount(0);

  await page.evaluate(() => localStorage.setItem('cartella.language', 'en'));
  await page.evaluate((id) => (location.hash = `#/assistiti/${id}/pss`), p.id);
  await page.reload();
  await expect(page.getByTestId('pss-metadata')).toContainText('yes', { timeout: 60_000 });
  await expect(page.getByTestId('pss-metadata')).not.toContainText('sì');
  await page.evaluate(() => localStorage.setItem('cartella.language', 'it'));
});

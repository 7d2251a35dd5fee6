/**
 * Vaccinazioni in Chromium, keyboard only: a child's calendar (PNPV 2023-2025) with the
 * hexavalent first dose overdue; a vaccination recorded from the ATC J07 picker with the date
 * typed 15/03/2024 and Ctrl+S; the calendar shows the dose done on that date and the list the
 * child's age at it; the worklist of overdue children; axe-core on the tab, the window and the
 * worklist; no pregnancies offered in the child's PSS; once in English.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { encodeCodiceFiscale } from '../../shared/domain/codice-fiscale.ts';
import { expect, testWithOwnHost as test } from './fixtures.ts';
import { rpc } from './rpc.ts';

test.use({ bypassCSP: true });
test.setTimeout(120_000);

async function axe(page: Page, selector: string) {
  await page.waitForTimeout(200);
  const r = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary ?? ''}`)), `axe on ${selector}`).toEqual([]);
}

test('record a vaccination for a child with the keyboard: the calendar updates; the overdue worklist; English once', async ({ host, app: page }) => {
  const birthDate = '2023-12-01';
  const identifier = encodeCodiceFiscale({ surname: 'Piccoli', givenName: 'Sofia', birthDate, sex: 'F', belfiore: 'H501' });
  const p = await rpc<{ id: string }>(host, 'patients.create', {
    surname: 'Piccoli', givenName: 'Sofia', sex: 'F', birthDate, identifierKind: 'CF', identifier,
    guardian: { name: 'Marta Piccoli', relation: 'MTH', phone: '333 1234567' },
  });
  await page.evaluate((id) => (location.hash = `#/assistiti/${id}`), p.id);
  await expect(page.getByTestId('patient-header')).toContainText('Piccoli Sofia');
  await expect(page.getByText('Marta Piccoli')).toBeVisible();
  await page.keyboard.press('Alt+5');
  await expect(page.getByRole('tab', { name: 'Vaccinazioni' })).toHaveAttribute('aria-selected', 'true');
  const calendar = page.getByTestId('vaccination-calendar');
  const hexa1 = calendar.locator('tr[data-series="hexavalent"][data-dose="1"]');
  await expect(hexa1).toHaveAttribute('data-status', 'overdue');
  await expect(hexa1).toContainText('In ritardo');
  // Nothing recorded yet: the certificato has nothing to carry.
  await expect(page.getByRole('button', { name: 'Firma e invia certificato' })).toBeDisabled();
  await axe(page, '[role="tabpanel"]');

  // The worklist names her (nothing given yet).
  await page.evaluate(() => (location.hash = '#/vaccinazioni'));
  await expect(page.getByRole('heading', { name: 'Bambini con vaccinazioni in ritardo' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Apri le vaccinazioni di Piccoli Sofia' })).toBeVisible();
  await axe(page, 'main');
  // Its link opens the Vaccinazioni tab.
  await page.getByRole('link', { name: 'Apri le vaccinazioni di Piccoli Sofia' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Vaccinazioni' })).toHaveAttribute('aria-selected', 'true');

  // Record the first hexavalent dose: the picker offers only vaccines (ATC J07).
  await page.getByRole('button', { name: 'Registra vaccinazione' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: /Vaccinazioni/ });
  await expect(dialog.getByRole('combobox', { name: 'Vaccino (ATC J07)' })).toBeFocused();
  await page.keyboard.type('esavalente');
  await expect(page.getByRole('option', { name: /^J07CA09 — / })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('combobox', { name: 'Vaccino (ATC J07)' })).toHaveValue(/^J07CA09 — /);
  await dialog.getByLabel(/^Data/).focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('15/03/2024');
  await page.keyboard.press('Tab');
  await page.keyboard.type('1');
  await page.keyboard.press('Tab');
  await page.keyboard.type('AB123');
  await axe(page, '[role="dialog"]');
  await page.keyboard.press('Control+s');
  await expect(dialog).toBeHidden();

  await expect(hexa1).toHaveAttribute('data-status', 'done');
  await expect(hexa1).toContainText('Eseguita');
  await expect(hexa1).toContainText('il 15/03/2024');
  const list = page.getByTestId('list-vaccinations');
  await expect(list).toContainText('15/03/2024');
  await expect(list).toContainText('a 3 mesi');
  await expect(list).toContainText('Difterite');
  const stored = await rpc<{ record: { vaccinations: Array<{ date: string; doseNumber: number; lot: string; atc: { code: string } }> } }>(host, 'record.get', { patientId: p.id });
  expect(stored.record.vaccinations).toMatchObject([{ date: '2024-03-15', doseNumber: 1, lot: 'AB123', atc: { code: 'J07CA09' } }]);

  // Sections that do not apply are not offered: no pregnancies in a 3-year-old's PSS.
  await page.evaluate((id) => (location.hash = `#/assistiti/${id}/pss`), p.id);
  await expect(page.getByRole('heading', { name: 'Profilo Sanitario Sintetico', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Aggiungi a Vaccinazioni' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Aggiungi a Gravidanze/ })).toHaveCount(0);

  // Once in English.
  await page.evaluate(() => localStorage.setItem('cartella.language', 'en'));
  await page.reload();
  await page.evaluate((id) => (location.hash = `#/assistiti/${id}/vaccinazioni`), p.id);
  await expect(page.getByRole('heading', { name: 'Vaccination calendar' })).toBeVisible();
  await expect(page.getByTestId('vaccination-calendar').locator('tr[data-series="hexavalent"][data-dose="1"]')).toContainText('Done');
  await expect(page.getByTestId('list-vaccinations')).toContainText('at 3 months');
  await page.evaluate(() => localStorage.setItem('cartella.language', 'it'));
});

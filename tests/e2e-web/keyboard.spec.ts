/** Keyboard first (UX.md): Ctrl+K opens patient search anywhere, arrows + Enter open, Esc backs out, F1 helps. */
import { expect, test } from './fixtures.ts';
import { encodeCodiceFiscale } from '../../shared/domain/codice-fiscale.ts';
import { rpc } from './rpc.ts';

test('Ctrl+K, type, arrow + Enter opens the Scheda paziente; Esc goes back; F1 shows the shortcuts', async ({ host, app: page }) => {
  for (const [surname, givenName] of [
    ['Bellini', 'Anna'],
    ['Bellino', 'Carlo'],
  ] as const) {
    const sex = givenName === 'Anna' ? 'F' : 'M';
    const birthDate = '1970-05-20';
    const identifier = encodeCodiceFiscale({ surname, givenName, birthDate, sex, belfiore: 'L219' });
    await rpc(host, 'patients.create', { surname, givenName, sex, birthDate, identifierKind: 'CF', identifier });
  }

  // From the settings page, to show it works from anywhere.
  await page.getByRole('link', { name: 'Impostazioni' }).click();
  await expect(page.getByRole('heading', { name: 'Impostazioni' })).toBeVisible();

  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog', { name: 'Cerca assistito' });
  await expect(dialog).toBeVisible();
  const input = dialog.getByRole('combobox', { name: 'Cognome, nome o codice fiscale' });
  await expect(input).toBeFocused();
  await page.keyboard.type('bellin');
  await expect(dialog.getByRole('option')).toHaveCount(2);
  await expect(dialog.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(dialog.getByRole('option', { name: /Bellino Carlo/ })).toHaveAttribute('aria-selected', 'true');
  await page.screenshot({ path: 'test-results/e2e-web-screens/ricerca.png' });
  await page.keyboard.press('Enter');

  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('patient-header')).toContainText('Bellino Carlo');

  // Esc backs out of the record to Assistiti.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: 'Assistiti' })).toBeVisible();

  // In the list: arrows move the active row, Enter opens it.
  await page.getByRole('searchbox', { name: 'Cerca tra gli assistiti' }).fill('bellin');
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(3); // header + 2
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('patient-header')).toContainText('Bellini Anna');

  // F1: the help sheet; Esc closes it and stays on the page.
  await page.keyboard.press('F1');
  const help = page.getByRole('dialog', { name: 'Scorciatoie da tastiera' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Cerca un assistito');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(page.getByTestId('patient-header')).toContainText('Bellini Anna');

  // "?" too, when not typing in a field.
  await page.getByTestId('patient-header').click();
  await page.keyboard.press('?');
  await expect(help).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // Typing fast and pressing Enter at once opens the match for the whole text, not a row of an older search.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('bellino c');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('patient-header')).toContainText('Bellino Carlo');
});

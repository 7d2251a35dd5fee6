/** Italian by default; the switch in Impostazioni shows English labels, and the choice is kept. */
import { expect, test } from './fixtures.ts';

test('the language switch shows English labels', async ({ app: page }) => {
  await expect(page.getByRole('button', { name: 'Nuovo assistito' })).toBeVisible();
  await page.getByRole('link', { name: 'Impostazioni' }).click();
  await page.getByText('English', { exact: true }).click();

  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page.getByText('Interface language')).toBeVisible();
  await page.getByRole('link', { name: 'Patients' }).click();
  await expect(page.getByRole('heading', { name: 'Patients' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'New patient' })).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Search patients' })).toBeVisible();
  await page.getByRole('button', { name: 'New patient' }).click();
  await expect(page.getByRole('heading', { name: 'New patient' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Surname' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Date of birth' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Female' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e-web-screens/form-en.png' });
  await page.keyboard.press('Escape');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Patients' })).toBeVisible();
  await expect(page.getByTestId('connection-state')).toHaveText('Connected');
});

/**
 * The feature pages load as chunks of their own (renderer/src/app/lazy-pages.ts): while one is
 * still on its way the shell answers the keyboard, after a second a progress label shows, and a
 * chunk that cannot be fetched offers a reload instead of a blank window.
 */
import type { Page, Route } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/** Holds back every request for the Impostazioni page's chunk until the returned function is called. */
async function holdSettingsChunk(page: Page, answer: (route: Route) => Promise<void> = (r) => r.continue()): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  await page.route(/\/assets\/SettingsPage-[^/]+\.js$/, async (route) => {
    await released;
    await answer(route);
  });
  return release;
}

test('the shortcuts work while a page chunk is loading, and a late chunk shows its progress', async ({ app: page }) => {
  // A fresh page load, so the chunk is not already in memory from the background preload.
  const release = await holdSettingsChunk(page);
  await page.goto(`${new URL(page.url()).origin}/#/impostazioni`);
  await expect(page.getByRole('status').filter({ hasText: 'Caricamento della pagina…' })).toBeVisible();

  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog', { name: 'Cerca assistito' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('combobox', { name: 'Cognome, nome o codice fiscale' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Impostazioni' }), 'the chunk is still held back').toHaveCount(0);

  release();
  await expect(page.getByRole('heading', { name: 'Impostazioni' })).toBeVisible();
  await expect(page.getByText('Caricamento della pagina…')).toHaveCount(0);
});

test('a page chunk that cannot be fetched offers a reload', async ({ app: page }) => {
  const release = await holdSettingsChunk(page, (r) => r.abort('connectionfailed'));
  release();
  // The failed module import is reported to the console only; the page itself stays usable.
  await page.goto(`${new URL(page.url()).origin}/#/impostazioni`);
  await expect(page.getByRole('alert').filter({ hasText: 'La pagina non si è caricata' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ricarica' })).toBeVisible();
  // Another page clears the failure.
  await page.getByRole('link', { name: 'Assistiti' }).click();
  await expect(page.getByRole('heading', { name: 'Assistiti' })).toBeVisible();
  await expect(page.getByText('La pagina non si è caricata')).toHaveCount(0);
});

/**
 * Signing in the node host (sandbox: the SoftHSM test token is created in the
 * test's temporary data folder), sign three documents through the UI with one PIN entry, see
 * the progress and three signed results that verify as valid; a wrong PIN shows the Italian
 * message with the card's state, and nothing is retried.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { repo } from './node-host.ts';

const PDF = readFileSync(path.join(repo, 'tests/fixtures/signing/LAB_OK.pdf'));
const SHOTS = 'test-results/e2e-web-screens';

/** Counts the signing.signFiles calls the page sends (the PIN travels only in those). */
function watchSignCalls(page: Page): { count(): number; pins(): string[] } {
  const pins: string[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', (f) => {
      const text = String(f.payload);
      if (!text.includes('"signing.signFiles"')) return;
      const m = /"pin":"([^"]*)"/.exec(text);
      pins.push(m?.[1] ?? '');
    }),
  );
  return { count: () => pins.length, pins: () => [...pins] };
}

async function openSigning(page: Page) {
  await page.getByRole('navigation', { name: 'Navigazione principale' }).getByRole('link', { name: 'Firma' }).click();
  await expect(page.getByRole('heading', { name: 'Firma e verifica file' })).toBeVisible();
  await page.locator('#sign-files').setInputFiles([
    { name: 'referto-laboratorio.pdf', mimeType: 'application/pdf', buffer: PDF },
    { name: 'certificato.pdf', mimeType: 'application/pdf', buffer: PDF },
    { name: 'nota-clinica.txt', mimeType: 'text/plain', buffer: Buffer.from('Nota clinica di prova: paziente fittizio.\n') },
  ]);
  const toSign = page.getByTestId('to-sign');
  await expect(toSign.getByRole('row')).toHaveCount(3);
  await expect(toSign).toContainText('PAdES (PDF)');
  await expect(toSign).toContainText('CAdES (.p7m)');
  await page.getByRole('button', { name: 'Firma 3 file' }).click();
  const dialog = page.getByRole('dialog', { name: 'Firma' });
  // The token and certificate are named before the PIN is asked (token created on first use: allow time).
  await expect(dialog.getByTestId('sign-token')).toContainText('CARTELLA-RSA', { timeout: 45_000 });
  await expect(dialog.getByTestId('sign-token')).toContainText('ROSSI MARIO');
  await expect(dialog.getByTestId('sign-token')).toContainText('RSSMRA80A01H501U');
  await expect(dialog.getByTestId('sign-documents').getByRole('listitem')).toHaveCount(3);
  return dialog;
}

test('signs three documents with one PIN entry, with progress, and they verify as valid', async ({ app: page }) => {
  test.setTimeout(120_000);
  const calls = watchSignCalls(page);
  await page.reload();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'open');

  const dialog = await openSigning(page);
  await expect(dialog.getByTestId('pin-state')).toHaveText('PIN disponibile');
  const pin = dialog.getByLabel('PIN della smart card');
  await expect(pin).toHaveAttribute('type', 'password');
  await expect(pin).toBeFocused();
  await page.screenshot({ path: `${SHOTS}/firma-dialogo.png` });
  await pin.fill('12345678');
  await pin.press('Enter');

  await expect(dialog.getByTestId('sign-progress-text')).toHaveText('Firmati 3 di 3', { timeout: 30_000 });
  await expect(dialog.getByTestId('sign-progress')).toBeVisible();
  const results = dialog.getByTestId('sign-results');
  await expect(results.getByRole('row')).toHaveCount(3);
  await expect(results.getByText('Firmato', { exact: true })).toHaveCount(3);
  await expect(dialog.getByRole('status').filter({ hasText: '3 di 3 file firmati' })).toContainText('Firmato da ROSSI MARIO');
  await page.screenshot({ path: `${SHOTS}/firma-esito.png` });
  expect(calls.count(), 'one signing call: one PIN entry for the batch').toBe(1);
  await dialog.getByRole('button', { name: 'Chiudi' }).last().click();
  await expect(dialog).toBeHidden();

  // Download the three signed files and verify each in the app.
  const signed = page.getByTestId('signed-files');
  await expect(signed.getByRole('row')).toHaveCount(3);
  for (const name of ['referto-laboratorio-firmato.pdf', 'certificato-firmato.pdf', 'nota-clinica.txt.p7m']) {
    const downloading = page.waitForEvent('download');
    await signed.getByRole('button', { name: `Scarica ${name}` }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(name);
    const file = await download.path();
    await page.locator('#verify-file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: readFileSync(file) });
    const verdict = page.getByTestId('verdict');
    await expect(verdict).toHaveAttribute('data-status', 'VALID');
    await expect(verdict).toContainText('Firma valida');
    await expect(verdict).toContainText(name);
    await expect(verdict).toContainText('RSSMRA80A01H501U');
  }
  await page.getByTestId('verdict').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/verifica-valida.png`, fullPage: true });
});

test('a wrong PIN shows the Italian message and the card state; nothing is retried', async ({ app: page }) => {
  test.setTimeout(90_000);
  const calls = watchSignCalls(page);
  await page.reload();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'open');

  const dialog = await openSigning(page);
  const pin = dialog.getByLabel('PIN della smart card');
  await pin.fill('00000000');
  await dialog.getByRole('button', { name: 'Firma', exact: true }).click();
  // The message says how many tries remain, as far as the card tells (count-low: "few").
  await expect(dialog.getByText('PIN errato: la carta non è stata sbloccata. Restano pochi tentativi prima del blocco (la carta non dice quanti).')).toBeVisible();
  await expect(dialog.getByTestId('pin-state')).toHaveText('Pochi tentativi rimasti');
  await expect(dialog.getByText('La carta segnala che è stato inserito un PIN errato')).toBeVisible();
  await expect(pin).toHaveValue('');
  await expect(pin).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByTestId('sign-results')).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/firma-pin-errato.png` });
  // Nothing is retried on its own: still one call after a while.
  await page.waitForTimeout(1500);
  expect(calls.pins()).toEqual(['00000000']);

  // The right PIN afterwards: a new, explicit attempt by the user signs the batch.
  await pin.fill('12345678');
  await pin.press('Enter');
  await expect(dialog.getByTestId('sign-results').getByText('Firmato', { exact: true })).toHaveCount(3, { timeout: 30_000 });
  await expect(dialog.getByTestId('pin-state')).toHaveText('PIN disponibile');
  expect(calls.count()).toBe(2);
});

test('Impostazioni → Firma digitale shows the sandbox token, its PIN state and the certificates in Italian', async ({ app: page }) => {
  await page.getByRole('navigation', { name: 'Navigazione principale' }).getByRole('link', { name: 'Impostazioni' }).click();
  await page.getByRole('navigation', { name: 'Sezioni delle impostazioni' }).getByRole('link', { name: 'Firma digitale' }).click();
  const section = page.getByTestId('signing-settings');
  await expect(section.getByRole('heading', { name: 'Firma digitale' })).toBeVisible();
  await expect(section.getByText("Token di prova dell'ambiente di prova")).toBeVisible({ timeout: 45_000 });
  await expect(section.getByTestId('token-list')).toContainText('CARTELLA-RSA');
  await expect(section.getByRole('radio', { name: 'Scegli CARTELLA-RSA' })).toBeChecked();
  const signature = section.locator('[data-testid="certificate"][data-role="signature"]');
  await expect(signature).toContainText('Certificato di firma');
  await expect(signature).toContainText('RSSMRA80A01H501U');
  await expect(signature).toContainText('non ripudio');
  await expect(signature).toContainText('Certificato scelto');
  await expect(section.locator('[data-testid="certificate"][data-role="authentication"]')).toContainText('Autenticazione (CNS)');
  await section.getByRole('button', { name: 'Cerca automaticamente' }).click();
  await expect(section.getByText(/Librerie trovate|Nessuna libreria trovata/)).toBeVisible();
  await section.getByRole('button', { name: 'Salva' }).click();
  await expect(section.getByRole('status').filter({ hasText: 'Configurazione della firma salvata.' })).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/impostazioni-firma.png`, fullPage: true });
});

test('the final try (as reported by the card) needs an explicit confirmation before any login', async ({ app: page }) => {
  test.setTimeout(90_000);
  // SoftHSM2 never reports CKF_USER_PIN_FINAL_TRY: the page's socket goes through a route that
  // shows the token's status as "final try"; everything else reaches the real node host.
  const signCalls: { confirmFinalTry?: boolean }[] = [];
  await page.routeWebSocket(/\/rpc$/, (ws) => {
    const server = ws.connectToServer();
    const methods = new Map<number, string>();
    ws.onMessage((m) => {
      const req = JSON.parse(String(m)) as { id?: number; method?: string; params?: { confirmFinalTry?: boolean } };
      if (req.id !== undefined && req.method) methods.set(req.id, req.method);
      if (req.method === 'signing.signFiles') signCalls.push({ confirmFinalTry: req.params?.confirmFinalTry });
      server.send(m);
    });
    server.onMessage((m) => {
      const res = JSON.parse(String(m)) as { id?: number; result?: { pinTriesState?: string; pin?: Record<string, boolean> } };
      if (res.id !== undefined && methods.get(res.id) === 'signing.tokenStatus' && res.result) {
        res.result.pinTriesState = 'final-try';
        res.result.pin = { ...res.result.pin, finalTry: true };
        ws.send(JSON.stringify(res));
        return;
      }
      ws.send(m);
    });
  });
  await page.reload();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'open');

  const dialog = await openSigning(page);
  await expect(dialog.getByTestId('pin-state')).toHaveText('Ultimo tentativo');
  await expect(dialog.getByText('Resta un solo tentativo: se il PIN è errato la carta si blocca')).toBeVisible();
  const pin = dialog.getByLabel('PIN della smart card');
  await pin.fill('12345678');
  await pin.press('Enter');
  const confirm = dialog.getByRole('alertdialog', { name: 'Ultimo tentativo' });
  await expect(confirm).toContainText("È l'ultimo tentativo: se il PIN è errato la carta si blocca.");
  await page.screenshot({ path: `${SHOTS}/firma-ultimo-tentativo.png` });
  await page.waitForTimeout(500);
  expect(signCalls, 'no login before the confirmation').toEqual([]);
  await confirm.getByRole('button', { name: 'Ho capito, firma' }).click();
  await expect(dialog.getByTestId('sign-results').getByText('Firmato', { exact: true })).toHaveCount(3, { timeout: 30_000 });
  expect(signCalls).toEqual([{ confirmFinalTry: true }]);
});

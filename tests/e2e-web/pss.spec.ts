/**
 * The PSS through the UI (node host, Chromium): a synthetic patient's PSS validates with zero
 * errors; an allergy added with the coded type-ahead keeps it valid; an invalid period shows
 * its issue on the entry it concerns and "Vai al campo" jumps there; two patients of the bulk
 * queue are reviewed with the keyboard (C conferma, S salta) and the confirmed one is signed
 * with one PIN (sandbox token) and queued in the outbox.
 */
import type { Page } from '@playwright/test';
import { ENTRY_SCHEMAS, type EntrySection } from '../../shared/api/record.ts';
import { seededRandom } from '../../shared/random.ts';
import { syntheticClinicalRecord } from '../../shared/synthetic/clinical-record.ts';
import { syntheticPatients } from '../../shared/synthetic/patients.ts';
import { expect, test } from './fixtures.ts';
import { startHost, type RunningHost } from './node-host.ts';
import { rpc } from './rpc.ts';

const SHOTS = 'test-results/e2e-web-screens';

test.describe.configure({ timeout: 180_000 });

async function seed(host: Parameters<typeof rpc>[0]): Promise<string[]> {
  const ids: string[] = [];
  const today = new Date().toISOString().slice(0, 10);
  for (const [n, p] of syntheticPatients({ count: 2, seed: 404 }).entries()) {
    const created = await rpc<{ id: string }>(host, 'patients.create', p);
    ids.push(created.id);
    const record = syntheticClinicalRecord(p, seededRandom(10 + n), today, 1);
    for (const section of Object.keys(ENTRY_SCHEMAS) as EntrySection[]) {
      for (const entry of record[section] ?? []) await rpc(host, 'record.upsertEntry', { patientId: created.id, section, entry });
    }
    for (const key of ['noProblems', 'noAllergies', 'noMedications', 'organDonation'] as const) {
      if (record[key] !== undefined) await rpc(host, 'record.setStatement', { patientId: created.id, key, value: record[key] });
    }
  }
  return ids;
}

async function validated(page: Page, errors: RegExp) {
  await expect(page.getByTestId('pss-validation-summary')).toHaveText(errors, { timeout: 30_000 });
}

test('PSS editor: coded allergy, 0 errors, issue on its field; bulk review with the keyboard', async ({ page }) => {
  // A host of its own: the bulk queue must hold exactly this test's two patients.
  const host = await startHost();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  try {
    await run(page, host);
  } finally {
    await host.stop();
  }
  expect(problems, 'no CSP violations or page errors').toEqual([]);
});

async function run(page: Page, host: RunningHost) {
  const [first] = await seed(host);
  await page.goto(host.loginUrl);
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'open');
  await page.evaluate((id) => (location.hash = `#/assistiti/${id}`), first!);
  await page.getByRole('link', { name: 'Profilo Sanitario Sintetico' }).click();
  await expect(page.getByRole('heading', { name: 'Profilo Sanitario Sintetico', level: 1 })).toBeVisible();
  await validated(page, /^0 errori/);
  await expect(page.getByTestId('pss-pdf')).toHaveAttribute('src', /^blob:/);

  // Add an allergy with the coded picker.
  await page.getByRole('button', { name: 'Aggiungi a Allergie e intolleranze' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^Agente \(codice\)/).fill('amoxi');
  await page.getByRole('option', { name: 'J01CA04 — AMOXICILLINA', exact: true }).click();
  await dialog.getByLabel('Inizio (gg/mm/aaaa)').fill('2020-03');
  await dialog.getByRole('button', { name: 'Salva voce' }).click();
  await expect(dialog).toHaveCount(0);
  const row = page.locator('[data-field^="allergies."]').filter({ hasText: 'AMOXICILLINA (J01CA04)' });
  await expect(row).toHaveCount(1);
  await validated(page, /^0 errori/);
  await page.screenshot({ path: `${SHOTS}/pss-editor-valid.png`, fullPage: true });

  // A procedure from the ICD-9-CM procedure table.
  await page.getByRole('button', { name: 'Aggiungi a Trattamenti e procedure' }).click();
  await dialog.getByLabel(/^Procedura \(ICD-9-CM\)/).fill('altra appendectomia');
  await page.getByRole('option', { name: '47.09 — Altra appendectomia', exact: true }).click();
  await dialog.getByLabel(/^Inizio \(gg\/mm\/aaaa/).fill('2001-05');
  await dialog.getByRole('button', { name: 'Salva voce' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('[data-field^="procedures."]').filter({ hasText: 'Altra appendectomia (47.09)' })).toHaveCount(1);
  await validated(page, /^0 errori/);

  // Make it invalid: resolved before it started. The issue appears on that entry.
  await row.getByRole('button', { name: /^Modifica/ }).click();
  await dialog.getByLabel(/^Stato/).click();
  await page.getByRole('option', { name: 'Risolto' }).click();
  await dialog.getByLabel('Risoluzione (gg/mm/aaaa)').fill('2019-01');
  await dialog.getByRole('button', { name: 'Salva voce' }).click();
  await validated(page, /^[1-9]\d* errori/);
  await expect(row.getByTestId('field-issue')).toContainText('la data di fine precede quella di inizio');
  await page.getByTestId('pss-issues').getByRole('button', { name: 'Vai al campo' }).first().click();
  await expect(row).toBeFocused();
  await page.screenshot({ path: `${SHOTS}/pss-editor-issue.png`, fullPage: true });

  // Remove it again: valid.
  await row.getByRole('button', { name: /^Rimuovi/ }).click();
  await expect(row).toHaveCount(0);
  await validated(page, /^0 errori/);

  // Bulk: both patients in the queue; C confirms the first, S skips the second.
  await page.getByRole('navigation', { name: 'Navigazione principale' }).getByRole('link', { name: 'Compilazione PSS' }).click();
  await expect(page.getByRole('heading', { name: 'Compilazione massiva PSS' })).toBeVisible();
  await page.getByRole('button', { name: 'Genera bozze' }).click();
  const rows = page.getByTestId('bulk-row');
  await expect(rows).toHaveCount(2, { timeout: 60_000 });
  await expect(page.getByTestId('bulk-current')).toBeVisible();
  await expect(rows.nth(0)).toBeFocused();
  await page.keyboard.press('c');
  await expect(rows.nth(0)).toContainText('confermato');
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press('s');
  await expect(rows.nth(1)).toContainText('saltato');
  await expect(page.getByRole('status').filter({ hasText: 'Revisione:' })).toHaveText('Revisione: 1 confermati, 1 saltati.');
  await page.screenshot({ path: `${SHOTS}/pss-bulk.png`, fullPage: true });

  // Firma e invia: the confirmed batch signed with one PIN (sandbox test token), queued in the outbox.
  await page.getByRole('button', { name: 'Firma e invia i confermati (1)' }).click();
  const sign = page.getByRole('dialog', { name: 'Firma' });
  await expect(sign.getByTestId('sign-token')).toContainText('CARTELLA', { timeout: 60_000 });
  const pin = sign.getByLabel('PIN della smart card');
  await pin.fill('12345678');
  await pin.press('Enter');
  await expect(sign.getByTestId('sign-progress-text')).toHaveText('Firmati 1 di 1', { timeout: 60_000 });
  await expect(rows.nth(0)).toContainText('firmato', { timeout: 20_000 });
  await sign.getByRole('button', { name: 'Chiudi' }).last().click();
  const queue = await rpc<Array<{ document: { kind: string; patientId: string | null } }>>(host, 'outbox.list', {});
  expect(queue.filter((e) => e.document.kind === 'PSS')).toHaveLength(1);
}

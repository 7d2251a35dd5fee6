/**
 * Coda di invio in the browser. The doctor goes offline, signs two PSS through the UI
 * (Compilazione massiva → "Firma e invia" → the SignDialog → the PIN of the SoftHSM test
 * token), and sees them queued with their state, next try and last error in words; the
 * navigation and header badges count them. When the gateway comes back they reach
 * "Pubblicato" by themselves, each published once. While documents are unsent, closing the
 * tab asks (beforeunload); once they are published it does not. In English the last error is
 * in English.
 *
 * The simulator runs in this test process (the same one the sandbox embeds, with the real CDA
 * validator and PAdES check) so the test can fault it: "offline" is every connection reset.
 * The node host reaches it through CARTELLA_GATEWAY_URL, with short retry and probe intervals.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { renderPssPdf } from '../../electron/services/documents/pdf/render-pss.ts';
import type { GatewaySimulator } from '../../electron/services/gateway/simulator/simulator.ts';
import { startSandboxSimulator } from '../../electron/services/outbox/sandbox-gateway.ts';
import { ENTRY_SCHEMAS, type EntrySection } from '../../shared/api/record.ts';
import { buildPssCda } from '../../shared/documents/cda/pss/index.ts';
import { seededRandom } from '../../shared/random.ts';
import { syntheticClinicalRecord, syntheticPssInput } from '../../shared/synthetic/clinical-record.ts';
import { syntheticPatients } from '../../shared/synthetic/patients.ts';
import { expect, test as base } from './fixtures.ts';
import { startHost, type RunningHost } from './node-host.ts';
import { rpc } from './rpc.ts';
import { PSS_METADATA } from '../helpers/pss-metadata.ts';

const ENV: Record<string, string> = {
  CARTELLA_OUTBOX_RETRY_BASE_MS: '800',
  CARTELLA_OUTBOX_RETRY_CAP_MS: '3000',
  CARTELLA_OUTBOX_PROBE_MS: '700',
  CARTELLA_OUTBOX_POLL_MS: '300',
};
const SHOTS = 'test-results/e2e-web-screens';

const test = base.extend<object, { host: RunningHost; sim: GatewaySimulator }>({
  sim: [
    async ({}, use) => {
      const sim = await startSandboxSimulator();
      await use(sim);
      await sim.close();
    },
    { scope: 'worker' },
  ],
  host: [
    async ({ sim }, use) => {
      const saved = Object.fromEntries(['CARTELLA_GATEWAY_URL', ...Object.keys(ENV)].map((k) => [k, process.env[k]]));
      Object.assign(process.env, ENV, { CARTELLA_GATEWAY_URL: sim.url });
      let host: RunningHost;
      try {
        host = await startHost();
      } finally {
        for (const [k, v] of Object.entries(saved)) {
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
        }
      }
      await use(host);
      await host.stop();
    },
    { scope: 'worker', timeout: 90_000 },
  ],
});


/** Two synthetic patients with their coded record (what the doctor's panel holds); their "Surname Given". */
async function seedPatients(host: RunningHost): Promise<string[]> {
  const names: string[] = [];
  const today = new Date().toISOString().slice(0, 10);
  for (const [n, p] of syntheticPatients({ count: 2, seed: 404 }).entries()) {
    const created = await rpc<{ id: string }>(host, 'patients.create', p);
    const record = syntheticClinicalRecord(p, seededRandom(10 + n), today, 1);
    for (const section of Object.keys(ENTRY_SCHEMAS) as EntrySection[]) {
      for (const entry of record[section] ?? []) await rpc(host, 'record.upsertEntry', { patientId: created.id, section, entry });
    }
    for (const key of ['noProblems', 'noAllergies', 'noMedications', 'organDonation'] as const) {
      if (record[key] !== undefined) await rpc(host, 'record.setStatement', { patientId: created.id, key, value: record[key] });
    }
    names.push(`${p.surname} ${p.givenName}`);
  }
  return names;
}

/** A PSS signed PAdES through the API (for the tests about the queue, not about signing). */
async function signedPssByApi(host: RunningHost, n: number): Promise<string> {
  const [patient] = syntheticPatients({ count: 1, seed: 30 + n, today: new Date('2026-01-15') });
  const input = syntheticPssInput(patient!, n, seededRandom(30 + n), { today: '2026-01-15', role: 'MMG' });
  const { pdf } = await renderPssPdf(input, buildPssCda(input));
  const settings = await rpc<{ sandbox: { testPin?: string } }>(host, 'settings.get', {});
  const signed = await rpc<{ results: { ok: boolean; signedBase64?: string }[] }>(host, 'signing.signFiles', {
    batchId: `e2e-outbox-${n}`,
    mode: 'pades',
    files: [{ name: `PSS-${n}.pdf`, dataBase64: Buffer.from(pdf).toString('base64') }],
    pin: settings.sandbox.testPin ?? '12345678',
  });
  expect(signed.results.map((r) => r.ok)).toEqual([true]);
  return signed.results[0]!.signedBase64!;
}

function nav(page: Page) {
  return page.getByRole('navigation', { name: 'Navigazione principale' });
}

test('offline: two PSS signed in the UI stay queued with the next try; back online they are published by themselves', async ({ app: page, host, sim }) => {
  test.setTimeout(240_000);
  const names = await seedPatients(host);

  // The gateway is unreachable: every connection is reset.
  sim.setFaults({ resetRate: 1 });

  // Compilazione massiva: both drafts confirmed with the keyboard, then "Firma e invia".
  await nav(page).getByRole('link', { name: 'Compilazione PSS' }).click();
  await expect(page.getByRole('heading', { name: 'Compilazione massiva PSS' })).toBeVisible();
  await page.getByRole('button', { name: 'Genera bozze' }).click();
  const bulk = page.getByTestId('bulk-row');
  await expect(bulk).toHaveCount(2, { timeout: 60_000 });
  await expect(bulk.nth(0)).toBeFocused();
  await page.keyboard.press('c');
  await expect(bulk.nth(0)).toContainText('confermato');
  await expect(bulk.nth(1)).toBeFocused();
  await page.keyboard.press('c');
  await expect(bulk.nth(1)).toContainText('confermato');
  await page.getByRole('button', { name: 'Firma e invia i confermati (2)' }).click();

  // The SignDialog names the test token and both documents; one PIN for the batch.
  const sign = page.getByRole('dialog', { name: 'Firma' });
  await expect(sign.getByTestId('sign-token')).toContainText('CARTELLA', { timeout: 60_000 });
  await expect(sign.getByTestId('sign-documents').getByRole('listitem')).toHaveCount(2);
  const pin = sign.getByLabel('PIN della smart card');
  await expect(pin).toBeFocused();
  await pin.fill('12345678');
  await pin.press('Enter');
  await expect(sign.getByTestId('sign-progress-text')).toHaveText('Firmati 2 di 2', { timeout: 60_000 });
  await expect(sign.getByTestId('sign-results').getByText('Firmato', { exact: true })).toHaveCount(2);
  await expect(bulk.filter({ hasText: 'firmato' })).toHaveCount(2, { timeout: 20_000 });
  await sign.getByRole('button', { name: 'Chiudi' }).last().click();
  await expect(sign).toBeHidden();

  // Queued: the badges count them, the page lists them with state, next try and error in words.
  await expect(nav(page).getByTestId('outbox-nav-badge')).toHaveText('2');
  await expect(page.getByTestId('outbox-header-badge')).toHaveAttribute('data-count', '2');
  await expect(page.locator('html')).toHaveAttribute('data-unsent-guard', 'armed');
  await nav(page).getByRole('link', { name: /Coda di invio/ }).click();
  await expect(page.getByRole('heading', { name: 'Coda di invio' })).toBeVisible();
  await expect(page).toHaveURL(/#\/coda$/);

  const rows = page.getByTestId('outbox-row');
  await expect(rows).toHaveCount(2);
  for (const name of names) await expect(rows.filter({ hasText: `Profilo Sanitario Sintetico – ${name}` })).toHaveCount(1);
  await expect(page.getByTestId('outbox-gateway')).toHaveAttribute('data-state', 'offline', { timeout: 20_000 });
  await expect(page.getByTestId('gateway-state')).toHaveAttribute('data-state', 'offline');
  for (const row of await rows.all()) {
    await expect(row.getByTestId('outbox-state')).toHaveText(/In attesa di nuovo tentativo|In coda/);
    await expect(row.getByTestId('outbox-next')).toHaveText(/al ritorno della connessione|tra \d+ s|adesso/);
    await expect(row.getByTestId('outbox-attempts')).toHaveText(/^\d+$/);
  }
  // Tried while offline: it says why it waits, in words.
  await expect(page.getByTestId('outbox-error').filter({ hasText: /Connessione interrotta|Rete non disponibile|non ha risposto/ }).first()).toBeVisible();
  const tried = rows.filter({ has: page.getByTestId('outbox-error').filter({ hasText: /Connessione interrotta/ }) }).first();
  await expect(tried.getByTestId('outbox-attempts')).toHaveText(/^[1-9]\d*$/);
  await expect(rows.first().getByRole('button', { name: /Annulla l'invio di Profilo Sanitario Sintetico/ })).toBeVisible();
  await expect(page.getByTestId('outbox-last-sync')).toHaveText('Mai');
  await page.screenshot({ path: `${SHOTS}/coda-offline.png`, fullPage: true });
  expect(sim.ledger.entries).toHaveLength(0);
  const queued = await rpc<Array<{ identificativoDoc: string; document: { kind: string } }>>(host, 'outbox.list', {});
  expect(queued.map((e) => e.document.kind)).toEqual(['PSS', 'PSS']);

  // Back online: no click needed.
  sim.setFaults({});
  await expect(rows.filter({ has: page.getByTestId('outbox-state').getByText('Pubblicato', { exact: true }) })).toHaveCount(2, { timeout: 60_000 });
  await expect(page.getByTestId('outbox-gateway')).toHaveAttribute('data-state', 'online');
  await expect(nav(page).getByTestId('outbox-nav-badge')).toHaveCount(0);
  await expect(page.getByTestId('outbox-header-badge')).toHaveAttribute('data-count', '0');
  await expect(page.getByTestId('outbox-last-sync')).not.toHaveText('Mai');
  await expect(page.locator('html')).not.toHaveAttribute('data-unsent-guard');
  for (const row of await rows.all()) {
    await expect(row.getByTestId('outbox-error')).toHaveText('—');
    // The counter restarted when the gateway took it: no misleading "0".
    await expect(row.getByTestId('outbox-attempts')).toHaveText('—');
    await expect(row.getByTestId('outbox-attempts').getByLabel(/Non conteggiati/)).toBeVisible();
    await expect(row.getByRole('button')).toHaveCount(0);
  }
  await page.screenshot({ path: `${SHOTS}/coda-pubblicati.png`, fullPage: true });
  for (const e of queued) expect(sim.ledger.publications(e.identificativoDoc)).toBe(1);

  // Keyboard: the pause switch is reachable and toggles with Space.
  const pause = page.getByRole('switch', { name: 'Sospendi invio' });
  await pause.focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('outbox-gateway')).toHaveAttribute('data-state', 'paused');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('outbox-gateway')).toHaveAttribute('data-state', 'online');
});

test('closing the tab asks while a document is unsent, not once it is published; the error is in English in English', async ({ app: page, host, sim }) => {
  test.setTimeout(180_000);
  const pdf = await signedPssByApi(host, 1);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.type());
    // Stay on the page: the document is not sent yet.
    void d.dismiss();
  });

  // English, chosen in Impostazioni (a click: the page has a user gesture, which browsers require for the question).
  await nav(page).getByRole('link', { name: 'Impostazioni' }).click();
  await page.getByText('English', { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: /^Outbox/ }).click();
  await expect(page.getByRole('heading', { name: 'Outbox' })).toBeVisible();
  await expect(page.locator('html')).not.toHaveAttribute('data-unsent-guard');

  sim.setFaults({ resetRate: 1 });
  const entry = await rpc<{ id: string; identificativoDoc: string }>(host, 'outbox.enqueue', { pdfBase64: pdf, metadata: PSS_METADATA, title: 'PSS da chiudere' });
  const row = page.locator(`[data-testid="outbox-row"][data-entry="${entry.id}"]`);
  // The reset connection, in English (the code it carries says which words are expected).
  const error = row.getByTestId('outbox-error');
  await expect(error).toHaveAttribute('data-code', /^(reset|network|timeout)$/, { timeout: 30_000 });
  const english = { reset: 'Connection interrupted', network: 'Network unavailable', timeout: 'The gateway did not answer in time' };
  await expect(error).toHaveText(`${english[(await error.getAttribute('data-code')) as keyof typeof english]}: it will be retried automatically.`);
  await expect(error).not.toHaveAttribute('lang', 'it');
  await expect(page.locator('html')).toHaveAttribute('data-unsent-guard', 'armed');
  await page.screenshot({ path: `${SHOTS}/outbox-offline-en.png`, fullPage: true });

  // Armed: closing asks (the browser's own question); dismissed, the page stays.
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => dialogs).toEqual(['beforeunload']);
  expect(page.isClosed()).toBe(false);
  await expect(row).toBeVisible();

  // Back online: published, the guard is removed; closing does not ask.
  sim.setFaults({});
  await expect(row.getByTestId('outbox-state')).toHaveText('Published', { timeout: 60_000 });
  await expect(page.locator('html')).not.toHaveAttribute('data-unsent-guard');
  expect(sim.ledger.publications(entry.identificativoDoc)).toBe(1);
  const closed = page.waitForEvent('close');
  await page.close({ runBeforeUnload: true });
  await closed;
  expect(dialogs).toEqual(['beforeunload']);
});

// The default host: sandbox, with the simulator embedded in the node host.
base('sandbox: a rejected document is parked with the reason in words; edit and cancel from the keyboard', async ({ app: page, host }) => {
  base.setTimeout(120_000);
  const official = readFileSync(join(import.meta.dirname, '../fixtures/gateway/pdf/PSS.pdf')).toString('base64');
  await rpc(host, 'outbox.enqueue', { pdfBase64: official, metadata: PSS_METADATA, title: 'PSS di esempio 2023' });
  await page.goto(`${host.baseUrl}#/coda`);
  const row = page.getByTestId('outbox-row').filter({ hasText: 'PSS di esempio 2023' });
  await expect(row.getByTestId('outbox-state')).toHaveText('Sospeso', { timeout: 60_000 });
  await expect(row.getByTestId('outbox-error')).toContainText('schematron');
  await expect(page.getByText('Simulatore integrato (ambiente di prova)')).toBeVisible();
  await expect(page.getByTestId('outbox-header-badge')).toHaveAttribute('data-count', '1');
  await page.screenshot({ path: 'test-results/e2e-web-screens/coda-sospeso.png', fullPage: true });

  const edit = row.getByRole('button', { name: 'Riporta in bozza PSS di esempio 2023 per modificarlo' });
  await edit.focus();
  await page.keyboard.press('Enter');
  await expect(row.getByTestId('outbox-state')).toHaveText('Bozza');
  const cancel = row.getByRole('button', { name: "Annulla l'invio di PSS di esempio 2023" });
  await cancel.focus();
  await page.keyboard.press('Enter');
  await expect(row.getByTestId('outbox-state')).toHaveText('Annullato');
  await expect(page.getByTestId('outbox-header-badge')).toHaveAttribute('data-count', '0');
});

/**
 * The Scheda paziente in Chromium on the sandbox's closely followed 20-year patient (3,000
 * received documents, 50,000 observations, written in the background after start): the
 * Riepilogo opens with the allergies first, the timeline is filtered by kind and by words and
 * scrolled past its first page, every tab is reached with Alt+1…8 and checked by axe-core (no
 * serious or critical violation), and the patient strip stays in view at 200 % zoom.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { encodeCodiceFiscale } from '../../shared/domain/codice-fiscale.ts';
import { test as base, expect } from './fixtures.ts';
import { startHost, type RunningHost } from './node-host.ts';
import { rpc } from './rpc.ts';

// A host of its own, with a sandbox panel (its long histories are the point of this file).
const test = base.extend<object, { host: RunningHost }>({
  host: [
    async ({}, use) => {
      const host = await startHost({ env: { CARTELLA_SANDBOX_PATIENTS: '40' } });
      await use(host);
      await host.stop();
    },
    { scope: 'worker', timeout: 90_000 },
  ],
});

test.use({ bypassCSP: true });
test.describe.configure({ timeout: 300_000 });

async function axe(page: Page, screen: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')} — ${v.nodes[0]?.failureSummary ?? ''}`);
  expect(bad, `axe on ${screen}`).toEqual([]);
}

/** The sandbox's 20-year patient (the first adult of 55 or more, alphabetically), once its documents are all written. */
async function longHistoryPatient(host: RunningHost): Promise<{ id: string; surname: string; givenName: string }> {
  let patient: { id: string; surname: string; givenName: string; birthDate: string } | undefined;
  await expect.poll(async () => {
    const { items } = await rpc<{ items: Array<{ id: string; surname: string; givenName: string; birthDate: string }> }>(host, 'patients.search', { text: '', limit: 40 });
    const year = new Date().getUTCFullYear();
    patient = items.find((p) => year - Number(p.birthDate.slice(0, 4)) >= 55);
    return patient ? (await rpc<{ total: number }>(host, 'received.list', { patientId: patient.id, limit: 1 })).total : 0;
  }, { timeout: 240_000, intervals: [2000] }).toBeGreaterThanOrEqual(3000);
  return patient!;
}

test('the 20-year patient: allergies first, the timeline filtered and scrolled, every tab by keyboard and axe-clean, the strip in view at 200 %', async ({ app: page, host }) => {
  const p = await longHistoryPatient(host);
  // A severe drug allergy, so that the first panel has something to mark.
  await rpc(host, 'record.upsertEntry', {
    patientId: p.id, section: 'allergies',
    entry: { id: 'E2E-ALL', source: 'doctor', type: 'DALG', agent: { kind: 'atc', code: 'J01CA04', display: 'AMOXICILLINA' }, reaction: { code: '995.1', display: 'Edema angioneurotico' }, criticality: 'H', status: 'active' },
  });

  await page.evaluate((id) => (location.hash = `#/assistiti/${id}`), p.id);
  await expect(page.getByTestId('patient-header')).toContainText(`${p.surname} ${p.givenName}`);
  await expect(page.getByRole('tab', { name: 'Riepilogo' })).toHaveAttribute('aria-selected', 'true');

  // Allergies first: the first panel of the Riepilogo, marked by a word, reaction and criticality in words.
  const allergies = page.getByTestId('summary-allergies');
  await expect(allergies).toContainText('AMOXICILLINA');
  await expect(allergies).toContainText('Reazione: Edema angioneurotico');
  await expect(allergies).toContainText('Criticità alta');
  await expect(allergies.getByText('⚠ Allergia').first()).toBeVisible();
  const order = await page.locator('[data-testid^="summary-"], [data-testid="timeline"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  expect(order).toEqual(['summary-allergies', 'summary-problems', 'summary-therapies', 'summary-measures', 'summary-due', 'timeline']);
  await expect(page.getByTestId('summary-therapies')).toContainText(/ultima prescrizione \d+ giorn[oi] fa|prescritta oggi|mai prescritta/);
  const measures = page.getByTestId('summary-measures');
  await expect(measures).toContainText('Pressione sistolica');
  await expect(measures).toContainText('mm[Hg]');
  await expect(measures.getByRole('img', { name: /Andamento degli ultimi 12 valori/ }).first()).toBeVisible();
  await expect(page.getByTestId('summary-due')).toContainText('Profilo Sanitario Sintetico mai pubblicato');
  await axe(page, 'Riepilogo');

  // The timeline: the first page, then more while scrolling; only received documents; then words.
  const timeline = page.getByTestId('timeline');
  await expect(timeline).toContainText('100 eventi mostrati');
  const scroller = page.getByTestId('timeline-scroller');
  for (let i = 0; i < 4; i++) await scroller.evaluate((el) => el.scrollBy(0, el.scrollHeight));
  await expect(timeline.getByText(/^(2|3|4|5)00 eventi mostrati$/)).toBeVisible();
  for (const k of ['visit', 'prescription', 'authored', 'results', 'imaging', 'publication']) await page.getByTestId(`timeline-kind-${k}`).click();
  await expect(timeline).toContainText('100 eventi mostrati');
  const kinds = await timeline.getByTestId('timeline-item').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
  expect(kinds.length).toBeGreaterThan(5);
  for (const text of kinds) expect(text).toContain('Ricevuto');
  // Words (any case) over the whole history: only the home-monitoring uploads are left.
  await timeline.getByLabel('Cerca nella storia').fill('telemonitoraggio');
  await expect.poll(async () => {
    const texts = await timeline.getByTestId('timeline-item').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    return texts.length > 0 && texts.every((x) => x.includes('Telemonitoraggio'));
  }).toBe(true);
  // Opening a received document shows it where it lives (its window, with its verdicts).
  await timeline.getByTestId('timeline-item').first().click();
  await expect(page.getByTestId('received-document')).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: 'Chiudi' }).click();
  await expect(page.getByTestId('received-document')).toBeHidden();

  // Every tab with the keyboard, each checked by axe.
  for (const [i, name] of ['Riepilogo', 'Problemi', 'Allergie', 'Terapie', 'Vaccinazioni', 'Parametri', 'Documenti', 'Immagini'].entries()) {
    await page.keyboard.press(`Alt+${i + 1}`);
    await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tabpanel').getByRole('status', { name: 'Caricamento…' })).toHaveCount(0);
    await axe(page, name);
  }
  await expect(page.getByRole('tabpanel')).toContainText('Nessuna immagine');
  await page.keyboard.press('Alt+3');
  await expect(page.getByRole('tabpanel')).toContainText('AMOXICILLINA');
  await page.keyboard.press('Alt+6');
  await expect(page.getByRole('tabpanel')).toContainText('Pressione arteriosa');
  await page.keyboard.press('Alt+7');
  await expect(page.getByTestId('received-documents')).toContainText('3000');

  // 200 % zoom: the strip stays in view under the app header after scrolling the Riepilogo.
  await page.keyboard.press('Alt+1');
  await page.setViewportSize({ width: 683, height: 384 });
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForTimeout(200);
  const strip = await page.getByTestId('patient-name').boundingBox();
  expect(strip).not.toBeNull();
  expect(strip!.y).toBeGreaterThanOrEqual(0);
  expect(strip!.y + strip!.height).toBeLessThanOrEqual(384);
});

// Not yet passing with the record's entry forms and the trend charts mounted on the tabs: after the
// help sheet closes, Problemi's "Aggiungi" is never reached (seen once, not yet diagnosed). The
// tabs' keys and the help sheet are also covered by the test above and by keyboard.spec.
test('the help sheet lists the tabs\' shortcuts; Problemi adds an entry with the PSS editor\'s window', async ({ app: page, host }) => {
  const identifier = encodeCodiceFiscale({ surname: 'Schedina', givenName: 'Ugo', birthDate: '1960-04-04', sex: 'M', belfiore: 'H501' });
  const created = await rpc<{ id: string }>(host, 'patients.create', { surname: 'Schedina', givenName: 'Ugo', sex: 'M', birthDate: '1960-04-04', identifierKind: 'CF', identifier });
  await page.evaluate((id) => (location.hash = `#/assistiti/${id}`), created.id);
  await expect(page.getByTestId('patient-header')).toContainText('Schedina Ugo');
  await page.keyboard.press('F1');
  await expect(page.getByRole('dialog')).toContainText('Passa alle sezioni della scheda paziente');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Alt+2');
  await page.getByRole('button', { name: /Aggiungi/ }).first().click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Problemi');
  await dialog.getByRole('button', { name: 'Annulla' }).click();
  await expect(dialog).toBeHidden();
});

test('Documenti: a signed PSS goes in coda → pubblicato while looking, its PDF opens, and Annulla deletes it from the FSE through the outbox', async ({ app: page, host }) => {
  const identifier = encodeCodiceFiscale({ surname: 'Documentini', givenName: 'Rita', birthDate: '1961-05-05', sex: 'F', belfiore: 'H501' });
  const { id } = await rpc<{ id: string }>(host, 'patients.create', { surname: 'Documentini', givenName: 'Rita', sex: 'F', birthDate: '1961-05-05', identifierKind: 'CF', identifier });
  for (const [key, value] of [['noProblems', 'no-known-problems'], ['noAllergies', 'no-known-allergies'], ['noMedications', 'no-known-medications']]) await rpc(host, 'record.setStatement', { patientId: id, key, value });
  // Sending paused while signing, so "in coda" is seen before the outbox publishes it.
  await rpc(host, 'outbox.setPaused', { paused: true });
  try {
    await page.evaluate((pid) => (location.hash = `#/assistiti/${pid}/pss`), id);
    await expect(page.getByTestId('pss-validation-summary')).toHaveText(/^0 errori/, { timeout: 60_000 });
    await page.getByRole('button', { name: 'Conferma', exact: true }).click();
    await expect(page.getByTestId('pss-state')).toHaveText('Versione 1 · confermato');
    await page.getByRole('button', { name: 'Firma e invia' }).click();
    const sign = page.getByRole('dialog', { name: 'Firma' });
    await sign.getByLabel('PIN della smart card').fill('12345678', { timeout: 60_000 });
    await sign.getByLabel('PIN della smart card').press('Enter');
    await expect(sign.getByTestId('sign-progress-text')).toHaveText('Firmati 1 di 1', { timeout: 60_000 });
    await sign.getByRole('button', { name: 'Chiudi' }).last().click();

    await page.evaluate((pid) => (location.hash = `#/assistiti/${pid}`), id);
    // The PSS editor just left shows the same patient's header: wait for the Scheda's own tabs.
    await expect(page.getByRole('tablist', { name: 'Sezioni della scheda' })).toBeVisible();
    await expect(page.getByTestId('patient-header')).toContainText('Documentini Rita');
    await page.keyboard.press('Alt+7');
    const row = page.getByTestId('authored-document').first();
    await expect(row.getByTestId('authored-state')).toHaveText('⏳ In coda');
    // Its PDF, in a window of its own.
    await row.getByRole('button', { name: 'Apri PDF' }).click();
    await expect(page.getByTitle('PDF del documento')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTitle('PDF del documento')).toBeHidden();
  } finally {
    await rpc(host, 'outbox.setPaused', { paused: false });
  }
  const row = page.getByTestId('authored-document').first();
  // Published by the outbox while the tab is open: no reload.
  await expect(row.getByTestId('authored-state')).toHaveText('✔ Pubblicato', { timeout: 90_000 });

  // Annulla, with the keyboard: the window asks first ("Indietro" has the focus), then the deletion goes through the outbox.
  await row.getByRole('button', { name: 'Annulla sul FSE' }).focus();
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('dialog', { name: 'Annullare il documento sul FSE?' });
  await expect(confirm).toContainText('sarà cancellato dal Fascicolo Sanitario Elettronico');
  await expect(confirm.getByRole('button', { name: 'Indietro' })).toBeFocused();
  await axe(page, 'Annulla');
  await page.keyboard.press('Tab');
  await expect(confirm.getByRole('button', { name: 'Sì, annulla sul FSE' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirm).toBeHidden();
  await expect(row.getByTestId('authored-state')).toHaveText('— Annullato', { timeout: 90_000 });
  await expect(row.getByRole('button', { name: 'Annulla sul FSE' })).toHaveCount(0);
  const entries = await rpc<Array<{ operation: string; state: string; document: { patientId: string | null } }>>(host, 'outbox.list', {});
  expect(entries.filter((e) => e.document.patientId === id).map((e) => `${e.operation}:${e.state}`).sort()).toEqual(['create:published', 'delete:published']);
});

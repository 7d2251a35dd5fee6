/**
 * The vaccination documents in Chromium, keyboard first (PAEDIATRICS.md §1; sandbox: simulator
 * gateway, SoftHSM test card): a child's vaccination recorded with its AIC package and the date
 * typed 15/03/2024 moves the calendar; its scheda singola is signed with the card's PIN and its
 * state follows the outbox to "Pubblicato"; the certificato vaccinale is printed for school (the
 * PDF with the CDA attached) and signed and sent too; axe-core on the tab.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { encodeCodiceFiscale } from '../../shared/domain/codice-fiscale.ts';
import { expect, testWithOwnHost as test } from './fixtures.ts';
import { rpc } from './rpc.ts';
import { SANDBOX_DOCTOR } from '../../shared/synthetic/sandbox-doctor.ts';

test.use({ bypassCSP: true });
test.setTimeout(240_000);

async function axe(page: Page, selector: string) {
  await page.waitForTimeout(200);
  const r = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary ?? ''}`)), `axe on ${selector}`).toEqual([]);
}

/** The Firma window: the test card's PIN typed, Enter, one document signed, closed. */
async function signWithPin(page: Page) {
  const sign = page.getByRole('dialog', { name: 'Firma' });
  const pin = sign.getByLabel('PIN della smart card');
  await expect(pin).toBeVisible({ timeout: 60_000 });
  await pin.focus();
  await page.keyboard.type('12345678');
  await page.keyboard.press('Enter');
  await expect(sign.getByTestId('sign-progress-text')).toHaveText('Firmati 1 di 1', { timeout: 90_000 });
  await sign.getByRole('button', { name: 'Chiudi' }).last().click();
  await expect(sign).toBeHidden();
}

test('record a vaccination, sign and send its scheda singola, print and send the certificato', async ({ host, app: page }) => {
  // The author is the test card's holder: a spec sharing this worker's host may have set another (pss-status).
  const d = SANDBOX_DOCTOR;
  await rpc(host, 'profile.set', {
    author: { codiceFiscale: d.codiceFiscale, givenName: d.givenName, surname: d.surname, prefix: d.prefix, role: 'PLS', phone: d.phone },
    organization: { aslCode: '120201', name: 'ASL Roma 1', regionCode: '120' },
    custodian: { idRoot: '2.16.840.1.113883.2.9.4.1.1', id: '120201', name: 'ASL Roma 1' },
  });
  await page.reload();
  const birthDate = '2023-12-01';
  const identifier = encodeCodiceFiscale({ surname: 'Galli', givenName: 'Marco', birthDate, sex: 'M', belfiore: 'H501' });
  const p = await rpc<{ id: string }>(host, 'patients.create', {
    surname: 'Galli', givenName: 'Marco', sex: 'M', birthDate, identifierKind: 'CF', identifier,
    guardian: { name: 'Anna Galli', relation: 'MTH', phone: '333 7654321' },
  });
  await page.evaluate((id) => (location.hash = `#/assistiti/${id}`), p.id);
  await expect(page.getByTestId('patient-header')).toContainText('Galli Marco');
  await page.keyboard.press('Alt+5');
  await expect(page.getByRole('tab', { name: 'Vaccinazioni' })).toHaveAttribute('aria-selected', 'true');
  const hexa1 = page.getByTestId('vaccination-calendar').locator('tr[data-series="hexavalent"][data-dose="1"]');
  await expect(hexa1).toHaveAttribute('data-status', 'overdue');

  // Record the first hexavalent dose with its package (the scheda singola needs the AIC).
  await page.getByRole('button', { name: 'Registra vaccinazione' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: /Vaccinazioni/ });
  await expect(dialog.getByRole('combobox', { name: 'Vaccino (ATC J07)' })).toBeFocused();
  await page.keyboard.type('esavalente');
  await expect(page.getByRole('option', { name: /^J07CA09 — / })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await dialog.getByLabel('Codice AIC (9 cifre)').focus();
  await page.keyboard.type('034960056');
  await dialog.getByLabel('Nome della confezione').focus();
  await page.keyboard.type('INFANRIX HEXA*BB IM 1FL+1SIR');
  await dialog.getByLabel(/^Data/).focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('15/03/2024');
  await page.keyboard.press('Tab');
  await page.keyboard.type('1');
  await page.keyboard.press('Tab');
  await page.keyboard.type('AB123');
  await page.keyboard.press('Control+s');
  await expect(dialog).toBeHidden();

  // The calendar moves: the dose is done on that date.
  await expect(hexa1).toHaveAttribute('data-status', 'done');
  await expect(hexa1).toContainText('il 15/03/2024');
  const stored = await rpc<{ record: { vaccinations: Array<{ id: string }> } }>(host, 'record.get', { patientId: p.id });
  const entryId = stored.record.vaccinations[0]!.id;
  const state = page.getByTestId(`sing-vacc-state-${entryId}`);
  await expect(state).toHaveText('Non inviata');
  await axe(page, '[role="tabpanel"]');

  // Sign and send its scheda singola: the state follows the outbox to published.
  await page.getByTestId(`sing-vacc-${entryId}`).getByRole('button', { name: /^Firma e invia scheda singola/ }).focus();
  await page.keyboard.press('Enter');
  await signWithPin(page);
  await expect(state).toHaveAttribute('data-outbox-state', 'published', { timeout: 90_000 });
  await expect(state).toHaveText('v1 · Pubblicato');
  const status = await rpc<{ lastSigned: { subject: string; outboxState: string } | null }>(host, 'doctypes.status', { type: 'sing-vacc', patientId: p.id, subject: entryId });
  expect(status.lastSigned).toMatchObject({ subject: entryId, outboxState: 'published' });

  // The certificato: printed for school (the PDF with the CDA attached), then signed and sent.
  const cert = page.getByTestId('cert-vacc');
  await expect(cert.getByTestId('cert-vacc-state')).toHaveText('Non inviata');
  const downloading = page.waitForEvent('download');
  await cert.getByRole('button', { name: 'Stampa per la scuola' }).focus();
  await page.keyboard.press('Enter');
  const file = await downloading;
  expect(file.suggestedFilename()).toMatch(/^Certificato-vaccinale-\d{4}-\d{2}-\d{2}\.pdf$/);
  await cert.getByRole('button', { name: 'Firma e invia certificato' }).focus();
  await page.keyboard.press('Enter');
  await signWithPin(page);
  await expect(cert.getByTestId('cert-vacc-state')).toHaveAttribute('data-outbox-state', 'published', { timeout: 90_000 });
  await axe(page, '[role="tabpanel"]');
});

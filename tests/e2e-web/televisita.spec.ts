/**
 * The referto di televisita from the diary, keyboard first (sandbox: simulator gateway, SoftHSM
 * test card, the sandbox doctor as author and card holder): Alt+V, a visit of kind Televisita
 * with its reason and note saved with Ctrl+S; "Referto di televisita: firma e invia" on it, the
 * PIN typed in the Firma window; the referto's state follows the outbox up to "Pubblicato"
 * without reloading; axe-core on the diary and on the Firma window.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { encodeCodiceFiscale } from '../../shared/domain/codice-fiscale.ts';
import { expect, test } from './fixtures.ts';
import { startHost, type RunningHost } from './node-host.ts';
import { rpc } from './rpc.ts';

test.use({ bypassCSP: true });
test.describe.configure({ timeout: 240_000 });

async function axe(page: Page, selector: string) {
  await page.waitForTimeout(200);
  const r = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary ?? ''}`)), `axe on ${selector}`).toEqual([]);
}

test('a televisita recorded by keyboard, its referto signed with the card PIN and published', async ({ page }) => {
  // A host of its own: the sandbox doctor (the test card's holder) is the author.
  const host = await startHost();
  try {
    await page.goto(host.loginUrl);
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'open');
    await run(page, host);
  } finally {
    await host.stop();
  }
});

async function run(page: Page, host: RunningHost) {
  const identifier = encodeCodiceFiscale({ surname: 'Video', givenName: 'Vittoria', birthDate: '1950-06-02', sex: 'F', belfiore: 'H501' });
  const p = await rpc<{ id: string }>(host, 'patients.create', { surname: 'Video', givenName: 'Vittoria', sex: 'F', birthDate: '1950-06-02', identifierKind: 'CF', identifier });
  await page.evaluate((id) => (location.hash = `#/assistiti/${id}`), p.id);
  const section = page.getByTestId('record-entry');
  // The diary is read on demand on the Riepilogo (it repeats the panels and the timeline).
  await section.getByRole('button', { name: 'Mostra diario, terapie e ultimi parametri' }).click();
  await expect(section.getByText('Nessuna visita registrata.')).toBeVisible();

  // Alt+V: the reason has the focus; Shift+Tab to the kind, typed to "Televisita".
  await page.keyboard.press('Alt+v');
  const visit = page.getByRole('dialog', { name: 'Nuova visita' });
  await expect(visit.getByLabel('Motivo')).toBeFocused();
  await page.keyboard.type('Controllo pressorio a distanza');
  await page.keyboard.press('Shift+Tab');
  await expect(visit.getByLabel('Tipo di visita')).toBeFocused();
  await page.keyboard.type('Televisita');
  await expect(visit.getByLabel('Tipo di visita')).toHaveValue('televisita');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(visit.getByLabel('Diario (nota del medico)')).toBeFocused();
  await page.keyboard.type('Paziente in videochiamata. Valori domiciliari nella norma, prosegue la terapia.');
  await page.keyboard.press('Control+s');
  await expect(visit).toBeHidden();
  const visits = section.getByTestId('record-visits');
  await expect(visits).toContainText('Televisita · Controllo pressorio a distanza');
  const [stored] = (await rpc<{ items: Array<{ id: string; kind: string }> }>(host, 'visits.list', { patientId: p.id })).items;
  expect(stored!.kind).toBe('televisita');

  const referto = visits.getByTestId(`televisita-referto-${stored!.id}`);
  await expect(referto).toContainText('Referto: non ancora firmato');
  await axe(page, '[data-testid="record-visits"]');

  // Firma e invia: one PIN, the referto queued for the FSE.
  await referto.getByRole('button', { name: 'Referto di televisita: firma e invia' }).click();
  const sign = page.getByRole('dialog', { name: 'Firma' });
  await expect(sign.getByTestId('sign-documents')).toContainText('-v1.pdf', { timeout: 60_000 });
  await expect(sign.getByTestId('sign-token')).toBeVisible({ timeout: 60_000 });
  await axe(page, '[role="dialog"]');
  await sign.getByLabel('PIN della smart card').fill('12345678');
  await sign.getByLabel('PIN della smart card').press('Enter');
  await expect(sign.getByTestId('sign-progress-text')).toHaveText('Firmati 1 di 1', { timeout: 60_000 });
  await sign.getByRole('button', { name: 'Chiudi' }).last().click();

  // The state follows the outbox by itself (events) up to published.
  await expect(referto).toContainText('Referto: Pubblicato', { timeout: 90_000 });
  await expect(referto.getByRole('button', { name: 'Referto di televisita: firma e invia una nuova versione' })).toBeVisible();
  const status = await rpc<{ lastSigned: { outboxState: string; subject: string } | null }>(host, 'doctypes.status', { type: 'televisita', patientId: p.id, subject: stored!.id });
  expect(status.lastSigned).toMatchObject({ outboxState: 'published', subject: stored!.id });
}

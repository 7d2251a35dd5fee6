/**
 * A locum's day in the sandbox (simulator gateway, SoftHSM test cards): the titolare is at work
 * at start; Alt+U, the sostituto with her passphrase (a wrong one first, refused in Italian);
 * she writes, confirms and signs a PSS with her own test card (CARTELLA-SOST: no "other card"
 * warning, her codice fiscale in the Firma window); back to the titolare, "Cosa ha fatto il
 * sostituto" lists the patient and the signed PSS in her period, with links. axe-core on the
 * two new screens.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { encodeCodiceFiscale } from '../../shared/domain/codice-fiscale.ts';
import { SANDBOX_DOCTOR, SANDBOX_LOCUM } from '../../shared/synthetic/sandbox-doctor.ts';
import { expect, test } from './fixtures.ts';
import { startHost, type RunningHost } from './node-host.ts';
import { rpc } from './rpc.ts';

test.use({ bypassCSP: true });
test.describe.configure({ timeout: 240_000 });

async function axe(page: Page, screen: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)}`).join(' | ')}`);
  expect(bad, `axe on ${screen}`).toEqual([]);
}

async function newPatient(host: RunningHost): Promise<string> {
  const identifier = encodeCodiceFiscale({ surname: 'Sostituita', givenName: 'Elena', birthDate: '1959-03-15', sex: 'F', belfiore: 'H501' });
  const p = await rpc<{ id: string }>(host, 'patients.create', { surname: 'Sostituita', givenName: 'Elena', sex: 'F', birthDate: '1959-03-15', identifierKind: 'CF', identifier });
  for (const [key, value] of [['noProblems', 'no-known-problems'], ['noAllergies', 'no-known-allergies'], ['noMedications', 'no-known-medications']]) {
    await rpc(host, 'record.setStatement', { patientId: p.id, key, value });
  }
  return p.id;
}

test('switch to the sostituto, write and sign a PSS with her card, switch back, see it in "Cosa ha fatto il sostituto"', async ({ page }) => {
  // A host of its own: the doctor at work is per services process.
  const host = await startHost();
  try {
    await page.goto(host.loginUrl);
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'open');
    const id = await newPatient(host);
    const header = page.getByTestId('working-doctor');
    await expect(header).toHaveAttribute('data-doctor', 'titolare');
    await expect(header).toHaveText(`${SANDBOX_DOCTOR.prefix} ${SANDBOX_DOCTOR.givenName} ${SANDBOX_DOCTOR.surname} · Titolare`);

    // Alt+U: the window starts on the other doctor; a wrong passphrase is refused in Italian.
    await page.keyboard.press('Alt+U');
    const dialog = page.getByRole('dialog', { name: 'Chi sta lavorando?' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('radio', { name: new RegExp(`${SANDBOX_LOCUM.givenName} ${SANDBOX_LOCUM.surname}`) })).toBeChecked();
    await axe(page, 'Chi sta lavorando?');
    const pass = dialog.getByLabel(/Parola d’accesso di/);
    await pass.fill('sbagliata');
    await pass.press('Enter');
    await expect(dialog.getByTestId('switch-doctor-error')).toHaveText('Parola d’accesso errata.');
    await expect(header).toHaveAttribute('data-doctor', 'titolare');
    await pass.fill('prova123');
    await pass.press('Enter');
    await expect(dialog).toHaveCount(0);
    await expect(header).toHaveAttribute('data-doctor', 'sandbox-sostituto');
    await expect(header).toHaveText(`${SANDBOX_LOCUM.prefix} ${SANDBOX_LOCUM.givenName} ${SANDBOX_LOCUM.surname} · Sostituto`);

    // She writes, confirms and signs with her own card.
    await page.evaluate((pid) => (location.hash = `#/assistiti/${pid}/pss`), id);
    await expect(page.getByTestId('pss-validation-summary')).toHaveText(/^0 errori/, { timeout: 60_000 });
    await page.getByRole('button', { name: 'Conferma', exact: true }).click();
    await expect(page.getByTestId('pss-state')).toHaveText('Versione 1 · confermato');
    await page.getByRole('button', { name: 'Firma e invia' }).click();
    const sign = page.getByRole('dialog', { name: 'Firma' });
    await expect(sign.getByTestId('sign-token')).toContainText(SANDBOX_LOCUM.codiceFiscale, { timeout: 90_000 });
    await expect(sign.getByTestId('other-signer')).toHaveCount(0);
    await sign.getByLabel('PIN della smart card').fill('12345678');
    await sign.getByLabel('PIN della smart card').press('Enter');
    await expect(sign.getByTestId('sign-progress-text')).toHaveText('Firmati 1 di 1', { timeout: 60_000 });
    await sign.getByRole('button', { name: 'Chiudi' }).last().click();

    // Back to the titolare (no passphrase in the sandbox): the window starts on her.
    await page.keyboard.press('Alt+U');
    await expect(dialog.getByRole('radio', { name: new RegExp(`${SANDBOX_DOCTOR.givenName} ${SANDBOX_DOCTOR.surname}`) })).toBeChecked();
    await expect(dialog.getByLabel(/Parola d’accesso di/)).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Inizia a lavorare' }).press('Enter');
    await expect(header).toHaveAttribute('data-doctor', 'titolare');

    // What the locum did: her period, the patient, the signed PSS, with links.
    await page.getByRole('link', { name: 'Sostituti' }).click();
    const view = page.getByTestId('locum-activity');
    await expect(view.getByRole('heading', { name: 'Cosa ha fatto il sostituto' })).toBeVisible();
    const period = view.getByTestId('locum-activity-period');
    await expect(period.getByRole('heading', { level: 2 })).toHaveText(/^dal \d{2}\/\d{2}\/\d{4} al \d{2}\/\d{2}\/\d{4}$/);
    await expect(period.getByTestId('locum-activity-patients')).toContainText('Sostituita Elena');
    const doc = period.getByTestId('locum-activity-documents').getByRole('row').nth(1);
    // Signed, and by now perhaps published by the simulator.
    await expect(doc).toHaveAttribute('data-state', /^(signed|published)$/);
    await expect(doc).toContainText('Profilo sanitario sintetico, versione 1');
    await expect(doc).toContainText(/(firmato|pubblicato) · (In coda|In invio|Accettato|Pubblicato)/);
    await axe(page, 'Cosa ha fatto il sostituto');
    await doc.getByRole('link', { name: 'Profilo sanitario sintetico, versione 1' }).click();
    await expect(page).toHaveURL(new RegExp(`#/assistiti/${id}/pss$`));
  } finally {
    await host.stop();
  }
});

test('the titolare adds a sostituto in Medico e struttura, typing her period as dd/mm/yyyy; the switch window shows her off duty today', async ({ page }) => {
  test.setTimeout(120_000);
  const host = await startHost();
  try {
    await page.goto(host.loginUrl);
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'open');
    await page.evaluate(() => (location.hash = '#/impostazioni/medico'));
    const section = page.getByTestId('doctors-section');
    await expect(section.getByRole('heading', { name: 'Medici dello studio' })).toBeVisible();
    await section.getByRole('button', { name: 'Aggiungi un sostituto' }).click();
    const cf = encodeCodiceFiscale({ surname: 'Estiva', givenName: 'Marta', birthDate: '1991-04-02', sex: 'F', belfiore: 'H501' });
    await section.getByLabel('Cognome').fill('Estiva');
    await section.getByLabel(/^Nome/).fill('Marta');
    await section.getByLabel('Titolo').fill('Dott.ssa');
    await section.getByLabel('Codice fiscale').fill(cf.toLowerCase());
    await section.getByLabel('Telefono').fill('06 5550199');
    await section.getByLabel('Sostituzione dal').pressSequentially('01/07/2030');
    await section.getByLabel(/^al\b/).pressSequentially('31/08/2030');
    await section.getByLabel('Parola d’accesso del sostituto').fill('estate-2030');
    await section.getByLabel('Parola d’accesso del sostituto').press('Enter');
    const row = section.getByRole('row', { name: /Marta Estiva/ });
    await expect(row).toContainText('Sostituto, dal 01/07/2030 al 31/08/2030');
    await expect(row).toContainText(cf);
    await axe(page, 'Medico e struttura');

    await page.keyboard.press('Alt+U');
    const dialog = page.getByRole('dialog', { name: 'Chi sta lavorando?' });
    const marta = dialog.getByRole('radio', { name: /Marta Estiva/ });
    await marta.check();
    await expect(dialog.getByText('fuori periodo oggi')).toBeVisible();
    await dialog.getByLabel('Parola d’accesso di Dott.ssa Marta Estiva').fill('estate-2030');
    await dialog.getByLabel('Parola d’accesso di Dott.ssa Marta Estiva').press('Enter');
    // The sandbox lets her work outside her period (outside it, OUTSIDE_SUBSTITUTION: doctors.contract.test.ts).
    await expect(page.getByTestId('working-doctor')).toHaveText('Dott.ssa Marta Estiva · Sostituto');
  } finally {
    await host.stop();
  }
});

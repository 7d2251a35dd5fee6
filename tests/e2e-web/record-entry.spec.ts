/**
 * The record's entry forms on the Scheda paziente, keyboard only: a visit with its note (the
 * draft kept through Esc and restored), a prescription from the AIC picker with a "0,5"
 * posology and a 15/03/2024 date started as a chronic plan, "Ripeti" of that plan with one key,
 * a vitals line read back while typing (an unknown part flagged, then fixed); a draft typed and
 * left survives a reload; everything is there after a reload; the openings of the Scheda and
 * the changes are in the patient's access list; axe-core on the section and on each window.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { encodeCodiceFiscale } from '../../shared/domain/codice-fiscale.ts';
import { expect, testWithOwnHost as test } from './fixtures.ts';
import { rpc } from './rpc.ts';

test.use({ bypassCSP: true });
test.setTimeout(120_000);

async function axe(page: Page, selector: string) {
  await page.waitForTimeout(200);
  const r = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary ?? ''}`)), `axe on ${selector}`).toEqual([]);
}

/** Replaces a field's text by typing, as a doctor does after Tab. */
async function retype(page: Page, text: string) {
  await page.keyboard.press('Control+a');
  await page.keyboard.type(text);
}

test('visit, prescription, Ripeti and vitals line with the keyboard only, all there after a reload', async ({ host, app: page }) => {
  await rpc(host, 'profile.set', {
    author: { codiceFiscale: encodeCodiceFiscale({ surname: 'Bianchi', givenName: 'Laura', birthDate: '1975-03-01', sex: 'F', belfiore: 'H501' }), givenName: 'Laura', surname: 'Bianchi', prefix: 'Dott.ssa', role: 'MMG', phone: '06 5550456' },
    organization: { aslCode: '120201', name: 'ASL Roma 1', regionCode: '120' },
    custodian: { idRoot: '2.16.840.1.113883.2.9.4.1.1', id: '120201', name: 'ASL Roma 1' },
  });
  const identifier = encodeCodiceFiscale({ surname: 'Diario', givenName: 'Dario', birthDate: '1958-04-12', sex: 'M', belfiore: 'H501' });
  const p = await rpc<{ id: string }>(host, 'patients.create', { surname: 'Diario', givenName: 'Dario', sex: 'M', birthDate: '1958-04-12', identifierKind: 'CF', identifier });
  await page.evaluate((id) => (location.hash = `#/assistiti/${id}`), p.id);
  const section = page.getByTestId('record-entry');
  // The lists repeat the Riepilogo's panels: read only when asked for.
  await expect(section.getByTestId('record-visits')).toHaveCount(0);
  await section.getByRole('button', { name: 'Mostra diario, terapie e ultimi parametri' }).click();
  await expect(section.getByText('Nessuna visita registrata.')).toBeVisible();
  await expect(section.getByText('Nessuna terapia in corso.')).toBeVisible();
  await axe(page, '[data-testid="record-entry"]');

  // --- Visit: Alt+V, the reason has the focus; Esc closes keeping the draft, Alt+V restores it.
  await page.keyboard.press('Alt+v');
  let visit = page.getByRole('dialog', { name: 'Nuova visita' });
  await expect(visit.getByLabel('Motivo')).toBeFocused();
  await page.keyboard.type('Controllo pressione');
  await page.keyboard.press('Tab');
  await page.keyboard.type('PA ben controllata, prosegue terapia.');
  await expect(visit.getByTestId('draft-state')).toHaveText('Bozza conservata: la ritrovi alla prossima apertura.');
  await page.keyboard.press('Escape');
  await expect(visit).toBeHidden();
  await page.keyboard.press('Alt+v');
  visit = page.getByRole('dialog', { name: 'Nuova visita' });
  await expect(visit.getByText(/^Bozza ripristinata/)).toBeVisible();
  await expect(visit.getByLabel('Motivo')).toHaveValue('Controllo pressione');
  await expect(visit.getByLabel('Diario (nota del medico)')).toHaveValue('PA ben controllata, prosegue terapia.');
  // Back to the date (Shift+Tab over kind and time) and a date typed as a doctor does.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(visit.getByLabel(/^Data/)).toBeFocused();
  await retype(page, '15/03/2024');
  await page.keyboard.press('Tab');
  await retype(page, '10:30');
  await axe(page, '[role="dialog"]');
  await page.keyboard.press('Control+s');
  await expect(visit).toBeHidden();
  const visits = section.getByTestId('record-visits');
  await expect(visits).toContainText('15/03/2024 10:30 · Ambulatoriale · Controllo pressione');
  await expect(visits).toContainText('PA ben controllata, prosegue terapia.');
  const stored = await rpc<{ items: Array<{ at: string; note: string; authorId?: string }> }>(host, 'visits.list', { patientId: p.id });
  expect(stored.items).toHaveLength(1);
  expect(stored.items[0]!.at).toBe('2024-03-15T10:30:00+01:00');
  // Saved: the draft is gone, the next visit starts empty.
  expect(await rpc(host, 'drafts.get', { patientId: p.id, form: 'visit' })).toBeNull();

  // --- Prescription: Alt+R, the AIC picker has the focus; its ATC follows.
  await page.keyboard.press('Alt+r');
  const rx = page.getByRole('dialog', { name: 'Nuova prescrizione' });
  await expect(rx.getByRole('combobox', { name: 'Farmaco (AIC)' })).toBeFocused();
  await page.keyboard.type('glucophage');
  await expect(page.getByRole('option', { name: /^017758018 — GLUCOPHAGE/ })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(rx.getByRole('combobox', { name: 'Principio attivo (ATC)' })).toHaveValue(/^A10BA02 — /);
  await rx.getByLabel('Quantità per dose').focus();
  await retype(page, '0,5');
  await page.keyboard.press('Tab'); // unit
  await page.keyboard.press('Tab'); // doses a day
  await retype(page, '2');
  await expect(rx.getByLabel('Posologia')).toHaveAttribute('placeholder', '½ compressa 2 volte al giorno');
  await rx.getByLabel(/^Confezioni/).focus();
  await retype(page, '2');
  await page.keyboard.press('Tab');
  await page.keyboard.type('013');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await expect(rx.getByLabel(/^Terapia continuativa/)).toBeChecked();
  await rx.getByLabel(/^Data/).focus();
  await retype(page, '15/03/2024');
  await axe(page, '[role="dialog"]');
  await page.keyboard.press('Control+s');
  await expect(rx).toBeHidden();
  const rxList = section.getByTestId('record-prescriptions');
  await expect(rxList).toContainText('15/03/2024 · GLUCOPHAGE — METFORMINA 500MG 30 UNITA\' USO ORALE · 2 confezioni · ½ compressa 2 volte al giorno · Esenzione 013');
  const plans = section.getByTestId('record-plans');
  await expect(plans).toContainText('ultima prescrizione 15/03/2024');

  // --- Ripeti: one key on the plan's button.
  const repeat = plans.getByRole('button', { name: /^Ripeti la prescrizione di GLUCOPHAGE/ });
  await repeat.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Prescritto GLUCOPHAGE — METFORMINA 500MG 30 UNITA\' USO ORALE: 2 confezioni')).toBeVisible();
  await expect(rxList.locator('li')).toHaveCount(2);
  const refills = await rpc<{ items: Array<{ kind: string; packs: number; planId?: string; dosageText?: string }> }>(host, 'prescriptions.list', { patientId: p.id });
  expect(refills.items.map((r) => [r.packs, r.dosageText, Boolean(r.planId)])).toEqual([[2, '½ compressa 2 volte al giorno', true], [2, '½ compressa 2 volte al giorno', true]]);

  // --- Vitals line: read back while typing; an unknown part is flagged and blocks the save.
  await page.keyboard.press('Alt+p');
  let vitals = page.getByRole('dialog', { name: 'Parametri vitali' });
  await expect(vitals.getByLabel('Parametri')).toBeFocused();
  await page.keyboard.type('PA 135/85, peso 82,5, FC 70, h 172, xyz');
  const read = vitals.getByTestId('vitals-read');
  await expect(read).toContainText('PA 135/85 mmHg');
  await expect(read).toContainText('Peso 82,5 kg');
  await expect(read).toContainText('BMI 27,9 kg/m² (calcolato)');
  await expect(vitals.getByTestId('vitals-problems')).toContainText('Non riconosciuto: «xyz»');
  await page.keyboard.press('Control+s');
  await expect(vitals.getByTestId('record-form-error')).toBeVisible();
  expect((await rpc<{ items: unknown[] }>(host, 'observations.latest', { patientId: p.id })).items).toHaveLength(0);
  for (let i = 0; i < ', xyz'.length; i++) await page.keyboard.press('Backspace');
  await expect(vitals.getByTestId('vitals-problems')).toBeHidden();
  // A draft left behind survives a reload.
  await expect(vitals.getByTestId('draft-state')).toHaveText('Bozza conservata: la ritrovi alla prossima apertura.');
  await page.reload();
  await section.getByRole('button', { name: 'Mostra diario, terapie e ultimi parametri' }).click();
  await expect(section.getByTestId('record-visits')).toContainText('Controllo pressione');
  await page.keyboard.press('Alt+p');
  vitals = page.getByRole('dialog', { name: 'Parametri vitali' });
  await expect(vitals.getByLabel('Parametri')).toHaveValue('PA 135/85, peso 82,5, FC 70, h 172');
  await page.keyboard.press('Tab');
  await retype(page, '15/03/2024');
  await page.keyboard.press('Tab');
  await retype(page, '9.15');
  await axe(page, '[role="dialog"]');
  await page.keyboard.press('Control+s');
  await expect(vitals).toBeHidden();
  const latest = section.getByTestId('record-vitals');
  await expect(latest).toContainText('Peso: 82,5 kg');
  await expect(latest).toContainText('PA: 135/85 mmHg');
  // Abnormal values are said in words, not by colour alone.
  await expect(latest.locator('li', { hasText: 'BMI' })).toContainText('↑ alto');
  await expect(latest).toContainText('15/03/2024 09:15');

  // --- After a reload, everything is read back from the database.
  await page.reload();
  await section.getByRole('button', { name: 'Mostra diario, terapie e ultimi parametri' }).click();
  await expect(section.getByTestId('record-visits')).toContainText('15/03/2024 10:30 · Ambulatoriale · Controllo pressione');
  await expect(section.getByTestId('record-prescriptions').locator('li')).toHaveCount(2);
  await expect(section.getByTestId('record-plans')).toContainText('GLUCOPHAGE');
  await expect(section.getByTestId('record-vitals')).toContainText('BMI: 27,9 kg/m²');
  await expect(section.getByTestId('record-vitals')).toContainText('FC: 70 bpm');
  await axe(page, '[data-testid="record-entry"]');
  await page.screenshot({ path: 'test-results/e2e-web-screens/record-entry.png', fullPage: true });

  // --- Who saw what: each opening of the Scheda is in the patient's access list, with the doctor.
  const access = page.getByTestId('access-log');
  await access.getByRole('button', { name: 'Mostra accessi' }).focus();
  await page.keyboard.press('Enter');
  const rows = access.getByRole('row');
  await expect(rows.filter({ hasText: 'Consultazione: Apertura della scheda' }).first()).toContainText('Dott.ssa Laura Bianchi');
  expect(await rows.filter({ hasText: 'Apertura della scheda' }).count()).toBeGreaterThanOrEqual(3);
  await access.getByRole('radio', { name: 'Solo consultazioni' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(access.getByRole('radio', { name: 'Tutte le operazioni' })).toBeChecked();
  await expect(access).toContainText('Modifica: Nuova visita nel diario');
  await expect(access).toContainText('Modifica: Prescrizione');
  await expect(access).toContainText('Modifica: Parametri registrati');
  await axe(page, '[data-testid="access-log"]');
});

test('English, and 200 % zoom: the section and the vitals line in English, nothing cut off; an unusual value saved on a second Ctrl+S', async ({ host, app: page }) => {
  const identifier = encodeCodiceFiscale({ surname: 'Zoom', givenName: 'Zeno', birthDate: '1970-01-01', sex: 'M', belfiore: 'H501' });
  const p = await rpc<{ id: string }>(host, 'patients.create', { surname: 'Zoom', givenName: 'Zeno', sex: 'M', birthDate: '1970-01-01', identifierKind: 'CF', identifier });
  await page.getByRole('link', { name: 'Impostazioni' }).click();
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  // 200 % zoom of a 1280 px window: 640 CSS pixels wide.
  await page.setViewportSize({ width: 640, height: 800 });
  await page.evaluate((id) => (location.hash = `#/assistiti/${id}`), p.id);
  const section = page.getByRole('region', { name: 'Diary, therapies and measurements' });
  await section.getByRole('button', { name: 'Show diary, therapies and latest measurements' }).click();
  await expect(section.getByText('No visits recorded.')).toBeVisible();
  expect(await section.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  await page.keyboard.press('Alt+p');
  const vitals = page.getByRole('dialog', { name: 'Vital signs' });
  await expect(vitals.getByLabel('Measurements')).toBeFocused();
  await page.keyboard.type('PA 128/82 peso 70.5 h 175 FC 25');
  await expect(vitals.getByTestId('vitals-read')).toContainText('Weight 70,5 kg');
  await expect(vitals.getByTestId('vitals-read')).toContainText('(computed)');
  // A possible but unusual value is shown while typing and saved only on a second Ctrl+S.
  await expect(vitals.getByTestId('vitals-unusual')).toContainText('Frequenza cardiaca');
  await page.keyboard.press('Control+s');
  await expect(vitals.getByTestId('record-form-error')).toContainText('press Ctrl+S (or Save) again');
  expect((await rpc<{ items: unknown[] }>(host, 'observations.latest', { patientId: p.id })).items).toHaveLength(0);
  await page.keyboard.press('Control+s');
  await expect(vitals).toBeHidden();
  await expect(section.getByTestId('record-vitals')).toContainText('HR: 25 bpm');
  await expect(section.getByTestId('record-vitals')).toContainText('BP: 128/82 mmHg');
  await axe(page, '[data-testid="record-entry"]');
  await page.screenshot({ path: 'test-results/e2e-web-screens/record-entry-en-640.png', fullPage: true });
});

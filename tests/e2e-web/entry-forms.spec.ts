/**
 * The PSS entry forms as a doctor types into them (node host, Chromium, keyboard): decimals
 * with "," and "." (nothing dropped), dates as gg/mm/aaaa saved with Enter or Ctrl+S without
 * leaving the field, implausible values refused or flagged, abnormal ones marked in words,
 * units shown; and the window layer: focus on the first field, Ctrl+S and Esc on the innermost
 * window only, a changed entry asks before it is discarded, Esc leaves the editor.
 */
import type { Page } from '@playwright/test';
import { encodeCodiceFiscale } from '../../shared/domain/codice-fiscale.ts';
import { expect, test } from './fixtures.ts';
import type { RunningHost } from './node-host.ts';
import { rpc } from './rpc.ts';

test.describe.configure({ timeout: 120_000 });

interface View { record: { vitalSigns: Array<Record<string, unknown>>; labResults: Array<Record<string, unknown>>; vaccinations: Array<Record<string, unknown>> } }

async function patient(host: RunningHost, surname: string): Promise<string> {
  const identifier = encodeCodiceFiscale({ surname, givenName: 'Anna', birthDate: '1980-03-15', sex: 'F', belfiore: 'H501' });
  const p = await rpc<{ id: string }>(host, 'patients.create', {
    surname, givenName: 'Anna', sex: 'F', birthDate: '1980-03-15', identifierKind: 'CF', identifier,
  });
  for (const key of ['noProblems', 'noAllergies', 'noMedications'] as const) {
    await rpc(host, 'record.setStatement', { patientId: p.id, key, value: key === 'noProblems' ? 'no-known-problems' : key === 'noAllergies' ? 'no-known-allergies' : 'no-known-medications' });
  }
  return p.id;
}

async function openEditor(page: Page, id: string) {
  await page.evaluate((pid) => (location.hash = `#/assistiti/${pid}/pss`), id);
  await expect(page.getByRole('heading', { name: 'Profilo Sanitario Sintetico', level: 1 })).toBeVisible();
}

async function addTo(page: Page, section: string) {
  await page.getByRole('button', { name: `Aggiungi a ${section}` }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  return dialog;
}

async function pickKind(page: Page, dialog: ReturnType<Page['getByRole']>, label: string, option: string) {
  await dialog.getByLabel(label, { exact: false }).first().click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

const record = (host: RunningHost, id: string) => rpc<View>(host, 'record.get', { patientId: id });

test('decimals: "12,5" and "8.1" are kept whole, shown with a comma and their unit; a malformed number is refused, not shortened', async ({ app: page, host }) => {
  const id = await patient(host, 'Decimali');
  await openEditor(page, id);

  let dialog = await addTo(page, 'Parametri vitali');
  await dialog.getByLabel(/^Valore \(kg\)/).fill('12,5');
  await dialog.getByLabel(/^Valore \(kg\)/).press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('[data-field^="vitalSigns."]').filter({ hasText: 'Peso: 12,5 kg' })).toHaveCount(1);

  dialog = await addTo(page, 'Parametri vitali');
  await pickKind(page, dialog, 'Parametro', 'BMI');
  await dialog.getByLabel(/^Valore \(kg\/m2\)/).fill('23.4');
  await dialog.getByLabel(/^Valore \(kg\/m2\)/).press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('[data-field^="vitalSigns."]').filter({ hasText: 'BMI: 23,4 kg/m2' })).toHaveCount(1);

  dialog = await addTo(page, 'Indagini diagnostiche ed esami');
  await dialog.getByLabel(/^Codice esame \(LOINC\)/).fill('4548-4');
  await dialog.getByLabel(/^Esame/).fill('Emoglobina glicata');
  // The usual unit of a known test is offered when the field is entered.
  await dialog.getByLabel(/^Unità di misura/).focus();
  await expect(dialog.getByLabel(/^Unità di misura/)).toHaveValue('%');
  await dialog.getByLabel(/^Risultato/).fill('8.1');
  await expect(dialog.getByTestId('lab-flag')).toHaveText('sopra il riferimento');
  await dialog.getByLabel(/^Risultato/).press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('[data-field^="labResults."]').filter({ hasText: '8,1 %' })).toHaveCount(1);

  // Two decimal marks: the field says so and nothing is saved.
  dialog = await addTo(page, 'Parametri vitali');
  await dialog.getByLabel(/^Valore \(kg\)/).fill('12,5,3');
  await dialog.getByLabel(/^Valore \(kg\)/).press('Enter');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText(/Numero non valido|Valore non valido/)).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Scarta' }).click();
  await expect(dialog).toHaveCount(0);

  const v = await record(host, id);
  expect(v.record.vitalSigns.map((x) => x.value).sort()).toEqual([12.5, 23.4]);
  expect(v.record.labResults.map((x) => x.value)).toEqual([8.1]);
});

test('dates: gg/mm/aaaa, gg/mm/aa and mm/aaaa are saved as typed with Enter or Ctrl+S, and shown dd/mm/yyyy', async ({ app: page, host }) => {
  const id = await patient(host, 'Date');
  await openEditor(page, id);

  let dialog = await addTo(page, 'Parametri vitali');
  await dialog.getByLabel(/^Valore \(kg\)/).fill('70');
  const date = dialog.getByLabel(/^Data \(gg\/mm\/aaaa\)/);
  await date.fill('15/03/2024');
  await date.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('[data-field^="vitalSigns."]').filter({ hasText: '15/03/2024' })).toHaveCount(1);

  dialog = await addTo(page, 'Parametri vitali');
  await pickKind(page, dialog, 'Parametro', 'Altezza');
  await dialog.getByLabel(/^Valore \(cm\)/).fill('170');
  await dialog.getByLabel(/^Data \(gg\/mm\/aaaa\)/).fill('2/1/25');
  await page.keyboard.press('Control+s');
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('[data-field^="vitalSigns."]').filter({ hasText: '02/01/2025' })).toHaveCount(1);

  dialog = await addTo(page, 'Parametri vitali');
  await pickKind(page, dialog, 'Parametro', 'Circonferenza vita');
  await dialog.getByLabel(/^Valore \(cm\)/).fill('88');
  await dialog.getByLabel(/^Data \(gg\/mm\/aaaa\)/).fill('03/2021');
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('[data-field^="vitalSigns."]').filter({ hasText: '03/2021' })).toHaveCount(1);

  // A date that does not exist is refused where it was typed.
  dialog = await addTo(page, 'Parametri vitali');
  await dialog.getByLabel(/^Valore \(kg\)/).fill('70');
  await dialog.getByLabel(/^Data \(gg\/mm\/aaaa\)/).fill('31/02/2024');
  await page.keyboard.press('Enter');
  await expect(dialog.getByText('Data non valida: gg/mm/aaaa, mm/aaaa o aaaa')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Scarta' }).click();

  const dates = (await record(host, id)).record.vitalSigns.map((x) => x.date).sort();
  expect(dates).toEqual(['2021-03', '2024-03-15', '2025-01-02']);
});

test('plausibility: 20/300 mmHg is refused, 150/95 is saved and marked above the reference, and a stored impossible value is a validation error', async ({ app: page, host }) => {
  const id = await patient(host, 'Pressione');
  await openEditor(page, id);

  let dialog = await addTo(page, 'Parametri vitali');
  await pickKind(page, dialog, 'Parametro', 'Pressione arteriosa');
  await dialog.getByLabel(/^Sistolica/).fill('20');
  await dialog.getByLabel(/^Diastolica/).fill('300');
  await dialog.getByLabel(/^Diastolica/).press('Enter');
  await expect(dialog.getByText(/Valore impossibile per Pressione sistolica/)).toBeVisible();
  await expect(dialog.getByText(/Valore impossibile per Pressione diastolica/)).toBeVisible();
  await dialog.getByLabel(/^Sistolica/).fill('150');
  await dialog.getByLabel(/^Diastolica/).fill('95');
  await dialog.getByLabel(/^Diastolica/).press('Enter');
  await expect(dialog).toHaveCount(0);
  const row = page.locator('[data-field^="vitalSigns."]').filter({ hasText: '150/95 mmHg' });
  await expect(row).toContainText('sopra il riferimento');

  // An unusual (not impossible) value asks for a second confirmation.
  dialog = await addTo(page, 'Parametri vitali');
  await dialog.getByLabel(/^Valore \(kg\)/).fill('300');
  await dialog.getByLabel(/^Valore \(kg\)/).press('Enter');
  await expect(dialog.getByTestId('plausibility-warnings')).toContainText('Valore insolito per Peso');
  await dialog.getByRole('button', { name: 'Salva comunque' }).click();
  await expect(dialog).toHaveCount(0);

  // What a program (or an old import) stored anyway does not validate.
  await rpc(host, 'record.upsertEntry', { patientId: id, section: 'vitalSigns', entry: { id: 'VS-BAD', source: 'doctor', kind: 'blood-pressure', systolic: 20, diastolic: 300, date: '2026-01-10' } });
  const preview = await rpc<{ issues: Array<{ severity: string; code: string; field?: string }> }>(host, 'pss.preview', { patientId: id, pdf: false });
  const errors = preview.issues.filter((i) => i.severity === 'error' && i.code.startsWith('PLAUSIBILITY'));
  expect(errors.map((i) => i.field)).toEqual(['vitalSigns.VS-BAD', 'vitalSigns.VS-BAD', 'vitalSigns.VS-BAD']);
  expect(preview.issues.some((i) => i.severity === 'warning' && i.code === 'PLAUSIBILITY_IMPLAUSIBLE')).toBe(true);
});

test('windows: focus on the first field, Ctrl+S saves the entry and not the page, Esc asks before discarding, Esc leaves the editor; the Scheda paziente focuses its heading', async ({ app: page, host }) => {
  const id = await patient(host, 'Finestre');
  await page.evaluate((pid) => (location.hash = `#/assistiti/${pid}`), id);
  await expect(page.getByTestId('patient-name')).toBeFocused();
  await openEditor(page, id);

  const dialog = await addTo(page, 'Parametri vitali');
  const focused = await page.evaluate(() => ({ tag: document.activeElement?.tagName, label: document.activeElement?.getAttribute('aria-label') }));
  expect(focused.tag).toBe('INPUT');
  expect(focused.label).not.toBe('Chiudi');
  // Typing goes into the form; Enter does not close the window and lose the entry.
  await dialog.getByLabel(/^Valore \(kg\)/).fill('71');
  await page.keyboard.press('Escape');
  const ask = page.getByRole('dialog', { name: 'Scartare i dati non salvati?' });
  await expect(ask).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(ask).toHaveCount(0);
  await expect(dialog.getByLabel(/^Valore \(kg\)/)).toHaveValue('71');

  await page.keyboard.press('Control+s');
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('[data-field^="vitalSigns."]').filter({ hasText: 'Peso: 71 kg' })).toHaveCount(1);
  const status = await rpc<{ draft: unknown }>(host, 'pss.status', { patientId: id });
  expect(status.draft, 'Ctrl+S in the window did not save the page draft').toBeNull();

  // An unchanged window closes with Esc without a question.
  await addTo(page, 'Parametri vitali');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // With no window open, Esc leaves the editor for the Scheda paziente.
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(new RegExp(`#/assistiti/${id}$`));
  await expect(page.getByTestId('patient-name')).toBeFocused();
});

test('coded pickers: categories are not offered, ATC descriptions in Italian, vaccines by their common name, criticality in words', async ({ app: page, host }) => {
  const id = await patient(host, 'Codici');
  await openEditor(page, id);

  let dialog = await addTo(page, 'Problemi');
  await dialog.getByLabel(/^Diagnosi \(ICD-9-CM\)/).fill('250');
  await expect(page.getByRole('option', { name: /^250\.00 — / })).toBeVisible();
  await expect(page.getByRole('option', { name: /^250 — / })).toHaveCount(0);
  await expect(page.getByRole('option', { name: /^250\.0 — / })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  dialog = await addTo(page, 'Vaccinazioni');
  // The vaccine picker offers the ATC J07 codes only (PAEDIATRICS.md §1).
  const vaccine = dialog.getByLabel(/^Vaccino \(ATC J07\)/);
  await vaccine.fill('esavalente');
  await expect(page.getByRole('option', { name: /^J07CA09 — / })).toBeVisible();
  await vaccine.fill('MPRV');
  await expect(page.getByRole('option', { name: /^J07BD54 — / })).toBeVisible();
  await vaccine.fill('J07A');
  await expect(page.getByRole('option', { name: /^J07A — / })).toHaveCount(0);
  await expect(page.getByRole('option', { name: /^J07AL02 — / })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');

  dialog = await addTo(page, 'Terapie farmacologiche');
  await dialog.getByLabel(/^Principio attivo \(ATC\)/).fill('A02BD10');
  await expect(page.getByRole('option', { name: 'A02BD10 — LANSOPRAZOLO, AMOXICILLINA E LEVOFLOXACINA', exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');

  await rpc(host, 'record.upsertEntry', { patientId: id, section: 'allergies', entry: { id: 'ALG-1', source: 'doctor', type: 'DALG', agent: { kind: 'atc', code: 'J01CA04', display: 'AMOXICILLINA' }, status: 'active', criticality: 'H' } });
  await rpc(host, 'record.upsertEntry', { patientId: id, section: 'problems', entry: { id: 'PRB-CAT', source: 'doctor', diagnosis: { code: '250', display: 'Diabete mellito' }, status: 'active', chronic: true } });
  await page.reload();
  await expect(page.locator('[data-field="allergies.ALG-1"]')).toContainText('criticità alta');
  await expect(page.locator('[data-field="problems.PRB-CAT"]').getByTestId('field-issue')).toContainText('è una categoria', { timeout: 60_000 });
});

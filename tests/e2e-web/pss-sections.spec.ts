/**
 * The PSS sections that used to be edited as JSON have real fields (node host, Chromium): no
 * section's dialog shows JSON; a lifestyle entry (saved with Enter), a visit/admission (a date
 * typed gg/mm/aaaa), a laboratory result and a functional-status assessment are added through
 * their fields and listed in the doctor's words, and the document still has 0 validation
 * errors. A required field left empty shows the Italian error on that field, and the entry is
 * not saved until it is filled.
 */
import type { Page } from '@playwright/test';
import { syntheticPatients } from '../../shared/synthetic/patients.ts';
import { expect, test } from './fixtures.ts';
import { rpc } from './rpc.ts';

test.describe.configure({ timeout: 180_000 });

const SEVEN = [
  'Stile di vita', 'Gravidanze, parti e stato mestruale', 'Piani di cura', 'Visite e ricoveri', 'Stato funzionale',
  'Indagini diagnostiche ed esami di laboratorio', 'Reti di patologia',
];

async function validated(page: Page, errors: RegExp) {
  await expect(page.getByTestId('pss-validation-summary')).toHaveText(errors, { timeout: 30_000 });
}

async function choose(page: Page, field: ReturnType<Page['getByLabel']>, option: string) {
  await field.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('PSS: lifestyle, visit, result and functional status through their fields; required field errors in Italian', async ({ app: page, host }) => {
  // A woman: pregnancies are not offered to a man or a young child (sections.ts sectionOffered).
  const p = syntheticPatients({ count: 10, seed: 7070 }).find((x) => x.sex === 'F')!;
  const { id } = await rpc<{ id: string }>(host, 'patients.create', p);
  for (const [key, value] of [['noProblems', 'no-known-problems'], ['noAllergies', 'no-known-allergies'], ['noMedications', 'no-known-medications']] as const) {
    await rpc(host, 'record.setStatement', { patientId: id, key, value });
  }
  await page.evaluate((patientId) => (location.hash = `#/assistiti/${patientId}`), id);
  await page.getByRole('link', { name: 'Profilo Sanitario Sintetico' }).click();
  await expect(page.getByRole('heading', { name: 'Profilo Sanitario Sintetico', level: 1 })).toBeVisible();
  await validated(page, /^0 errori/);

  const dialog = page.getByRole('dialog');
  // No section is edited as JSON any more.
  for (const section of SEVEN) {
    await page.getByRole('button', { name: `Aggiungi a ${section}` }).click();
    await expect(dialog.getByRole('button', { name: 'Salva voce' })).toBeVisible();
    await expect(dialog).not.toContainText('JSON');
    await expect(dialog.getByRole('textbox', { name: /JSON/ })).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Annulla' }).click();
    await expect(dialog).toHaveCount(0);
  }

  // Stile di vita: the factor, then its own value; Enter saves.
  await page.getByRole('button', { name: 'Aggiungi a Stile di vita' }).click();
  await expect(dialog.getByLabel(/^Fattore/)).toHaveValue('Fumo');
  await choose(page, dialog.getByLabel(/^Abitudine al fumo/), 'Ex fumatore');
  const lifeDate = dialog.getByLabel('Data (gg/mm/aaaa)');
  await lifeDate.fill('2024-01');
  await lifeDate.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('[data-field^="lifestyle."]').filter({ hasText: 'Fumo: Ex fumatore · 01/2024' })).toHaveCount(1);

  // Visite e ricoveri: type from EncounterCode_PSSIT, a date typed as gg/mm/aaaa, discharge diagnosis from ICD-9-CM.
  await page.getByRole('button', { name: 'Aggiungi a Visite e ricoveri' }).click();
  await dialog.getByLabel(/^Tipo di visita o ricovero/).fill('ricov');
  await page.getByRole('option', { name: 'IMP — Ricovero', exact: true }).click();
  const start = dialog.getByLabel(/^Inizio \(gg\/mm\/aaaa/);
  await start.fill('12/03/2024');
  await start.blur();
  await expect(start).toHaveValue('12/03/2024');
  await dialog.getByLabel('Fine (gg/mm/aaaa)').fill('2024-03-15');
  await dialog.getByLabel('Struttura e reparto').fill('Ospedale San Camillo, Medicina interna');
  await dialog.getByLabel('Diagnosi di dimissione (ICD-9-CM)').fill('polmonite agente');
  await page.getByRole('option', { name: '486 — Polmonite, agente non specificato', exact: true }).click();
  await dialog.getByRole('button', { name: 'Salva voce' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('[data-field^="encounters."]').filter({ hasText: 'Ricovero (IMP) — Ospedale San Camillo, Medicina interna · 12/03/2024 → 15/03/2024' })).toHaveCount(1);

  // Indagini ed esami: the result left empty is refused on its field, in Italian.
  await page.getByRole('button', { name: 'Aggiungi a Indagini diagnostiche ed esami di laboratorio' }).click();
  await dialog.getByLabel(/^Codice esame \(LOINC\)/).fill('4548');
  await page.getByRole('option', { name: '4548-4 — Emoglobina glicata (HbA1c)', exact: true }).click();
  await expect(dialog.getByLabel(/^Esame/)).toHaveValue('Emoglobina glicata (HbA1c)');
  await dialog.getByRole('button', { name: 'Salva voce' }).click();
  const result = dialog.getByLabel(/^Risultato/);
  await expect(result).toHaveAttribute('aria-invalid', 'true');
  await expect(result).toHaveAccessibleDescription(/Campo obbligatorio/);
  await expect(dialog.getByLabel(/^Unità di misura/)).toHaveAccessibleDescription(/Campo obbligatorio/);
  await expect(dialog).toHaveCount(1);
  await result.fill('7,2');
  await dialog.getByLabel(/^Unità di misura/).focus();
  await expect(dialog.getByLabel(/^Unità di misura/)).toHaveValue('%');
  await page.keyboard.press('Tab'); // leaves the unit suggestions
  await choose(page, dialog.getByLabel('Interpretazione'), 'Alto');
  await dialog.getByLabel('Data (gg/mm/aaaa)').fill('2025-02-10');
  await dialog.getByRole('button', { name: 'Salva voce' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('[data-field^="labResults."]').filter({ hasText: 'Emoglobina glicata (HbA1c) (4548-4): 7,2 % (alto) · 10/02/2025' })).toHaveCount(1);

  // Stato funzionale: an empty assessment is refused on its first field, in Italian.
  await page.getByRole('button', { name: 'Aggiungi a Stato funzionale' }).click();
  await dialog.getByRole('button', { name: 'Salva voce' }).click();
  await expect(dialog.getByLabel('Capacità motoria')).toHaveAccessibleDescription(/Indica almeno capacità motoria, regime di assistenza o stato mentale/);
  await choose(page, dialog.getByLabel('Regime di assistenza'), 'Assistenza domiciliare integrata (ADI)');
  await dialog.getByRole('button', { name: 'Salva voce' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('[data-field^="functionalStatus."]').filter({ hasText: 'Assistenza domiciliare integrata (ADI)' })).toHaveCount(1);

  // The editor validates the document again after each save: still 0 errors.
  await page.getByRole('button', { name: 'Aggiorna anteprima' }).click();
  await expect(page.getByText('Validazione in corso…')).toHaveCount(0, { timeout: 30_000 });
  await validated(page, /^0 errori/);
  await page.screenshot({ path: 'test-results/e2e-web-screens/pss-sections.png', fullPage: true });

  // What was saved is what the record holds (the fields, not a JSON text).
  const view = await rpc<{ record: Record<string, Array<Record<string, unknown>>> }>(host, 'record.get', { patientId: id });
  expect(view.record.lifestyle).toEqual([expect.objectContaining({ kind: 'smoking', smoking: 'former', date: '2024-01', source: 'doctor' })]);
  expect(view.record.encounters).toEqual([expect.objectContaining({
    encounterType: { code: 'IMP', display: 'Ricovero' }, start: '2024-03-12', end: '2024-03-15',
    dischargeDiagnosis: { code: '486', display: 'Polmonite, agente non specificato' },
  })]);
  expect(view.record.labResults).toEqual([expect.objectContaining({ loinc: { code: '4548-4', display: 'Emoglobina glicata (HbA1c)' }, value: 7.2, unit: '%', interpretation: 'H', date: '2025-02-10' })]);

  const preview = await rpc<{ cda: string; issues: Array<{ severity: string }> }>(host, 'pss.preview', { patientId: id, pdf: false });
  expect(preview.issues.filter((i) => i.severity === 'error')).toEqual([]);
  for (const code of ['72166-2', 'code="IMP"', 'code="4548-4"', 'PSSADI']) expect(preview.cda).toContain(code);
});

/**
 * Import of received documents through the Scheda paziente, with the keyboard: the official LAB
 * (preview with its value, the narrative disagreement and the chart-date rule, one
 * confirmation, the value in the document's view) and the official LDO (proposals and the
 * therapy reconciliation: the allergy left out and the medicine started, then the record holds
 * exactly that); a file of another patient is refused in Italian; axe-core on the dialogs.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures.ts';
import { rpc } from './rpc.ts';
import { encodeCodiceFiscale } from '../../shared/domain/codice-fiscale.ts';

const LAB = 'tests/fixtures/cda/official-examples/LAB.xml';
const LDO = 'tests/fixtures/cda/official-examples/LDO.xml';

async function axe(page: import('@playwright/test').Page, selector: string) {
  // The theme's filled primary button (teal 8, white text) is the palette's, not this feature's:
  // the renderer contrast fix darkens it; everything else in the dialog is checked.
  await page.waitForTimeout(300); // the modal's opening transition (opacity) would read as low contrast
  const r = await new AxeBuilder({ page }).include(selector).exclude('[data-testid="import-confirm"]').withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(r.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.any[0]?.message ?? n.failureSummary ?? ''}`))).toEqual([]);
}

test.setTimeout(180_000);

test('import an official LAB and LDO from the Scheda paziente: preview, choices, one confirmation, the values', async ({ host, app: page }) => {
  // The ministry's test patient, with the demographics its codice fiscale encodes.
  const owner = await rpc<{ id: string }>(host, 'patients.create', { surname: 'Gatwa', givenName: 'Gawy', sex: 'F', birthDate: '1982-02-02', identifierKind: 'CF', identifier: 'GTWGWY82B42G920M' });
  const other = await rpc<{ id: string }>(host, 'patients.create', { surname: 'Verdi', givenName: 'Anna', sex: 'F', birthDate: '1980-02-03', identifierKind: 'CF', identifier: encodeCodiceFiscale({ surname: 'Verdi', givenName: 'Anna', birthDate: '1980-02-03', sex: 'F', belfiore: 'H501' }) });

  await page.evaluate((id) => (location.hash = `#/assistiti/${id}`), owner.id);
  const panel = page.getByTestId('received-documents');
  await expect(panel.getByText('Nessun documento ricevuto.')).toBeVisible();

  // LAB: chosen with the keyboard (focus the button, Enter opens the file chooser).
  const importButton = panel.getByRole('button', { name: 'Importa documento' });
  await importButton.focus();
  let chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Enter');
  await (await chooser).setFiles(LAB);
  const dialog = page.getByRole('dialog', { name: 'Importa LAB.xml' });
  const table = dialog.getByTestId('observation-table');
  // The first document of a type compiles its schematron in the validation worker: seconds.
  await expect(table).toContainText('Microalbumin Massa/Volume in Urine', { timeout: 60_000 });
  await expect(table.getByRole('cell', { name: '16 mg/L' })).toBeVisible();
  await expect(table).toContainText('normale (N)');
  await expect(dialog.getByTestId('import-flags')).toContainText('Il testo del referto riporta 20 mg/L, il dato codificato 16.00 mg/L');
  await expect(dialog.getByText(/^Data del grafico: quella dell'osservazione/)).toBeVisible();
  await expect(dialog.getByTestId('verdict-validation')).toHaveText('✓ Validazione FSE: valida');
  await axe(page, '[role="dialog"]');
  // Nothing is written before the confirmation.
  expect((await rpc<{ total: number }>(host, 'received.list', { patientId: owner.id })).total).toBe(0);
  const confirm = dialog.getByRole('button', { name: 'Conferma e importa (1 voce)' });
  await expect(confirm).toBeFocused();
  await page.keyboard.press('Enter');
  const doc = page.getByRole('dialog', { name: 'Referto di laboratorio — REFERTO DI LABORATORIO' });
  await expect(doc.getByTestId('observation-table').getByRole('cell', { name: '16 mg/L' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(doc).toBeHidden();
  await expect(panel.getByRole('button', { name: 'Referto di laboratorio — REFERTO DI LABORATORIO' })).toBeVisible();

  // LDO: the proposals and the reconciliation.
  chooser = page.waitForEvent('filechooser');
  await importButton.click();
  await (await chooser).setFiles(LDO);
  const ldo = page.getByRole('dialog', { name: 'Importa LDO.xml' });
  await expect(ldo.getByTestId('proposals-problems').getByRole('checkbox')).toBeChecked({ timeout: 60_000 });
  await expect(ldo.getByTestId('proposals-problems')).toContainText('428.0');
  const allergy = ldo.getByTestId('proposals-allergies').getByRole('checkbox');
  await allergy.focus();
  await page.keyboard.press('Space');
  await expect(allergy).not.toBeChecked();
  const start = ldo.getByTestId('reconciliation').getByRole('radio', { name: 'Avvia' });
  await expect(start).toBeChecked();
  await expect(ldo.getByTestId('reconciliation')).toContainText('NORVASC*5MG 28 CPR');
  await expect(ldo.getByTestId('import-warnings')).toContainText('8 voci nel testo, 1 codificata');
  await axe(page, '[role="dialog"]');
  await page.screenshot({ path: 'test-results/e2e-web-screens/import-ldo.png' });
  // Problem, stay and therapy: 3 (the allergy left out).
  await ldo.getByRole('button', { name: 'Conferma e importa (3 voci)' }).click();
  const letter = page.getByRole('dialog', { name: /^Lettera di dimissione —/ });
  await expect(letter).toContainText('Insufficienza cardiaca');
  await expect(letter).toContainText('NORVASC*5MG 28 CPR');
  await page.keyboard.press('Escape');
  const record = await rpc<{ record: { problems: unknown[]; allergies: unknown[]; medications: Array<{ atc: { code: string } }> } }>(host, 'record.get', { patientId: owner.id });
  expect(record.record.problems).toHaveLength(1);
  expect(record.record.allergies).toHaveLength(0);
  expect(record.record.medications.map((m) => m.atc.code)).toEqual(['C08CA01']);

  // The same LAB on another patient: refused in Italian, nothing written.
  await page.evaluate((id) => (location.hash = `#/assistiti/${id}`), other.id);
  await expect(page.getByTestId('patient-header')).toContainText('Verdi Anna');
  chooser = page.waitForEvent('filechooser');
  await page.getByTestId('received-documents').getByRole('button', { name: 'Importa documento' }).click();
  await (await chooser).setFiles(LAB);
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText('è di un altro assistito', { timeout: 30_000 });
  await page.keyboard.press('Escape');
  expect((await rpc<{ total: number }>(host, 'received.list', { patientId: other.id })).total).toBe(0);
});

test('a home-device CSV of an unknown shape: the doctor maps its columns once, then every such file is read', async ({ host, app: page }) => {
  const p = await rpc<{ id: string }>(host, 'patients.create', { surname: 'Bianchi', givenName: 'Luca', sex: 'M', birthDate: '1975-05-20', identifierKind: 'CF', identifier: encodeCodiceFiscale({ surname: 'Bianchi', givenName: 'Luca', birthDate: '1975-05-20', sex: 'M', belfiore: 'F205' }) });
  await page.evaluate((id) => (location.hash = `#/assistiti/${id}`), p.id);
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('received-documents').getByRole('button', { name: 'Importa documento' }).click();
  await (await chooser).setFiles('tests/fixtures/import/csv/generic-scale.csv');
  const dialog = page.getByRole('dialog', { name: 'Importa generic-scale.csv' });
  const form = dialog.getByTestId('csv-mapping');
  await expect(form).toBeVisible();
  await form.getByLabel('Nome della mappatura').fill('Bilancia di casa');
  await form.getByRole('combobox', { name: 'Misura della colonna Peso kg' }).click();
  await page.getByRole('option', { name: 'Peso corporeo (kg)' }).click();
  await axe(page, '[role="dialog"]');
  await form.getByRole('button', { name: 'Salva la mappatura e leggi il file' }).click();
  const table = dialog.getByTestId('observation-table');
  await expect(table.getByRole('cell', { name: '82,4 kg' })).toBeVisible();
  await expect(dialog.getByTestId('csv-reading')).toContainText('Bilancia di casa');
  await dialog.getByRole('button', { name: 'Conferma e importa (3 voci)' }).click();
  await expect(page.getByRole('dialog', { name: /^Misurazioni da dispositivo/ }).getByRole('cell', { name: '81,2 kg' })).toBeVisible();
  expect(await rpc<Array<{ name: string }>>(host, 'import.csvMappings', {})).toEqual([expect.objectContaining({ name: 'Bilancia di casa' })]);
});

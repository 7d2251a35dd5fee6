/**
 * Import of a received PSS through the UI (existing documents seed the record): the
 * official IG example for its patient — preview per section, one confirmation, the entries in
 * the editor and the document still valid; the same file on another patient is refused in
 * Italian and nothing is written.
 */
import { expect, test } from './fixtures.ts';
import { rpc } from './rpc.ts';
import { encodeCodiceFiscale } from '../../shared/domain/codice-fiscale.ts';

const OFFICIAL = 'tests/fixtures/pss/official-PSS.xml';

test('import the official example PSS into its patient; refused on another patient', async ({ host, app: page }) => {
  // Official test data: the IG example's patient (tests/fixtures/pss/README.md).
  const owner = await rpc<{ id: string }>(host, 'patients.create', { surname: 'Rossi', givenName: 'Mario', sex: 'M', birthDate: '1922-01-01', identifierKind: 'CF', identifier: 'RSSMRA22A01A399Z' });
  // A patient of this spec only: the specs of one worker share its host (fixtures.ts).
  const other = await rpc<{ id: string }>(host, 'patients.create', { surname: 'Neri', givenName: 'Carla', sex: 'F', birthDate: '1975-04-12', identifierKind: 'CF', identifier: encodeCodiceFiscale({ surname: 'Neri', givenName: 'Carla', birthDate: '1975-04-12', sex: 'F', belfiore: 'H501' }) });

  await page.evaluate((id) => (location.hash = `#/assistiti/${id}/pss`), owner.id);
  await expect(page.getByRole('heading', { name: 'Profilo Sanitario Sintetico', level: 1 })).toBeVisible();
  await expect(page.locator('[data-field^="allergies."]')).toHaveCount(0);

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Importa PSS ricevuto' }).click();
  await (await chooser).setFiles(OFFICIAL);
  const dialog = page.getByRole('dialog', { name: 'Importa un PSS ricevuto' });
  await expect(dialog.getByText(/^Da aggiungere: \d+ voci$/)).toBeVisible();
  const count = Number(/(\d+)/.exec((await dialog.getByText(/^Da aggiungere/).textContent()) ?? '')![1]);
  expect(count).toBeGreaterThan(5);
  await expect(dialog.getByRole('heading', { name: 'Allergie e intolleranze' })).toBeVisible();
  await expect(dialog.getByText('Parti che la scheda non può contenere')).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e-web-screens/pss-import.png' });
  await dialog.getByRole('button', { name: `Aggiungi ${count} voci alla scheda` }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Aggiunte ${count} voci dal PSS ricevuto`)).toBeVisible();
  await expect(page.locator('[data-field^="allergies."]')).not.toHaveCount(0);
  await expect(page.getByTestId('pss-validation-summary')).toHaveText(/^0 errori/, { timeout: 30_000 });

  // Again: everything is already there.
  const again = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Importa PSS ricevuto' }).click();
  await (await again).setFiles(OFFICIAL);
  await expect(dialog.getByText('Tutto quello che il documento contiene è già nella scheda.')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Another patient: refused, nothing written.
  await page.evaluate((id) => (location.hash = `#/assistiti/${id}/pss`), other.id);
  await expect(page.getByTestId('patient-header')).toContainText('Neri Carla');
  const third = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Importa PSS ricevuto' }).click();
  await (await third).setFiles(OFFICIAL);
  await expect(dialog.getByRole('alert')).toHaveText(/è di un altro assistito/);
  await page.keyboard.press('Escape');
  const view = await rpc<{ meta: unknown[] }>(host, 'record.get', { patientId: other.id });
  expect(view.meta).toHaveLength(0);
});

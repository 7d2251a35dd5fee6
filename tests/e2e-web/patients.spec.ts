/**
 * Through the UI, create a patient with a valid codice fiscale, be
 * refused one with a wrong check character (Italian message naming the problem), find the
 * patient by typing part of the surname, reload, and see the patient still there.
 */
import { encodeCodiceFiscale } from '../../shared/domain/codice-fiscale.ts';
import { expect, test } from './fixtures.ts';

const subject = { surname: 'Zanardelli', givenName: 'Ottavia', birthDate: '1984-07-09', sex: 'F' as const, belfiore: 'H501' };
const validCf = encodeCodiceFiscale(subject);
const rightCheck = validCf[15]!;
const wrongCheck = rightCheck === 'A' ? 'B' : 'A';
const wrongCf = validCf.slice(0, 15) + wrongCheck;

test('create a patient, refuse a wrong check character, find it, survive a reload', async ({ app: page }) => {
  // Watch what the service answers: the refusal must come from the server, not only the form.
  const serverErrors: string[] = [];
  page.on('websocket', (ws) =>
    ws.on('framereceived', (f) => {
      const text = String(f.payload);
      if (text.includes('CODICE_FISCALE_INVALID')) serverErrors.push(text);
    }),
  );
  await page.reload();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'open');

  await page.getByRole('button', { name: 'Nuovo assistito' }).click();
  await expect(page.getByRole('heading', { name: 'Nuovo assistito' })).toBeVisible();
  const identifier = page.getByRole('textbox', { name: 'Codice fiscale', exact: true });
  await expect(identifier).toBeFocused();

  // 1. A codice fiscale with the wrong check character: refused, with the problem named in Italian.
  await identifier.fill(wrongCf);
  await page.getByRole('textbox', { name: 'Cognome', exact: true }).fill(subject.surname);
  await page.getByRole('textbox', { name: 'Nome', exact: true }).fill(subject.givenName);
  await page.getByRole('textbox', { name: 'Data di nascita' }).fill('09/07/1984');
  await page.getByRole('radio', { name: 'Femmina' }).check();
  await page.getByRole('button', { name: 'Salva' }).click();
  const message = `Il carattere di controllo del codice fiscale è errato: dovrebbe essere «${rightCheck}»`;
  await expect(page.getByText(message)).toBeVisible();
  await expect.poll(() => serverErrors.length, { message: 'the service refused the code' }).toBeGreaterThan(0);
  expect(serverErrors.join('\n')).toContain('check-character');
  await expect(page).toHaveURL(/#\/assistiti\/nuovo$/);
  await expect(identifier).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: 'test-results/e2e-web-screens/rifiuto-cf.png' });

  // 2. The right code: saved, and the Scheda paziente opens.
  await identifier.fill(validCf);
  await expect(page.getByText(message)).toHaveCount(0);
  await page.keyboard.press('Control+s'); // Ctrl+S saves the form
  const header = page.getByTestId('patient-header');
  await expect(header).toContainText('Zanardelli Ottavia');
  await expect(header).toContainText(validCf);
  await expect(header).toContainText('09/07/1984');

  // 3. Find it by typing part of the surname.
  await page.getByRole('navigation', { name: 'Navigazione principale' }).getByRole('link', { name: 'Assistiti' }).click();
  const search = page.getByRole('searchbox', { name: 'Cerca tra gli assistiti' });
  await expect(search).toBeFocused();
  await search.fill('zanar');
  const table = page.getByRole('table', { name: 'Elenco degli assistiti' });
  const row = table.getByRole('row').filter({ hasText: 'Zanardelli' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Ottavia');
  await expect(row).toContainText('09/07/1984');
  await expect(row).toContainText(validCf);

  // 4. Reload: still there.
  await page.reload();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'open');
  await page.getByRole('searchbox', { name: 'Cerca tra gli assistiti' }).fill('Zana');
  await expect(page.getByRole('table', { name: 'Elenco degli assistiti' }).getByRole('row').filter({ hasText: 'Zanardelli' })).toHaveCount(1);
  await page.screenshot({ path: 'test-results/e2e-web-screens/assistiti.png' });

  // 5. And the wrong code was never stored.
  await page.getByRole('searchbox', { name: 'Cerca tra gli assistiti' }).fill(wrongCf);
  await expect(page.getByText('Nessun assistito corrisponde alla ricerca')).toBeVisible();
});

test('edit a patient from the Scheda paziente', async ({ app: page }) => {
  await page.keyboard.press('Alt+n');
  await expect(page.getByRole('heading', { name: 'Nuovo assistito' })).toBeVisible();
  const cf = encodeCodiceFiscale({ surname: 'Quaranta', givenName: 'Elio', birthDate: '2019-02-03', sex: 'M', belfiore: 'F205' });
  await page.getByRole('textbox', { name: 'Codice fiscale', exact: true }).fill(cf);
  // A valid code fills birth date and sex by itself.
  await expect(page.getByRole('textbox', { name: 'Data di nascita' })).toHaveValue('03/02/2019');
  await expect(page.getByRole('radio', { name: 'Maschio' })).toBeChecked();
  await page.getByRole('textbox', { name: 'Cognome', exact: true }).fill('Quaranta');
  await page.getByRole('textbox', { name: 'Nome', exact: true }).fill('Elio');
  await page.getByRole('button', { name: 'Salva' }).click();
  await expect(page.getByTestId('patient-header')).toContainText('Quaranta Elio');

  await page.getByRole('button', { name: 'Modifica' }).click();
  await expect(page.getByRole('heading', { name: /Modifica assistito/ })).toBeVisible();
  await page.getByRole('textbox', { name: 'Telefono', exact: true }).fill('02 1234567');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('patient-header')).toBeVisible();
  await expect(page.getByText('02 1234567')).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e-web-screens/scheda.png' });

  // Esc on a changed form asks once; "Continua a modificare" keeps the changes, "Esci senza salvare" drops them.
  await page.keyboard.press('Alt+m');
  const phone = page.getByRole('textbox', { name: 'Telefono', exact: true });
  await phone.fill('333 0000000');
  await page.keyboard.press('Escape');
  const confirm = page.getByRole('dialog', { name: 'Modifiche non salvate' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Continua a modificare' }).click();
  await expect(confirm).toBeHidden();
  await expect(phone).toHaveValue('333 0000000');
  await page.keyboard.press('Escape');
  await confirm.getByRole('button', { name: 'Esci senza salvare' }).click();
  await expect(page.getByTestId('patient-header')).toBeVisible();
  await expect(page.getByText('02 1234567')).toBeVisible();
});

test('a foreigner with an STP code; a malformed code is refused on its field', async ({ app: page }) => {
  await page.keyboard.press('Alt+n');
  await page.getByRole('radio', { name: 'STP' }).check();
  const code = page.getByRole('textbox', { name: 'Codice STP' });
  await code.fill('STP12345');
  await page.getByRole('textbox', { name: 'Cognome', exact: true }).fill('Popescu');
  await page.getByRole('textbox', { name: 'Nome', exact: true }).fill('Ion');
  await page.getByRole('textbox', { name: 'Data di nascita' }).fill('02/03/1975');
  await page.getByRole('radio', { name: 'Maschio' }).check();
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('form-error')).toContainText('Alcuni dati non sono validi');
  await expect(page.getByText('Il codice STP è «STP» seguito da 13 cifre').first()).toBeVisible();
  await expect(code).toHaveAttribute('aria-invalid', 'true');

  await code.fill('STP0301200001234');
  await page.getByRole('button', { name: 'Salva' }).click();
  const header = page.getByTestId('patient-header');
  await expect(header).toContainText('Popescu Ion');
  await expect(header).toContainText('Codice STP');
  await expect(header).toContainText('STP0301200001234');
});

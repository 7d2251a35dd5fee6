/**
 * Impostazioni → Gateway FSE in the browser (node host, sandbox): switching environment
 * changes what the form asks; a wrong codice fiscale of the doctor is refused on its field,
 * in Italian, and nothing is saved; a valid save shows the state and what is still missing
 * (the two certificates for the validation gateway), takes effect without a restart (the
 * header's gateway state) and survives a reload; back to the sandbox it is configured again.
 *
 * A host of its own: switching the gateway must not leak into other files' sandbox tests.
 */
import { expect, testWithOwnHost } from './fixtures.ts';
import { rpc } from './rpc.ts';

const test = testWithOwnHost;

const SHOTS = 'test-results/e2e-web-screens';
const VALID_CF = 'RSSMRA80A01H501U';
const WRONG_CF = 'RSSMRA80A01H501X'; // check character: U

test('Gateway FSE: environment, a wrong codice fiscale refused on its field, a valid save with what is missing', async ({ app: page, host }) => {
  test.setTimeout(90_000);
  await page.getByRole('navigation', { name: 'Navigazione principale' }).getByRole('link', { name: 'Impostazioni' }).click();
  await page.getByRole('navigation', { name: 'Sezioni delle impostazioni' }).getByRole('link', { name: 'Gateway FSE' }).click();
  const section = page.getByTestId('gateway-settings');
  await expect(section.getByRole('heading', { name: 'Gateway FSE' })).toBeVisible();
  const state = section.getByTestId('gateway-settings-state');
  await expect(state).toContainText('Configurato (Prova (simulatore integrato))');
  await expect(section.getByText('Manca ancora')).toHaveCount(0);
  const environment = section.getByLabel('Ambiente', { exact: true });
  await expect(environment).toHaveValue('Prova (simulatore integrato)');
  const url = section.getByLabel(/^URL del gateway/);
  await expect(url).toHaveCount(0);
  const save = section.getByRole('button', { name: 'Salva' });

  // External simulator: its URL is required before saving.
  await environment.click();
  await page.getByRole('option', { name: 'Simulatore esterno' }).click();
  await expect(environment).toHaveValue('Simulatore esterno');
  await expect(section.getByText('Un simulatore avviato a parte')).toBeVisible();
  await expect(url).toBeVisible();
  await expect(url).toHaveAttribute('required', '');
  await expect(save).toBeDisabled();

  // Validation gateway: the URL may stay empty (the official one), the hint says what it needs.
  await environment.click();
  await page.getByRole('option', { name: 'Validazione (gateway di test)' }).click();
  await expect(environment).toHaveValue('Validazione (gateway di test)');
  await expect(section.getByText("Il gateway di validazione del Ministero: servono i due certificati e l'identità.")).toBeVisible();
  await expect(url).toHaveAttribute('placeholder', /^https:\/\//);
  await expect(url).not.toHaveAttribute('required', '');
  await expect(save).toBeEnabled();

  // The doctor's identity, with a codice fiscale whose check character is wrong.
  const cf = section.getByLabel('Codice fiscale del medico');
  await cf.fill(WRONG_CF);
  const region = section.getByLabel('Regione / organizzazione');
  await region.fill('Lazio');
  await page.getByRole('option', { name: '120 — Regione Lazio' }).click();
  await section.getByLabel('Nome della struttura').fill('Studio medico Rossi');
  await section.getByLabel('Codice della struttura').fill('120201');
  await expect(section.getByLabel("Versione dell'applicativo")).not.toHaveValue('');
  await save.click();

  // Refused on its field, in Italian; nothing else complains and nothing is saved.
  await expect(cf).toHaveAttribute('aria-invalid', 'true');
  await expect(cf).toHaveAccessibleDescription('Il carattere di controllo del codice fiscale è errato: dovrebbe essere «U»');
  await expect(cf).toBeFocused();
  await expect(section.getByText('Impostazioni del gateway salvate.')).toHaveCount(0);
  await expect(section.getByRole('alert')).toHaveCount(0);
  await expect(state).toContainText('Configurato (Prova (simulatore integrato))');
  expect((await rpc<{ environment: string; identity?: unknown }>(host, 'gatewaySettings.get', {})).environment).toBe('sandbox');
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/gateway-cf-errato.png`, fullPage: true });

  // Corrected: the message goes as soon as the field changes; the save goes through.
  await cf.fill(VALID_CF);
  await expect(cf).not.toHaveAttribute('aria-invalid', 'true');
  await save.click();
  await expect(section.getByText('Impostazioni del gateway salvate.')).toBeVisible();
  await expect(state).toContainText('Non configurato');
  await expect(state).toContainText('https://');
  const missing = section.getByRole('alert').filter({ hasText: 'Manca ancora' });
  await expect(missing.getByRole('listitem')).toHaveText([
    'il certificato di autenticazione (mTLS): importalo in Certificati del gateway FSE',
    'il certificato di firma (JWT): importalo in Certificati del gateway FSE',
  ]);
  const stored = await rpc<{ environment: string; identity?: { subjectFiscalCode: string; subjectOrganizationId: string }; configured: boolean }>(host, 'gatewaySettings.get', {});
  expect(stored).toMatchObject({ environment: 'validation', configured: false, identity: { subjectFiscalCode: VALID_CF, subjectOrganizationId: '120' } });
  await page.screenshot({ path: `${SHOTS}/gateway-validazione.png`, fullPage: true });

  // In effect without a restart: the outbox says it has no gateway to send to.
  await expect(page.getByTestId('gateway-state')).toHaveAttribute('data-state', 'not-configured', { timeout: 15_000 });

  // Kept across a reload.
  await page.reload();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'open');
  await expect(environment).toHaveValue('Validazione (gateway di test)');
  await expect(cf).toHaveValue(VALID_CF);
  await expect(section.getByLabel('Nome della struttura')).toHaveValue('Studio medico Rossi');
  await expect(missing.getByRole('listitem')).toHaveCount(2);

  // Back to the sandbox: configured again, nothing missing.
  await environment.click();
  await page.getByRole('option', { name: 'Prova (simulatore integrato)' }).click();
  await save.click();
  await expect(section.getByText('Impostazioni del gateway salvate.')).toBeVisible();
  await expect(state).toContainText('Configurato (Prova (simulatore integrato))');
  await expect(section.getByText('Manca ancora')).toHaveCount(0);
  await expect(page.getByTestId('gateway-state')).not.toHaveAttribute('data-state', 'not-configured', { timeout: 15_000 });
});

/**
 * The PSS editor's status is honest (sandbox: simulator gateway, SoftHSM test card): after
 * signing, the state follows the outbox up to "pubblicato" without reloading; confirming or
 * saving with no change makes no new version; what the preview shows is byte for byte what
 * gets signed, with the same version number; an entry added after confirming blocks signing
 * until it is confirmed too. One test doctor: the card's codice fiscale is the author's; with
 * another author the Firma window warns and asks first.
 */
import type { Page } from '@playwright/test';
import { encodeCodiceFiscale } from '../../shared/domain/codice-fiscale.ts';
import { expect, test } from './fixtures.ts';
import { startHost, type RunningHost } from './node-host.ts';
import { rpc } from './rpc.ts';

test.describe.configure({ timeout: 240_000 });

interface Status { draft: { versionNumber: number } | null; lastPublished: { state: string; versionNumber: number } | null; versions: unknown[] }
interface BatchItem { name: string; pdfBase64: string; versionNumber: number; author: { codiceFiscale: string } }

async function newPatient(host: RunningHost, surname: string): Promise<string> {
  const identifier = encodeCodiceFiscale({ surname, givenName: 'Carla', birthDate: '1962-09-09', sex: 'F', belfiore: 'H501' });
  const p = await rpc<{ id: string }>(host, 'patients.create', { surname, givenName: 'Carla', sex: 'F', birthDate: '1962-09-09', identifierKind: 'CF', identifier });
  await rpc(host, 'record.setStatement', { patientId: p.id, key: 'noProblems', value: 'no-known-problems' });
  await rpc(host, 'record.setStatement', { patientId: p.id, key: 'noAllergies', value: 'no-known-allergies' });
  await rpc(host, 'record.setStatement', { patientId: p.id, key: 'noMedications', value: 'no-known-medications' });
  return p.id;
}

async function valid(page: Page) {
  await expect(page.getByTestId('pss-validation-summary')).toHaveText(/^0 errori/, { timeout: 60_000 });
}

const vital = (id: string, value: number) => ({ id, source: 'doctor', kind: 'weight', value, date: '2026-01-15' });

test('status follows the outbox; no change, no version; preview = signed; changes after confirming are not signed', async ({ page }) => {
  // A host of its own: no doctor profile saved by another spec (the sandbox doctor is the author).
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
  const id = await newPatient(host, 'Stato');
  const profile = await rpc<{ effective: { author: { codiceFiscale: string } } }>(host, 'profile.get', {});
  await page.evaluate((pid) => (location.hash = `#/assistiti/${pid}/pss`), id);
  await valid(page);
  const state = page.getByTestId('pss-state');
  const confirm = page.getByRole('button', { name: 'Conferma', exact: true });

  await confirm.click();
  await expect(state).toHaveText('Versione 1 · confermato');
  await expect(confirm).toBeDisabled();

  // Preview of the version waiting to be signed = the PDF the signing gets.
  const preview = await rpc<{ pdfBase64: string; version: { versionNumber: number } }>(host, 'pss.preview', { patientId: id });
  const [item] = await rpc<BatchItem[]>(host, 'pss.signingBatch', { patientIds: [id] });
  expect(item!.versionNumber).toBe(1);
  expect(preview.version.versionNumber).toBe(1);
  expect(item!.pdfBase64).toBe(preview.pdfBase64);

  // One test doctor: the card is the author's.
  await page.getByRole('button', { name: 'Firma e invia' }).click();
  const sign = page.getByRole('dialog', { name: 'Firma' });
  await expect(sign.getByTestId('sign-token')).toContainText(profile.effective.author.codiceFiscale, { timeout: 60_000 });
  await expect(sign.getByTestId('other-signer')).toHaveCount(0);
  await expect(sign.getByTestId('sign-documents')).toContainText('-v1.pdf');
  await sign.getByLabel('PIN della smart card').fill('12345678');
  await sign.getByLabel('PIN della smart card').press('Enter');
  await expect(sign.getByTestId('sign-progress-text')).toHaveText('Firmati 1 di 1', { timeout: 60_000 });
  await sign.getByRole('button', { name: 'Chiudi' }).last().click();

  // The state follows the outbox by itself (events): signed, then published.
  await expect(state).toHaveText('Versione 1 · pubblicato', { timeout: 90_000 });

  // The outbox names the document by its id, not the raw OID^id.
  await page.evaluate(() => (location.hash = '#/coda'));
  const docId = page.getByTestId('outbox-doc-id').first();
  await expect(docId).toContainText('documento PSS.');
  await expect(docId).not.toContainText('^');
  await page.evaluate((pid) => (location.hash = `#/assistiti/${pid}/pss`), id);
  await valid(page);

  // Nothing changed: Ctrl+S and Conferma make no version 2.
  await expect(confirm).toBeDisabled();
  await page.keyboard.press('Control+s');
  await expect(page.getByText('Nessuna modifica dalla versione 1: nessuna nuova versione.')).toBeVisible();
  let s = await rpc<Status>(host, 'pss.status', { patientId: id });
  expect(s.draft).toBeNull();
  expect(s.versions).toHaveLength(1);

  // A change: version 2, previewed and signed as version 2.
  await rpc(host, 'record.upsertEntry', { patientId: id, section: 'vitalSigns', entry: vital('VS-1', 64.5) });
  await page.reload();
  await valid(page);
  await expect(confirm).toBeEnabled();
  await confirm.click();
  await expect(state).toHaveText('Versione 2 · confermato');
  const [v2] = await rpc<BatchItem[]>(host, 'pss.signingBatch', { patientIds: [id] });
  expect(v2!.name).toMatch(/-v2\.pdf$/);
  expect((await rpc<{ pdfBase64: string }>(host, 'pss.preview', { patientId: id })).pdfBase64).toBe(v2!.pdfBase64);

  // An entry added after confirming: not signed until confirmed too, and the version number stays 2.
  await rpc(host, 'record.upsertEntry', { patientId: id, section: 'vitalSigns', entry: vital('VS-2', 65) });
  await page.reload();
  await valid(page);
  await expect(page.getByRole('button', { name: 'Firma e invia' })).toHaveCount(0);
  await expect(page.getByTestId('changed-after-confirm')).toBeVisible();
  expect(await rpc<BatchItem[]>(host, 'pss.signingBatch', { patientIds: [id] })).toEqual([]);
  await confirm.click();
  await expect(state).toHaveText('Versione 2 · confermato');
  s = await rpc<Status>(host, 'pss.status', { patientId: id });
  expect(s.versions).toHaveLength(2);

  // Another author than the card's holder: the Firma window warns and asks first.
  await rpc(host, 'profile.set', {
    author: { codiceFiscale: encodeCodiceFiscale({ surname: 'Bianchi', givenName: 'Laura', birthDate: '1975-03-01', sex: 'F', belfiore: 'H501' }), givenName: 'Laura', surname: 'Bianchi', prefix: 'Dott.ssa', role: 'MMG', phone: '06 5550456' },
    organization: { aslCode: '120201', name: 'ASL Roma 1', regionCode: '120' },
    custodian: { idRoot: '2.16.840.1.113883.2.9.4.1.1', id: '120201', name: 'ASL Roma 1' },
  });
  await page.getByRole('button', { name: 'Firma e invia' }).click();
  await expect(sign.getByTestId('other-signer')).toContainText('Dott.ssa Laura Bianchi', { timeout: 60_000 });
  await sign.getByLabel('PIN della smart card').fill('12345678');
  const signButton = sign.getByRole('button', { name: 'Firma', exact: true });
  await expect(signButton).toBeDisabled();
  await sign.getByLabel('Firmo comunque con questa carta').check();
  await expect(signButton).toBeEnabled();
}

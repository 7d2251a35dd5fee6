/**
 * axe-core on every main screen (WCAG 2.1 A/AA rules): no serious or critical violation.
 * axe injects its own script, which the app's strict CSP refuses: the CSP is bypassed in this
 * test browser context only (the app's pages keep it everywhere else).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { encodeCodiceFiscale } from '../../shared/domain/codice-fiscale.ts';
import { expect, test } from './fixtures.ts';
import { rpc } from './rpc.ts';

test.use({ bypassCSP: true });
test.describe.configure({ timeout: 180_000 });

async function axe(page: Page, screen: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')} — ${v.nodes[0]?.failureSummary ?? ''}`);
  expect(bad, `axe on ${screen}`).toEqual([]);
}

test('axe-core: no serious or critical violation on the main screens and windows', async ({ app: page, host }) => {
  const identifier = encodeCodiceFiscale({ surname: 'Accessibile', givenName: 'Anna', birthDate: '1975-06-20', sex: 'F', belfiore: 'H501' });
  const p = await rpc<{ id: string }>(host, 'patients.create', { surname: 'Accessibile', givenName: 'Anna', sex: 'F', birthDate: '1975-06-20', identifierKind: 'CF', identifier });
  await rpc(host, 'record.upsertEntry', { patientId: p.id, section: 'vitalSigns', entry: { id: 'VS-1', source: 'patient-declared', kind: 'blood-pressure', systolic: 150, diastolic: 95, date: '2026-01-10' } });
  await rpc(host, 'record.setStatement', { patientId: p.id, key: 'noAllergies', value: 'no-known-allergies' });

  await axe(page, 'Assistiti');
  await page.keyboard.press('Control+k');
  await expect(page.getByTestId('spotlight-input')).toBeFocused();
  await axe(page, 'Cerca assistito');
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await expect(page.getByRole('dialog')).toBeVisible();
  await axe(page, 'Scorciatoie');
  await page.keyboard.press('Escape');

  await page.evaluate(() => (location.hash = '#/assistiti/nuovo'));
  await expect(page.getByRole('heading', { name: 'Nuovo assistito' })).toBeVisible();
  await axe(page, 'Nuovo assistito');

  await page.evaluate((id) => (location.hash = `#/assistiti/${id}`), p.id);
  await expect(page.getByTestId('patient-name')).toBeVisible();
  await axe(page, 'Scheda paziente');

  await page.evaluate((id) => (location.hash = `#/assistiti/${id}/pss`), p.id);
  await expect(page.getByTestId('pss-validation-summary')).toBeVisible({ timeout: 60_000 });
  await axe(page, 'Editor PSS');
  await page.getByRole('button', { name: 'Aggiungi a Allergie e intolleranze' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await axe(page, 'Voce del PSS');
  await page.keyboard.press('Escape');

  for (const [hash, heading] of [['#/pss', 'Compilazione massiva PSS'], ['#/firma', 'Firma e verifica file'], ['#/coda', 'Coda di invio'], ['#/impostazioni', 'Impostazioni']] as const) {
    await page.evaluate((h) => (location.hash = h), hash);
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
    await axe(page, heading);
  }
});

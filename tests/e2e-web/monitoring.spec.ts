/**
 * Telemonitoring in Chromium, keyboard first: a patient with a blood-pressure plan whose home
 * readings arrive as the Omron CSV through the import pipeline; yesterday's systolic 170 is
 * beyond the alert threshold and heads the worklist (reached from the navigation), with the
 * patient's name; "Presa visione" takes it off the list. The plan's target shows on the blood-pressure
 * chart as a band and in words. In English the page speaks English.
 * axe-core finds nothing serious. Days are Rome's (the clinical time zone).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { addDays } from '../../shared/domain/iso-date.ts';
import { todayIn } from '../../shared/format/clinical-time.ts';
import { syntheticPatients } from '../../shared/synthetic/patients.ts';
import { expect, test } from './fixtures.ts';
import { rpc } from './rpc.ts';

test.use({ bypassCSP: true });

async function axe(page: Page, screen: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(bad, `axe on ${screen}`).toEqual([]);
}

const ddmmyyyy = (s: string) => `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}`;

test('a monitored patient’s out-of-range reading appears in the worklist and leaves it once acknowledged', async ({ app: page, host }) => {
  const today = todayIn('Europe/Rome');
  const yesterday = addDays(today, -1);
  const p = await rpc<{ id: string; surname: string; givenName: string }>(host, 'patients.create', { ...syntheticPatients({ count: 1, seed: 4242 })[0]!, surname: 'Monitorata' });
  // The plan, typed in the Parametri tab like a doctor: dates as 13/03/2024, numbers as 12,5.
  await page.evaluate((id) => (location.hash = `#/assistiti/${id}`), p.id);
  const tabButton = page.getByRole('tab', { name: 'Parametri' });
  await expect(tabButton).toBeVisible();
  await page.keyboard.press('Alt+6');
  await expect(tabButton).toHaveAttribute('aria-selected', 'true');
  const plans = page.getByTestId('monitoring-plans');
  await expect(plans).toContainText('Nessun piano di telemonitoraggio.');
  await plans.getByRole('button', { name: 'Nuovo piano' }).click();
  const form = plans.getByRole('form', { name: 'Nuovo piano di telemonitoraggio' });
  await form.getByLabel('Titolo del piano').fill('Ipertensione a domicilio');
  await form.getByLabel('Inizio').fill(ddmmyyyy(addDays(today, -2)));
  await form.getByLabel('Fine').fill(ddmmyyyy(addDays(today, 28)));
  await form.getByLabel('Parametro').selectOption({ label: 'Pressione sistolica (mm[Hg])' });
  await form.getByLabel('Obiettivo minimo').fill('90');
  await form.getByLabel('Obiettivo massimo').fill('140');
  await form.getByLabel('Allarme sotto').fill('80');
  // A threshold inside the target is refused on its field, in Italian.
  await form.getByLabel('Allarme sopra').fill('130,5');
  await form.getByLabel('Allarme sopra').press('Enter');
  await expect(form).toContainText("La soglia massima di allarme deve essere sopra l'obiettivo");
  await form.getByLabel('Allarme sopra').fill('160');
  await form.getByLabel('Allarme sopra').press('Enter');
  await expect(plans.getByTestId('monitoring-plan')).toContainText('Ipertensione a domicilio');
  await expect(plans.getByTestId('monitoring-plan')).toContainText('80–160');

  const csv = [
    'Data;Ora;Sistolica (mmHg);Diastolica (mmHg);Pulsazioni (bpm);Battito irregolare;Dispositivo',
    `${ddmmyyyy(addDays(today, -2))};07:45;132;82;70;No;M7 Intelli IT`,
    `${ddmmyyyy(yesterday)};08:10;170;98;80;No;M7 Intelli IT`,
  ].join('\n');
  await rpc(host, 'import.apply', { patientId: p.id, fileName: 'omron.csv', fileBase64: Buffer.from(csv).toString('base64') });

  await page.reload();
  await expect(page.getByRole('tab', { name: 'Parametri' })).toBeVisible();
  await page.keyboard.press('Alt+6');
  await expect(plans.getByTestId('monitoring-open-alerts')).toContainText('allarm');
  // The plan's target on the blood-pressure chart: a band (legend) and in words.
  const target = page.getByTestId('trend-target');
  await expect(target).toHaveCount(1);
  await expect(target).toContainText(/Obiettivo del piano «Ipertensione a domicilio».*: 90–140 mm\[Hg\]\./);
  await expect(page.getByText('Fascia blu tratteggiata: obiettivo del piano di telemonitoraggio.')).toBeVisible();
  await axe(page, 'Parametri with a plan');
  await page.getByRole('link', { name: 'Telemonitoraggio' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Telemonitoraggio: allarmi' })).toBeVisible();
  const rows = page.getByTestId('monitoring-alert');
  await expect(rows.first()).toBeVisible();
  const critical = rows.filter({ hasText: 'Monitorata' }).filter({ hasText: '170' });
  await expect(critical).toHaveCount(1);
  await expect(critical).toHaveAttribute('data-severity', 'critical');
  await expect(critical).toContainText('Pressione sistolica 170 mm[Hg]: oltre la soglia di allarme (80–160)');
  await expect(critical).toContainText(ddmmyyyy(yesterday));
  await expect(rows.first()).toHaveAttribute('data-severity', 'critical');
  await axe(page, 'Telemonitoraggio');

  // Acknowledge by keyboard: the button names the patient and the alert.
  const button = critical.getByRole('button', { name: /Presa visione: Monitorata/ });
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(rows.filter({ hasText: 'Monitorata' }).filter({ hasText: '170' })).toHaveCount(0);

  await page.evaluate(() => localStorage.setItem('cartella.language', 'en'));
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Telemonitoring: alerts' })).toBeVisible();
  await axe(page, 'Telemonitoring (en)');
});

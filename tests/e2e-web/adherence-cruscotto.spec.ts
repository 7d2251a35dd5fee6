/**
 * Aderenza and the cruscotto in Chromium, keyboard first. Two hypertensive patients on ramipril
 * (dispensations imported as the pharmacy's CSV): one refilling every 28 days, one every 91.
 * Aderenza lists the second first (non-adherent) and opens her refill timeline with its gaps.
 * Two diabetics, one with an HbA1c ordered in each half of the year: the HbA1c-monitoring
 * indicator opens the list of the one to act on, and the CSV export holds exactly her. In
 * English the same pages speak English. A target edited by keyboard changes the count; a patient
 * transferred (recorded in the Scheda) leaves the register and the Aderenza list. axe-core finds
 * nothing serious on any of these screens.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { PatientInput } from '../../shared/domain/patient.ts';
import { syntheticPatients } from '../../shared/synthetic/patients.ts';
import { expect, test } from './fixtures.ts';
import { rpc } from './rpc.ts';

test.use({ bypassCSP: true });
// Two pages, a definition edited, an exit recorded, and axe on six screens: longer than the default minute.
test.setTimeout(240_000);

const iso = (d: Date) => d.toISOString().slice(0, 10);
const daysAgo = (n: number) => iso(new Date(Date.now() - n * 86_400_000));
const ddmmyyyy = (s: string) => `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}`;

async function axe(page: Page, screen: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(bad, `axe on ${screen}`).toEqual([]);
}

test('Aderenza lists the non-adherent first and opens a refill timeline; an indicator opens its list and exports it', async ({ app: page, host }) => {
  const pool = syntheticPatients({ count: 40, seed: 777 }).filter((p) => p.birthDate > '1945' && p.birthDate < '1975');
  const create = async (p: PatientInput, surname: string) => rpc<{ id: string }>(host, 'patients.create', { ...p, surname });
  const adherent = await create(pool[0]!, 'Puntuale');
  const late = await create(pool[1]!, 'Ritardataria');
  for (const [p, step, count] of [[adherent, 28, 13], [late, 91, 4]] as const) {
    await rpc(host, 'record.upsertEntry', { patientId: p.id, section: 'problems', entry: { id: 'P1', source: 'doctor', diagnosis: { code: '401.9', display: 'Ipertensione essenziale' }, status: 'active', chronic: true, onset: '2015-01-01' } });
    await rpc(host, 'therapy.upsertPlan', {
      patientId: p.id,
      plan: {
        source: 'doctor', atc: { code: 'C09AA05', display: 'RAMIPRIL' }, aic: { code: '027161052', display: 'TRIATEC' }, dosageText: '1 compressa al giorno', route: 'PO',
        status: 'active', start: '2015-01-01', chronic: true, posology: { unitsPerDose: 1, unit: 'compressa', dosesPerDay: 1, asNeeded: false },
      },
    });
    const rows = Array.from({ length: count }, (_, k) => `${ddmmyyyy(daysAgo(360 - k * step))};027161052;C09AA05;TRIATEC 2,5 mg 28 cpr;1`);
    const csv = ['Data erogazione;AIC;ATC;Farmaco;Confezioni', ...rows].join('\n');
    await rpc(host, 'import.apply', { patientId: p.id, fileName: 'erogazioni.csv', fileBase64: Buffer.from(csv).toString('base64') });
  }
  // The non-adherent one stayed in hospital for ten days: shaded on her timeline.
  await rpc(host, 'record.upsertEntry', { patientId: late.id, section: 'encounters', entry: { id: 'E1', source: 'specialist', encounterType: { code: 'IMP', display: 'Ricovero' }, start: daysAgo(200), end: daysAgo(190) } });

  // The adherent one's last clinic pressure, 145/85: above 140/90, within 150/90.
  await rpc(host, 'observations.recordVitals', { patientId: adherent.id, text: 'PA 145/85', at: `${daysAgo(30)}T09:00:00+01:00` });

  const ordered = await create(pool[2]!, 'Controllata');
  const forgotten = await create(pool[3]!, 'Dimenticata');
  for (const p of [ordered, forgotten]) {
    await rpc(host, 'record.upsertEntry', { patientId: p.id, section: 'problems', entry: { id: 'P1', source: 'doctor', diagnosis: { code: '250.00', display: 'Diabete mellito' }, status: 'active', chronic: true, onset: '2010-01-01' } });
  }
  for (const date of [daysAgo(300), daysAgo(60)]) {
    await rpc(host, 'prescriptions.create', { patientId: ordered.id, prescription: { kind: 'test', date, service: { code: '90.28.1', display: 'Emoglobina glicata (HbA1c)' } } });
  }

  // Aderenza from the navigation, by keyboard: the non-adherent first.
  await page.getByRole('link', { name: 'Aderenza' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Aderenza terapeutica' })).toBeVisible();
  const rows = page.getByTestId('adherence-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('Ritardataria');
  await expect(rows.nth(0)).toContainText('Non aderente');
  await expect(rows.nth(0)).toContainText('posologia e confezione');
  await expect(rows.nth(1)).toContainText('Puntuale');
  await expect(rows.nth(1)).toContainText('Aderente');
  await axe(page, 'Aderenza');

  // Down arrow from the first patient to the second and back, Enter opens her timeline.
  await rows.nth(0).getByRole('link').focus();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1).getByRole('link')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /Aderenza: Ritardataria/ })).toBeVisible();
  const timeline = page.getByTestId('refill-timeline');
  await expect(timeline).toBeVisible();
  await expect(timeline.getByTestId('timeline-fill')).toHaveCount(4);
  // 28 days of supply every 91 days: three gaps of 63 days, marked and in the table; the stay shaded.
  await expect(timeline.getByTestId('timeline-gap')).toHaveCount(3);
  await expect(timeline.getByTestId('timeline-stay')).toHaveCount(1);
  await expect(page.getByTestId('fill-table')).toContainText('63 giorni senza farmaco');
  await expect(page.getByTestId('class-figures')).toContainText('Antipertensivi');
  await axe(page, 'refill timeline');

  // Cruscotto: the HbA1c indicator opens the diabetic to act on; the export holds her.
  await page.getByRole('link', { name: 'Cruscotto' }).click();
  await expect(page.getByRole('heading', { name: 'Cruscotto della cronicità' })).toBeVisible();
  const indicator = page.locator('[data-indicator="dm-hba1c-monitoring"]');
  await expect(indicator).toContainText('1 / 2');
  await expect(indicator).toContainText('50,0 %');
  await expect(page.locator('[data-indicator="htn-bp-under-80"]')).toContainText('0 / 2');
  await axe(page, 'Cruscotto');
  await indicator.getByRole('link').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'HbA1c in ogni semestre (anche solo richiesta)' })).toBeVisible();
  await expect(page.getByTestId('indicator-patient')).toHaveCount(1);
  await expect(page.getByTestId('indicator-patient')).toContainText('Dimenticata');
  await expect(page.getByTestId('indicator-patient')).toContainText('Da fare');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Esporta CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^cruscotto-dm-hba1c-monitoring-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await file.path())!, 'utf8');
  const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r\n/);
  expect(lines[0]).toBe('Cognome;Nome;Data di nascita;Codice fiscale;Stato;Ultimo dato');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toBe(`Dimenticata;${pool[3]!.givenName};${ddmmyyyy(pool[3]!.birthDate)};${pool[3]!.identifier};Da fare;Nessun dato nel periodo`);
  // The whole register: the one done after the one to act on, with her order counted.
  await page.getByText('Tutto il registro').click();
  await expect(page.getByTestId('indicator-patient')).toHaveCount(2);
  await expect(page.getByTestId('indicator-patient').nth(1)).toContainText('Controllata');
  await expect(page.getByTestId('indicator-patient').nth(1)).toContainText('risultato non ancora arrivato');
  await axe(page, 'indicator list');

  // The definitions are data: raise the systolic target of #8 to 150 by keyboard, and the adherent one counts.
  await page.getByRole('link', { name: 'Cruscotto', exact: true }).click();
  const bp = page.locator('[data-indicator="htn-bp-under-80"]');
  await expect(bp).toContainText('0 / 2');
  await expect(bp).toContainText('Pressione ≤ 140/90 (fino a 79 anni)');
  await expect(page.locator('[data-indicator="dm-hba1c-monitoring"]')).toContainText('Definizione non confermata');
  await bp.getByRole('button', { name: /^Definizione dell'indicatore 8/ }).focus();
  await page.keyboard.press('Enter');
  const editor = page.getByRole('dialog');
  await expect(editor).toContainText('Definizione confermata');
  const systolic = editor.getByLabel('Sistolica massima');
  await expect(systolic).toHaveValue('140');
  await axe(page, 'definition editor');
  await systolic.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('abc');
  await page.keyboard.press('Enter');
  await expect(editor).toContainText('Valore non valido');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('150');
  await page.keyboard.press('Enter');
  await expect(editor).toBeHidden();
  await expect(bp).toContainText('1 / 2');
  await expect(bp).toContainText('Pressione ≤ 150/90 (fino a 79 anni)');
  await expect(bp).toContainText('Modificata');
  // An unconfirmed definition says so in words in its editor.
  await page.locator('[data-indicator="dm-hba1c-control"]').getByRole('button', { name: /^Definizione dell'indicatore 2/ }).click();
  await expect(page.getByTestId('definition-unconfirmed')).toContainText('Definizione non confermata');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await page.getByRole('button', { name: 'Ripristina tutte le definizioni predefinite' }).click();
  await expect(bp).toContainText('0 / 2');
  await expect(bp).toContainText('140/90');

  // The exit from the panel, recorded in the Scheda's registry: the transferred patient leaves the register.
  await page.evaluate((id) => (location.hash = `#/assistiti/${id}`), late.id);
  const exitPanel = page.getByTestId('panel-exit');
  await expect(exitPanel).toContainText('In carico presso il medico');
  await exitPanel.getByLabel('Trasferito (revoca, cambio medico)').check();
  await exitPanel.getByLabel('Data').fill(ddmmyyyy(daysAgo(1)));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('panel-exit-status')).toContainText(`trasferito il ${ddmmyyyy(daysAgo(1))}`);
  await axe(page, 'Scheda with the panel exit');
  await page.getByRole('link', { name: 'Cruscotto', exact: true }).click();
  await expect(bp).toContainText('0 / 1');
  await page.getByRole('link', { name: 'Aderenza', exact: true }).click();
  await expect(page.getByTestId('adherence-row')).toHaveCount(1);
  await page.evaluate((id) => (location.hash = `#/assistiti/${id}`), late.id);
  await page.getByRole('button', { name: 'Di nuovo in carico' }).click();
  await expect(page.getByTestId('panel-exit-status')).toContainText('In carico presso il medico');

  // English, switched in Impostazioni as the doctor does.
  await page.getByRole('link', { name: 'Impostazioni' }).click();
  await page.getByText('English', { exact: true }).click();
  await page.getByRole('link', { name: 'Adherence' }).click();
  await expect(page.getByRole('heading', { name: 'Medication adherence' })).toBeVisible();
  await expect(page.getByTestId('adherence-row').nth(0)).toContainText('Non-adherent');
  await page.getByRole('link', { name: 'Chronic care' }).click();
  await expect(page.getByRole('heading', { name: 'Chronic-care dashboard' })).toBeVisible();
  await expect(page.locator('[data-indicator="dm-hba1c-monitoring"]')).toContainText('50.0 %');
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByText('Italiano', { exact: true }).click();
});

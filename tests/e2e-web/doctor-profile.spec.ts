/**
 * Impostazioni → Medico e struttura in the browser (node host, sandbox): with no profile saved
 * the section names the test doctor that stands in and starts empty; a wrong codice fiscale and
 * then a wrong ASL code are refused on their fields, in Italian, and nothing is saved; a valid
 * synthetic doctor is saved (custodian = the organisation), survives a reload, and is the author
 * of the patient's PSS (the CDA header carries the codice fiscale; the editor shows 0 errors).
 *
 * A host of its own: the saved doctor must not leak into other files' sandbox PSS tests.
 */
import { ENTRY_SCHEMAS, type EntrySection } from '../../shared/api/record.ts';
import type { DoctorProfile } from '../../shared/api/profile.ts';
import { encodeCodiceFiscale } from '../../shared/domain/codice-fiscale.ts';
import { seededRandom } from '../../shared/random.ts';
import { syntheticClinicalRecord } from '../../shared/synthetic/clinical-record.ts';
import { syntheticPatients } from '../../shared/synthetic/patients.ts';
import type { TFunction } from 'i18next';
import { ASL_ID_ROOT, EMPTY_FORM, issuesToErrors, localIssues, toForm, toProfile } from '../../renderer/src/features/doctor-profile/profile-form.ts';
import { expect, testWithOwnHost } from './fixtures.ts';
import { startHost, type RunningHost } from './node-host.ts';
import { rpc } from './rpc.ts';

const test = testWithOwnHost;

const SHOTS = 'test-results/e2e-web-screens';
// A synthetic doctor (not the sandbox one).
const CF = encodeCodiceFiscale({ surname: 'Verdi', givenName: 'Chiara', birthDate: '1978-03-22', sex: 'F', belfiore: 'L219' });
const WRONG_CF = `${CF.slice(0, 15)}${CF.endsWith('A') ? 'B' : 'A'}`;
const ORG = 'ASL Sintetica Torino Prova';

interface ProfileView { saved: DoctorProfile | null; effective: DoctorProfile | null; sandbox: boolean }

/** A patient with a synthetic clinical record, created the way a program would (rpc). */
async function patientWithRecord(host: RunningHost): Promise<string> {
  const [p] = syntheticPatients({ count: 1, seed: 5150 });
  const created = await rpc<{ id: string }>(host, 'patients.create', p);
  const record = syntheticClinicalRecord(p!, seededRandom(51), new Date().toISOString().slice(0, 10), 1);
  for (const section of Object.keys(ENTRY_SCHEMAS) as EntrySection[]) {
    for (const entry of record[section] ?? []) await rpc(host, 'record.upsertEntry', { patientId: created.id, section, entry });
  }
  for (const key of ['noProblems', 'noAllergies', 'noMedications', 'organDonation'] as const) {
    if (record[key] !== undefined) await rpc(host, 'record.setStatement', { patientId: created.id, key, value: record[key] });
  }
  return created.id;
}

test('Medico e struttura: wrong codice fiscale and ASL code refused on their fields, a valid doctor saved and used by the PSS', async ({ app: page, host }) => {
  test.setTimeout(120_000);
  expect(await rpc<ProfileView>(host, 'profile.get', {})).toMatchObject({ saved: null, sandbox: true, effective: { author: { surname: 'Rossi' } } });

  await page.getByRole('navigation', { name: 'Navigazione principale' }).getByRole('link', { name: 'Impostazioni' }).click();

  await page.getByRole('navigation', { name: 'Sezioni delle impostazioni' }).getByRole('link', { name: 'Medico e struttura' }).click();
  const section = page.getByTestId('doctor-profile');
  await expect(section.getByRole('heading', { name: 'Medico e struttura' })).toBeVisible();
  await expect(section.getByTestId('doctor-profile-missing')).toHaveCount(0); // the sandbox has its stand-in

  // No profile yet: the test doctor stands in, named; the form starts empty.
  const note = section.getByTestId('doctor-profile-test-doctor');
  await expect(note).toContainText('i documenti usano il medico di prova Dott. Mario Rossi');
  const cf = section.getByLabel('Codice fiscale');
  const givenName = section.getByRole('textbox', { name: 'Nome', exact: true });
  const surname = section.getByLabel('Cognome');
  const asl = section.getByLabel('Codice ASL');
  const orgName = section.getByLabel("Nome dell'organizzazione");
  const region = section.getByLabel('Regione');
  const email = section.getByLabel('Email');
  await expect(cf).toHaveValue('');
  await expect(surname).toHaveValue('');
  await expect(asl).toHaveValue('');

  // On request, the test doctor's data fill the form (then overwritten below).
  await note.getByRole('button', { name: 'Parti dai dati del medico di prova' }).click();
  await expect(surname).toHaveValue('Rossi');
  await expect(asl).toHaveValue('120201');

  // A synthetic doctor, with a codice fiscale whose check character is wrong; Enter saves.
  await cf.fill(WRONG_CF);
  await givenName.fill('Chiara');
  await surname.fill('Verdi');
  await section.getByLabel('Titolo').selectOption('Dott.ssa');
  await section.getByLabel('Ruolo').selectOption('PLS');
  await section.getByLabel('Telefono').fill('011 5550142');
  await email.fill('');
  await asl.fill('010203');
  await region.selectOption('010');
  await orgName.fill(ORG);
  await orgName.press('Enter');

  await expect(cf).toHaveAttribute('aria-invalid', 'true');
  await expect(cf).toHaveAccessibleDescription(`Il carattere di controllo del codice fiscale è errato: dovrebbe essere «${CF.at(-1)}»`);
  await expect(cf).toBeFocused();
  await expect(asl).not.toHaveAttribute('aria-invalid', 'true');
  expect((await rpc<ProfileView>(host, 'profile.get', {})).saved).toBeNull();
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/medico-cf-errato.png`, fullPage: true });

  // Corrected: the message goes as the field changes; now a wrong ASL code, saved with Ctrl+S.
  await cf.fill(CF.toLowerCase()); // typed in lower case: sent upper case
  await expect(cf).not.toHaveAttribute('aria-invalid', 'true');
  await asl.fill('01020');
  await asl.press('Control+s');
  await expect(asl).toHaveAttribute('aria-invalid', 'true');
  await expect(asl).toHaveAccessibleDescription(/Il codice ASL ha 6 cifre/);
  await expect(asl).toBeFocused();
  await expect(cf).not.toHaveAttribute('aria-invalid', 'true');
  expect((await rpc<ProfileView>(host, 'profile.get', {})).saved).toBeNull();

  // Custodian: the organisation by default; the switch shows its own fields, pre-filled.
  await asl.fill('010203');
  await expect(section.getByTestId('doctor-profile-custodian')).toContainText(`ASL 010203 — ${ORG}`);
  const custodianSame = section.getByLabel("Il custode è l'organizzazione");
  await expect(custodianSame).toBeChecked();
  await custodianSame.uncheck();
  await expect(section.getByLabel('Nome del custode')).toHaveValue(ORG);
  await expect(section.getByRole('textbox', { name: 'Identificativo del custode', exact: true })).toHaveValue('010203');
  await expect(section.getByLabel("OID dell'identificativo del custode")).toHaveValue('2.16.840.1.113883.2.9.4.1.1');
  await custodianSame.check();
  await expect(section.getByLabel('Nome del custode')).toHaveCount(0);

  // Saved.
  await section.getByRole('button', { name: 'Salva' }).click();
  await expect(page.getByText('Profilo del medico salvato: i prossimi documenti saranno intestati a Dott.ssa Chiara Verdi.')).toBeVisible();
  await expect(note).toHaveCount(0);
  await expect(cf).toHaveValue(CF);
  const expected: DoctorProfile = {
    author: { codiceFiscale: CF, givenName: 'Chiara', surname: 'Verdi', prefix: 'Dott.ssa', role: 'PLS', phone: '011 5550142' },
    organization: { aslCode: '010203', name: ORG, regionCode: '010' },
    custodian: { idRoot: '2.16.840.1.113883.2.9.4.1.1', id: '010203', name: ORG },
  };
  const stored = await rpc<ProfileView>(host, 'profile.get', {});
  expect(stored.saved).toEqual(expected);
  expect(stored.effective).toEqual(expected);
  await page.screenshot({ path: `${SHOTS}/medico-salvato.png`, fullPage: true });

  // Kept across a reload.
  await page.reload();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'open');
  await expect(section.getByRole('heading', { name: 'Medico e struttura' })).toBeVisible();
  await expect(cf).toHaveValue(CF);
  await expect(surname).toHaveValue('Verdi');
  await expect(section.getByLabel('Titolo')).toHaveValue('Dott.ssa');
  await expect(section.getByLabel('Ruolo')).toHaveValue('PLS');
  await expect(asl).toHaveValue('010203');
  await expect(region).toHaveValue('010');
  await expect(orgName).toHaveValue(ORG);
  await expect(email).toHaveValue('');
  await expect(custodianSame).toBeChecked();
  await expect(note).toHaveCount(0);

  // The PSS is written by the new doctor: author and legal authenticator, organisation; 0 errors.
  const patientId = await patientWithRecord(host);
  const { cda } = await rpc<{ cda: string }>(host, 'pss.preview', { patientId, pdf: false });
  const header = cda.slice(0, cda.indexOf('<component>'));
  for (const part of ['author', 'legalAuthenticator']) {
    const block = header.slice(header.indexOf(`<${part}>`), header.indexOf(`</${part}>`));
    expect(block, part).toContain(`extension="${CF}"`);
    expect(block, part).toContain('Verdi');
  }
  expect(header).toContain(ORG);
  expect(header).not.toContain('Rossi</family>');
  await page.evaluate((id) => (location.hash = `#/assistiti/${id}/pss`), patientId);
  await expect(page.getByRole('heading', { name: 'Profilo Sanitario Sintetico', level: 1 })).toBeVisible();
  await expect(page.getByTestId('pss-validation-summary')).toHaveText(/^0 errori/, { timeout: 30_000 });
});

test('form helpers (run in Node): custodian same as the organisation, optional fields, issue paths to fields', () => {
  const t = ((key: string, o?: Record<string, unknown>) => (o?.expected && o.expected !== '?' ? `${key}:${String(o.expected)}` : key)) as unknown as TFunction;
  const form = { ...EMPTY_FORM, codiceFiscale: ` ${CF.toLowerCase()} `, givenName: 'Chiara', surname: 'Verdi', email: 'c.verdi@example.it', aslCode: '010203', orgName: ORG, regionCode: '010' };
  expect(toProfile(form)).toEqual({
    author: { codiceFiscale: CF, givenName: 'Chiara', surname: 'Verdi', prefix: undefined, role: 'MMG', phone: undefined, email: 'c.verdi@example.it' },
    organization: { aslCode: '010203', name: ORG, regionCode: '010', oidRoot: undefined },
    custodian: { idRoot: ASL_ID_ROOT, id: '010203', name: ORG },
  });
  expect(localIssues(form)).toEqual([]);
  expect(toForm(toProfile(form)).custodianSame).toBe(true);
  const own = toForm({ ...toProfile(form), custodian: { idRoot: '2.16.840.1.113883.2.9.4.1.2', id: '010999', name: 'Ospedale Sintetico' } });
  expect(own).toMatchObject({ custodianSame: false, custodianId: '010999', custodianName: 'Ospedale Sintetico' });

  // No contact, a short ASL code, no region: each on its field; the copied custodian answers on the organisation's.
  const bad = { ...form, email: '', aslCode: '0102', regionCode: '' };
  const { errors, unplaced } = issuesToErrors(t, localIssues(bad), bad);
  expect(unplaced).toBe(false);
  expect(errors).toEqual({ phone: 'doctorProfile.errors.contact', aslCode: 'doctorProfile.errors.aslCode', regionCode: 'doctorProfile.errors.regionCode' });
  expect(issuesToErrors(t, [{ path: 'custodian.name' }], { ...form, orgName: '' }).errors).toEqual({ orgName: 'validation.required' });
  expect(issuesToErrors(t, [{ path: 'custodian.name' }], { ...form, custodianSame: false, custodianName: '' }).errors).toEqual({ custodianName: 'validation.required' });
  expect(issuesToErrors(t, [{ path: 'author.codiceFiscale' }], { ...form, codiceFiscale: WRONG_CF }).errors).toEqual({ codiceFiscale: `codiceFiscale.problems.check-character:${CF.at(-1)}` });
  expect(issuesToErrors(t, [{ path: 'author.codiceFiscale' }], { ...form, codiceFiscale: 'ABC' }).errors).toEqual({ codiceFiscale: 'codiceFiscale.problems.length' });
  expect(issuesToErrors(t, [{ path: 'something.else' }], form)).toEqual({ errors: {}, unplaced: true });
});

test('outside the sandbox: the section says it must be completed, and the PSS editor says why nothing is built', async ({ page }) => {
  test.setTimeout(120_000);
  const host = await startHost({ sandbox: false });
  try {
    expect(await rpc<ProfileView>(host, 'profile.get', {})).toEqual({ saved: null, effective: null, sandbox: false });
    await page.goto(host.loginUrl);
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'open');
    await page.getByRole('navigation', { name: 'Navigazione principale' }).getByRole('link', { name: 'Impostazioni' }).click();
    await page.getByRole('navigation', { name: 'Sezioni delle impostazioni' }).getByRole('link', { name: 'Medico e struttura' }).click();
    const section = page.getByTestId('doctor-profile');
    await expect(section.getByText('Da completare')).toBeVisible();
    await expect(section.getByText(/Manca il profilo del medico/)).toBeVisible();

    const [p] = syntheticPatients({ count: 1, seed: 5151 });
    const created = await rpc<{ id: string }>(host, 'patients.create', p);
    await page.evaluate((id) => (location.hash = `#/assistiti/${id}/pss`), created.id);
    await expect(page.getByText('Manca il profilo del medico: completalo in Impostazioni → Medico e struttura prima di compilare documenti.').first()).toBeVisible({ timeout: 30_000 });
  } finally {
    await host.stop();
  }
});

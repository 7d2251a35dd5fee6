/**
 * One document loses a mandatory element and the schematron issue reaches
 * the UI on the field it concerns.
 *
 * The editor cannot produce such a CDA from the record (the builder always writes the allergy's
 * agent participant), and no contract hook feeds a hand-edited CDA to the editor. So the two
 * halves are joined here: the host builds this patient's PSS (`pss.preview`), the test removes
 * the allergy's `<participant typeCode="CSM">` and has the host validate it (`pss.validate`,
 * the real PSS v4.0 schematron, issues mapped onto record fields server-side); those issues are
 * then delivered to the open editor in place of its own `pss.preview` issues (Playwright's
 * WebSocket routing; every other frame passes through untouched). The editor must show the
 * Italian schematron message on the allergy entry and "Vai al campo" must focus it.
 * tests/contract/pss.contract.test.ts checks the server half over every transport.
 */
import { expect, test } from './fixtures.ts';
import { startHost } from './node-host.ts';
import { rpc } from './rpc.ts';
import { syntheticPatients } from '../../shared/synthetic/patients.ts';

test.describe.configure({ timeout: 180_000 });

interface Issue { severity: string; source: string; code: string; message: string; field?: string }

const allergy = {
  id: 'ALL-1', source: 'doctor', type: 'DALG',
  agent: { kind: 'atc', code: 'J01CA04', display: 'AMOXICILLINA' },
  reaction: { code: '708.9', display: 'Orticaria non specificata' }, criticality: 'H', status: 'active', onset: '2019-04',
};

test('a CDA without the allergy agent: the Italian schematron issue shows on that allergy in the editor', async ({ page }) => {
  const host = await startHost();
  try {
    const [p] = syntheticPatients({ count: 1, seed: 4041 });
    const { id } = await rpc<{ id: string }>(host, 'patients.create', p);
    await rpc(host, 'record.upsertEntry', { patientId: id, section: 'allergies', entry: allergy });

    // The server half: build, remove a mandatory element, validate with the schematron.
    const { cda } = await rpc<{ cda: string }>(host, 'pss.preview', { patientId: id, pdf: false });
    const start = cda.indexOf('<participant typeCode="CSM">', cda.indexOf('extension="ALL-1.obs"'));
    expect(start).toBeGreaterThan(0);
    const end = cda.indexOf('</participant>', start) + '</participant>'.length;
    const checked = await rpc<{ valid: boolean; issues: Issue[] }>(host, 'pss.validate', { patientId: id, cda: cda.slice(0, start) + cda.slice(end) });
    expect(checked.valid).toBe(false);
    const onAllergy = checked.issues.filter((i) => i.severity === 'error' && i.source === 'schematron' && i.field?.startsWith('allergies.ALL-1'));
    expect(onAllergy.length).toBeGreaterThan(0);
    const issue = onAllergy[0]!;
    expect(issue.message).toMatch(/\S/);

    // The UI half: the editor's pss.preview answers carry those issues.
    await page.routeWebSocket(/\/rpc/, (ws) => {
      const server = ws.connectToServer();
      const previews = new Set<number>();
      ws.onMessage((m) => {
        const msg = JSON.parse(String(m)) as { id?: number; method?: string };
        if (msg.method === 'pss.preview' && typeof msg.id === 'number') previews.add(msg.id);
        server.send(m);
      });
      server.onMessage((m) => {
        const msg = JSON.parse(String(m)) as { id?: number; result?: { valid: boolean; issues: Issue[] } };
        if (typeof msg.id === 'number' && previews.delete(msg.id) && msg.result) {
          msg.result = { ...msg.result, valid: false, issues: [...checked.issues, ...msg.result.issues] };
          ws.send(JSON.stringify(msg));
        } else {
          ws.send(m);
        }
      });
    });

    await page.goto(host.loginUrl);
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'open');
    await page.evaluate((pid) => (location.hash = `#/assistiti/${pid}`), id);
    await page.getByRole('link', { name: 'Profilo Sanitario Sintetico' }).click();
    await expect(page.getByRole('heading', { name: 'Profilo Sanitario Sintetico', level: 1 })).toBeVisible();
    await expect(page.getByTestId('pss-validation-summary')).toHaveText(/^[1-9]\d* errori/, { timeout: 30_000 });

    const row = page.locator('[data-field="allergies.ALL-1"]');
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('field-issue').filter({ hasText: issue.message }).first()).toBeVisible();
    test.info().annotations.push({ type: 'schematron-issue', description: `${issue.code} ${issue.field}: ${issue.message}` });
    await expect(page.getByTestId('pss-issues')).toContainText(issue.message);
    // The issues panel's "Vai al campo" for that issue focuses the allergy.
    await page.getByTestId('pss-issues').locator(':scope > *').filter({ hasText: issue.message }).first().getByRole('button', { name: 'Vai al campo' }).click();
    await expect(row).toBeFocused();
  } finally {
    await host.stop();
  }
});

/**
 * Issue 6, Coda di invio in the browser: two PSS built with our builder and renderer, signed
 * PAdES through the API with the sandbox test token, are enqueued through the API while the
 * gateway is unreachable (the simulator resets every connection). The page lists them with
 * their state, next try and last error in words; the navigation and header badges count them.
 * When the gateway comes back they reach "Pubblicato" by themselves, each published once.
 *
 * The simulator runs in this test process (the same one the sandbox embeds, with the real CDA
 * validator and PAdES check) so the test can fault it; the node host reaches it through
 * CARTELLA_GATEWAY_URL, with short retry and probe intervals.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderPssPdf } from '../../electron/services/documents/pdf/render-pss.ts';
import type { GatewaySimulator } from '../../electron/services/gateway/simulator/simulator.ts';
import { startSandboxSimulator } from '../../electron/services/outbox/sandbox-gateway.ts';
import { buildPssCda } from '../../shared/documents/cda/pss/index.ts';
import { seededRandom } from '../../shared/random.ts';
import { syntheticPssInput } from '../../shared/synthetic/clinical-record.ts';
import { syntheticPatients } from '../../shared/synthetic/patients.ts';
import { expect, test as base } from './fixtures.ts';
import { startHost, type RunningHost } from './node-host.ts';
import { rpc } from './rpc.ts';

const ENV: Record<string, string> = {
  CARTELLA_OUTBOX_RETRY_BASE_MS: '800',
  CARTELLA_OUTBOX_RETRY_CAP_MS: '3000',
  CARTELLA_OUTBOX_PROBE_MS: '700',
  CARTELLA_OUTBOX_POLL_MS: '300',
};

const test = base.extend<object, { host: RunningHost; sim: GatewaySimulator }>({
  sim: [
    async ({}, use) => {
      const sim = await startSandboxSimulator();
      await use(sim);
      await sim.close();
    },
    { scope: 'worker' },
  ],
  host: [
    async ({ sim }, use) => {
      const saved = Object.fromEntries(['CARTELLA_GATEWAY_URL', ...Object.keys(ENV)].map((k) => [k, process.env[k]]));
      Object.assign(process.env, ENV, { CARTELLA_GATEWAY_URL: sim.url });
      let host: RunningHost;
      try {
        host = await startHost();
      } finally {
        for (const [k, v] of Object.entries(saved)) {
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
        }
      }
      await use(host);
      await host.stop();
    },
    { scope: 'worker', timeout: 90_000 },
  ],
});

const METADATA = {
  tipologiaStruttura: 'Territorio',
  tipoDocumentoLivAlto: 'SUM',
  assettoOrganizzativo: 'AD_PSC130',
  tipoAttivitaClinica: 'OBS',
  identificativoSottomissione: '2.16.840.1.113883.2.9.2.120.4.3.1',
  identificativoRep: '2.16.840.1.113883.2.9.2.120.4.5.1',
  mode: 'ATTACHMENT',
  healthDataFormat: 'CDA',
};

async function twoSignedPss(host: RunningHost): Promise<string[]> {
  const patients = syntheticPatients({ count: 2, seed: 21, today: new Date('2026-01-15') });
  const rand = seededRandom(21);
  const files = [];
  for (let i = 0; i < patients.length; i++) {
    const input = syntheticPssInput(patients[i]!, i, rand, { today: '2026-01-15', role: 'MMG' });
    const { pdf } = await renderPssPdf(input, buildPssCda(input));
    files.push({ name: `PSS-${i + 1}.pdf`, dataBase64: Buffer.from(pdf).toString('base64') });
  }
  // The sandbox test token is prepared on first use (a few seconds).
  const settings = await rpc<{ sandbox: { testPin?: string } }>(host, 'settings.get', {});
  const signed = await rpc<{ results: { ok: boolean; signedBase64?: string }[] }>(host, 'signing.signFiles', { batchId: 'e2e-outbox', mode: 'pades', files, pin: settings.sandbox.testPin ?? '12345678' });
  expect(signed.results.map((r) => r.ok)).toEqual([true, true]);
  return signed.results.map((r) => r.signedBase64!);
}

test('offline: two signed PSS stay queued with the next try; back online they are published by themselves', async ({ app: page, host, sim }) => {
  test.setTimeout(240_000);
  const pdfs = await twoSignedPss(host);

  // The gateway is unreachable: every connection is reset.
  sim.setFaults({ resetRate: 1 });
  const ids: string[] = [];
  for (const [i, pdf] of pdfs.entries()) {
    const e = await rpc<{ id: string; identificativoDoc: string }>(host, 'outbox.enqueue', { pdfBase64: pdf, metadata: METADATA, title: `Profilo Sanitario Sintetico ${i + 1}` });
    ids.push(e.identificativoDoc);
  }

  const nav = page.getByRole('navigation', { name: 'Navigazione principale' });
  await expect(nav.getByTestId('outbox-nav-badge')).toHaveText('2');
  await expect(page.getByTestId('outbox-header-badge')).toHaveAttribute('data-count', '2');
  await nav.getByRole('link', { name: /Coda di invio/ }).click();
  await expect(page.getByRole('heading', { name: 'Coda di invio' })).toBeVisible();
  await expect(page).toHaveURL(/#\/coda$/);

  const rows = page.getByTestId('outbox-row');
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('outbox-gateway')).toHaveAttribute('data-state', 'offline', { timeout: 20_000 });
  await expect(page.getByTestId('gateway-state')).toHaveAttribute('data-state', 'offline');
  for (const row of await rows.all()) {
    await expect(row.getByTestId('outbox-state')).toHaveText(/In attesa di nuovo tentativo|In coda/);
    await expect(row.getByTestId('outbox-next')).toHaveText(/al ritorno della connessione|tra \d+ s|adesso/);
    await expect(row.getByText('Profilo Sanitario Sintetico', { exact: false })).toBeVisible();
  }
  // The one tried before going offline says why it waits, in words.
  await expect(page.getByTestId('outbox-error').filter({ hasText: /Connessione interrotta|Rete non disponibile|non ha risposto/ }).first()).toBeVisible();
  await expect(rows.first().getByRole('button', { name: /Annulla l'invio di Profilo Sanitario Sintetico/ })).toBeVisible();
  await expect(page.getByTestId('outbox-last-sync')).toHaveText('Mai');
  await page.screenshot({ path: 'test-results/e2e-web-screens/coda-offline.png', fullPage: true });
  expect(sim.ledger.entries).toHaveLength(0);

  // Back online: no click needed.
  sim.setFaults({});
  await expect(rows.filter({ has: page.getByTestId('outbox-state').getByText('Pubblicato', { exact: true }) })).toHaveCount(2, { timeout: 60_000 });
  await expect(page.getByTestId('outbox-gateway')).toHaveAttribute('data-state', 'online');
  await expect(nav.getByTestId('outbox-nav-badge')).toHaveCount(0);
  await expect(page.getByTestId('outbox-header-badge')).toHaveAttribute('data-count', '0');
  await expect(page.getByTestId('outbox-last-sync')).not.toHaveText('Mai');
  for (const row of await rows.all()) {
    await expect(row.getByTestId('outbox-error')).toHaveText('—');
    await expect(row.getByRole('button')).toHaveCount(0);
  }
  await page.screenshot({ path: 'test-results/e2e-web-screens/coda-pubblicati.png', fullPage: true });
  for (const id of ids) expect(sim.ledger.publications(id)).toBe(1);

  // Keyboard: the pause switch is reachable and toggles with Space.
  const pause = page.getByRole('switch', { name: 'Sospendi invio' });
  await pause.focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('outbox-gateway')).toHaveAttribute('data-state', 'paused');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('outbox-gateway')).toHaveAttribute('data-state', 'online');
});

// The default host: sandbox, with the simulator embedded in the node host.
base('sandbox: a rejected document is parked with the reason in words; edit and cancel from the keyboard', async ({ app: page, host }) => {
  base.setTimeout(120_000);
  const official = readFileSync(join(import.meta.dirname, '../fixtures/gateway/pdf/PSS.pdf')).toString('base64');
  await rpc(host, 'outbox.enqueue', { pdfBase64: official, metadata: METADATA, title: 'PSS di esempio 2023' });
  await page.goto(`${host.baseUrl}#/coda`);
  const row = page.getByTestId('outbox-row').filter({ hasText: 'PSS di esempio 2023' });
  await expect(row.getByTestId('outbox-state')).toHaveText('Sospeso', { timeout: 60_000 });
  await expect(row.getByTestId('outbox-error')).toContainText('schematron');
  await expect(page.getByText('Simulatore integrato (ambiente di prova)')).toBeVisible();
  await expect(page.getByTestId('outbox-header-badge')).toHaveAttribute('data-count', '1');
  await page.screenshot({ path: 'test-results/e2e-web-screens/coda-sospeso.png', fullPage: true });

  const edit = row.getByRole('button', { name: 'Riporta in bozza PSS di esempio 2023 per modificarlo' });
  await edit.focus();
  await page.keyboard.press('Enter');
  await expect(row.getByTestId('outbox-state')).toHaveText('Bozza');
  const cancel = row.getByRole('button', { name: "Annulla l'invio di PSS di esempio 2023" });
  await cancel.focus();
  await page.keyboard.press('Enter');
  await expect(row.getByTestId('outbox-state')).toHaveText('Annullato');
  await expect(page.getByTestId('outbox-header-badge')).toHaveAttribute('data-count', '0');
});

/**
 * The WebSocket transport: when the service goes away the page says so ("Connessione al
 * servizio persa, nuovo tentativo…"), keeps trying with backoff, and carries on when it is back;
 * a search typed while it is down waits for the connection and then answers.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import { encodeCodiceFiscale } from '../../shared/domain/codice-fiscale.ts';
import { startHost } from './node-host.ts';
import { rpc } from './rpc.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

base('connection lost: banner, automatic reconnect, waiting calls answered', async ({ page }) => {
  base.setTimeout(120_000);
  const port = await freePort();
  const token = randomBytes(16).toString('hex');
  // Our own data folder, so stopping the first host keeps it for the second.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cartella-e2e-'));
  let host = await startHost({ port, token, dataDir });
  try {
    const identifier = encodeCodiceFiscale({ surname: 'Ricci', givenName: 'Lucia', birthDate: '1990-01-31', sex: 'F', belfiore: 'A944' });
    await rpc(host, 'patients.create', { surname: 'Ricci', givenName: 'Lucia', sex: 'F', birthDate: '1990-01-31', identifierKind: 'CF', identifier });

    await page.goto(host.loginUrl);
    const state = page.getByTestId('connection-state');
    await expect(state).toHaveAttribute('data-state', 'open');
    await expect(page.getByRole('table').getByRole('row').filter({ hasText: 'Ricci' })).toHaveCount(1);

    await host.stop();
    await expect(page.getByRole('alert').filter({ hasText: 'Connessione al servizio persa, nuovo tentativo…' })).toBeVisible();
    await expect(state).toHaveText('Non connesso');
    await page.screenshot({ path: 'test-results/e2e-web-screens/connessione-persa.png' });

    // Typed while down: the call waits for the connection.
    await page.getByRole('searchbox', { name: 'Cerca tra gli assistiti' }).fill('ricc');
    host = await startHost({ port, token, dataDir });
    await expect(state).toHaveAttribute('data-state', 'open', { timeout: 20_000 });
    await expect(page.getByRole('alert').filter({ hasText: 'Connessione al servizio persa' })).toHaveCount(0);
    await expect(page.getByRole('table').getByRole('row').filter({ hasText: 'Ricci' })).toHaveCount(1);
  } finally {
    await host.stop();
    host.removeData();
  }
});

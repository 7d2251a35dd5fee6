/**
 * Transport selection: with `window.bridge` present (what the Electron preload exposes) the
 * renderer calls through it and opens no WebSocket. The bridge here is a stand-in that answers
 * from canned data; the real IPC path is covered by tests/e2e-electron where Electron exists.
 */
import { expect, test } from './fixtures.ts';

test('window.bridge is used when present, and no WebSocket is opened', async ({ host, page }) => {
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  await page.addInitScript(() => {
    const calls: string[] = [];
    const patient = { id: 'p1', surname: 'Pontecorvo', givenName: 'Ida', sex: 'F', birthDate: '1950-06-02', identifierKind: 'TEAM', identifier: 'DE1234' };
    const answers: Record<string, unknown> = {
      'system.info': { version: '0.1.0', runtime: 'electron', sandbox: false, developmentStore: false, locale: 'it' },
      'patients.search': { items: [patient], total: 1 },
    };
    const g = globalThis as unknown as { bridge: unknown; bridgeCalls: string[] };
    g.bridgeCalls = calls;
    g.bridge = {
      async call(method: string) {
        calls.push(method);
        return method in answers ? { ok: true, value: answers[method] } : { ok: false, error: { code: 'UNKNOWN_METHOD', message: method, data: { method } } };
      },
      subscribe() {
        return () => {};
      },
    };
  });
  await page.goto(host.loginUrl);
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: 'Pontecorvo' })).toHaveCount(1);
  await expect(page.getByTestId('connection-state')).toHaveText('Connesso');
  await expect(page.getByTestId('sandbox-badge')).toHaveCount(0);
  const calls = await page.evaluate(() => (globalThis as unknown as { bridgeCalls: string[] }).bridgeCalls);
  expect(calls).toContain('system.info');
  expect(calls).toContain('patients.search');
  expect(sockets).toEqual([]);
});

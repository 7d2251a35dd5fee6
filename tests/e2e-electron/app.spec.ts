/**
 * The Electron app itself, driven by Playwright's `_electron`: the window opens on the
 * patient search, the renderer has no Node, the bridge is exactly { call, subscribe }, and a
 * contract call goes through IPC to the services. Skipped, with the reason, where no Electron
 * binary exists (these development and CI machines; TOOLCHAIN.md §6).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { findElectronBinary } from './electron-binary.ts';

const repo = path.resolve(import.meta.dirname, '../..');
const binary = findElectronBinary();

/** The renderer globals the checks read; typed here because this project compiles without DOM types. */
type RendererGlobals = {
  bridge?: Record<string, unknown> & {
    call(method: string, params: unknown): Promise<{ ok: boolean; value?: unknown; error?: unknown }>;
  };
  require?: unknown;
  process?: unknown;
  module?: unknown;
  ipcRenderer?: unknown;
  open(url: string): unknown;
  location: { href: string };
};

test.describe('Electron app', () => {
  test.skip(!binary.ok, binary.ok ? '' : binary.reason);

  let app: ElectronApplication;
  let page: Page;
  let userData: string;

  test.beforeAll(async () => {
    if (!binary.ok) return;
    userData = mkdtempSync(path.join(os.tmpdir(), 'cartella-e2e-electron-'));
    app = await _electron.launch({
      executablePath: binary.executablePath,
      args: [repo],
      cwd: repo,
      env: {
        ...process.env,
        // Throw-away profile; CI machines have no keyring (both ignored by packaged builds).
        CARTELLA_USER_DATA_DIR: userData,
        CARTELLA_TEST_PLAINTEXT_SECRETS: '1',
      },
      timeout: 60_000,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  test('opens one window on app://cartella with the patient search focused', async () => {
    expect(page.url()).toMatch(/^app:\/\/cartella\//);
    expect(app.windows()).toHaveLength(1);
    await expect(page.getByTestId('patient-search')).toBeFocused({ timeout: 20_000 });
  });

  test('the renderer has no Node: require, process and module are undefined', async () => {
    const types = await page.evaluate(() => {
      const w = globalThis as unknown as RendererGlobals;
      return [typeof w.require, typeof w.process, typeof w.module, typeof w.ipcRenderer];
    });
    expect(types).toEqual(['undefined', 'undefined', 'undefined', 'undefined']);
  });

  test('window.bridge has exactly call and subscribe', async () => {
    const shape = await page.evaluate(() => {
      const bridge = (globalThis as unknown as RendererGlobals).bridge;
      return bridge ? Object.keys(bridge).sort().map((k) => [k, typeof bridge[k]]) : null;
    });
    expect(shape).toEqual([
      ['call', 'function'],
      ['subscribe', 'function'],
    ]);
  });

  test('system.info over the bridge answers runtime electron', async () => {
    const result = await page.evaluate(() => (globalThis as unknown as RendererGlobals).bridge!.call('system.info', {}));
    expect(result).toMatchObject({ ok: true, value: { runtime: 'electron' } });
  });

  test('unknown methods come back as typed errors, not exceptions', async () => {
    const result = await page.evaluate(() => (globalThis as unknown as RendererGlobals).bridge!.call('nope.nothing', {}));
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  test('responses carry the strict CSP header', async () => {
    const csp = await page.evaluate(() => fetch('app://cartella/index.html').then((r) => r.headers.get('content-security-policy')));
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
  });

  test('new windows and navigation away are denied', async () => {
    const opened = await page.evaluate(() => (globalThis as unknown as RendererGlobals).open('https://example.org/') === null);
    expect(opened).toBe(true);
    expect(app.windows()).toHaveLength(1);
    await page.evaluate(() => {
      (globalThis as unknown as RendererGlobals).location.href = 'https://example.org/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^app:\/\/cartella\//);
  });
});

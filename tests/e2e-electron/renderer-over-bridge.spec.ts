/**
 * The Electron renderer path, exercised without the Electron binary: the built renderer
 * (out/renderer) served with the exact app:// response headers (strict CSP included) in
 * Debian's Chromium, with the *built* preload (out/preload/index.cjs) run against a stand-in
 * `electron` module whose ipcRenderer.invoke reaches the real services through the same
 * parseCallMessage + dispatcher.dispatch path as electron/main/ipc-server.ts.
 *
 * What it proves here: the bundle runs under the strict CSP header, the renderer picks the
 * IPC bridge (not the WebSocket), the preload exposes exactly { call, subscribe }, calls and
 * events flow. What only app.spec.ts (the real binary) proves: sandboxing, contextIsolation,
 * the app:// protocol itself and the sender-frame check.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { resolveAssetPath } from '../../electron/main/security/asset-path.ts';
import { APP_RESPONSE_HEADERS } from '../../shared/security/csp.ts';
import { parseCallMessage } from '../../electron/main/security/ipc-sender.ts';
import { RPC_CALL_CHANNEL, RPC_EVENT_CHANNEL } from '../../electron/preload/channels.ts';
import { createServices, type Services } from '../../electron/services/container.ts';
import type { SecretStore } from '../../electron/services/ports.ts';

const repo = path.resolve(import.meta.dirname, '../..');
const rendererDir = path.join(repo, 'out/renderer');
const preloadFile = path.join(repo, 'out/preload/index.cjs');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function unavailable(): string | undefined {
  if (!existsSync(chromiumPath)) return `Chromium not found at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)`;
  if (!existsSync(path.join(rendererDir, 'index.html')) || !existsSync(preloadFile)) return 'out/ is not built (npx electron-vite build)';
  return undefined;
}

/** Runs the built CommonJS preload with a stand-in `electron`, as Electron's sandboxed preload loader would. */
function preloadHarness(preloadSource: string): string {
  return `(() => {
    const listeners = [];
    const electron = {
      contextBridge: {
        exposeInMainWorld(key, api) {
          Object.defineProperty(window, key, { value: Object.freeze({ ...api }), enumerable: false, configurable: false });
        },
      },
      ipcRenderer: {
        invoke: (channel, message) => window.__cartellaIpcInvoke(channel, message),
        on: (channel, listener) => { listeners.push([channel, listener]); },
      },
    };
    Object.defineProperty(window, '__cartellaIpcDeliver', {
      value: (channel, message) => { for (const [c, l] of listeners) if (c === channel) l({}, message); },
    });
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.effectiveDirective + ' ' + e.blockedURI));
    const require = (id) => {
      if (id === 'electron') return electron;
      throw new Error('a sandboxed preload cannot require ' + id);
    };
    const module = { exports: {} };
    (function (require, module, exports) {\n${preloadSource}\n})(require, module, module.exports);
  })();`;
}

type PageGlobals = {
  bridge?: Record<string, unknown> & {
    call(method: string, params: unknown): Promise<{ ok: boolean; value?: unknown }>;
    subscribe(event: string, cb: (payload: unknown) => void): () => void;
  };
  __cspViolations: string[];
  __events?: unknown[];
};

test.describe('Electron renderer over the preload bridge (Chromium stand-in)', () => {
  const reason = unavailable();
  test.skip(reason !== undefined, reason ?? '');

  let server: Server;
  let browser: Browser;
  let page: Page;
  let services: Services;
  let dataDir: string;
  let baseUrl: string;
  const webSockets: string[] = [];

  test.beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'cartella-bridge-e2e-'));
    const secrets = new Map<string, string>();
    const secretStore: SecretStore = {
      isDevelopmentStore: true,
      get: async (name) => secrets.get(name),
      set: async (name, value) => void secrets.set(name, value),
    };
    const quiet = { debug() {}, info() {}, warn() {}, error() {} };
    services = await createServices({ runtime: 'electron', dataDir, secretStore, logger: quiet, version: '0.0.0-e2e', sandbox: false });

    // The same file mapping and headers as the app:// handler in electron/main/protocol.ts.
    server = createServer(async (req, res) => {
      const asset = resolveAssetPath(rendererDir, `app://cartella${new URL(req.url ?? '/', 'http://x').pathname}`);
      if (!asset) {
        res.writeHead(404, APP_RESPONSE_HEADERS).end();
        return;
      }
      try {
        const body = await readFile(asset.file);
        res.writeHead(200, { ...APP_RESPONSE_HEADERS, 'Content-Type': asset.mimeType }).end(body);
      } catch {
        res.writeHead(404, APP_RESPONSE_HEADERS).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const context = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome' });
    page = await context.newPage();
    page.on('websocket', (ws) => webSockets.push(ws.url()));

    // ipcMain.handle('rpc') stand-in: same message check and dispatch call as ipc-server.ts.
    await page.exposeBinding('__cartellaIpcInvoke', async ({ frame }, channel: unknown, message: unknown) => {
      if (channel !== RPC_CALL_CHANNEL || frame !== page.mainFrame()) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'IPC sender not allowed' } };
      }
      const call = parseCallMessage(message);
      if (!call) return { ok: false, error: { code: 'INVALID_INPUT', message: 'Malformed IPC call', data: { issues: [] } } };
      return JSON.parse(JSON.stringify(await services.dispatcher.dispatch(call.method, call.params, { actor: 'local-user', transport: 'ipc' })));
    });
    services.events.listen((event, payload) => {
      void page
        .evaluate(([channel, msg]) => (globalThis as unknown as { __cartellaIpcDeliver(c: unknown, m: unknown): void }).__cartellaIpcDeliver(channel, msg), [
          RPC_EVENT_CHANNEL,
          { event, payload },
        ] as const)
        .catch(() => undefined);
    });
    await page.addInitScript({ content: preloadHarness(readFileSync(preloadFile, 'utf8')) });
    await page.goto(`${baseUrl}/index.html`);
  });

  test.afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await services?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('the renderer starts under the strict CSP header with the patient search focused', async () => {
    await expect(page.getByTestId('patient-search')).toBeFocused({ timeout: 20_000 });
    const response = await page.request.get(`${baseUrl}/index.html`);
    expect(response.headers()['content-security-policy']).toBe(APP_RESPONSE_HEADERS['Content-Security-Policy']);
  });

  test('the built preload exposes exactly call and subscribe', async () => {
    const keys = await page.evaluate(() => Object.keys((globalThis as unknown as PageGlobals).bridge ?? {}).sort());
    expect(keys).toEqual(['call', 'subscribe']);
  });

  test('system.info goes over the bridge, and the renderer opens no WebSocket', async () => {
    const info = await page.evaluate(() => (globalThis as unknown as PageGlobals).bridge!.call('system.info', {}));
    expect(info).toMatchObject({ ok: true, value: { runtime: 'electron' } });
    expect(webSockets).toEqual([]);
  });

  test('a patient created over the bridge raises an event and is found by the search', async () => {
    await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      g.__events = [];
      g.bridge!.subscribe('patients.changed', (payload) => g.__events!.push(payload));
    });
    const created = await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).bridge!.call('patients.create', {
        surname: 'Rossi',
        givenName: 'Mario',
        sex: 'M',
        birthDate: '1985-12-10',
        identifierKind: 'CF',
        identifier: 'RSSMRA85T10A562S',
      }),
    );
    expect(created).toMatchObject({ ok: true });
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as PageGlobals).__events?.length ?? 0)).toBe(1);

    await page.getByTestId('patient-search').fill('Ross');
    await expect(page.getByText('RSSMRA85T10A562S')).toBeVisible({ timeout: 10_000 });
  });

  test('no Content-Security-Policy violation happened, beyond zod probing for eval', async () => {
    const violations = await page.evaluate(() => (globalThis as unknown as PageGlobals).__cspViolations);
    // zod 4 feature-detects eval once (`new Function('')` in a try/catch, its "JIT" fast path);
    // the CSP blocks it, as intended, and zod falls back. z.config({ jitless: true }) in the
    // renderer's entry would stop the probe. Anything else blocked by the CSP fails here.
    const others = violations.filter((v) => v !== 'script-src eval');
    if (others.length < violations.length) {
      test.info().annotations.push({ type: 'note', description: `${violations.length - others.length} blocked eval probe(s) (zod)` });
    }
    expect(others).toEqual([]);
  });
});

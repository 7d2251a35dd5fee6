/**
 * The Electron main process, wired end to end against a stand-in `electron` module
 * (vi.mock, TOOLCHAIN.md §6): the composition root starts the real services, the window gets
 * the hardened webPreferences, the IPC handler checks the sender and dispatches over the
 * real contract, the app:// protocol serves files with the CSP header, and the guards deny
 * navigation, new windows, webviews and permissions. The Playwright `_electron` tests cover
 * the same ground with the real binary where it exists.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

type Handler = (...args: any[]) => any;

const h = vi.hoisted(() => {
  const listeners = new Map<string, Handler[]>();
  const on = (event: string, fn: Handler) => {
    listeners.set(event, [...(listeners.get(event) ?? []), fn]);
  };
  const state = {
    userData: '',
    listeners,
    emit(event: string, ...args: unknown[]) {
      for (const fn of listeners.get(event) ?? []) fn(...args);
    },
    windows: [] as any[],
    ipcHandlers: new Map<string, Handler>(),
    protocolHandlers: new Map<string, Handler>(),
    privilegedSchemes: [] as unknown[],
    calls: [] as string[],
    permissionRequest: undefined as Handler | undefined,
    permissionCheck: undefined as Handler | undefined,
    devicePermission: undefined as Handler | undefined,
    beforeRequest: undefined as { filter: { urls: string[] }; fn: Handler } | undefined,
    openExternal: [] as string[],
    quit: 0,
    exitCodes: [] as number[],
    errorBoxes: [] as string[],
  };
  return { state, on };
});

vi.mock('electron', () => {
  const { state, on } = h;
  class BrowserWindow {
    options: any;
    loaded: string[] = [];
    destroyed = false;
    contentProtection = false;
    webContents = { id: 7, sent: [] as unknown[][], send: (...a: unknown[]) => this.webContents.sent.push(a), isDestroyed: () => false };
    constructor(options: unknown) {
      this.options = options;
      state.windows.push(this);
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    once() {}
    on() {}
    isDestroyed() {
      return this.destroyed;
    }
    isMinimized() {
      return false;
    }
    setContentProtection(v: boolean) {
      this.contentProtection = v;
    }
    restore() {}
    show() {}
    focus() {}
  }
  const app = {
    isPackaged: false,
    on,
    getPath: (name: string) => (name === 'userData' ? state.userData : path.join(state.userData, name)),
    setPath: (name: string, value: string) => {
      if (name === 'userData') state.userData = value;
    },
    enableSandbox: () => state.calls.push('enableSandbox'),
    requestSingleInstanceLock: () => {
      state.calls.push('requestSingleInstanceLock');
      return true;
    },
    whenReady: () => {
      state.calls.push('whenReady');
      return Promise.resolve();
    },
    getVersion: () => '0.1.0-test',
    quit: () => {
      state.quit++;
    },
    exit: (code: number) => state.exitCodes.push(code),
  };
  const mask = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x33));
  return {
    app,
    BrowserWindow,
    ipcMain: {
      handle: (channel: string, fn: Handler) => state.ipcHandlers.set(channel, fn),
      removeHandler: (channel: string) => state.ipcHandlers.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        state.calls.push('registerSchemesAsPrivileged');
        state.privilegedSchemes.push(...schemes);
      },
    },
    session: {
      defaultSession: {
        protocol: { handle: (scheme: string, fn: Handler) => state.protocolHandlers.set(scheme, fn) },
        setPermissionRequestHandler: (fn: Handler) => (state.permissionRequest = fn),
        setPermissionCheckHandler: (fn: Handler) => (state.permissionCheck = fn),
        setDevicePermissionHandler: (fn: Handler) => (state.devicePermission = fn),
        webRequest: { onBeforeRequest: (filter: { urls: string[] }, fn: Handler) => (state.beforeRequest = { filter, fn }) },
      },
    },
    safeStorage: {
      isAsyncEncryptionAvailable: async () => true,
      encryptStringAsync: async (s: string) => mask(Buffer.from(s)),
      decryptStringAsync: async (b: Buffer) => ({ shouldReEncrypt: false, result: mask(b).toString() }),
      getSelectedStorageBackend: () => 'gnome_libsecret',
      setUsePlainTextEncryption: () => {},
    },
    shell: {
      openExternal: async (url: string) => {
        state.openExternal.push(url);
      },
    },
    dialog: { showErrorBox: (title: string, body: string) => state.errorBoxes.push(`${title}: ${body}`) },
  };
});

const { state } = h;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'cartella-main-wiring-'));

async function until<T>(probe: () => T | undefined, what: string, ms = 30_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (state.errorBoxes.length) throw new Error(`startup failed: ${state.errorBoxes.join('\n')}`);
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  process.env.CARTELLA_USER_DATA_DIR = path.join(tmp, 'profile');
  process.env.CARTELLA_LOG_LEVEL = 'warn';
  await import('../../../electron/main/index.ts');
  await until(() => state.windows[0], 'the main window');
}, 60_000);

afterAll(async () => {
  // will-quit closes the services (the database worker) before quitting.
  const quitsBefore = state.quit;
  state.emit('will-quit', { preventDefault: () => {} });
  await until(() => state.quit > quitsBefore || undefined, 'services to close');
  delete process.env.CARTELLA_USER_DATA_DIR;
  rmSync(tmp, { recursive: true, force: true });
});

describe('composition root', () => {
  it('registers the app scheme, enables the sandbox and takes the single-instance lock before ready', () => {
    const ready = state.calls.indexOf('whenReady');
    expect(state.calls.indexOf('registerSchemesAsPrivileged')).toBeGreaterThanOrEqual(0);
    expect(state.calls.indexOf('registerSchemesAsPrivileged')).toBeLessThan(ready);
    expect(state.calls.indexOf('enableSandbox')).toBeLessThan(ready);
    expect(state.calls.indexOf('requestSingleInstanceLock')).toBeLessThan(ready);
    expect(state.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
    expect(state.listeners.has('second-instance')).toBe(true);
  });

  it('honours the test profile folder (unpackaged only)', () => {
    expect(state.userData).toBe(path.join(tmp, 'profile'));
  });

  it('opens one hardened window on app://cartella with the built CJS preload', () => {
    expect(state.windows).toHaveLength(1);
    const win = state.windows[0];
    expect(win.loaded).toEqual(['app://cartella/index.html']);
    const prefs = win.options.webPreferences;
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: true, // unpackaged; index.ts passes !app.isPackaged
    });
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.preload).toMatch(/[\\/]preload[\\/]index\.cjs$/);
  });

  it('installs deny-by-default permission handlers and blocks renderer network', () => {
    const decisions: boolean[] = [];
    state.permissionRequest!({ getURL: () => 'app://cartella/index.html' }, 'media', (v: boolean) => decisions.push(v), { requestingUrl: 'app://cartella/index.html' });
    state.permissionRequest!({ getURL: () => 'app://cartella/index.html' }, 'notifications', (v: boolean) => decisions.push(v), {});
    expect(decisions).toEqual([false, false]);
    expect(state.permissionCheck!(null, 'clipboard-read', 'app://cartella')).toBe(false);
    expect(state.devicePermission!()).toBe(false);
    expect(state.beforeRequest!.filter.urls).toEqual(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']);
    let cancelled: unknown;
    state.beforeRequest!.fn({ resourceType: 'image' }, (r: unknown) => (cancelled = r));
    expect(cancelled).toEqual({ cancel: true });
  });
});

describe('IPC server', () => {
  const topFrame = { url: 'app://cartella/index.html', parent: null };
  const invoke = (event: unknown, message: unknown) => state.ipcHandlers.get('rpc')!(event, message);

  it('answers system.info over the real services with runtime electron', async () => {
    const win = state.windows[0];
    const result = await invoke({ senderFrame: topFrame, sender: win.webContents }, { method: 'system.info', params: {} });
    expect(result).toMatchObject({ ok: true, value: { runtime: 'electron', version: '0.1.0-test', developmentStore: false } });
  });

  it('returns typed errors for unknown methods and malformed messages', async () => {
    const sender = state.windows[0].webContents;
    expect(await invoke({ senderFrame: topFrame, sender }, { method: 'nope.nothing', params: {} })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    expect(await invoke({ senderFrame: topFrame, sender }, 'system.info')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('refuses calls from another webContents, a sub-frame or a foreign origin', async () => {
    const sender = state.windows[0].webContents;
    for (const event of [
      { senderFrame: topFrame, sender: { id: 99 } },
      { senderFrame: { url: 'app://cartella/index.html', parent: topFrame }, sender },
      { senderFrame: { url: 'https://evil.example/', parent: null }, sender },
      { senderFrame: null, sender },
    ]) {
      expect(await invoke(event, { method: 'system.info', params: {} })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });
});

describe('app:// protocol', () => {
  it('serves the renderer files with the CSP header, and 404 outside', async () => {
    const { serveRenderer } = await import('../../../electron/main/protocol.ts');
    const dir = path.join(tmp, 'renderer');
    mkdirSync(path.join(dir, 'assets'), { recursive: true });
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(path.join(dir, 'assets', 'a.js'), 'console.log(1)');
    writeFileSync(path.join(tmp, 'secret.txt'), 'no');
    let handler: Handler | undefined;
    serveRenderer({ protocol: { handle: (_s: string, fn: Handler) => (handler = fn) } } as never, dir);

    const index: Response = await handler!({ url: 'app://cartella/', method: 'GET' });
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await index.text()).toContain('<title>x</title>');

    const js: Response = await handler!({ url: 'app://cartella/assets/a.js', method: 'GET' });
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');

    for (const url of ['app://cartella/assets/..%2f..%2fsecret.txt', 'app://other/index.html', 'app://cartella/missing.js']) {
      const res: Response = await handler!({ url, method: 'GET' });
      expect(res.status, url).toBe(404);
      expect(res.headers.get('content-security-policy')).toBeTruthy();
    }
    expect(((await handler!({ url: 'app://cartella/', method: 'POST' })) as Response).status).toBe(405);
  });
});

describe('web contents guards', () => {
  function fakeContents() {
    const handlers = new Map<string, Handler>();
    let windowOpen: Handler | undefined;
    return {
      handlers,
      get windowOpen() {
        return windowOpen!;
      },
      on: (event: string, fn: Handler) => handlers.set(event, fn),
      setWindowOpenHandler: (fn: Handler) => (windowOpen = fn),
    };
  }

  it('denies navigation away, new windows and webviews; opens only https links outside', () => {
    const contents = fakeContents();
    state.emit('web-contents-created', {}, contents);

    const prevented: string[] = [];
    const nav = (url: string) => contents.handlers.get('will-navigate')!({ preventDefault: () => prevented.push(url) }, url);
    nav('app://cartella/index.html');
    nav('https://evil.example/');
    nav('file:///etc/passwd');
    expect(prevented).toEqual(['https://evil.example/', 'file:///etc/passwd']);

    const frameNav: string[] = [];
    contents.handlers.get('will-frame-navigate')!({ url: 'https://evil.example/', preventDefault: () => frameNav.push('x') });
    contents.handlers.get('will-redirect')!({ preventDefault: () => frameNav.push('y') }, 'https://evil.example/');
    expect(frameNav).toEqual(['x', 'y']);

    let webview = false;
    contents.handlers.get('will-attach-webview')!({ preventDefault: () => (webview = true) });
    expect(webview).toBe(true);

    expect(contents.windowOpen({ url: 'https://www.salute.gov.it/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpen({ url: 'file:///C:/Windows/System32/calc.exe' })).toEqual({ action: 'deny' });
    expect(contents.windowOpen({ url: 'http://example.org/' })).toEqual({ action: 'deny' });
    expect(state.openExternal).toEqual(['https://www.salute.gov.it/']);
  });
});

describe('event forwarding', () => {
  it('sends service events to the window on rpc-event, and stops on close', async () => {
    const { startIpcServer } = await import('../../../electron/main/ipc-server.ts');
    const { EventHub } = await import('../../../shared/rpc/event-hub.ts');
    const events = new EventHub();
    const sent: unknown[][] = [];
    const contents = { isDestroyed: () => false, send: (...a: unknown[]) => sent.push(a) };
    const saved = state.ipcHandlers.get('rpc');
    const stop = startIpcServer({
      dispatcher: { dispatch: async () => ({ ok: true, value: null }) },
      events,
      getTrustedWebContents: () => contents as never,
      logger: { debug() {}, info() {}, warn() {}, error() {} },
    });
    events.emit('patients.changed', { id: 'p1' });
    stop();
    events.emit('patients.changed', { id: 'p2' });
    expect(sent).toEqual([['rpc-event', { event: 'patients.changed', payload: { id: 'p1' } }]]);
    if (saved) state.ipcHandlers.set('rpc', saved);
  });
});

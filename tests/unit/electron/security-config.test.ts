/**
 * The pure security decisions of the Electron shell, tested under plain Node (no Electron
 * binary here: importing 'electron' would throw, so every module imported below must not).
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, isAppUrl } from '../../../electron/main/security/app-origin.ts';
import { resolveAssetPath } from '../../../electron/main/security/asset-path.ts';
import { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES } from '../../../shared/security/csp.ts';
import { checkIpcSender, parseCallMessage } from '../../../electron/main/security/ipc-sender.ts';
import { isPermissionAllowed } from '../../../electron/main/security/permissions.ts';
import { isAllowedNavigation, isSafeExternalUrl, safeExternalUrl } from '../../../electron/main/security/url-policy.ts';
import { SafeStorageSecretStore, type SafeStorageLike } from '../../../electron/main/adapters/safe-storage-secret-store.ts';
import { RPC_CALL_CHANNEL, RPC_EVENT_CHANNEL } from '../../../electron/preload/channels.ts';
import { BRIDGE_KEYS } from '../../../shared/rpc/bridge.ts';

const repo = path.resolve(import.meta.dirname, '../../..');
// js-yaml comes with electron-builder (which reads the same file with it); it ships no types.
const { load: loadYaml } = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name, sources);
  }
  return map;
}

describe('Content-Security-Policy of app:// responses', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);

  it('allows only our own origin by default, and no plugins, frames, base or form targets', () => {
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('frame-src')).toEqual(["'self'", 'blob:']);
    expect(csp.get('form-action')).toEqual(["'none'"]);
  });

  it('keeps scripts strict: self only, no inline, no eval; WebAssembly compilation for the DICOM codecs only', () => {
    expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  });

  it("allows inline styles (Mantine injects them) but nothing remote", () => {
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
  });

  it('names no remote host, wildcard or dangerous keyword anywhere', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|wss?:|\*|'unsafe-eval'|'unsafe-hashes'|filesystem:/);
    // 'wasm-unsafe-eval' only where the DICOM worker needs it: script-src.
    for (const [name, sources] of Object.entries(CSP_DIRECTIVES)) {
      if (name !== 'script-src') expect(sources, name).not.toContain("'wasm-unsafe-eval'");
    }
    for (const [name, sources] of Object.entries(CSP_DIRECTIVES)) {
      if (name !== 'style-src') expect(sources, name).not.toContain("'unsafe-inline'");
    }
  });
});

describe("renderer/index.html's CSP meta tag", () => {
  it('says what the header says for every directive it names (a meta tag cannot carry frame-ancestors)', () => {
    const html = readFileSync(path.join(repo, 'renderer/index.html'), 'utf8');
    const content = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(content).toBeDefined();
    const header = directives(CONTENT_SECURITY_POLICY);
    const meta = directives(content!);
    expect(meta.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    for (const [name, sources] of meta) expect(sources, name).toEqual(header.get(name));
  });
});

describe('app origin', () => {
  it('accepts only app://cartella URLs', () => {
    expect(APP_ORIGIN).toBe('app://cartella');
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://cartella/pazienti/123')).toBe(true);
    for (const url of [
      'app://evil/index.html',
      'app://cartella.evil.com/',
      'app://cartella:8080/',
      'app://user@cartella/',
      'https://cartella/',
      'file:///opt/cartella/out/renderer/index.html',
      'javascript:alert(1)',
      '',
      'not a url',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
    expect(isAppUrl(undefined)).toBe(false);
    expect(isAppUrl(42)).toBe(false);
  });
});

describe('navigation policy', () => {
  it('allows in-app navigation only', () => {
    expect(isAllowedNavigation('app://cartella/index.html')).toBe(true);
    expect(isAllowedNavigation('https://www.salute.gov.it/')).toBe(false);
    expect(isAllowedNavigation('http://127.0.0.1:5173/')).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd')).toBe(false);
    expect(isAllowedNavigation('data:text/html,<script>alert(1)</script>')).toBe(false);
    expect(isAllowedNavigation('about:blank')).toBe(false);
  });
});

describe('openExternal policy', () => {
  it('accepts absolute https URLs with a host, and hands on the normalised form', () => {
    expect(isSafeExternalUrl('https://www.fascicolosanitario.gov.it/')).toBe(true);
    expect(isSafeExternalUrl('https://example.org/path?q=1#frag')).toBe(true);
    expect(safeExternalUrl('HTTPS://Example.ORG/a/../b')).toBe('https://example.org/b');
  });

  it('refuses every other scheme, credentials, whitespace and junk', () => {
    for (const url of [
      'http://example.org/',
      'file:///C:/Windows/System32/calc.exe',
      'smb://server/share',
      'javascript:alert(1)',
      'data:text/html,hi',
      'ms-msdt:/id PCWDiagnostic',
      'vscode://file/etc/passwd',
      'mailto:doctor@example.org',
      'app://cartella/index.html',
      'https://user:secret@example.org/',
      'https://exa mple.org/',
      ' https://example.org/',
      'https://example.org/\n',
      'https:///nohost',
      'https:\\\\evil.example/',
      'HTTPS:example.org',
      'https://@example.org/',
      'https:',
      '',
      `https://example.org/${'a'.repeat(3000)}`,
    ]) {
      expect(isSafeExternalUrl(url), JSON.stringify(url)).toBe(false);
    }
    expect(isSafeExternalUrl(undefined)).toBe(false);
    expect(isSafeExternalUrl({ toString: () => 'https://example.org' })).toBe(false);
  });
});

describe('IPC sender check', () => {
  const ours = { id: 1 };
  const topFrame = { url: 'app://cartella/index.html', parent: null };

  it('accepts the top frame of our window on our origin', () => {
    expect(checkIpcSender({ senderFrame: topFrame, sender: ours }, ours)).toEqual({ ok: true });
    expect(checkIpcSender({ senderFrame: { url: 'app://cartella/pazienti', parent: null }, sender: ours }, ours)).toEqual({ ok: true });
  });

  it('refuses a missing frame (navigated away or destroyed)', () => {
    expect(checkIpcSender({ senderFrame: null, sender: ours }, ours)).toEqual({ ok: false, reason: 'no-frame' });
    expect(checkIpcSender({ senderFrame: undefined, sender: ours }, ours)).toEqual({ ok: false, reason: 'no-frame' });
  });

  it('refuses sub-frames, even on our origin', () => {
    expect(checkIpcSender({ senderFrame: { url: 'app://cartella/index.html', parent: topFrame }, sender: ours }, ours)).toEqual({
      ok: false,
      reason: 'not-top-frame',
    });
  });

  it('refuses foreign origins', () => {
    for (const url of ['https://evil.example/', 'file:///home/x.html', 'app://other/index.html', 'about:blank', 'http://127.0.0.1:5173/']) {
      expect(checkIpcSender({ senderFrame: { url, parent: null }, sender: ours }, ours), url).toEqual({ ok: false, reason: 'foreign-origin' });
    }
  });

  it('refuses another webContents, and everything once our window is gone', () => {
    expect(checkIpcSender({ senderFrame: topFrame, sender: { id: 2 } }, ours)).toEqual({ ok: false, reason: 'foreign-webcontents' });
    expect(checkIpcSender({ senderFrame: topFrame, sender: {} }, {})).toEqual({ ok: false, reason: 'foreign-webcontents' });
    expect(checkIpcSender({ senderFrame: topFrame, sender: { id: 1 } }, ours)).toEqual({ ok: true }); // same id, another wrapper
    expect(checkIpcSender({ senderFrame: topFrame, sender: ours }, undefined)).toEqual({ ok: false, reason: 'foreign-webcontents' });
  });

  it('parses only well-formed call messages', () => {
    expect(parseCallMessage({ method: 'system.info', params: {} })).toEqual({ method: 'system.info', params: {} });
    expect(parseCallMessage({ method: 'patients.search' })).toEqual({ method: 'patients.search', params: undefined });
    expect(parseCallMessage(null)).toBeUndefined();
    expect(parseCallMessage('system.info')).toBeUndefined();
    expect(parseCallMessage({ method: 42 })).toBeUndefined();
    expect(parseCallMessage({ method: '' })).toBeUndefined();
    expect(parseCallMessage({ method: 'x'.repeat(201) })).toBeUndefined();
  });
});

describe('bridge surface', () => {
  it('has exactly call and subscribe, on two fixed channels', () => {
    expect([...BRIDGE_KEYS]).toEqual(['call', 'subscribe']);
    expect(RPC_CALL_CHANNEL).toBe('rpc');
    expect(RPC_EVENT_CHANNEL).toBe('rpc-event');
  });

  it('the preload exposes one object and never ipcRenderer itself', () => {
    const source = readFileSync(path.join(repo, 'electron/preload/index.ts'), 'utf8');
    const exposures = [...source.matchAll(/exposeInMainWorld\(\s*'([^']+)'\s*,\s*(\w+)\s*\)/g)];
    expect(exposures.map((m) => [m[1], m[2]])).toEqual([['bridge', 'bridge']]);
    expect(source).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
    expect(source).not.toMatch(/\bipcRenderer\.(send|sendSync|sendTo)\b/);
  });
});

describe('permissions', () => {
  it('denies every permission, from any origin', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'midi', 'midiSysex', 'clipboard-read', 'clipboard-sanitized-write', 'fullscreen', 'openExternal', 'pointerLock', 'hid', 'serial', 'usb', 'display-capture', 'idle-detection', 'unknown']) {
      expect(isPermissionAllowed(permission, 'app://cartella/index.html'), permission).toBe(false);
      expect(isPermissionAllowed(permission, 'https://evil.example/'), permission).toBe(false);
    }
  });
});

describe('app:// asset resolution', () => {
  const root = path.resolve('/srv/cartella/out/renderer');

  it('serves files from the renderer folder, with index.html for / and client routes', () => {
    expect(resolveAssetPath(root, 'app://cartella/')).toEqual({ file: path.join(root, 'index.html'), mimeType: 'text/html; charset=utf-8' });
    expect(resolveAssetPath(root, 'app://cartella/index.html')?.file).toBe(path.join(root, 'index.html'));
    expect(resolveAssetPath(root, 'app://cartella/pazienti/42')?.file).toBe(path.join(root, 'index.html'));
    expect(resolveAssetPath(root, 'app://cartella/assets/index-abc.js')).toEqual({
      file: path.join(root, 'assets/index-abc.js'),
      mimeType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAssetPath(root, 'app://cartella/assets/x.woff2?v=1')?.mimeType).toBe('font/woff2');
  });

  it('refuses other hosts and schemes', () => {
    expect(resolveAssetPath(root, 'app://evil/index.html')).toBeUndefined();
    expect(resolveAssetPath(root, 'file:///srv/cartella/out/renderer/index.html')).toBeUndefined();
    expect(resolveAssetPath(root, 'garbage')).toBeUndefined();
  });

  it('keeps dot segments the URL parser resolves inside the folder', () => {
    // WHATWG URL parsing already folds `..` and `%2e%2e` at the root; what remains is inside root.
    for (const url of ['app://cartella/../main/index.js', 'app://cartella/%2e%2e/main/index.js', 'app://cartella/assets/%2e%2e/%2e%2e/x.js']) {
      const file = resolveAssetPath(root, url)?.file ?? '';
      expect(file.startsWith(root + path.sep), url).toBe(true);
    }
  });

  it('refuses anything that could leave the folder', () => {
    for (const url of [
      'app://cartella/assets/..%2f..%2fsecrets.json',
      'app://cartella/assets/%2e%2e%2f%2e%2e%2fsecrets.json',
      'app://cartella/assets/..%5c..%5csecrets.json',
      'app://cartella/%00index.html',
      'app://cartella/%E0%A4%A',
    ]) {
      expect(resolveAssetPath(root, url), url).toBeUndefined();
    }
  });
});

describe('electron-builder.yml', () => {
  const config = loadYaml(readFileSync(path.join(repo, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

  it('identifies the app', () => {
    expect(config.appId).toBe('it.cartella.app');
    expect(config.productName).toBe('Cartella');
  });

  it('sets every security fuse', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs only the build output, never the node host', () => {
    const files = config.files as string[];
    expect(files).toContain('out/**');
    expect(files.some((f) => f.startsWith('!') && f.includes('node-host'))).toBe(true);
    expect(files.some((f) => !f.startsWith('!') && /electron\/|node-host/.test(f))).toBe(false);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('targets nsis, dmg, AppImage and deb', () => {
    const targets = (platform: string) =>
      ((config[platform] as { target: { target: string }[] }).target ?? []).map((t) => t.target);
    expect(targets('win')).toEqual(['nsis']);
    expect(targets('mac')).toEqual(['dmg']);
    expect(targets('linux')).toEqual(['AppImage', 'deb']);
  });
});

describe('safeStorage secret store', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  function fakeSafeStorage(overrides: Partial<SafeStorageLike> & { backend?: string } = {}): SafeStorageLike {
    // Reversible stand-in for the OS encryption: XOR + a marker, enough to prove nothing is stored in clear.
    const mask = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
    return {
      isAsyncEncryptionAvailable: async () => true,
      encryptStringAsync: async (s) => Buffer.concat([Buffer.from('v10'), mask(Buffer.from(s, 'utf8'))]),
      decryptStringAsync: async (b) => ({ shouldReEncrypt: false, result: mask(b.subarray(3)).toString('utf8') }),
      getSelectedStorageBackend: () => overrides.backend ?? 'gnome_libsecret',
      ...overrides,
    };
  }

  function tempFile(): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cartella-secrets-'));
    dirs.push(dir);
    return path.join(dir, 'userData', 'secrets.json');
  }

  it('round-trips a secret and writes only ciphertext, owner-readable only', async () => {
    const file = tempFile();
    const store = new SafeStorageSecretStore({ safeStorage: fakeSafeStorage(), file, platform: 'linux' });
    expect(store.isDevelopmentStore).toBe(false);
    expect(await store.get('db-key')).toBeUndefined();
    await store.set('db-key', 'a1b2c3d4e5f6-very-secret');
    expect(await store.get('db-key')).toBe('a1b2c3d4e5f6-very-secret');
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('very-secret');
    expect(JSON.parse(text)).toMatchObject({ version: 1, secrets: { 'db-key': expect.any(String) } });
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('keeps concurrent writes', async () => {
    const file = tempFile();
    const store = new SafeStorageSecretStore({ safeStorage: fakeSafeStorage(), file, platform: 'darwin' });
    await Promise.all([store.set('a', '1'), store.set('b', '2'), store.set('c', '3')]);
    expect([await store.get('a'), await store.get('b'), await store.get('c')]).toEqual(['1', '2', '3']);
  });

  it('refuses to store anything when the OS offers no encryption', async () => {
    const file = tempFile();
    const store = new SafeStorageSecretStore({
      safeStorage: fakeSafeStorage({ isAsyncEncryptionAvailable: async () => false }),
      file,
      platform: 'win32',
    });
    await expect(store.set('db-key', 'x')).rejects.toThrow(/Secure storage is not available/);
    expect(() => statSync(file)).toThrow();
  });

  it("refuses Linux's basic_text backend unless the test switch allows it", async () => {
    const strict = new SafeStorageSecretStore({ safeStorage: fakeSafeStorage({ backend: 'basic_text' }), file: tempFile(), platform: 'linux' });
    await expect(strict.set('db-key', 'x')).rejects.toThrow(/basic_text/);

    const testing = new SafeStorageSecretStore({
      safeStorage: fakeSafeStorage({ backend: 'basic_text' }),
      file: tempFile(),
      platform: 'linux',
      allowBasicTextBackend: true,
    });
    expect(testing.isDevelopmentStore).toBe(true);
    await testing.set('db-key', 'x');
    expect(await testing.get('db-key')).toBe('x');
  });

  it('re-encrypts when the OS asks for it', async () => {
    const file = tempFile();
    let encryptions = 0;
    const base = fakeSafeStorage();
    const store = new SafeStorageSecretStore({
      safeStorage: {
        ...base,
        encryptStringAsync: async (s) => {
          encryptions++;
          return base.encryptStringAsync(s);
        },
        decryptStringAsync: async (b) => ({ ...(await base.decryptStringAsync(b)), shouldReEncrypt: true }),
      },
      file,
      platform: 'darwin',
    });
    await store.set('k', 'v');
    expect(await store.get('k')).toBe('v');
    expect(encryptions).toBe(2);
  });

  it('reports an undecryptable secret with a typed error', async () => {
    const file = tempFile();
    const store = new SafeStorageSecretStore({
      safeStorage: fakeSafeStorage({
        decryptStringAsync: async () => {
          throw new Error('key changed');
        },
      }),
      file,
      platform: 'linux',
    });
    await store.set('db-key', 'x');
    await expect(store.get('db-key')).rejects.toMatchObject({ code: 'DB_KEY_INVALID' });
  });

  it('rejects odd secret names', async () => {
    const store = new SafeStorageSecretStore({ safeStorage: fakeSafeStorage(), file: tempFile(), platform: 'linux' });
    await expect(store.set('../x', 'v')).rejects.toThrow(/invalid secret name/);
    await expect(store.get('')).rejects.toThrow(/invalid secret name/);
  });
});

// The few Electron main-process APIs electron/main uses, recorded on globalThis.__electronStandIn.
import path from 'node:path';

const listeners = new Map();
const state = (globalThis.__electronStandIn = { userData: '', windows: [], ipc: new Map(), protocols: new Map(), listeners, calls: [] });
const on = (event, fn) => listeners.set(event, [...(listeners.get(event) ?? []), fn]);

export class BrowserWindow {
  constructor(options) {
    this.options = options;
    this.webContents = { id: 1, sent: [], send: (...a) => this.webContents.sent.push(a), isDestroyed: () => false };
    state.windows.push(this);
  }
  loadURL(url) {
    this.url = url;
    return Promise.resolve();
  }
  once() {}
  on() {}
  isDestroyed() {
    return false;
  }
  setContentProtection() {}
}

export const app = {
  isPackaged: false,
  on,
  getPath: (name) => (name === 'userData' ? state.userData : path.join(state.userData, name)),
  setPath: (name, value) => {
    if (name === 'userData') state.userData = value;
  },
  enableSandbox: () => state.calls.push('enableSandbox'),
  requestSingleInstanceLock: () => true,
  whenReady: () => Promise.resolve(),
  getVersion: () => '0.0.0-built',
  quit: () => {
    state.quit = true;
  },
  exit: (code) => {
    state.exit = code;
  },
};
export const ipcMain = { handle: (channel, fn) => state.ipc.set(channel, fn), removeHandler: (channel) => state.ipc.delete(channel) };
export const protocol = { registerSchemesAsPrivileged: (schemes) => (state.schemes = schemes) };
export const session = {
  defaultSession: {
    protocol: { handle: (scheme, fn) => state.protocols.set(scheme, fn) },
    setPermissionRequestHandler() {},
    setPermissionCheckHandler() {},
    setDevicePermissionHandler() {},
    webRequest: { onBeforeRequest() {} },
  },
};
const mask = (b) => Buffer.from(b.map((x) => x ^ 0x33));
export const safeStorage = {
  isAsyncEncryptionAvailable: async () => true,
  encryptStringAsync: async (s) => mask(Buffer.from(s)),
  decryptStringAsync: async (b) => ({ shouldReEncrypt: false, result: mask(b).toString() }),
  getSelectedStorageBackend: () => 'gnome_libsecret',
  setUsePlainTextEncryption() {},
};
export const shell = { openExternal: async () => {} };
export const dialog = {
  showErrorBox: (title, body) => {
    state.error = `${title}: ${body}`;
  },
};
export default { BrowserWindow, app, ipcMain, protocol, session, safeStorage, shell, dialog };

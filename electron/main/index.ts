/**
 * Composition root of the Electron app: lifecycle, one window, security guards, the IPC
 * server and the Electron adapters of the service ports (ARCHITECTURE.md §1.3, §2).
 * Kept small: each job lives in its own file (Element's main process is the model,
 * ANCHORS.md §1.4). The same services run in the node host; only the transport differs.
 */
import { createWriteStream } from 'node:fs';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, safeStorage, session, type BrowserWindow } from 'electron';
import { createServices, type Services } from '../services/container.ts';
import { SANDBOX_HISTORIES, sandboxChildren, SANDBOX_RECORDS_DELAY_MS, seedSandboxPanel } from '../services/sandbox/sandbox-panel.ts';
import { createLogger } from '../services/logging/logger.ts';
import type { ServicePorts } from '../services/ports.ts';
import { unsentCount } from '../../shared/outbox/unsent.ts';
import { SafeStorageSecretStore } from './adapters/safe-storage-secret-store.ts';
import { installCloseGuard } from './close-guard.ts';
import { startIpcServer } from './ipc-server.ts';
import { registerAppScheme, serveRenderer } from './protocol.ts';
import { blockRendererNetwork } from './security/network.ts';
import { installPermissionGuards, installWebContentsGuards } from './security/guards.ts';
import { createMainWindow } from './window.ts';

/** out/main/index.js -> out/preload/index.cjs and out/renderer/ (electron.vite.config.ts). */
const mainDir = path.dirname(fileURLToPath(import.meta.url));
const PRELOAD_PATH = path.join(mainDir, '..', 'preload', 'index.cjs');
const RENDERER_DIR = path.join(mainDir, '..', 'renderer');

/**
 * Test-only switches, ignored in packaged builds so nobody can weaken a doctor's install
 * from the environment: a throw-away profile folder, and accepting Linux's basic_text
 * safeStorage backend on CI machines without a keyring (ANCHORS.md §2, Element's force-plaintext).
 */
const testUserDataDir = !app.isPackaged ? process.env.CARTELLA_USER_DATA_DIR : undefined;
const testPlaintextSecrets = !app.isPackaged && process.env.CARTELLA_TEST_PLAINTEXT_SECRETS === '1';

if (testUserDataDir) app.setPath('userData', path.resolve(testUserDataDir));

// Both must happen before `ready`. enableSandbox also covers any window created later (Element).
registerAppScheme();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // Another Cartella owns this profile (and its database): hand over to it and leave.
  app.quit();
} else {
  void main();
}

/**
 * The interface's language as the renderer set it on <html lang> (the choice lives in the
 * renderer's storage); undefined when the page does not answer within half a second.
 */
async function interfaceLanguage(window: BrowserWindow): Promise<string | undefined> {
  if (window.isDestroyed()) return undefined;
  const lang = window.webContents.executeJavaScript('document.documentElement.lang', false).then((v: unknown) => (typeof v === 'string' ? v : undefined));
  return Promise.race([lang, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 500))]);
}

async function main(): Promise<void> {
  const userData = app.getPath('userData');
  const logDir = path.join(userData, 'logs');
  mkdirSync(logDir, { recursive: true, mode: 0o700 });
  const logger = createLogger({ destination: createWriteStream(path.join(logDir, 'main.log'), { flags: 'a', mode: 0o600 }) });

  installWebContentsGuards(logger);
  if (testPlaintextSecrets && process.platform === 'linux') safeStorage.setUsePlainTextEncryption(true);

  let window: BrowserWindow | undefined;
  let services: Services | undefined;

  app.on('second-instance', () => {
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });

  await app.whenReady();

  const appSession = session.defaultSession;
  installPermissionGuards(appSession, logger);
  blockRendererNetwork(appSession, logger);
  serveRenderer(appSession, RENDERER_DIR);

  const ports: ServicePorts = {
    runtime: 'electron',
    dataDir: userData,
    secretStore: new SafeStorageSecretStore({
      safeStorage,
      file: path.join(userData, 'secrets.json'),
      platform: process.platform,
      logger,
      allowBasicTextBackend: testPlaintextSecrets,
    }),
    logger,
    version: app.getVersion(),
    // "Ambiente di prova" (synthetic panel, gateway simulator): the default of development
    // runs, as in the node host; a packaged install is real unless CARTELLA_SANDBOX=1.
    sandbox: process.env.CARTELLA_SANDBOX !== undefined ? process.env.CARTELLA_SANDBOX === '1' : !app.isPackaged,
  };

  try {
    services = await createServices(ports);
  } catch (error) {
    logger.error('services failed to start', { code: (error as { code?: string }).code });
    dialog.showErrorBox(
      'Cartella non può avviarsi',
      `${(error as Error).message}\n\nI dati dei pazienti non sono stati toccati.`,
    );
    app.exit(1);
    return;
  }
  const runningServices = services;
  // Outbox: reconcile entries left 'sending' by a crash, then send (the sandbox's simulator starts on first use).
  void runningServices.outbox.start().catch((e: unknown) => logger.error('outbox did not start', { error: String(e) }));
  // Sandbox: the first start opens on a synthetic panel (UX.md, "Sandbox mode"), filled in the background.
  if (ports.sandbox) {
    const count = Number(process.env.CARTELLA_SANDBOX_PATIENTS ?? 300);
    void seedSandboxPanel({ db: runningServices.db, events: runningServices.events, logger, count, histories: SANDBOX_HISTORIES, children: sandboxChildren(), recordsDelayMs: SANDBOX_RECORDS_DELAY_MS }).catch((e: unknown) =>
      logger.error('sandbox panel not created', { error: e instanceof Error ? e.message : String(e) }),
    );
  }

  // A quit (Cmd+Q, the menu) closes the window through the same guard, then resumes.
  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });

  const openWindow = (): BrowserWindow => {
    const created = createMainWindow({
      preloadPath: PRELOAD_PATH,
      session: appSession,
      devTools: !app.isPackaged,
      contentProtection: app.isPackaged,
    });
    created.on('closed', () => {
      if (window === created) window = undefined;
    });
    // Unsent documents in the outbox: ask once before closing (close-guard.ts).
    installCloseGuard(created, {
      unsentCount: async () => unsentCount((await runningServices.outbox.handlers['outbox.summary']({}, { actor: 'local-user', transport: 'in-process' })).byState),
      locale: () => interfaceLanguage(created),
      ask: async (prompt) => {
        const { response } = await dialog.showMessageBox(created, { type: 'warning', noLink: true, ...prompt });
        if (response !== 0) quitting = false;
        return response;
      },
      proceed: () => (quitting ? app.quit() : created.close()),
      onError: (e) => logger.warn('close guard: outbox not asked', { error: String(e) }),
    });
    return created;
  };

  const stopIpc = startIpcServer({
    dispatcher: runningServices.dispatcher,
    events: runningServices.events,
    getTrustedWebContents: () => (window && !window.isDestroyed() ? window.webContents : undefined),
    logger,
  });

  window = openWindow();

  app.on('activate', () => {
    // macOS: clicking the dock icon reopens the window.
    if (!window) window = openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    // Let the database worker finish and checkpoint before the process ends.
    event.preventDefault();
    stopIpc();
    runningServices
      .close()
      .catch(() => logger.error('services failed to close cleanly'))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
}

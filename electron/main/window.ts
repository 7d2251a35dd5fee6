/**
 * The one application window, with every hardening option spelled out even where it is the
 * default, so a reviewer (and electronegativity) sees each decision (ANCHORS.md §2).
 */
import { BrowserWindow, type Session } from 'electron';
import { APP_ENTRY_URL } from './security/app-origin.ts';

export interface MainWindowOptions {
  preloadPath: string;
  session: Session;
  /** False in packaged builds: no DevTools for whoever sits at the doctor's PC. */
  devTools: boolean;
  /** Hide the window's content from screenshots and screen sharing (patient data). */
  contentProtection: boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 840,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Cartella',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: options.preloadPath,
      session: options.session,
      sandbox: true, // checklist #4
      contextIsolation: true, // checklist #3
      nodeIntegration: false, // checklist #2
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true, // checklist #6
      allowRunningInsecureContent: false, // checklist #8
      experimentalFeatures: false, // checklist #9
      // checklist #10: no enableBlinkFeatures. Auxclick (middle-click) off: it would try to
      // open links in new windows (denied anyway by the window-open handler).
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false, // checklist #12
      navigateOnDragDrop: false,
      spellcheck: false, // the spellchecker may download dictionaries from Google
      safeDialogs: true,
      devTools: options.devTools, // ANCHORS.md §2 "DevTools off in production"
    },
  });

  // Bitwarden's setContentProtection (ANCHORS.md §2 "Screen and memory protection").
  if (options.contentProtection) window.setContentProtection(true);

  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

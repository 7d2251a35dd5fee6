/**
 * Window-independent security guards, installed once before any window exists.
 * Every decision is taken by the pure functions next to this file; this file only wires
 * them to Electron's events.
 */
import { app, shell, type Session, type WebContents } from 'electron';
import type { Logger } from '../../services/ports.ts';
import { isPermissionAllowed } from './permissions.ts';
import { isAllowedNavigation, safeExternalUrl } from './url-policy.ts';

/**
 * Applies to every WebContents the app will ever create, including ones we did not create
 * ourselves ("defense in depth", as Signal's `web-contents-created` handler).
 */
export function installWebContentsGuards(logger: Logger): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    // Checklist #13: no navigation away from the app.
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url)) {
        event.preventDefault();
        logger.warn('navigation blocked', { scheme: schemeOf(url) });
      }
    });
    contents.on('will-frame-navigate', (event) => {
      if (!isAllowedNavigation(event.url)) {
        event.preventDefault();
        logger.warn('frame navigation blocked', { scheme: schemeOf(event.url) });
      }
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedNavigation(url)) {
        event.preventDefault();
        logger.warn('redirect blocked', { scheme: schemeOf(url) });
      }
    });

    // Checklist #14: no new windows. A safe https link goes to the system browser instead (checklist #15).
    contents.setWindowOpenHandler(({ url }) => {
      openExternalIfSafe(url, logger);
      return { action: 'deny' };
    });

    // Checklist #12: no <webview>; the app never uses one.
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      logger.warn('webview blocked');
    });
  });
}

/** Hands an https URL to the operating system; anything else is dropped and logged by scheme only. */
export function openExternalIfSafe(url: string, logger: Logger): void {
  const safe = safeExternalUrl(url);
  if (safe !== undefined) {
    shell.openExternal(safe).catch(() => logger.warn('openExternal failed'));
  } else {
    logger.warn('openExternal refused', { scheme: schemeOf(url) });
  }
}

/**
 * Checklist #5: Electron grants every permission when no handler is set, so both handlers
 * are always installed and deny by default.
 */
export function installPermissionGuards(session: Session, logger: Logger): void {
  session.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const allowed = isPermissionAllowed(permission, details.requestingUrl ?? webContents.getURL());
    if (!allowed) logger.info('permission request denied', { permission });
    callback(allowed);
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) => {
    return isPermissionAllowed(permission, requestingOrigin);
  });
  // Device pickers (HID, serial, USB, Bluetooth): nothing may be chosen from the renderer.
  session.setDevicePermissionHandler(() => false);
}

/** The scheme is enough to diagnose a blocked URL; the full URL could carry patient data. */
function schemeOf(url: string): string {
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  return match?.[1]?.toLowerCase() ?? 'invalid';
}

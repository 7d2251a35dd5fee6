/**
 * Permission decisions for the renderer. Electron grants every permission when no handler is
 * set (Electron security checklist #5), so the handlers are always installed and deny by
 * default. The app needs none of them today: no camera, microphone, geolocation,
 * notifications, MIDI, HID, serial or clipboard reads. The clipboard *write* used by
 * copy buttons does not need a permission in Electron.
 * Signal keeps a short allowlist the same way (ANCHORS.md §2 "Permission handler").
 *
 * Pure module: no `electron` import.
 */
import { isAppUrl } from './app-origin.ts';

/** Permissions the app may use, and only from its own origin. Empty: deny everything. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set<string>();

export function isPermissionAllowed(permission: string, requestingUrl: string | undefined): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl);
}

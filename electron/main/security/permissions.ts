/**
 * Permission decisions for the renderer. Electron grants every permission when no handler is
 * set (Electron security checklist #5), so the handlers are always installed and deny by
 * default. The app needs none of them today: no camera, microphone, geolocation, system
 * notifications (Mantine's notifications are in-page), MIDI, HID, serial or clipboard.
 * If a "copy" button is added, `navigator.clipboard.writeText` needs
 * 'clipboard-sanitized-write' in the allowlist below, as Signal has it (ANCHORS.md §2
 * "Permission handler"); reading the clipboard stays denied.
 *
 * Pure module: no `electron` import.
 */
import { isAppUrl } from './app-origin.ts';

/** Permissions the app may use, and only from its own origin. Empty: deny everything. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set<string>();

export function isPermissionAllowed(permission: string, requestingUrl: string | undefined): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl);
}

/**
 * URL decisions for navigation and for handing links to the operating system.
 * Pure module (no `electron` import) so the decisions are unit-tested under plain Node.
 */
import { isAppUrl } from './app-origin.ts';

/**
 * May the window navigate to `url`? Only within our own app:// origin (a reload or an
 * in-app link); everything else is refused (Electron security checklist #13; ANCHORS.md §2
 * "Block navigation and new windows", as Signal's `will-navigate` → preventDefault).
 */
export function isAllowedNavigation(url: unknown): boolean {
  return isAppUrl(url);
}

/**
 * May `url` be handed to `shell.openExternal`? Only absolute https URLs with a host and no
 * embedded credentials (Electron security checklist #15: "Do not use shell.openExternal with
 * untrusted content"; ARCHITECTURE.md §5 "openExternal only for https"). `file:`, `smb:`,
 * `javascript:`, custom schemes and plain `http:` are refused, because the OS would hand
 * them to arbitrary local handlers.
 */
export function isSafeExternalUrl(url: unknown): boolean {
  if (typeof url !== 'string' || url.length === 0 || url.length > 2048) return false;
  // Reject control characters and whitespace outright rather than trusting the parser to strip them.
  if (/[\u0000-\u0020\u007f]/.test(url)) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && parsed.hostname !== '' && parsed.username === '' && parsed.password === '';
}

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
  return safeExternalUrl(url) !== undefined;
}

/**
 * The normalised form of `url` to hand to `shell.openExternal`, or `undefined` when it is not
 * safe. The raw text must itself start with `https://` and a host (no `https:///x` or
 * `https:\\x` that parsers repair differently), and the parser's normalised `href` is what
 * is passed on, so the OS sees exactly what was checked.
 */
export function safeExternalUrl(url: unknown): string | undefined {
  if (typeof url !== 'string' || url.length === 0 || url.length > 2048) return undefined;
  // Reject control characters and whitespace outright rather than trusting the parser to strip them.
  if (/[\u0000-\u0020\u007f]/.test(url)) return undefined;
  if (!/^https:\/\/[^/\\?#@]/i.test(url)) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' || parsed.hostname === '' || parsed.username !== '' || parsed.password !== '') return undefined;
  return parsed.href;
}

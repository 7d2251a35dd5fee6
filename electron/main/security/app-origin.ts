/**
 * Where the renderer is served from. A custom privileged scheme instead of file://
 * (Electron security checklist #18; ANCHORS.md §2 "Custom protocol instead of file://",
 * as Element's vector://vector/webapp/). With it the `grantFileProtocolExtraPrivileges`
 * fuse can stay off and the origin checks below have one exact origin to compare with.
 *
 * Pure module: no `electron` import, so tests run it under plain Node.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'cartella';
/** `new URL('app://cartella/x').origin` is the string 'null' for non-special schemes in Node, so compare protocol + host, never `.origin`. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True when `raw` parses as a URL on exactly our scheme and host (no port, no credentials). */
export function isAppUrl(raw: unknown): boolean {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 4096) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}

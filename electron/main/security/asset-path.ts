/**
 * Maps an app:// request URL to a file inside the built renderer folder, refusing anything
 * that would escape it (ANCHORS.md §2: Element's protocol handler normalises the path and
 * rejects `..`; Signal allowlists root paths). Pure (node:path only), unit-tested.
 */
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin.ts';

export interface AssetResolution {
  /** Absolute path of the file to serve. */
  file: string;
  /** Content-Type for the response. */
  mimeType: string;
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeTypeFor(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Returns the file to serve for `requestUrl`, or `undefined` (→ 404) when the URL is not on
 * our scheme and host or its path leaves `rootDir`. Paths without an extension fall back to
 * `index.html`, so client-side routes survive a reload.
 */
export function resolveAssetPath(rootDir: string, requestUrl: string): AssetResolution | undefined {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST) return undefined;

  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return undefined;
  // Reject any `..` segment outright, even one that would normalise back inside the root.
  if (pathname.split('/').some((segment) => segment === '..')) return undefined;

  const root = path.resolve(rootDir);
  let relative = path.posix.normalize(pathname).replace(/^\/+/, '');
  if (relative === '' || relative.endsWith('/')) relative += 'index.html';
  else if (path.posix.extname(relative) === '') relative = 'index.html';

  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return undefined;
  return { file, mimeType: mimeTypeFor(file) };
}

import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { APP_RESPONSE_HEADERS } from '../../shared/security/csp.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  // The DICOM worker's codecs: WebAssembly.instantiateStreaming requires this type.
  '.wasm': 'application/wasm',
};

/** Serves the built renderer, refusing any path that leaves its folder; unknown paths get index.html. */
export function serveStatic(root: string, pathname: string, res: ServerResponse): void {
  const base = resolve(root);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // A malformed percent-encoding (RFC 3986 §2.1) names no file.
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Percorso non valido');
    return;
  }
  if (decoded.includes('\0')) {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Percorso non valido');
    return;
  }
  let file = resolve(join(base, normalize(decoded)));
  if (file !== base && !file.startsWith(base + sep)) {
    res.writeHead(403).end('Forbidden');
    return;
  }
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(base, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('Interfaccia non compilata: eseguire npm run build');
    return;
  }
  res.writeHead(200, {
    ...APP_RESPONSE_HEADERS,
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-store',
  });
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

/**
 * Serves the built renderer over app://cartella/ instead of file:// (Electron security
 * checklist #18; Element's vector:// protocol). Every response carries the strict CSP as a
 * header (checklist #7), so it applies even if index.html lost its <meta> tag.
 */
import { readFile } from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { APP_SCHEME } from './security/app-origin.ts';
import { resolveAssetPath } from './security/asset-path.ts';
import { APP_RESPONSE_HEADERS as SECURITY_HEADERS } from '../../shared/security/csp.ts';

/**
 * Must run before `app.whenReady()`. `standard` gives the scheme real origins and relative
 * URLs, `secure` makes it a secure context; no `bypassCSP`, no `corsEnabled`, no
 * `allowServiceWorkers`: the scheme gets no more than it needs.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Installs the app:// handler on `session`, serving only files under `rendererDir`. */
export function serveRenderer(session: Session, rendererDir: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: SECURITY_HEADERS });
    }
    const asset = resolveAssetPath(rendererDir, request.url);
    if (!asset) return new Response(null, { status: 404, headers: SECURITY_HEADERS });
    try {
      const body = await readFile(asset.file);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: { ...SECURITY_HEADERS, 'Content-Type': asset.mimeType, 'Cache-Control': 'no-cache' },
      });
    } catch {
      return new Response(null, { status: 404, headers: SECURITY_HEADERS });
    }
  });
}

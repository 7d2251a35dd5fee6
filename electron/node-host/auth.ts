import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'cartella_token';

/** Origins allowed to call the node host: only pages it served itself, on loopback. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true; // non-browser clients (CLI, tests) send no Origin
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === TOKEN_COOKIE && v) return decodeURIComponent(v);
  }
  return undefined;
}

/**
 * The per-run token may come as the session cookie (set after the first visit), a bearer
 * header (programs) or `?token=` (the first visit, and WebSocket clients without cookies).
 */
export function presentedToken(req: IncomingMessage, url: URL): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  return url.searchParams.get('token') ?? cookieToken(req);
}

export function tokenMatches(presented: string | undefined, expected: string): boolean {
  return presented !== undefined && safeEqual(presented, expected);
}

/**
 * The path and query of an HTTP request target in origin form (RFC 9112 §3.2.1: `/path?query`),
 * or null when the target is not one. `new URL(target, base)` reads a target starting `//` as
 * an authority and throws on a host it cannot parse (`//%E0%A4%A`): in a server's request or
 * upgrade listener that throw ends the process, so every server here reads targets this way.
 */
export function requestTarget(target: string | undefined): URL | null {
  const t = target ?? '/';
  if (!t.startsWith('/')) return null;
  try {
    return new URL(`http://localhost${t}`);
  } catch {
    return null;
  }
}

/**
 * Deterministic resource ids: a UUID-shaped digest of a stable key (document id + entry id),
 * so the same input gives the same Bundle. Not a cryptographic hash: it only has to be stable
 * and collision-free across the few hundred resources of one document.
 */

function cyrb53(s: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

function hex(n: number, len: number): string {
  return n.toString(16).padStart(len, '0').slice(-len);
}

/** A version-4-shaped UUID derived from `key`. */
export function uuidFromKey(key: string): string {
  const a = hex(cyrb53(key, 1), 14);
  const b = hex(cyrb53(key, 2), 14);
  const c = hex(cyrb53(key, 3), 14);
  const variant = ((parseInt(c[0] as string, 16) & 0x3) | 0x8).toString(16);
  return `${a.slice(0, 8)}-${a.slice(8, 12)}-4${b.slice(0, 3)}-${variant}${c.slice(1, 4)}-${b.slice(3, 14)}${c.slice(4, 5)}`;
}

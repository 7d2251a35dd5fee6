/**
 * The fuzz suite's common parts: a seeded generator (the same seed gives the same cases, so a
 * failure names the case that reproduces it), byte and text mutations, and a time limit per
 * case. Bounded: CARTELLA_FUZZ_CASES cases per target (default 1,000, run in `npm test`);
 * a larger run is the same suite with a larger number, e.g.
 *   CARTELLA_FUZZ_CASES=20000 CARTELLA_FUZZ_SEED=7 npx vitest run tests/fuzz
 */
import { seededRandom } from '../../shared/random.ts';

export const FUZZ_CASES = Math.max(1, Number(process.env.CARTELLA_FUZZ_CASES ?? 1000));
export const FUZZ_SEED = Number(process.env.CARTELLA_FUZZ_SEED ?? 20261202);
/** One case's time limit: far above any honest answer, far below a hang. */
export const CASE_LIMIT_MS = 15_000;
/** A test's own limit grows with the number of cases (ms per case on a loaded 2-core machine). */
export function suiteTimeout(msPerCase: number, fixedMs = 60_000): number {
  return fixedMs + FUZZ_CASES * msPerCase;
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  float(): number {
    return this.next();
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  bytes(n: number): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = this.int(256);
    return b;
  }
}

/** A generator for one target, decorrelated from the others by its name. */
export function rngFor(target: string, seed = FUZZ_SEED): Rng {
  let h = seed >>> 0;
  for (const c of target) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return new Rng(h);
}

export type Mutation = 'flip' | 'set' | 'insert' | 'delete' | 'duplicate' | 'truncate' | 'token';

export interface Mutated {
  bytes: Buffer;
  ops: string[];
  /** For a single flip or set: where (for invariants on signed ranges). */
  at?: number;
}

/**
 * 1 to `maxOps` random edits of `input`: bit flips, byte changes, inserted random bytes or
 * dictionary tokens, deleted or duplicated ranges, truncation. `sameLength`: flips and byte
 * changes only, so offsets and lengths inside the file stay right and the readers go deeper.
 */
export function mutate(r: Rng, input: Uint8Array, dictionary: readonly (string | Uint8Array)[] = [], maxOps = 4, sameLength = false): Mutated {
  let b = Buffer.from(input);
  const ops: string[] = [];
  const n = r.between(1, maxOps);
  let at: number | undefined;
  for (let k = 0; k < n; k++) {
    const kinds: Mutation[] = sameLength ? ['flip', 'set'] : ['flip', 'set', 'insert', 'delete', 'duplicate', 'truncate', ...(dictionary.length ? (['token', 'token'] as const) : [])];
    const kind = r.pick(kinds);
    const pos = b.length === 0 ? 0 : r.int(b.length);
    switch (kind) {
      case 'flip':
        if (b.length) b[pos] = (b[pos] as number) ^ (1 << r.int(8));
        at = pos;
        break;
      case 'set':
        if (b.length) b[pos] = r.int(256);
        at = pos;
        break;
      case 'insert':
        b = Buffer.concat([b.subarray(0, pos), r.bytes(r.between(1, 16)), b.subarray(pos)]);
        break;
      case 'delete': {
        const len = Math.min(b.length - pos, r.chance(0.8) ? r.between(1, 16) : r.between(1, 4096));
        b = Buffer.concat([b.subarray(0, pos), b.subarray(pos + len)]);
        break;
      }
      case 'duplicate': {
        const len = Math.min(b.length - pos, r.between(1, 512));
        const to = r.int(b.length + 1);
        b = Buffer.concat([b.subarray(0, to), b.subarray(pos, pos + len), b.subarray(to)]);
        break;
      }
      case 'truncate':
        b = b.subarray(0, pos);
        break;
      case 'token': {
        const t = r.pick(dictionary);
        const tb = typeof t === 'string' ? Buffer.from(t) : Buffer.from(t);
        b = Buffer.concat([b.subarray(0, pos), tb, b.subarray(pos)]);
        break;
      }
    }
    ops.push(`${kind}@${pos}`);
  }
  return { bytes: b, ops, ...(n === 1 && at !== undefined ? { at } : {}) };
}

/** A random JSON value: nested objects and arrays, odd strings and numbers. */
export function randomJson(r: Rng, depth = 0): unknown {
  const leafs: (() => unknown)[] = [
    () => null,
    () => r.chance(0.5),
    () => r.int(2 ** 31) * (r.chance(0.3) ? -1 : 1),
    () => r.pick([0, -0, 1.5, 1e308, -1e-308, Number.MAX_SAFE_INTEGER + 2, 2 ** 53]),
    () => '',
    () => r.pick(['a', 'Rossi', 'RSSMRA80A01H501U', '2024-02-30', '15/03/2024', '12,5', '\u0000', '\ud800', '💊', '<x/>', "'; DROP TABLE patients;--", '__proto__', 'constructor']),
    () => 'x'.repeat(r.pick([1, 255, 256, 10_000, 200_000])),
    () => r.bytes(r.between(0, 40)).toString('latin1'),
  ];
  if (depth > 4 || r.chance(0.45)) return r.pick(leafs)();
  if (r.chance(0.5)) return Array.from({ length: r.int(5) }, () => randomJson(r, depth + 1));
  // A null prototype, so that "__proto__" is an own key and reaches the JSON text.
  const o = Object.create(null) as Record<string, unknown>;
  const keys = ['id', 'patientId', 'text', 'limit', 'data', 'bytes', 'kind', 'surname', 'givenName', 'birthDate', 'sex', 'identifier', 'identifierKind', 'entry', 'status', 'paused', '__proto__', 'constructor', ''];
  for (let k = r.int(6); k > 0; k--) o[r.pick(keys)] = randomJson(r, depth + 1);
  return o;
}

/** Mutates a JSON value: changes, removes or adds one field somewhere inside it. */
export function mutateJson(r: Rng, value: unknown): unknown {
  if (value === null || typeof value !== 'object') return r.chance(0.5) ? randomJson(r, 3) : value;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : Object.assign(Object.create(null) as Record<string, unknown>, value);
  const keys = Object.keys(copy);
  const key = keys.length && r.chance(0.8) ? r.pick(keys) : r.pick(['extra', 'id', '__proto__']);
  const op = r.int(3);
  if (op === 0) delete (copy as Record<string, unknown>)[key];
  else if (op === 1) (copy as Record<string, unknown>)[key] = randomJson(r, 3);
  else (copy as Record<string, unknown>)[key] = mutateJson(r, (copy as Record<string, unknown>)[key]);
  return copy;
}

/** Resolves with the promise's value, or rejects after `ms` naming the case. */
export async function within<T>(ms: number, label: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${label}: no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Counts of outcomes, printed once per target so a run shows what it reached. */
export class Tally {
  private readonly counts = new Map<string, number>();
  add(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }
  toString(): string {
    return [...this.counts.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}=${v}`).join(' ');
  }
}

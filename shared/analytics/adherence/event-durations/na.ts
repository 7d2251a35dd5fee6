/**
 * R's missing values, as compute_event_durations' data.table code treats them: `null` is NA;
 * arithmetic with NA gives NA; a comparison with NA is NA, which a row filter drops; a run
 * id (data.table's rleid) counts NA as equal to NA.
 */
export type Na<T> = T | null;

export function plus(a: Na<number>, b: Na<number>): Na<number> {
  return a === null || b === null ? null : a + b;
}

export function minus(a: Na<number>, b: Na<number>): Na<number> {
  return a === null || b === null ? null : a - b;
}

/** a < b where NA is false (a data.table `i` filter). */
export function lt(a: Na<number>, b: Na<number>): boolean {
  return a !== null && b !== null && a < b;
}

export function le(a: Na<number>, b: Na<number>): boolean {
  return a !== null && b !== null && a <= b;
}

export function gt(a: Na<number>, b: Na<number>): boolean {
  return a !== null && b !== null && a > b;
}

/** a == b, and a != b, where NA gives false. */
export function eq(a: Na<number>, b: Na<number>): boolean {
  return a !== null && b !== null && a === b;
}

export function ne(a: Na<number>, b: Na<number>): boolean {
  return a !== null && b !== null && a !== b;
}

/** Sum skipping NA (and NaN), as sum(na.rm = TRUE). */
export function sumNaRm(values: readonly Na<number>[]): number {
  let s = 0;
  for (const v of values) if (v !== null && !Number.isNaN(v)) s += v;
  return s;
}

/** Sum where any NA gives NA, as sum(). */
export function sumNa(values: readonly Na<number>[]): Na<number> {
  let s = 0;
  for (const v of values) {
    if (v === null) return null;
    s += v;
  }
  return s;
}

/** data.table's rleid over some fields: 1, 2, ... increasing when any field changes. */
export function runIds<T>(rows: readonly T[], key: (row: T) => readonly unknown[]): number[] {
  const ids: number[] = [];
  let id = 0;
  let prev: readonly unknown[] | undefined;
  for (const r of rows) {
    const k = key(r);
    if (prev === undefined || k.some((v, i) => !Object.is(v, prev![i]))) id++;
    ids.push(id);
    prev = k;
  }
  return ids;
}

/** Stable sort (data.table's keyed sorts and setorder are stable). */
export function stableSort<T>(rows: readonly T[], compare: (a: T, b: T) => number): T[] {
  return rows
    .map((r, i) => [r, i] as const)
    .sort((x, y) => compare(x[0], y[0]) || x[1] - y[1])
    .map(([r]) => r);
}

/** Ascending with NA first (setorder's default) or last. */
export function compareNa(a: Na<number>, b: Na<number>, naLast = false): number {
  if (a === null || b === null) {
    if (a === b) return 0;
    return (a === null) === naLast ? 1 : -1;
  }
  return a - b;
}

/** Byte order of strings, as data.table sorts character keys (C locale). */
export function compareStrings(a: Na<string>, b: Na<string>): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** R's `a:b` as indices: ascending, or descending when a > b. */
export function rRange(a: number, b: number): number[] {
  const out: number[] = [];
  if (a <= b) for (let i = a; i <= b; i++) out.push(i);
  else for (let i = a; i >= b; i--) out.push(i);
  return out;
}

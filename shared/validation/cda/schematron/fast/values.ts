/**
 * The values of the fast XPath evaluator (xpath.ts) and the XPath 2.0 rules on them: items
 * and sequences, the dynamic context, atomisation, string and number casts, the effective
 * boolean value (§2.4.3) and general comparisons (§3.5.2).
 */
import type { Attr, Node } from 'slimdom';

export class FastXPathError extends Error {}
/** The expression is outside the fast subset (compileFast returns null; the caller uses fontoxpath). */
export class Unsupported extends Error {}

/** xs:untypedAtomic value (atomised node). */
class Untyped {
  constructor(readonly value: string) {}
}

export type Item = Node | string | number | boolean | Untyped;
export type Seq = Item[];

/** The variables in scope: name → lazy value (a Map, or fast/rule.ts's chained scopes). */
export interface VarScope {
  get(name: string): (() => Seq) | undefined;
}

/**
 * The dynamic context. A step evaluating its right side for each node of its left side reuses
 * one Ctx, changing item and position (no expression keeps a Ctx after it returns; a `let`
 * captures its rule-level Ctx, which is never reused): a PSS run builds tens of thousands.
 */
export interface Ctx {
  item: Node;
  position: number;
  size: number;
  vars: VarScope;
}

export type Eval = (ctx: Ctx) => Seq;

/**
 * The two boolean results, shared: a Seq an expression returns is never modified by its
 * reader (every step builds a new array), and these are the most frequent results of all.
 */
const TRUE: Seq = [true];
const FALSE: Seq = [false];
/** The empty result, shared on the same ground (most steps of most rules select nothing). */
export const EMPTY: Seq = [];
export function bool(b: boolean): Seq {
  return b ? TRUE : FALSE;
}

export const ELEMENT = 1;
export const ATTRIBUTE = 2;
export const TEXT = 3;
export const CDATA = 4;
export const DOCUMENT = 9;
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

export function isNode(x: Item): x is Node {
  return typeof x === 'object' && !(x instanceof Untyped);
}

export function stringValue(n: Node): string {
  if (n.nodeType === ATTRIBUTE) return (n as Attr).value;
  if (n.nodeType === TEXT || n.nodeType === CDATA) return (n as unknown as { data: string }).data;
  if (n.nodeType === ELEMENT || n.nodeType === DOCUMENT) {
    let s = '';
    const walk = (p: Node): void => {
      for (const c of p.childNodes) {
        if (c.nodeType === TEXT || c.nodeType === CDATA) s += (c as unknown as { data: string }).data;
        else if (c.nodeType === ELEMENT) walk(c);
      }
    };
    walk(n);
    return s;
  }
  return (n.textContent as string | null) ?? '';
}

export type Atomic = string | number | boolean | Untyped;

export function atomize(seq: Seq): Atomic[] {
  return seq.map((x) => (isNode(x) ? new Untyped(stringValue(x)) : x));
}

/** XPath 2.0 xs:double → xs:string (integers in range print without exponent). */
function numberToString(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'INF';
  if (n === -Infinity) return '-INF';
  if (Object.is(n, -0)) return '-0';
  const abs = Math.abs(n);
  if (Number.isInteger(n) && abs < 1e15) return String(n);
  if (abs >= 1e-6 && abs < 1e6) return String(n);
  // Canonical double: mantissa with at least one fractional digit, then E.
  const [m, e] = n.toExponential().split('e') as [string, string];
  return `${m.includes('.') ? m : `${m}.0`}E${Number(e)}`;
}

export function atomicToString(a: Atomic): string {
  if (typeof a === 'string') return a;
  if (a instanceof Untyped) return a.value;
  if (typeof a === 'boolean') return a ? 'true' : 'false';
  return numberToString(a);
}

const DOUBLE = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/** Cast a string to xs:double; null when not castable. */
export function toDouble(s: string): number | null {
  if (DOUBLE.test(s)) return Number(s);
  const t = s.trim();
  if (t === 'INF' || t === '+INF') return Infinity;
  if (t === '-INF') return -Infinity;
  if (t === 'NaN') return NaN;
  return null;
}

export function ebv(seq: Seq): boolean {
  if (seq.length === 0) return false;
  const first = seq[0] as Item;
  if (isNode(first)) return true;
  if (seq.length > 1) throw new FastXPathError('FORG0006: effective boolean value of a sequence of atomic values');
  if (typeof first === 'boolean') return first;
  if (typeof first === 'number') return !(first === 0 || Number.isNaN(first));
  if (typeof first === 'string') return first.length > 0;
  return first.value.length > 0;
}

export type CmpOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

function compareValues(op: CmpOp, a: string | number | boolean, b: string | number | boolean): boolean {
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

/** One pair of a general comparison (XPath 2.0 §3.5.2 rules for untypedAtomic). */
function comparePair(op: CmpOp, x: Atomic, y: Atomic): boolean {
  const xu = x instanceof Untyped;
  const yu = y instanceof Untyped;
  return compareAtoms(op, xu, xu ? x.value : (x as string | number | boolean), yu, yu ? y.value : (y as string | number | boolean));
}

/** comparePair on unwrapped values; `xu`/`yu`: the value is xs:untypedAtomic (a node's string value). */
function compareAtoms(op: CmpOp, xu: boolean, a: string | number | boolean, yu: boolean, b: string | number | boolean): boolean {
  if (xu && typeof b === 'number') {
    const d = toDouble(a as string);
    if (d === null) throw new FastXPathError(`FORG0001: cannot cast "${String(a)}" to xs:double`);
    a = d;
  } else if (yu && typeof a === 'number') {
    const d = toDouble(b as string);
    if (d === null) throw new FastXPathError(`FORG0001: cannot cast "${String(b)}" to xs:double`);
    b = d;
  } else if (xu && typeof b === 'boolean') {
    throw new FastXPathError('untypedAtomic vs boolean comparison not in the fast subset');
  } else if (yu && typeof a === 'boolean') {
    throw new FastXPathError('untypedAtomic vs boolean comparison not in the fast subset');
  }
  if (typeof a !== typeof b) throw new FastXPathError(`XPTY0004: cannot compare ${typeof a} with ${typeof b}`);
  if (typeof a === 'string' && (op === '<' || op === '<=' || op === '>' || op === '>=')) {
    // Codepoint collation: JS string comparison is by UTF-16 code unit; identical for the
    // BMP text these rules compare (dates, codes).
    return compareValues(op, a, b);
  }
  return compareValues(op, a, b);
}

export function generalCompare(op: CmpOp, l: Seq, r: Seq): boolean {
  // The usual `count(…) = 1` or `@code = 'x'`: one item each side, compared without
  // building atomised sequences (a node's string value is untypedAtomic, as in atomize).
  if (l.length === 1 && r.length === 1) {
    const x = l[0] as Item;
    const y = r[0] as Item;
    let xu = false;
    let a: string | number | boolean;
    if (isNode(x)) {
      xu = true;
      a = stringValue(x);
    } else if (x instanceof Untyped) {
      xu = true;
      a = x.value;
    } else a = x;
    let yu = false;
    let b: string | number | boolean;
    if (isNode(y)) {
      yu = true;
      b = stringValue(y);
    } else if (y instanceof Untyped) {
      yu = true;
      b = y.value;
    } else b = y;
    return compareAtoms(op, xu, a, yu, b);
  }
  const la = atomize(l);
  const ra = atomize(r);
  for (const x of la) for (const y of ra) if (comparePair(op, x, y)) return true;
  return false;
}

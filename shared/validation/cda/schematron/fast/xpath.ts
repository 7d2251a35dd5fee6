/**
 * A small XPath 2.0 evaluator for the subset the FSE schematrons use (CDA-VALIDATION.md §9
 * "Functions used": count, not, string, number, matches, string-length, substring-after,
 * concat, name, local-name, contains, exists, boolean; child/attribute/parent/ancestor/self/
 * descendant axes; general comparisons; if-then-else). It works directly on slimdom nodes and
 * compiles each expression once to a closure, which is an order of magnitude faster than the
 * general engine. Semantics follow XPath 2.0 (not 1.0):
 * - attribute and element values atomise to xs:untypedAtomic; a general comparison casts
 *   untypedAtomic to xs:double against a number (failure = FORG0001), compares as strings
 *   otherwise (§3.5.2); strings are never converted to numbers;
 * - string() of more than one item and number() of more than one item are XPTY0004 errors;
 * - the effective boolean value follows §2.4.3 (FORG0006 on a multi-item atomic sequence).
 * Anything outside the subset makes `compileFast` return null; the caller then uses fontoxpath
 * for that rule. Dynamic errors are thrown as FastXPathError and the caller re-runs the rule
 * with fontoxpath, so error behaviour is always fontoxpath's.
 */
import type { Attr, Element, Node } from 'slimdom';
import { tokenize, type Tok } from './tokenize.ts';
import {
  FastXPathError,
  Unsupported,
  EMPTY,
  bool,
  ELEMENT,
  ATTRIBUTE,
  TEXT,
  CDATA,
  DOCUMENT,
  XMLNS_NS,
  isNode,
  stringValue,
  atomize,
  atomicToString,
  toDouble,
  ebv,
  generalCompare,
} from './values.ts';
import type { Item, Seq, Ctx, Eval, Atomic, CmpOp } from './values.ts';

// ---------------------------------------------------------------- compiler

type Axis =
  | 'child'
  | 'attribute'
  | 'parent'
  | 'self'
  | 'ancestor'
  | 'ancestor-or-self'
  | 'descendant'
  | 'descendant-or-self'
  | 'following-sibling'
  | 'preceding-sibling';

const AXES = new Set<string>([
  'child',
  'attribute',
  'parent',
  'self',
  'ancestor',
  'ancestor-or-self',
  'descendant',
  'descendant-or-self',
  'following-sibling',
  'preceding-sibling',
]);
/** The closures axisStep built: steps that read only their context node (no position, size). */
const AXIS_STEPS = new WeakSet<Eval>();
const REVERSE = new Set<Axis>(['parent', 'ancestor', 'ancestor-or-self', 'preceding-sibling']);

type NodeTest = (n: Node) => boolean;

export interface DocOrder {
  (n: Node): number;
}

/**
 * The per-document state compiled expressions read (set by run.ts for each document):
 * document order, and the results of context-only path expressions. A path that reads no
 * variable and no position()/last() has one value per context node (per root for an absolute
 * path), and the FSE rules repeat the same paths across asserts and rules (PSS's
 * structuredBody rule walks `hl7:component/hl7:section[…]` some sixty times), so each is
 * computed once per document (CDA-VALIDATION.md §10 "the evaluator must be made fast").
 */
export interface DocOrderRef {
  get: DocOrder;
  /** Path results by path id, then by context (or root) node; null or absent = no memo. */
  memo?: (Map<Node, Seq> | undefined)[] | null;
  /** Path text (tokens) → id; one table per compiled schematron (fixed namespace bindings). */
  pathIds?: Map<string, number>;
}

/**
 * The nodes of `axis` from a context node that pass `test`, in axis order; one closure per
 * axis, chosen once per step (a fresh array each call, or EMPTY: no array at all for the
 * many steps that select nothing).
 */
function axisCollector(axis: Axis, test: NodeTest): (n: Node) => Node[] {
  switch (axis) {
    case 'child':
      return (n) => {
        // Most child steps select none or one node: no array grown for those.
        let first: Node | null = null;
        let many: Node[] | null = null;
        const children = n.childNodes;
        for (let k = 0; k < children.length; k++) {
          const c = children[k] as Node;
          if (!test(c)) continue;
          if (first === null) first = c;
          else if (many === null) many = [first, c];
          else many.push(c);
        }
        return many ?? (first === null ? (EMPTY as Node[]) : [first]);
      };
    case 'attribute':
      return (n) => {
        if (n.nodeType !== ELEMENT) return EMPTY as Node[];
        let first: Node | null = null;
        let many: Node[] | null = null;
        const attrs = (n as Element).attributes;
        for (let k = 0; k < attrs.length; k++) {
          const a = attrs[k] as Attr;
          if (a.namespaceURI === XMLNS_NS || !test(a)) continue;
          if (first === null) first = a;
          else if (many === null) many = [first, a];
          else many.push(a);
        }
        return many ?? (first === null ? (EMPTY as Node[]) : [first]);
      };
    case 'self':
      return (n) => (test(n) ? [n] : (EMPTY as Node[]));
    case 'parent':
      return (n) => {
        const p = n.nodeType === ATTRIBUTE ? (n as Attr).ownerElement : n.parentNode;
        return p && test(p) ? [p] : (EMPTY as Node[]);
      };
    case 'ancestor':
    case 'ancestor-or-self':
      return (n) => {
        const out: Node[] = [];
        if (axis === 'ancestor-or-self' && test(n)) out.push(n);
        let p = n.nodeType === ATTRIBUTE ? (n as Attr).ownerElement : n.parentNode;
        while (p) {
          if (test(p)) out.push(p);
          p = p.parentNode;
        }
        return out;
      };
    case 'descendant':
    case 'descendant-or-self':
      return (n) => {
        const out: Node[] = [];
        if (axis === 'descendant-or-self' && test(n)) out.push(n);
        const walk = (p: Node): void => {
          for (const c of p.childNodes) {
            if (test(c)) out.push(c);
            if (c.nodeType === ELEMENT) walk(c);
          }
        };
        if (n.nodeType === ELEMENT || n.nodeType === DOCUMENT) walk(n);
        return out;
      };
    case 'following-sibling':
      return (n) => {
        const out: Node[] = [];
        for (let s = n.nextSibling; s; s = s.nextSibling) if (test(s)) out.push(s);
        return out;
      };
    case 'preceding-sibling':
      return (n) => {
        const out: Node[] = [];
        for (let s = n.previousSibling; s; s = s.previousSibling) if (test(s)) out.push(s);
        return out;
      };
  }
}

class Compiler {
  private i = 0;
  constructor(
    private readonly toks: Tok[],
    private readonly ns: Record<string, string>,
    private readonly order: DocOrderRef,
  ) {}

  private peek(o = 0): Tok | undefined {
    return this.toks[this.i + o];
  }
  private isSym(v: string, o = 0): boolean {
    const t = this.peek(o);
    return t !== undefined && t.k === 'sym' && t.v === v;
  }
  private isName(v: string, o = 0): boolean {
    const t = this.peek(o);
    return t !== undefined && t.k === 'name' && t.v === v;
  }
  private expect(v: string): void {
    if (!this.isSym(v)) throw new Unsupported(`expected ${v}`);
    this.i++;
  }

  compileAll(): Eval {
    const e = this.expr();
    if (this.i !== this.toks.length) throw new Unsupported('trailing tokens');
    return e;
  }

  private expr(): Eval {
    const first = this.exprSingle();
    if (!this.isSym(',')) return first;
    const parts = [first];
    while (this.isSym(',')) {
      this.i++;
      parts.push(this.exprSingle());
    }
    return (ctx) => parts.flatMap((p) => p(ctx));
  }

  private exprSingle(): Eval {
    if (this.isName('if') && this.isSym('(', 1)) {
      this.i += 2;
      const cond = this.expr();
      this.expect(')');
      if (!this.isName('then')) throw new Unsupported('then');
      this.i++;
      const a = this.exprSingle();
      if (!this.isName('else')) throw new Unsupported('else');
      this.i++;
      const b = this.exprSingle();
      return (ctx) => (ebv(cond(ctx)) ? a(ctx) : b(ctx));
    }
    for (const kw of ['for', 'some', 'every', 'let']) {
      if (this.isName(kw) && this.peek(1)?.k === 'var') throw new Unsupported(kw);
    }
    return this.or();
  }

  private or(): Eval {
    let l = this.and();
    while (this.isName('or')) {
      this.i++;
      const a = l;
      const b = this.and();
      l = (ctx) => bool(ebv(a(ctx)) || ebv(b(ctx)));
    }
    return l;
  }

  private and(): Eval {
    let l = this.comparison();
    while (this.isName('and')) {
      this.i++;
      const a = l;
      const b = this.comparison();
      l = (ctx) => bool(ebv(a(ctx)) && ebv(b(ctx)));
    }
    return l;
  }

  private comparison(): Eval {
    const l = this.additive();
    const t = this.peek();
    if (t?.k === 'sym' && ['=', '!=', '<', '<=', '>', '>='].includes(t.v)) {
      this.i++;
      const r = this.additive();
      const op = t.v as CmpOp;
      return (ctx) => bool(generalCompare(op, l(ctx), r(ctx)));
    }
    if (t?.k === 'name' && ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'is'].includes(t.v)) throw new Unsupported('value comparison');
    return l;
  }

  private additive(): Eval {
    const l = this.unary();
    if (this.isSym('+') || this.isSym('-') || this.isName('div') || this.isName('mod') || this.isName('idiv')) throw new Unsupported('arithmetic');
    if (this.isSym('*')) throw new Unsupported('multiplication');
    return l;
  }

  private unary(): Eval {
    if (this.isSym('-') || this.isSym('+')) throw new Unsupported('unary');
    return this.union();
  }

  private union(): Eval {
    const first = this.path();
    if (!this.isSym('|') && !this.isName('union')) return first;
    const parts = [first];
    while (this.isSym('|') || this.isName('union')) {
      this.i++;
      parts.push(this.path());
    }
    return (ctx) => {
      const all: Node[] = [];
      for (const p of parts) {
        for (const x of p(ctx)) {
          if (!isNode(x)) throw new FastXPathError('XPTY0004: union of non-nodes');
          all.push(x);
        }
      }
      return this.sortUnique(all);
    };
  }

  private sortUnique(nodes: Node[]): Node[] {
    const get = this.order.get;
    // Most step results already come in document order (children of siblings): strictly
    // increasing order numbers also mean no duplicates, so the list is the answer as it is.
    let prev = -1;
    let sorted = true;
    for (const n of nodes) {
      const o = get(n);
      if (o <= prev) {
        sorted = false;
        break;
      }
      prev = o;
    }
    if (sorted) return nodes;
    const seen = new Set<Node>();
    const out: Node[] = [];
    for (const n of nodes) {
      if (!seen.has(n)) {
        seen.add(n);
        out.push(n);
      }
    }
    out.sort((a, b) => get(a) - get(b));
    return out;
  }

  /** PathExpr: `/`, `//`, or relative; steps separated by `/` or `//`. */
  private path(): Eval {
    const from = this.i;
    if (this.isSym('/') || this.isSym('//')) {
      const dslash = this.isSym('//');
      this.i++;
      const rootOf = (ctx: Ctx): Seq => {
        let n: Node = ctx.item;
        if (n.nodeType === ATTRIBUTE) n = (n as Attr).ownerElement as Node;
        while (n.parentNode !== null) n = n.parentNode;
        if (n.nodeType !== DOCUMENT) throw new FastXPathError('XPDY0050: root is not a document node');
        return [n];
      };
      if (!dslash && !this.startsStep()) return rootOf;
      return this.relative(rootOf, from, true, dslash);
    }
    return this.relative(null, from, false, false);
  }

  /**
   * `e` (the path tokens from..this.i) computed once per context node and document
   * (DocOrderRef.memo), unless it reads a variable or the context position/size.
   */
  private memoPath(e: Eval, from: number, absolute: boolean): Eval {
    for (let k = from; k < this.i; k++) {
      const t = this.toks[k] as Tok;
      if (t.k === 'var') return e;
      if (t.k === 'name' && /^(fn:)?(position|last)$/.test(t.v)) return e;
    }
    const ref = this.order;
    const ids = (ref.pathIds ??= new Map());
    const key = this.toks
      .slice(from, this.i)
      .map((t) => `${t.k}:${String(t.v)}`)
      .join(' ');
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    const slot = id;
    return (ctx) => {
      const memo = ref.memo;
      if (!memo) return e(ctx);
      let node: Node = ctx.item;
      if (absolute) {
        if (node.nodeType === ATTRIBUTE) node = (node as Attr).ownerElement as Node;
        while (node.parentNode !== null) node = node.parentNode;
      }
      let m = memo[slot];
      if (m === undefined) memo[slot] = m = new Map();
      let r = m.get(node);
      if (r === undefined) {
        r = e(ctx);
        m.set(node, r);
      }
      return r;
    };
  }

  private startsStep(): boolean {
    const t = this.peek();
    if (!t) return false;
    if (t.k === 'name' || t.k === 'str' || t.k === 'num' || t.k === 'var') return true;
    return t.k === 'sym' && ['@', '*', '.', '..', '('].includes(t.v);
  }

  /** Steps after `start` (null: the first step is the start); `dslash`: `start//` first. */
  private relative(start: Eval | null, from: number, absolute: boolean, dslash: boolean): Eval {
    let cur = start === null ? this.step() : this.memoPath(this.then(start, dslash, this.stepAsMap()), from, absolute);
    while (this.isSym('/') || this.isSym('//')) {
      const dslash = this.isSym('//');
      this.i++;
      // Each prefix is remembered: sibling asserts share `a/b` of `a/b/c` and `a/b/d`.
      cur = this.memoPath(this.then(cur, dslash, this.stepAsMap()), from, absolute);
    }
    return cur;
  }

  /** `left/next`, or `left//next` when `dslash`. */
  private then(left: Eval, dslash: boolean, next: Eval): Eval {
    // `E//step` is `E/descendant-or-self::node()/step`; for an axis step, which reads only
    // its context node, the two are evaluated in one walk (no array of every descendant).
    if (dslash && AXIS_STEPS.has(next)) return this.descendantThen(left, next);
    return this.chain(dslash ? this.chain(left, this.axisStep('descendant-or-self', () => true, [])) : left, next);
  }

  /** A step as a function of one context node (for chaining). */
  private stepAsMap(): Eval {
    return this.step();
  }

  /** E1/E2: evaluate E2 for each node of E1; node results sorted and deduplicated. */
  private chain(left: Eval, right: Eval): Eval {
    return (ctx) => {
      const l = left(ctx);
      if (l.length === 1) {
        const only = l[0] as Item;
        if (!isNode(only)) throw new FastXPathError('XPTY0019: path step on a non-node');
        return right({ item: only, position: 1, size: 1, vars: ctx.vars });
      }
      const out: Item[] = [];
      let allNodes = true;
      const size = l.length;
      const c: Ctx = { item: ctx.item, position: 0, size, vars: ctx.vars };
      for (let k = 0; k < size; k++) {
        const x = l[k] as Item;
        if (!isNode(x)) throw new FastXPathError('XPTY0019: path step on a non-node');
        c.item = x;
        c.position = k + 1;
        const rs = right(c);
        for (let j = 0; j < rs.length; j++) {
          const r = rs[j] as Item;
          if (!isNode(r)) allNodes = false;
          out.push(r);
        }
      }
      if (!allNodes) {
        if (out.some(isNode)) throw new FastXPathError('XPTY0018: mixed nodes and atomic values');
        return out;
      }
      return this.sortUnique(out as Node[]);
    };
  }

  /**
   * chain(chain(left, descendant-or-self::node()), right) for an axis step `right`: the same
   * nodes (right applied to every node of every left item's descendant-or-self set, sorted
   * and deduplicated), evaluated while walking instead of after collecting the walk.
   */
  private descendantThen(left: Eval, right: Eval): Eval {
    return (ctx) => {
      const l = left(ctx);
      const out: Node[] = [];
      const c: Ctx = { item: ctx.item, position: 1, size: 1, vars: ctx.vars };
      const visit = (n: Node): void => {
        c.item = n;
        const rs = right(c);
        for (let j = 0; j < rs.length; j++) out.push(rs[j] as Node);
        if (n.nodeType === ELEMENT || n.nodeType === DOCUMENT) {
          const children = n.childNodes;
          for (let k = 0; k < children.length; k++) visit(children[k] as Node);
        }
      };
      for (let k = 0; k < l.length; k++) {
        const x = l[k] as Item;
        if (!isNode(x)) throw new FastXPathError('XPTY0019: path step on a non-node');
        visit(x);
      }
      return this.sortUnique(out);
    };
  }

  private step(): Eval {
    const t = this.peek();
    if (!t) throw new Unsupported('missing step');
    if (t.k === 'sym' && t.v === '..') {
      this.i++;
      return this.withPredicates(this.axisStep('parent', () => true, []));
    }
    if (t.k === 'sym' && t.v === '@') {
      this.i++;
      const test = this.nodeTest('attribute');
      return this.axisStep('attribute', test, this.predicates());
    }
    if (t.k === 'name' && this.isSym('::', 1)) {
      if (!AXES.has(t.v)) throw new Unsupported(`axis ${t.v}`);
      this.i += 2;
      const axis = t.v as Axis;
      const test = this.nodeTest(axis);
      return this.axisStep(axis, test, this.predicates());
    }
    if ((t.k === 'name' && !this.isSym('(', 1)) || (t.k === 'sym' && t.v === '*')) {
      const test = this.nodeTest('child');
      return this.axisStep('child', test, this.predicates());
    }
    if (t.k === 'name' && this.isSym('(', 1) && ['node', 'text'].includes(t.v)) {
      const test = this.nodeTest('child');
      return this.axisStep('child', test, this.predicates());
    }
    // Filter expression: primary + predicates.
    return this.withPredicates(this.primary());
  }

  private nodeTest(axis: Axis): NodeTest {
    const t = this.peek();
    if (!t) throw new Unsupported('node test');
    const principal = axis === 'attribute' ? ATTRIBUTE : ELEMENT;
    if (t.k === 'sym' && t.v === '*') {
      this.i++;
      return (n) => n.nodeType === principal;
    }
    if (t.k !== 'name') throw new Unsupported('node test');
    this.i++;
    if (this.isSym('(')) {
      this.i++;
      this.expect(')');
      if (t.v === 'node') return () => true;
      if (t.v === 'text') return (n) => n.nodeType === TEXT || n.nodeType === CDATA;
      throw new Unsupported(`kind test ${t.v}()`);
    }
    const colon = t.v.indexOf(':');
    const prefix = colon < 0 ? '' : t.v.slice(0, colon);
    const local = colon < 0 ? t.v : t.v.slice(colon + 1);
    let uri: string | null = null;
    if (prefix !== '') {
      const u = this.ns[prefix];
      if (u === undefined) throw new Unsupported(`prefix ${prefix}`);
      uri = u;
    }
    if (local === '*') return (n) => n.nodeType === principal && ((n as Element).namespaceURI ?? null) === uri;
    // localName first: a plain field, undefined on text and comment nodes (most children of
    // a pretty-printed CDA), where nodeType is a getter on each node class.
    return (n) => (n as Element).localName === local && n.nodeType === principal && ((n as Element).namespaceURI ?? null) === uri;
  }

  private predicates(): Eval[] {
    const preds: Eval[] = [];
    while (this.isSym('[')) {
      this.i++;
      preds.push(this.expr());
      this.expect(']');
    }
    return preds;
  }

  private withPredicates(base: Eval): Eval {
    const preds = this.predicates();
    if (preds.length === 0) return base;
    return (ctx) => this.applyPredicates(base(ctx), preds, ctx.vars);
  }

  private applyPredicates(items: Seq, preds: Eval[], vars: Ctx['vars']): Seq {
    let cur = items;
    for (const p of preds) {
      const size = cur.length;
      if (size === 0) return cur;
      // `kept` is built only once an item is dropped: until then it is cur's first k items.
      let kept: Item[] | null = null;
      const c: Ctx = { item: cur[0] as Node, position: 0, size, vars };
      for (let k = 0; k < size; k++) {
        const item = cur[k] as Item;
        if (!isNode(item)) throw new FastXPathError('predicate on an atomic value not in the fast subset');
        c.item = item;
        c.position = k + 1;
        const r = p(c);
        const keep = r.length === 1 && typeof r[0] === 'number' ? r[0] === k + 1 : ebv(r);
        if (keep) kept?.push(item);
        else kept ??= cur.slice(0, k);
      }
      // All kept: cur itself (a Seq is never modified by its readers; axisStep reverses only
      // the arrays its own collect built).
      if (kept !== null) cur = kept;
    }
    return cur;
  }

  private axisStep(axis: Axis, test: NodeTest, preds: Eval[]): Eval {
    const collect = axisCollector(axis, test);
    const reverse = REVERSE.has(axis);
    const evaluate: Eval = (ctx) => {
      const n = ctx.item;
      if (!isNode(n)) throw new FastXPathError('XPTY0020: axis step on a non-node');
      // Predicates see the axis order (reverse axes count from the nearest node).
      let nodes: Seq = collect(n);
      if (preds.length > 0) nodes = this.applyPredicates(nodes, preds, ctx.vars);
      // `nodes` is an array collect built for this call (EMPTY and one-node results are not
      // reversed), or a part of it applyPredicates built: reversing it in place is safe.
      if (reverse && nodes.length > 1) nodes.reverse();
      return nodes;
    };
    AXIS_STEPS.add(evaluate);
    return evaluate;
  }

  private primary(): Eval {
    const t = this.peek();
    if (!t) throw new Unsupported('primary');
    if (t.k === 'str') {
      this.i++;
      const seq: Seq = [t.v];
      return () => seq;
    }
    if (t.k === 'num') {
      this.i++;
      const seq: Seq = [t.v];
      return () => seq;
    }
    if (t.k === 'var') {
      this.i++;
      const name = t.v;
      return (ctx) => {
        const thunk = ctx.vars.get(name);
        if (!thunk) throw new FastXPathError(`XPST0008: variable $${name} not in scope`);
        return thunk();
      };
    }
    if (t.k === 'sym' && t.v === '.') {
      this.i++;
      return (ctx) => [ctx.item];
    }
    if (t.k === 'sym' && t.v === '(') {
      this.i++;
      if (this.isSym(')')) {
        this.i++;
        return () => [];
      }
      const e = this.expr();
      this.expect(')');
      return e;
    }
    if (t.k === 'name' && this.isSym('(', 1)) {
      this.i += 2;
      const args: Eval[] = [];
      if (!this.isSym(')')) {
        args.push(this.exprSingle());
        while (this.isSym(',')) {
          this.i++;
          args.push(this.exprSingle());
        }
      }
      this.expect(')');
      return this.func(t.v, args);
    }
    throw new Unsupported(`primary ${JSON.stringify(t)}`);
  }

  private func(name: string, args: Eval[]): Eval {
    const n = args.length;
    const a0 = args[0] as Eval;
    const a1 = args[1] as Eval;
    const zeroOrOne = (seq: Seq, fn: string): Item | undefined => {
      if (seq.length > 1) throw new FastXPathError(`XPTY0004: ${fn}() of more than one item`);
      return seq[0];
    };
    const strArg = (seq: Seq, fn: string): string => {
      const x = zeroOrOne(seq, fn);
      if (x === undefined) return '';
      return isNode(x) ? stringValue(x) : atomicToString(x);
    };
    const fname = name.startsWith('fn:') ? name.slice(3) : name;
    switch (`${fname}#${n}`) {
      case 'count#1':
        return (ctx) => [a0(ctx).length];
      case 'not#1':
        return (ctx) => bool(!ebv(a0(ctx)));
      case 'boolean#1':
        return (ctx) => bool(ebv(a0(ctx)));
      case 'exists#1':
        return (ctx) => bool(a0(ctx).length > 0);
      case 'empty#1':
        return (ctx) => bool(a0(ctx).length === 0);
      case 'true#0':
        return () => [true];
      case 'false#0':
        return () => [false];
      case 'string#0':
        return (ctx) => [stringValue(ctx.item)];
      case 'string#1':
        return (ctx) => [strArg(a0(ctx), 'string')];
      case 'string-length#0':
        return (ctx) => [[...stringValue(ctx.item)].length];
      case 'string-length#1':
        return (ctx) => [[...strArg(a0(ctx), 'string-length')].length];
      case 'number#1':
        return (ctx) => {
          const x = zeroOrOne(atomize(a0(ctx)), 'number');
          if (x === undefined) return [NaN];
          if (typeof x === 'number') return [x];
          if (typeof x === 'boolean') return [x ? 1 : 0];
          return [toDouble(atomicToString(x as Atomic)) ?? NaN];
        };
      case 'contains#2':
        return (ctx) => bool(strArg(a0(ctx), 'contains').includes(strArg(a1(ctx), 'contains')));
      case 'starts-with#2':
        return (ctx) => bool(strArg(a0(ctx), 'starts-with').startsWith(strArg(a1(ctx), 'starts-with')));
      case 'substring-after#2':
        return (ctx) => {
          const s = strArg(a0(ctx), 'substring-after');
          const t = strArg(a1(ctx), 'substring-after');
          const k = s.indexOf(t);
          return [k < 0 ? '' : s.slice(k + t.length)];
        };
      case 'substring-before#2':
        return (ctx) => {
          const s = strArg(a0(ctx), 'substring-before');
          const t = strArg(a1(ctx), 'substring-before');
          const k = s.indexOf(t);
          return [k < 0 ? '' : s.slice(0, k)];
        };
      case 'normalize-space#1':
        return (ctx) => [strArg(a0(ctx), 'normalize-space').replace(/[ \t\r\n]+/g, ' ').trim()];
      case 'matches#2':
        return this.matches(a0, a1);
      case 'name#0':
        return (ctx) => [nodeName(ctx.item)];
      case 'name#1':
        return (ctx) => {
          const x = zeroOrOne(a0(ctx), 'name');
          if (x === undefined) return [''];
          if (!isNode(x)) throw new FastXPathError('XPTY0004: name() of an atomic value');
          return [nodeName(x)];
        };
      case 'local-name#0':
        return (ctx) => [localName(ctx.item)];
      case 'local-name#1':
        return (ctx) => {
          const x = zeroOrOne(a0(ctx), 'local-name');
          if (x === undefined) return [''];
          if (!isNode(x)) throw new FastXPathError('XPTY0004: local-name() of an atomic value');
          return [localName(x)];
        };
      case 'position#0':
        return (ctx) => [ctx.position];
      case 'last#0':
        return (ctx) => [ctx.size];
      default:
        if (fname === 'concat' && n >= 2) {
          return (ctx) => [args.map((a) => strArg(a(ctx), 'concat')).join('')];
        }
        throw new Unsupported(`function ${name}#${n}`);
    }
  }

  private matches(input: Eval, pattern: Eval): Eval {
    const cache = new Map<string, RegExp>();
    return (ctx) => {
      const inSeq = input(ctx);
      if (inSeq.length > 1) throw new FastXPathError('XPTY0004: matches() of more than one item');
      const first = inSeq[0];
      const s = first === undefined ? '' : isNode(first) ? stringValue(first) : atomicToString(first);
      const pSeq = pattern(ctx);
      if (pSeq.length !== 1) throw new FastXPathError('XPTY0004: matches() pattern');
      const p = pSeq[0] as Item;
      const ps = isNode(p) ? stringValue(p) : atomicToString(p);
      let re = cache.get(ps);
      if (!re) {
        // XSD/XPath regex dialect: only accept patterns whose JS reading is identical
        // (no \d-style Unicode class differences that matter, no back-references, no flags).
        if (/\\[pPiIcCwWsS]|\\\d|\(\?|\[[^\]]*-\[/.test(ps)) throw new FastXPathError('regex outside the fast subset');
        re = new RegExp(ps);
        cache.set(ps, re);
      }
      // XPath matches(): substring search unless anchored (CDA-VALIDATION.md §9).
      return bool(re.test(s));
    };
  }
}

function nodeName(n: Node): string {
  if (n.nodeType === ELEMENT || n.nodeType === ATTRIBUTE) return (n as Element).nodeName;
  return '';
}

function localName(n: Node): string {
  if (n.nodeType === ELEMENT || n.nodeType === ATTRIBUTE) return (n as Element).localName;
  return '';
}

/** Compile once; null when the expression is outside the fast subset. */
export function compileFast(expr: string, namespaces: Record<string, string>, order: DocOrderRef): Eval | null {
  try {
    return new Compiler(tokenize(expr), namespaces, order).compileAll();
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}

/** XSLT 2.0 xsl:value-of of a sequence: atomise, cast to string, join with one space. */
export function valueOfString(seq: Seq): string {
  return seq.map((x) => (isNode(x) ? stringValue(x) : atomicToString(x))).join(' ');
}

/** Why an expression is outside the fast subset (null when it compiles): for diagnostics. */
export function explainFast(expr: string, namespaces: Record<string, string>): string | null {
  try {
    new Compiler(tokenize(expr), namespaces, { get: () => 0 }).compileAll();
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * A rule prepared for the fast evaluator (fast/xpath.ts): lets, tests and message parts
 * compiled to closures, in document order, from the parsed model (not from the fontoxpath
 * string). Same semantics as compile.ts: lets are lazy and scoped to what follows them,
 * `<name/>` is name(.), `<value-of>` joins with one space.
 */
import type { Node } from 'slimdom';
import type { SchCheck, SchLet, SchMessagePart, SchRuleItem, SchSchema } from '../model.ts';
import { ebv, stringValue, type Ctx, type Seq, type VarScope } from './values.ts';
import { compileFast, valueOfString, type DocOrderRef } from './xpath.ts';

type Eval = (ctx: Ctx) => Seq;
type FastMsg = { kind: 'text'; text: string } | { kind: 'name'; path: Eval | null } | { kind: 'value-of'; select: Eval };

type FastItem =
  | { kind: 'let'; name: string; value: Eval }
  | { kind: 'check'; index: number; check: SchCheck; test: Eval; message: FastMsg[]; diagnostics: FastMsg[][] };

export interface FastRule {
  /** Schema- and pattern-level lets: global xsl:variables, evaluated on the document node. */
  globals: { name: string; value: Eval }[];
  items: FastItem[];
}

/** Per-document state of a compiled schematron (document order, path memo): fast/xpath.ts. */
export type OrderRef = DocOrderRef;

function msg(parts: readonly SchMessagePart[], ns: Record<string, string>, order: OrderRef): FastMsg[] | null {
  const out: FastMsg[] = [];
  for (const p of parts) {
    if (p.kind === 'text') out.push(p);
    else if (p.kind === 'name') {
      if (p.path === null) out.push({ kind: 'name', path: null });
      else {
        const e = compileFast(p.path, ns, order);
        if (!e) return null;
        out.push({ kind: 'name', path: e });
      }
    } else {
      const e = compileFast(p.select, ns, order);
      if (!e) return null;
      out.push({ kind: 'value-of', select: e });
    }
  }
  return out;
}

/** Null when any expression of the rule (or a global let) is outside the fast subset. */
export function compileFastRule(items: readonly SchRuleItem[], globals: readonly SchLet[], schema: SchSchema, order: OrderRef): FastRule | null {
  const ns = schema.namespaces;
  const compiledGlobals: FastRule['globals'] = [];
  for (const g of globals) {
    const value = compileFast(g.expr, ns, order);
    if (!value) return null;
    compiledGlobals.push({ name: g.name, value });
  }
  const out: FastItem[] = [];
  let index = 0;
  for (const item of items) {
    if (item.kind === 'let') {
      const value = compileFast(item.let.expr, ns, order);
      if (!value) return null;
      out.push({ kind: 'let', name: item.let.name, value });
    } else {
      const test = compileFast(item.check.test, ns, order);
      const message = msg(item.check.message, ns, order);
      if (!test || !message) return null;
      const diagnostics: FastMsg[][] = [];
      for (const id of item.check.diagnostics) {
        const d = schema.diagnostics[id];
        const m = d ? msg(d.message, ns, order) : null;
        if (!m) return null;
        diagnostics.push(m);
      }
      out.push({ kind: 'check', index: index++, check: item.check, test, message, diagnostics });
    }
  }
  return { globals: compiledGlobals, items: out };
}

function nameOf(n: Node | undefined): string {
  if (!n) return '';
  return n.nodeType === 1 || n.nodeType === 2 ? (n as unknown as { nodeName: string }).nodeName : '';
}

function render(parts: readonly FastMsg[], ctx: Ctx): string {
  let s = '';
  for (const p of parts) {
    if (p.kind === 'text') s += p.text;
    else if (p.kind === 'name') {
      if (p.path === null) s += nameOf(ctx.item);
      else {
        const r = p.path(ctx);
        const first = r[0];
        s += typeof first === 'object' && first !== null && 'nodeType' in first ? nameOf(first as Node) : '';
      }
    } else s += valueOfString(p.select(ctx));
  }
  return s;
}

/**
 * Evaluate a fast rule on one context node: the same flat output as the fontoxpath body
 * (check index, message, one string per diagnostic, for each failed assert / fired report).
 * Throws FastXPathError on a dynamic error; the caller then re-runs the node with fontoxpath.
 */
/** Schema- and pattern-level lets of a rule: global variables, computed once per document. */
class GlobalScope implements VarScope {
  constructor(
    private readonly globals: FastRule['globals'],
    private readonly node: Node,
    private readonly docGlobals: Map<string, Seq>,
  ) {}

  get(name: string): (() => Seq) | undefined {
    // The last binding of a name wins (pattern lets after schema lets), as Map.set did.
    for (let i = this.globals.length - 1; i >= 0; i--) {
      const g = this.globals[i] as FastRule['globals'][number];
      if (g.name !== name) continue;
      return () => {
        let v = this.docGlobals.get(g.name);
        if (v === undefined) {
          let root: Node = this.node;
          while (root.parentNode !== null) root = root.parentNode;
          v = g.value({ item: root, position: 1, size: 1, vars: NO_VARS });
          this.docGlobals.set(g.name, v);
        }
        return v;
      };
    }
    return undefined;
  }
}

/** A rule `<let>` in scope for what follows it: one link per let, not a copied Map. */
class LetScope implements VarScope {
  constructor(
    private readonly parent: VarScope,
    private readonly name: string,
    private readonly value: () => Seq,
  ) {}

  get(name: string): (() => Seq) | undefined {
    return name === this.name ? this.value : this.parent.get(name);
  }
}

const NO_VARS: VarScope = { get: () => undefined };

/**
 * Evaluate a fast rule on one context node: the same flat output as the fontoxpath body
 * (check index, message, one string per diagnostic, for each failed assert / fired report).
 * Throws FastXPathError on a dynamic error; the caller then re-runs the node with fontoxpath.
 */
export function runFastRule(rule: FastRule, node: Node, docGlobals: Map<string, Seq>): string[] {
  const out: string[] = [];
  let vars: VarScope = new GlobalScope(rule.globals, node, docGlobals);
  let ctx: Ctx = { item: node, position: 1, size: 1, vars };
  for (const item of rule.items) {
    if (item.kind === 'let') {
      const value = item.value;
      const scope = ctx;
      let memo: Seq | null = null;
      // Lazy, like Saxon's variables: an unused let never raises its errors.
      vars = new LetScope(vars, item.name, () => (memo ??= value(scope)));
      ctx = { item: node, position: 1, size: 1, vars };
      continue;
    }
    const ok = ebv(item.test(ctx));
    const fired = item.check.kind === 'assert' ? !ok : ok;
    if (!fired) continue;
    out.push(String(item.index), render(item.message, ctx));
    for (const d of item.diagnostics) out.push(render(d, ctx));
  }
  return out;
}

export { stringValue };

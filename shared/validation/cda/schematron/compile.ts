/**
 * Turn a parsed schema into evaluable XPath 3.1 strings, once per schematron
 * (CDA-VALIDATION.md §8):
 * - rule 1: one expression per rule, `let $v := (…) return (…)`, so `<let>` values stay XDM
 *   values (attribute nodes stay xs:untypedAtomic: `$versionNumber = 1` works as in XSLT 2);
 *   lets and checks are nested in document order, so a `<let>` after an `<assert>` is in
 *   scope only for what follows it, exactly as the ISO skeleton's xsl:variable;
 * - messages (`<name/>`, `<value-of>`) and diagnostics are built inside the same scope;
 * - rule 2 (first matching rule only) is applied by `run.ts` using `contextXPath`.
 */
import type { SchCheck, SchLet, SchMessagePart, SchPattern, SchSchema } from './model.ts';
import { SchematronUnsupportedError, xpathString } from './parse.ts';
import { reverseContext, type ReversedContext } from './dispatch.ts';
import { compileFastRule, type FastRule, type OrderRef } from './fast/rule.ts';
import type { Ctx, Seq } from './fast/values.ts';
import { compileFast } from './fast/xpath.ts';

export interface CompiledRule {
  /** `rule/@context` as written. */
  context: string;
  /** XPath selecting, from the document node, every node the context pattern matches. */
  contextXPath: string;
  /** Name-index dispatch form of the context, when it can be reversed (dispatch.ts). */
  reversed: ReversedContext | null;
  /**
   * Evaluated with the context node as context item; returns, for each failed assert or
   * fired report, the check index followed by its message and one string per diagnostic.
   */
  bodyXPath: string;
  checks: SchCheck[];
  /** The same rule for the fast evaluator, null when outside its subset (fast/xpath.ts). */
  fast: FastRule | null;
  /** `reversed.selfXPath` compiled for the fast evaluator, null when outside its subset. */
  fastContext: ((ctx: Ctx) => Seq) | null;
}

export interface CompiledPattern {
  id: string | null;
  rules: CompiledRule[];
}

export interface CompiledSchematron {
  title: string;
  namespaces: Record<string, string>;
  patterns: CompiledPattern[];
  phase: string;
  /** Document-order function used by the fast evaluator; set per document by run.ts. */
  order: OrderRef;
}

export const XS_NS = 'http://www.w3.org/2001/XMLSchema';

function messageXPath(parts: readonly SchMessagePart[]): string {
  const pieces = parts.map((p) => {
    switch (p.kind) {
      case 'text':
        return xpathString(p.text);
      case 'name':
        // ISO skeleton: <name/> is xsl:value-of select="name(.)" (or name(@path)).
        return p.path === null ? 'name(.)' : `name(${p.path})`;
      case 'value-of':
        // XSLT 2.0 xsl:value-of: atomise, cast to string, join with one space.
        return `string-join((${p.select}) ! string(.), ' ')`;
    }
  });
  if (pieces.length === 0) return "''";
  return `string-join((${pieces.join(', ')}), '')`;
}

function checkXPath(check: SchCheck, index: number, diagnostics: SchSchema['diagnostics']): string {
  const out = [xpathString(String(index)), messageXPath(check.message)];
  for (const id of check.diagnostics) {
    const d = diagnostics[id];
    if (!d) throw new SchematronUnsupportedError(`assert references unknown diagnostic "${id}"`);
    out.push(messageXPath(d.message));
  }
  const fired = `(${out.join(', ')})`;
  // Effective boolean value of @test, as xsl:choose/xsl:when and xsl:if do.
  return check.kind === 'assert'
    ? `(if (${check.test}) then () else ${fired})`
    : `(if (${check.test}) then ${fired} else ())`;
}

/** Build `let … return (…)` nesting in document order. */
function ruleBody(globals: readonly SchLet[], items: SchPattern['rules'][number]['items'], schema: SchSchema): { xpath: string; checks: SchCheck[] } {
  const checks: SchCheck[] = [];
  // Walk backwards so each let wraps everything that follows it.
  let tail: string[] = [];
  const segments: { lets: SchLet[]; checks: string[] }[] = [];
  let current: { lets: SchLet[]; checks: string[] } = { lets: [], checks: [] };
  segments.push(current);
  for (const item of items) {
    if (item.kind === 'let') {
      if (current.checks.length > 0) {
        current = { lets: [], checks: [] };
        segments.push(current);
      }
      current.lets.push(item.let);
    } else {
      current.checks.push(checkXPath(item.check, checks.length, schema.diagnostics));
      checks.push(item.check);
    }
  }
  for (let i = segments.length - 1; i >= 0; i--) {
    const seg = segments[i] as { lets: SchLet[]; checks: string[] };
    const seq = [...seg.checks, ...tail];
    const inner = seq.length === 0 ? '()' : `(${seq.join(', ')})`;
    tail = [
      seg.lets.length === 0
        ? inner
        : `let ${seg.lets.map((l) => `$${l.name} := (${l.expr})`).join(', ')} return ${inner}`,
    ];
  }
  let xpath = tail[0] ?? '()';
  if (globals.length > 0) {
    // Schema and pattern lets are global xsl:variables in the skeleton: evaluated with the
    // document node as context.
    xpath = `let ${globals.map((g) => `$${g.name} := (root(.) ! (${g.expr}))`).join(', ')} return ${xpath}`;
  }
  return { xpath, checks };
}

/** Where a rule context must be evaluated from so that it selects what the pattern matches. */
export function contextToXPath(context: string): string {
  const ctx = context.trim();
  if (ctx.startsWith('/')) return ctx;
  // A relative XSLT match pattern matches at any depth: `//ctx`. A top-level union needs
  // each branch prefixed, hence the parenthesised form.
  return hasTopLevelUnion(ctx) ? `//(${ctx})` : `//${ctx}`;
}

function hasTopLevelUnion(expr: string): boolean {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i] as string;
    if (quote !== null) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (depth === 0 && (c === '|' || expr.startsWith(' union ', i))) return true;
  }
  return false;
}

export function compileSchematron(schema: SchSchema, phase?: string): CompiledSchematron {
  const phaseId = phase ?? schema.defaultPhase ?? '#ALL';
  let active: SchPattern[];
  if (phaseId === '#ALL') active = schema.patterns;
  else {
    const ids = schema.phases[phaseId];
    if (!ids) throw new SchematronUnsupportedError(`phase "${phaseId}" is not defined`);
    active = schema.patterns.filter((p) => p.id !== null && ids.includes(p.id));
  }
  const order: OrderRef = { get: () => 0 };
  return {
    title: schema.title,
    namespaces: schema.namespaces,
    phase: phaseId,
    order,
    patterns: active.map((p) => ({
      id: p.id,
      rules: p.rules.map((r) => {
        const body = ruleBody([...schema.lets, ...p.lets], r.items, schema);
        const reversed = reverseContext(r.context);
        const known = reversed === null || reversed.lastName === null || schema.namespaces[reversed.lastName.prefix] !== undefined;
        return {
          context: r.context,
          contextXPath: contextToXPath(r.context),
          reversed: known ? reversed : null,
          bodyXPath: body.xpath,
          checks: body.checks,
          fast: compileFastRule(r.items, [...schema.lets, ...p.lets], schema, order),
          fastContext: known && reversed !== null ? compileFast(reversed.selfXPath, schema.namespaces, order) : null,
        };
      }),
    })),
  };
}

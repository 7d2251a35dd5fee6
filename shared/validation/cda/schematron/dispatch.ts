/**
 * Fast rule-context matching (CDA-VALIDATION.md §10: "find rule contexts without scanning the
 * whole document per rule"). A context such as `hl7:A/hl7:B[p]/hl7:C` is an XSLT match
 * pattern; a node matches it iff it is a `hl7:C` whose parent is a `hl7:B[p]` whose parent is
 * a `hl7:A`. So, instead of evaluating `//hl7:A/hl7:B[p]/hl7:C` (a full descendant scan per
 * rule), the candidates are taken from a per-document name index and filtered with the
 * reversed pattern `self::hl7:C[parent::hl7:B[p][parent::hl7:A]]`.
 * Only child-axis steps with name tests and non-positional predicates are rewritten (a
 * positional predicate such as `[1]` counts siblings, which the reversed form would not);
 * any other context keeps the plain `//ctx` evaluation.
 */

export interface ReversedContext {
  /** `{ns}local` of the last step, or null for `*` (any element). */
  lastName: { prefix: string; local: string } | null;
  /** XPath filtering a sequence `$c` of candidate elements to those the pattern matches. */
  filterXPath: string;
  /** XPath that is non-empty exactly when the context node matches the pattern. */
  selfXPath: string;
}

/** Split on top-level occurrences of `/` (outside predicates, parentheses and quotes). */
function splitSteps(expr: string): string[] | null {
  const steps: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let cur = '';
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i] as string;
    if (quote !== null) {
      if (c === quote) quote = null;
      cur += c;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    if (c === '/' && depth === 0) {
      steps.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  if (quote !== null || depth !== 0) return null;
  steps.push(cur);
  return steps;
}

const STEP = /^\s*(\*|([A-Za-z_][\w.-]*):([A-Za-z_][\w.-]*))\s*((?:\[[\s\S]*\])?)\s*$/;

/** Predicates that depend on position among siblings cannot be reversed. */
function positional(predicates: string): boolean {
  return /\[\s*\d|position\s*\(|last\s*\(/.test(predicates);
}

export function reverseContext(context: string): ReversedContext | null {
  let ctx = context.trim();
  let anchoredAtRoot = false;
  if (ctx.startsWith('//')) ctx = ctx.slice(2);
  else if (ctx.startsWith('/')) {
    ctx = ctx.slice(1);
    anchoredAtRoot = true;
  }
  const steps = splitSteps(ctx);
  if (!steps || steps.length === 0 || steps.some((s) => s.trim() === '')) return null;
  const parsed = steps.map((s) => STEP.exec(s));
  if (parsed.some((m) => m === null)) return null;
  const ms = parsed as RegExpExecArray[];
  if (ms.some((m) => positional(m[4] ?? ''))) return null;
  const test = (m: RegExpExecArray): string => m[1] as string;
  // Build from the first step outwards: each step constrains its parent.
  let inner = anchoredAtRoot ? '[parent::document-node()]' : '';
  for (let i = 0; i < ms.length - 1; i++) {
    const m = ms[i] as RegExpExecArray;
    inner = `[parent::${test(m)}${m[4] ?? ''}${inner}]`;
  }
  const last = ms[ms.length - 1] as RegExpExecArray;
  // A JS array variable arrives as an XDM array: `?*` makes it a sequence.
  const selfXPath = `self::${test(last)}${last[4] ?? ''}${inner}`;
  const filterXPath = `($c?*)[${selfXPath}]`;
  const lastName = last[1] === '*' ? null : { prefix: last[2] as string, local: last[3] as string };
  return { lastName, filterXPath, selfXPath };
}

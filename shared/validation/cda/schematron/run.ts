/**
 * Evaluate a compiled schematron on a parsed document, with the ISO skeleton's semantics
 * (iso_svrl_for_xslt2.xsl): each pattern is one apply-templates pass over the tree, in which
 * a node fires only the first rule (highest template priority = first in document order)
 * whose context matches it (CDA-VALIDATION.md §8 rule 2). Failed asserts and successful
 * reports are returned in document order of their context node, then rule order.
 */
import type { Options } from 'fontoxpath';
import { fontoxpath } from './fontoxpath.ts';
import type { Document, Element, Node } from 'slimdom';
import type { CompiledRule, CompiledSchematron } from './compile.ts';
import { XS_NS } from './compile.ts';
import type { SchCheck } from './model.ts';
import { isoPath } from './location.ts';
import { runFastRule } from './fast/rule.ts';
import { indexDocument, orderOf, type DocIndex } from './doc-index.ts';
import { FastXPathError, ebv, type Seq } from './fast/values.ts';

export interface SvrlEntry {
  kind: 'failed-assert' | 'successful-report';
  id: string | null;
  role: string | null;
  flag: string | null;
  /** ISO-skeleton location of the context node. */
  location: string;
  test: string;
  /** Message text with whitespace normalised (as the referee compares it). */
  text: string;
  diagnostics: string[];
  context: string;
  patternId: string | null;
}

export interface SvrlResult {
  failedAsserts: SvrlEntry[];
  successfulReports: SvrlEntry[];
  /** Dynamic XPath errors (e.g. XPTY0004): the XSLT run would abort; treated as invalid. */
  dynamicErrors: { context: string; location: string; message: string }[];
}

export function normaliseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** fontoxpath options per schematron: namespace bindings from `<ns>`, no default namespace. */
export function xpathOptions(namespaces: Record<string, string>): Options {
  const resolver = (prefix: string): string | null => {
    if (prefix === '') return null; // unprefixed names are in no namespace (XSLT default)
    const uri = namespaces[prefix];
    if (uri !== undefined) return uri;
    if (prefix === 'xs') return XS_NS;
    if (prefix === 'xml') return 'http://www.w3.org/XML/1998/namespace';
    return null;
  };
  return { namespaceResolver: resolver, language: 'XPath3.1' as Options['language'] };
}

interface Hit {
  patternIndex: number;
  order: number;
  ruleSeq: number;
  node: Node;
  check: SchCheck;
  context: string;
  patternId: string | null;
  message: string;
  diagnostics: string[];
}

const NO_VARS = new Map<string, () => Seq>();

function contextNodes(rule: CompiledRule, doc: Document, index: DocIndex, namespaces: Record<string, string>, options: Options, useFast: boolean): Node[] {
  const rev = rule.reversed;
  if (rev === null) return fontoxpath.evaluateXPathToNodes(rule.contextXPath, doc, null, null, options) as Node[];
  const candidates = rev.lastName === null ? index.elements : (index.byName.get(namespaces[rev.lastName.prefix] ?? '')?.get(rev.lastName.local) ?? []);
  if (candidates.length === 0) return [];
  const test = rule.fastContext;
  if (test && useFast) {
    try {
      // One context, its item changed per candidate (fast/xpath.ts Ctx).
      const ctx = { item: candidates[0] as Node, position: 1, size: 1, vars: NO_VARS };
      const matched: Node[] = [];
      for (const item of candidates) {
        ctx.item = item;
        if (ebv(test(ctx))) matched.push(item);
      }
      return matched;
    } catch (e) {
      if (!(e instanceof FastXPathError)) throw e;
    }
  }
  return fontoxpath.evaluateXPathToNodes(rev.filterXPath, null, null, { c: candidates }, options) as Node[];
}

export interface RunOptions {
  /** Use the fast evaluator where a rule allows it (default true); false = fontoxpath only. */
  fast?: boolean;
  /**
   * The document's index when its parser built it (ParsedCda.index); else one walk builds it
   * here. It must describe the tree as it is now: a tree changed after its parse needs a new one.
   */
  index?: DocIndex | null;
}

export function runSchematron(doc: Document, compiled: CompiledSchematron, options: Options, run: RunOptions = {}): SvrlResult {
  const useFast = run.fast ?? true;
  const index = run.index ?? indexDocument(doc);
  compiled.order.get = orderOf;
  // Path results are per document: a fresh memo now, dropped at the end (fast/xpath.ts).
  compiled.order.memo = [];
  try {
    return evaluate(compiled, doc, index, options, useFast);
  } finally {
    compiled.order.memo = null;
  }
}

function evaluate(compiled: CompiledSchematron, doc: Document, index: DocIndex, options: Options, useFast: boolean): SvrlResult {
  const docGlobals = new Map<string, Seq>();
  const hits: Hit[] = [];
  const dynamicErrors: SvrlResult['dynamicErrors'] = [];
  const order = orderOf;
  let ruleSeq = 0;
  for (const [patternIndex, pattern] of compiled.patterns.entries()) {
    const claimed = new Set<Node>();
    for (const rule of pattern.rules) {
      ruleSeq++;
      let nodes: Node[];
      try {
        nodes = contextNodes(rule, doc, index, compiled.namespaces, options, useFast);
      } catch (e) {
        dynamicErrors.push({ context: rule.context, location: '/', message: String((e as Error).message ?? e) });
        continue;
      }
      for (const node of nodes) {
        if (claimed.has(node)) continue;
        claimed.add(node);
        let out: string[] | null = null;
        if (rule.fast && useFast) {
          try {
            out = runFastRule(rule.fast, node, docGlobals);
          } catch (e) {
            // Dynamic errors are judged by the general engine: re-run this node there.
            if (!(e instanceof FastXPathError)) throw e;
          }
        }
        if (out === null) {
          try {
            out = fontoxpath.evaluateXPathToStrings(rule.bodyXPath, node, null, null, options);
          } catch (e) {
            dynamicErrors.push({ context: rule.context, location: isoPath(node), message: String((e as Error).message ?? e) });
            continue;
          }
        }
        let i = 0;
        while (i < out.length) {
          const check = rule.checks[Number(out[i])];
          if (!check) throw new Error(`schematron evaluator: bad check index ${out[i]}`);
          const message = out[i + 1] ?? '';
          const diagnostics = out.slice(i + 2, i + 2 + check.diagnostics.length);
          i += 2 + check.diagnostics.length;
          hits.push({ patternIndex, order: order(node), ruleSeq, node, check, context: rule.context, patternId: pattern.id, message, diagnostics });
        }
      }
    }
  }
  // Patterns run one after the other in the skeleton; inside a pattern, document order.
  hits.sort((a, b) => a.patternIndex - b.patternIndex || a.order - b.order || a.ruleSeq - b.ruleSeq);
  const failedAsserts: SvrlEntry[] = [];
  const successfulReports: SvrlEntry[] = [];
  for (const h of hits) {
    const entry: SvrlEntry = {
      kind: h.check.kind === 'assert' ? 'failed-assert' : 'successful-report',
      id: h.check.id,
      role: h.check.role,
      flag: h.check.flag,
      location: isoPath(h.node),
      test: h.check.test,
      text: normaliseSpace(h.message),
      diagnostics: h.diagnostics.map(normaliseSpace),
      context: h.context,
      patternId: h.patternId,
    };
    (h.check.kind === 'assert' ? failedAsserts : successfulReports).push(entry);
  }
  return { failedAsserts, successfulReports, dynamicErrors };
}

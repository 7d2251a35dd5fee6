/**
 * Parse an ISO Schematron schema (ISO/IEC 19757-3:2016) into the model evaluated by
 * `compile.ts`. Implements, for the xslt2 query binding:
 * - `<ns>`, schema/pattern/rule `<let>` (also after `<assert>`, as the gateway accepts);
 * - abstract patterns (`abstract="true"` + `is-a` + `<param>`, §6.3) by macro substitution;
 * - abstract rules (`abstract="true"` + `<extends rule>`, §5.4.3) by inlining;
 * - phases (`<phase>`/`<active>`, `defaultPhase`) and `<diagnostics>`;
 * - `<let>` with an XSLT body limited to `xsl:for-each`/`xsl:value-of`/`xsl:text`
 *   (CDA-VALIDATION.md §8 rule 3), translated to XPath.
 * Anything else that would change results (`<include>`, `xsl:key`, `xsl:function`, other XSLT
 * instructions) is rejected with SchematronUnsupportedError, so a rules update using it fails
 * loudly instead of being evaluated wrongly (CDA-VALIDATION.md §9 "Absent features").
 */
import { parseXmlDocument, type Element, type Node } from 'slimdom';
import type {
  SchCheck,
  SchDiagnostic,
  SchLet,
  SchMessagePart,
  SchPattern,
  SchRule,
  SchRuleItem,
  SchSchema,
} from './model.ts';

export const ISO_SCH_NS = 'http://purl.oclc.org/dsdl/schematron';
/** Schematron 1.5 namespace; accepted as an alias (some tools still emit it). */
export const ASCC_SCH_NS = 'http://www.ascc.net/xml/schematron';
export const XSL_NS = 'http://www.w3.org/1999/XSL/Transform';

export class SchematronUnsupportedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchematronUnsupportedError';
  }
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_NODE = 4;

function isSch(node: Node): node is Element {
  if (node.nodeType !== ELEMENT_NODE) return false;
  const ns = (node as Element).namespaceURI;
  return ns === ISO_SCH_NS || ns === ASCC_SCH_NS;
}

function schChildren(el: Element, localName?: string): Element[] {
  return el.childNodes.filter(
    (n): n is Element => isSch(n) && (localName === undefined || (n as Element).localName === localName),
  );
}

function attr(el: Element, name: string): string | null {
  return el.getAttribute(name);
}

/** XPath string literal for any text (quotes doubled, XPath 2.0 §3.1.1). */
export function xpathString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Translate an XSLT sequence constructor (a `<let>` body) into an XPath string expression. */
function translateXsltBody(nodes: readonly Node[]): string {
  const parts: string[] = [];
  for (const node of nodes) {
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_NODE) {
      const text = (node as unknown as { data: string }).data;
      // XSLT strips whitespace-only text nodes from the stylesheet (XSLT 2.0 §4.2).
      if (text.trim() !== '') parts.push(xpathString(text));
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const el = node as Element;
    if (el.namespaceURI !== XSL_NS) {
      throw new SchematronUnsupportedError(`unsupported element <${el.nodeName}> in a <let> body`);
    }
    const select = attr(el, 'select');
    switch (el.localName) {
      case 'value-of':
        if (select === null) throw new SchematronUnsupportedError('xsl:value-of without @select in a <let> body');
        // XSLT 2.0 §11.4.2: atomise, cast to string, join with a single space.
        parts.push(`string-join((${select}) ! string(.), ' ')`);
        break;
      case 'for-each':
        if (select === null) throw new SchematronUnsupportedError('xsl:for-each without @select');
        parts.push(`string-join((${select}) ! (${translateXsltBody(el.childNodes)}), '')`);
        break;
      case 'text':
        parts.push(xpathString(el.textContent ?? ''));
        break;
      default:
        throw new SchematronUnsupportedError(`unsupported XSLT instruction xsl:${el.localName} in a <let> body`);
    }
  }
  if (parts.length === 0) return "''";
  if (parts.length === 1) return parts[0] as string;
  return `string-join((${parts.join(', ')}), '')`;
}

function parseLet(el: Element): SchLet {
  const name = attr(el, 'name');
  if (!name) throw new SchematronUnsupportedError('<let> without @name');
  const value = attr(el, 'value');
  if (value !== null) return { name, expr: value };
  // An XSLT variable with content is a temporary tree; its string value compares as
  // xs:untypedAtomic, which the cast preserves (XSLT 2.0 §9.4).
  return { name, expr: `xs:untypedAtomic(${translateXsltBody(el.childNodes)})` };
}

function parseMessage(el: Element): SchMessagePart[] {
  const parts: SchMessagePart[] = [];
  for (const node of el.childNodes) {
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_NODE) {
      parts.push({ kind: 'text', text: (node as unknown as { data: string }).data });
    } else if (isSch(node)) {
      const child = node as Element;
      if (child.localName === 'name') parts.push({ kind: 'name', path: attr(child, 'path') });
      else if (child.localName === 'value-of') {
        const select = attr(child, 'select');
        if (select === null) throw new SchematronUnsupportedError('<value-of> without @select');
        parts.push({ kind: 'value-of', select });
      } else {
        // emph, dir, span, foreign: their text (ISO skeleton copies the content).
        parts.push(...parseMessage(child));
      }
    } else if (node.nodeType === ELEMENT_NODE) {
      const child = node as Element;
      if (child.namespaceURI === XSL_NS) {
        throw new SchematronUnsupportedError(`unsupported xsl:${child.localName} in an assert message`);
      }
      parts.push(...parseMessage(child));
    }
  }
  return parts;
}

function parseCheck(el: Element): SchCheck {
  const test = attr(el, 'test');
  if (test === null) throw new SchematronUnsupportedError(`<${el.localName}> without @test`);
  const diagnostics = (attr(el, 'diagnostics') ?? '').split(/\s+/).filter((s) => s !== '');
  return {
    kind: el.localName === 'report' ? 'report' : 'assert',
    id: attr(el, 'id'),
    test,
    role: attr(el, 'role'),
    flag: attr(el, 'flag'),
    message: parseMessage(el),
    diagnostics,
  };
}

interface RawRule {
  el: Element;
  abstract: boolean;
  id: string | null;
}

function parseRuleItems(el: Element, abstractRules: Map<string, Element>, seen: Set<string>): SchRuleItem[] {
  const items: SchRuleItem[] = [];
  for (const child of schChildren(el)) {
    switch (child.localName) {
      case 'let':
        items.push({ kind: 'let', let: parseLet(child) });
        break;
      case 'assert':
      case 'report':
        items.push({ kind: 'check', check: parseCheck(child) });
        break;
      case 'extends': {
        const ref = attr(child, 'rule');
        if (ref === null) throw new SchematronUnsupportedError('<extends> without @rule (href form not supported)');
        const target = abstractRules.get(ref);
        if (!target) throw new SchematronUnsupportedError(`<extends rule="${ref}">: no abstract rule with that id`);
        if (seen.has(ref)) throw new SchematronUnsupportedError(`<extends rule="${ref}">: cycle`);
        items.push(...parseRuleItems(target, abstractRules, new Set([...seen, ref])));
        break;
      }
      case 'title':
      case 'p':
        break;
      default:
        throw new SchematronUnsupportedError(`unsupported <${child.localName}> in a rule`);
    }
  }
  return items;
}

/** Replace `$name` parameters of an abstract pattern (ISO 19757-3 §6.3 macro expansion). */
function substitute(text: string, params: ReadonlyMap<string, string>): string {
  if (params.size === 0) return text;
  return text.replace(/\$([A-Za-z_][\w.-]*)/g, (whole, name: string) => params.get(name) ?? whole);
}

function substituteRule(rule: SchRule, params: ReadonlyMap<string, string>): SchRule {
  if (params.size === 0) return rule;
  const msg = (parts: SchMessagePart[]): SchMessagePart[] =>
    parts.map((p) =>
      p.kind === 'value-of'
        ? { kind: 'value-of', select: substitute(p.select, params) }
        : p.kind === 'name' && p.path !== null
          ? { kind: 'name', path: substitute(p.path, params) }
          : p,
    );
  return {
    context: substitute(rule.context, params),
    id: rule.id,
    items: rule.items.map((item) =>
      item.kind === 'let'
        ? { kind: 'let', let: { name: item.let.name, expr: substitute(item.let.expr, params) } }
        : {
            kind: 'check',
            check: { ...item.check, test: substitute(item.check.test, params), message: msg(item.check.message) },
          },
    ),
  };
}

function parsePatternBody(el: Element, abstractRules: Map<string, Element>): { lets: SchLet[]; rules: SchRule[] } {
  const lets: SchLet[] = [];
  const rules: SchRule[] = [];
  const raw: RawRule[] = [];
  for (const child of schChildren(el)) {
    if (child.localName === 'let') lets.push(parseLet(child));
    else if (child.localName === 'rule') raw.push({ el: child, abstract: attr(child, 'abstract') === 'true', id: attr(child, 'id') });
    else if (child.localName === 'include') throw new SchematronUnsupportedError('<include> is not supported');
  }
  for (const r of raw) if (r.abstract && r.id !== null) abstractRules.set(r.id, r.el);
  for (const r of raw) {
    if (r.abstract) continue;
    const context = attr(r.el, 'context');
    if (context === null) throw new SchematronUnsupportedError('<rule> without @context');
    rules.push({ context, id: r.id, items: parseRuleItems(r.el, abstractRules, new Set()) });
  }
  return { lets, rules };
}

export function parseSchematron(text: string): SchSchema {
  const doc = parseXmlDocument(text);
  const root = doc.documentElement;
  if (!root || !isSch(root) || root.localName !== 'schema') {
    throw new SchematronUnsupportedError('not a Schematron schema (root is not sch:schema)');
  }
  const queryBinding = attr(root, 'queryBinding') ?? 'xslt';
  if (!['xslt2', 'xslt3', 'xpath2', 'xpath3', 'xpath31'].includes(queryBinding.toLowerCase())) {
    throw new SchematronUnsupportedError(`queryBinding "${queryBinding}" is not supported (xslt2 expected)`);
  }
  for (const child of root.childNodes) {
    if (child.nodeType === ELEMENT_NODE && (child as Element).namespaceURI === XSL_NS) {
      throw new SchematronUnsupportedError(`top-level xsl:${(child as Element).localName} is not supported`);
    }
  }

  const namespaces: Record<string, string> = {};
  for (const ns of schChildren(root, 'ns')) {
    const prefix = attr(ns, 'prefix');
    const uri = attr(ns, 'uri');
    if (prefix !== null && uri !== null) namespaces[prefix] = uri;
  }
  const lets = schChildren(root, 'let').map(parseLet);
  if (schChildren(root, 'include').length > 0) throw new SchematronUnsupportedError('<include> is not supported');

  const diagnostics: Record<string, SchDiagnostic> = {};
  for (const block of schChildren(root, 'diagnostics')) {
    for (const d of schChildren(block, 'diagnostic')) {
      const id = attr(d, 'id');
      if (id !== null) diagnostics[id] = { id, message: parseMessage(d) };
    }
  }

  const abstractRules = new Map<string, Element>();
  const patternEls = schChildren(root, 'pattern');
  const abstractPatterns = new Map<string, Element>();
  for (const p of patternEls) {
    const id = attr(p, 'id');
    if (attr(p, 'abstract') === 'true' && id !== null) abstractPatterns.set(id, p);
  }
  // Abstract rules may be declared in any pattern; collect them all first.
  for (const p of patternEls) {
    for (const r of schChildren(p, 'rule')) {
      const id = attr(r, 'id');
      if (attr(r, 'abstract') === 'true' && id !== null) abstractRules.set(id, r);
    }
  }

  const patterns: SchPattern[] = [];
  for (const p of patternEls) {
    if (attr(p, 'abstract') === 'true') continue;
    const id = attr(p, 'id');
    const isA = attr(p, 'is-a');
    if (isA !== null) {
      const base = abstractPatterns.get(isA);
      if (!base) throw new SchematronUnsupportedError(`pattern is-a="${isA}": no abstract pattern with that id`);
      const params = new Map<string, string>();
      for (const param of schChildren(p, 'param')) {
        const name = attr(param, 'name');
        const value = attr(param, 'value');
        if (name !== null && value !== null) params.set(name, value);
      }
      const body = parsePatternBody(base, abstractRules);
      patterns.push({
        id,
        lets: body.lets.map((l) => ({ name: l.name, expr: substitute(l.expr, params) })),
        rules: body.rules.map((r) => substituteRule(r, params)),
      });
    } else {
      patterns.push({ id, ...parsePatternBody(p, abstractRules) });
    }
  }

  const phases: Record<string, string[]> = {};
  for (const ph of schChildren(root, 'phase')) {
    const id = attr(ph, 'id');
    if (id === null) continue;
    phases[id] = schChildren(ph, 'active')
      .map((a) => attr(a, 'pattern'))
      .filter((s): s is string => s !== null);
  }

  const title = schChildren(root, 'title')[0]?.textContent?.trim() ?? '';
  return { queryBinding, title, namespaces, lets, patterns, phases, defaultPhase: attr(root, 'defaultPhase'), diagnostics };
}

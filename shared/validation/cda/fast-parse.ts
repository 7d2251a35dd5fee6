/**
 * A fast, non-validating XML 1.0 parser that builds a slimdom Document, for the common shape
 * of CDA documents (elements, attributes, namespaces, text, CDATA, comments, processing
 * instructions, the five predefined entities and character references). It applies XML 1.0
 * §2.11 line-end and §3.3.3 attribute-value normalisation, as any conforming parser.
 * Anything else (a DOCTYPE, other entity references, a syntax problem) returns null and the
 * caller uses slimdom's own conforming parser, which also produces the error messages.
 * Why: slimdom's parser takes ~9 ms for the official PSS; this one a fraction of that, and
 * parsing was the largest part of a warm validation (CDA-VALIDATION.md §10 speed goal).
 */
import { Document, unsafeAppendAttribute, unsafeCreateAttribute, unsafeCreateElement, type Attr, type Element, type Node } from 'slimdom';
import { MAX_XML_DEPTH, XmlTooDeepError } from '../../xml/limits.ts';
import { DocIndexBuilder, type DocIndex } from './schematron/doc-index.ts';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
/** A (qualified) name at `lastIndex` (sticky: read in place, no copy of the text after it). */
const NAME = /[A-Za-z_][\w.\-\u00B7\u00C0-\uFFFF]*(:[A-Za-z_][\w.\-\u00B7\u00C0-\uFFFF]*)?/y;
/**
 * Names are read up to this length; a longer one is left to the conforming parser (as when
 * the name was matched in a 200-character window, whose cut then failed the tag).
 */
const MAX_NAME = 200;

function nameAt(src: string, at: number): string | null {
  NAME.lastIndex = at;
  const m = NAME.exec(src);
  if (m === null) return null;
  if (m[0].length > MAX_NAME) throw new Bail('name longer than the fast parser reads');
  return m[0];
}
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

class Bail extends Error {}

function decodeRefs(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z]+);|&/g, (whole, ref: string | undefined) => {
    if (ref === undefined) throw new Bail('bare &');
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    const v = PREDEFINED[ref];
    if (v === undefined) throw new Bail(`entity &${ref};`);
    return v;
  });
}

/** The tree fields slimdom keeps as plain properties (slimdom 4.3.5, Node/Element/Document constructors). */
interface TreeFields {
  parentNode: Node | null;
  previousSibling: Node | null;
  nextSibling: Node | null;
  firstChild: Node | null;
  lastChild: Node | null;
  childNodes: Node[];
  firstElementChild: Node | null;
  lastElementChild: Node | null;
  childElementCount: number;
  documentElement: Node | null;
}

/**
 * `parent.appendChild(child)` for a tree this parser is building: the same fields slimdom's
 * insertion sets when appending a node of the same document, without its pre-insertion checks
 * (each walks ancestors), mutation records and range updates; the new document has no
 * observers or ranges, and this parser only appends what XML allows there (about a tenth of
 * the official PSS's parse; tests/unit/validation/fast-parse.test.ts compares every tree
 * field with slimdom's own parser over the 615 fixtures).
 */
function append(parent: Node, child: Node): void {
  const p = parent as unknown as TreeFields;
  const c = child as unknown as TreeFields;
  const prev = p.lastChild;
  c.parentNode = parent;
  c.previousSibling = prev;
  c.nextSibling = null;
  if (prev) (prev as unknown as TreeFields).nextSibling = child;
  else p.firstChild = child;
  p.lastChild = child;
  p.childNodes.push(child);
  if (child.nodeType === 1) {
    if (p.firstElementChild === null) p.firstElementChild = child;
    p.lastElementChild = child;
    p.childElementCount += 1;
    if (parent.nodeType === 9) p.documentElement = child;
  }
}

interface RawAttr {
  qname: string;
  value: string;
}

/**
 * The Document, or null when the text needs the conforming parser. Throws XmlTooDeepError
 * past `maxDepth` nested elements (whichever parser would run).
 */
export function fastParseXml(input: string, maxDepth = MAX_XML_DEPTH): Document | null {
  return tryParse(input, maxDepth, null)?.doc ?? null;
}

/**
 * As fastParseXml, with the schematron run's document index (document order, elements by
 * name) built while the nodes are created, instead of in a walk over the finished tree
 * (schematron/doc-index.ts). A partial index of a declined parse is dropped with its tree.
 */
export function fastParseXmlIndexed(input: string, maxDepth = MAX_XML_DEPTH): { doc: Document; index: DocIndex } | null {
  return tryParse(input, maxDepth, new DocIndexBuilder());
}

function tryParse<I extends DocIndexBuilder | null>(input: string, maxDepth: number, index: I): { doc: Document; index: I } | null {
  try {
    return { doc: parse(input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input, maxDepth, index), index };
  } catch (e) {
    if (e instanceof Bail || e instanceof RangeError) return null;
    throw e;
  }
}

/** Nodes are handed to `index` as they are created, which is document order. */
function parse(src: string, maxDepth: number, index: DocIndexBuilder | null): Document {
  const doc = new Document();
  index?.node(doc);
  // Each open element is attached to its parent at its end tag, not at its start: slimdom's
  // appendChild walks the parent's ancestors (DOM "pre-insertion validity"), and an unattached
  // parent has none, so the work stays linear in depth (a start-tag attach is O(depth) each).
  const stack: { node: Element; ns: Map<string, string | null>; parent: Node }[] = [];
  let scope = new Map<string, string | null>([
    ['xml', XML_NS],
    ['', null],
  ]);
  let parent: Node = doc;
  let i = 0;
  const n = src.length;
  let sawRoot = false;

  while (i < n) {
    const lt = src.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      const raw = src.slice(i, textEnd);
      if (parent === doc) {
        if (raw.trim() !== '') throw new Bail('text outside the root');
      } else {
        if (raw.includes(']]>')) throw new Bail(']]> in text');
        const t = doc.createTextNode(decodeRefs(raw));
        index?.node(t);
        append(parent, t);
      }
    }
    if (lt < 0) break;
    i = lt;
    if (src.startsWith('<!--', i)) {
      const e = src.indexOf('-->', i + 4);
      if (e < 0) throw new Bail('comment');
      const data = src.slice(i + 4, e);
      if (data.includes('--')) throw new Bail('-- in comment');
      const c = doc.createComment(data);
      index?.node(c);
      append(parent, c);
      i = e + 3;
    } else if (src.startsWith('<![CDATA[', i)) {
      if (parent === doc) throw new Bail('CDATA outside the root');
      const e = src.indexOf(']]>', i + 9);
      if (e < 0) throw new Bail('CDATA');
      const c = doc.createCDATASection(src.slice(i + 9, e));
      index?.node(c);
      append(parent, c);
      i = e + 3;
    } else if (src.startsWith('<?', i)) {
      const e = src.indexOf('?>', i + 2);
      if (e < 0) throw new Bail('PI');
      const body = src.slice(i + 2, e);
      const m = /^([A-Za-z_][\w.-]*)(\s+([\s\S]*))?$/.exec(body);
      if (!m) throw new Bail('PI target');
      const target = m[1] as string;
      if (target.toLowerCase() === 'xml') {
        if (i !== 0) throw new Bail('XML declaration not at start');
      } else {
        const pi = doc.createProcessingInstruction(target, m[3] ?? '');
        index?.node(pi);
        append(parent, pi);
      }
      i = e + 2;
    } else if (src.startsWith('<!', i)) {
      throw new Bail('DOCTYPE or declaration');
    } else if (src.startsWith('</', i)) {
      const e = src.indexOf('>', i + 2);
      if (e < 0) throw new Bail('end tag');
      const name = src.slice(i + 2, e).trim();
      const top = stack.pop();
      if (!top || top.node.nodeName !== name) throw new Bail('mismatched end tag');
      append(top.parent, top.node);
      scope = top.ns;
      parent = top.parent;
      i = e + 1;
    } else {
      // Start tag.
      let j = i + 1;
      const qname = nameAt(src, j);
      if (qname === null) throw new Bail('element name');
      j += qname.length;
      const attrs: RawAttr[] = [];
      let selfClosing = false;
      for (;;) {
        const ws = j;
        while (j < n && (src[j] === ' ' || src[j] === '\t' || src[j] === '\n')) j++;
        const c = src[j];
        if (c === '>') {
          j++;
          break;
        }
        if (c === '/' && src[j + 1] === '>') {
          selfClosing = true;
          j += 2;
          break;
        }
        if (j === ws) throw new Bail('attribute without preceding whitespace');
        const aname = nameAt(src, j);
        if (aname === null) throw new Bail('attribute name');
        j += aname.length;
        while (src[j] === ' ' || src[j] === '\t' || src[j] === '\n') j++;
        if (src[j] !== '=') throw new Bail('attribute =');
        j++;
        while (src[j] === ' ' || src[j] === '\t' || src[j] === '\n') j++;
        const q = src[j];
        if (q !== '"' && q !== "'") throw new Bail('attribute quote');
        const e = src.indexOf(q, j + 1);
        if (e < 0) throw new Bail('attribute value');
        const raw = src.slice(j + 1, e);
        if (raw.includes('<')) throw new Bail('< in attribute value');
        // XML 1.0 §3.3.3: literal whitespace characters become spaces, then references.
        attrs.push({ qname: aname, value: decodeRefs(raw.replace(/[\t\n]/g, ' ')) });
        j = e + 1;
      }
      // Namespace declarations first (they apply to the element's own name and attributes).
      let newScope: Map<string, string | null> | null = null;
      for (const a of attrs) {
        if (a.qname === 'xmlns' || a.qname.startsWith('xmlns:')) {
          newScope ??= new Map(scope);
          const prefix = a.qname === 'xmlns' ? '' : a.qname.slice(6);
          if (prefix !== '' && a.value === '') throw new Bail('undeclaring a prefix');
          newScope.set(prefix, a.value === '' ? null : a.value);
        }
      }
      const elScope = newScope ?? scope;
      const colon = qname.indexOf(':');
      const prefix = colon < 0 ? null : qname.slice(0, colon);
      const local = colon < 0 ? qname : qname.slice(colon + 1);
      const ns = elScope.get(prefix ?? '');
      if (prefix !== null && (ns === undefined || ns === null)) throw new Bail(`unbound prefix ${prefix}`);
      if (parent === doc && sawRoot) throw new Bail('second root element');
      const el = unsafeCreateElement(doc, local, ns ?? null, prefix);
      index?.element(el, ns ?? null, local);
      // Duplicates: against the attributes already set (a few per element), a Set past that
      // (linear in the attribute count either way).
      const seen = attrs.length > 16 ? new Set<string>() : null;
      for (const a of attrs) {
        const ac = a.qname.indexOf(':');
        let aPrefix: string | null = ac < 0 ? null : a.qname.slice(0, ac);
        const aLocal = ac < 0 ? a.qname : a.qname.slice(ac + 1);
        let aNs: string | null = null;
        if (a.qname === 'xmlns') {
          aNs = XMLNS_NS;
          aPrefix = null;
        } else if (aPrefix === 'xmlns') aNs = XMLNS_NS;
        else if (aPrefix !== null) {
          const u = elScope.get(aPrefix);
          if (u === undefined || u === null) throw new Bail(`unbound attribute prefix ${aPrefix}`);
          aNs = u;
        }
        if (seen !== null) {
          const key = `${aNs ?? ''}|${aLocal}`;
          if (seen.has(key)) throw new Bail('duplicate attribute');
          seen.add(key);
        } else {
          const set = el.attributes;
          for (let k = 0; k < set.length; k++) {
            const b = set[k] as Attr;
            if (b.localName === aLocal && (b.namespaceURI ?? '') === (aNs ?? '')) throw new Bail('duplicate attribute');
          }
        }
        const attr = unsafeCreateAttribute(aNs, aPrefix, aLocal, a.value, el);
        index?.node(attr);
        unsafeAppendAttribute(attr, el);
      }
      if (parent === doc) sawRoot = true;
      if (selfClosing) append(parent, el);
      else {
        if (stack.length >= maxDepth) throw new XmlTooDeepError(maxDepth);
        stack.push({ node: el, ns: scope, parent });
        scope = elScope;
        parent = el;
      }
      i = j;
    }
  }
  if (stack.length > 0 || !sawRoot) throw new Bail('unclosed element or no root');
  return doc;
}

export type { Element };

/**
 * What the schematron run needs of a document before its first rule: the document order of
 * every node and a name index of the elements for rule dispatch (run.ts contextNodes). Built
 * either by the fast parser while it creates the nodes (fast-parse.ts, no extra walk) or by
 * one walk over a tree from elsewhere (indexDocument).
 */
import type { Document, Element, Node } from 'slimdom';

export interface DocIndex {
  elements: Element[];
  /** namespace URI ('' for none) → local name → elements in document order. */
  byName: Map<string, Map<string, Element[]>>;
}

/**
 * Where a node's document order is written: on the node itself, under a symbol no other code
 * reads. A Map keyed by node cost four times as much to fill for the official PSS (3 571
 * nodes) and is read on every sort of a path result (CDA-VALIDATION.md §10 speed goal).
 */
const ORDER = Symbol('cartella.schematron.order');
type Ordered = Node & { [ORDER]?: number };

/** Document order of any node of the indexed document (0 for a node from elsewhere). */
export function orderOf(n: Node): number {
  return (n as Ordered)[ORDER] ?? 0;
}

/**
 * Numbers nodes in the order they are handed over, which must be document order (a node
 * before its attributes, those before its children), and lists the elements by name.
 */
export class DocIndexBuilder implements DocIndex {
  readonly elements: Element[] = [];
  readonly byName = new Map<string, Map<string, Element[]>>();
  private next = 0;

  /** Any node but an element (the document, an attribute, text, comment, PI). */
  node(n: Node): void {
    (n as Ordered)[ORDER] = this.next++;
  }

  element(el: Element, ns: string | null, localName: string): void {
    (el as Ordered)[ORDER] = this.next++;
    this.elements.push(el);
    const key = ns ?? '';
    let names = this.byName.get(key);
    if (!names) this.byName.set(key, (names = new Map()));
    let list = names.get(localName);
    if (!list) names.set(localName, (list = []));
    list.push(el);
  }
}

/** One walk over a document that was not indexed at its parse. */
export function indexDocument(doc: Document): DocIndex {
  const b = new DocIndexBuilder();
  b.node(doc);
  const walk = (el: Element): void => {
    b.element(el, el.namespaceURI, el.localName);
    const attrs = el.attributes;
    for (let k = 0; k < attrs.length; k++) b.node(attrs[k] as Node);
    const children = el.childNodes;
    for (let k = 0; k < children.length; k++) {
      const c = children[k] as Node;
      if (c.nodeType === 1) walk(c as Element);
      else b.node(c);
    }
  };
  for (const c of doc.childNodes) {
    if (c.nodeType === 1) walk(c as Element);
    else b.node(c);
  }
  return b;
}

/**
 * The fast XML parser (shared/validation/cda/fast-parse.ts) must build exactly the DOM
 * slimdom's conforming parser builds, or decline (null) so that slimdom parses instead.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseXmlDocument, serializeToWellFormedString, type Node } from 'slimdom';
import { describe, expect, it } from 'vitest';
import { fastParseXml, fastParseXmlIndexed } from '../../../shared/validation/cda/fast-parse.ts';
import { indexDocument, orderOf, type DocIndex } from '../../../shared/validation/cda/schematron/doc-index.ts';
import { parseXml, XmlParseError } from '../../../shared/validation/cda/xml.ts';
import { decodeXml } from '../../../shared/xml/decode.ts';

const FIX = join(import.meta.dirname, '../../fixtures/cda');
/** Every tree link of `a` maps to the same link of `b` (same shape): the parser sets them itself. */
function linkMismatches(a: Node, b: Node): string[] {
  const twin = new Map<unknown, unknown>([[null, null]]);
  const pairs: [Node, Node][] = [];
  const stack: [Node, Node][] = [[a, b]];
  while (stack.length > 0) {
    const [x, y] = stack.pop()!;
    twin.set(x, y);
    pairs.push([x, y]);
    if (x.childNodes.length !== y.childNodes.length) return [`${x.nodeName}: ${x.childNodes.length} children, not ${y.childNodes.length}`];
    x.childNodes.forEach((c, i) => stack.push([c, y.childNodes[i]!]));
  }
  const bad: string[] = [];
  const links = ['parentNode', 'previousSibling', 'nextSibling', 'firstChild', 'lastChild', 'firstElementChild', 'lastElementChild', 'documentElement', 'childElementCount'];
  for (const [x, y] of pairs) {
    const fx = x as unknown as Record<string, unknown>;
    const fy = y as unknown as Record<string, unknown>;
    for (const k of links) {
      if (!(k in fy)) continue;
      const ok = k === 'childElementCount' ? fx[k] === fy[k] : twin.get(fx[k]) === fy[k];
      if (!ok) bad.push(`${x.nodeName}.${k}`);
    }
  }
  return bad;
}

/** Every node of the tree with its attributes, in document order (node, attributes, children). */
function allNodes(doc: Node): Node[] {
  const out: Node[] = [];
  const walk = (n: Node): void => {
    out.push(n);
    if (n.nodeType === 1) out.push(...(n as unknown as { attributes: Node[] }).attributes);
    n.childNodes.forEach(walk);
  };
  walk(doc);
  return out;
}

/** The index as plain data: element positions per name, each node's order. */
function indexShape(doc: Node, index: DocIndex): unknown {
  const nodes = allNodes(doc);
  const pos = new Map(nodes.map((n, i) => [n, i]));
  const names = [...index.byName].map(([ns, m]) => [ns, [...m].map(([l, els]) => [l, els.map((e) => pos.get(e))])]);
  return { elements: index.elements.map((e) => pos.get(e)), names, order: nodes.map(orderOf) };
}

/** The index built while parsing is the one a walk over the finished tree builds. */
const sameIndex = (xml: string): void => {
  const parsed = fastParseXmlIndexed(xml);
  expect(parsed).not.toBeNull();
  const { doc, index } = parsed!;
  const atParse = indexShape(doc as never, index);
  expect(atParse).toEqual(indexShape(doc as never, indexDocument(doc)));
  // Orders are distinct and ascending in document order.
  expect((atParse as { order: number[] }).order).toEqual(allNodes(doc as never).map((_, i) => i));
};

const same = (xml: string): void => {
  const fast = fastParseXml(xml);
  expect(fast).not.toBeNull();
  const reference = parseXmlDocument(xml);
  expect(serializeToWellFormedString(fast as never)).toBe(serializeToWellFormedString(reference));
  expect(linkMismatches(fast as never, reference)).toEqual([]);
};

describe('fast XML parser', () => {
  it('builds the same DOM as slimdom for all 615 fixture documents', () => {
    const files = readFileSync(join(FIX, 'REFEREE-VERDICTS.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t')[0] as string);
    expect(files).toHaveLength(615);
    for (const f of files) same(decodeXml(readFileSync(join(FIX, f))));
  }, 120_000);

  it('builds, while parsing, the document index a walk over the tree builds, for all 615 fixture documents', () => {
    const files = readFileSync(join(FIX, 'REFEREE-VERDICTS.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t')[0] as string);
    let indexed = 0;
    for (const f of files) {
      const xml = decodeXml(readFileSync(join(FIX, f)));
      if (fastParseXml(xml) === null) continue; // declined: slimdom parses, the run walks
      sameIndex(xml);
      indexed++;
    }
    expect(indexed).toBeGreaterThan(600);
    sameIndex('<?xml version="1.0"?><?pi x?><!-- c --><a xmlns="urn:hl7-org:v3" xmlns:x="urn:x" b="1">t<x:c x:d="e"/><![CDATA[r]]><!-- d --><?q?><e><x:c/></e></a><!-- after -->');
  }, 120_000);

  it('normalises line ends and attribute whitespace, decodes references, keeps CDATA, comments and PIs', () => {
    same('<?xml version="1.0"?>\r\n<?xml-stylesheet href="x.xsl"?><!-- c --><a xmlns="urn:hl7-org:v3" xmlns:x="urn:x" b="1\t2\n3 &amp; &#x41;&#66;">t&lt;\r\n<x:c x:d="e"/><![CDATA[<raw>]]><e/></a>');
  });

  it('declines what it does not handle, and slimdom then reports the error', () => {
    expect(fastParseXml('<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>')).toBeNull();
    expect(fastParseXml('<a>&nbsp;</a>')).toBeNull();
    expect(fastParseXml('<a><b></a>')).toBeNull();
    expect(fastParseXml('<x:a/>')).toBeNull();
    expect(fastParseXml('<a b="1" b="2"/>')).toBeNull();
    expect(fastParseXml('<a/><b/>')).toBeNull();
    expect(() => parseXml('<a><b></a>')).toThrow(XmlParseError);
  });
});

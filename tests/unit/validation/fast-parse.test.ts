/**
 * The fast XML parser (shared/validation/cda/fast-parse.ts) must build exactly the DOM
 * slimdom's conforming parser builds, or decline (null) so that slimdom parses instead.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseXmlDocument, serializeToWellFormedString, type Node } from 'slimdom';
import { describe, expect, it } from 'vitest';
import { fastParseXml } from '../../../shared/validation/cda/fast-parse.ts';
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

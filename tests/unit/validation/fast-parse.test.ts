/**
 * The fast XML parser (shared/validation/cda/fast-parse.ts) must build exactly the DOM
 * slimdom's conforming parser builds, or decline (null) so that slimdom parses instead.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseXmlDocument, serializeToWellFormedString } from 'slimdom';
import { describe, expect, it } from 'vitest';
import { fastParseXml } from '../../../shared/validation/cda/fast-parse.ts';
import { parseXml, XmlParseError } from '../../../shared/validation/cda/xml.ts';
import { decodeXml } from '../../../shared/xml/decode.ts';

const FIX = join(import.meta.dirname, '../../fixtures/cda');
const same = (xml: string): void => {
  const fast = fastParseXml(xml);
  expect(fast).not.toBeNull();
  expect(serializeToWellFormedString(fast as never)).toBe(serializeToWellFormedString(parseXmlDocument(xml)));
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

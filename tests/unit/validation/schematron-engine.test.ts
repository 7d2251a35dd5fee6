/**
 * The in-process schematron evaluator on small synthetic schemas: the xslt2-binding features
 * the task requires (CDA-VALIDATION.md §8–§9, ISO/IEC 19757-3): first-matching rule only,
 * `let` values kept as XDM values, `let` after `assert`, XSLT-bodied `let`, `value-of`/`name`,
 * abstract patterns and rules, phases, diagnostics, `matches()` semantics, dynamic errors, and
 * explicit rejection of unsupported constructs; each case runs with the fast evaluator
 * (fast/xpath.ts) and with fontoxpath alone. Also checks that the fast context dispatch
 * selects exactly the nodes `//context` selects, for every rule of the 22 official files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { prepareSchematron } from '../../../shared/validation/cda/prepare.ts';
import { fontoxpath } from '../../../shared/validation/cda/schematron/fontoxpath.ts';
import { ebv } from '../../../shared/validation/cda/schematron/fast/values.ts';
import { SchematronUnsupportedError } from '../../../shared/validation/cda/schematron/parse.ts';
import { runSchematron, type SvrlResult } from '../../../shared/validation/cda/schematron/run.ts';
import { parseXml } from '../../../shared/validation/cda/xml.ts';

const HEAD = `<schema xmlns="http://purl.oclc.org/dsdl/schematron" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" queryBinding="xslt2"`;
const NS = `<ns prefix="hl7" uri="urn:hl7-org:v3"/>`;
const DOC = `<ClinicalDocument xmlns="urn:hl7-org:v3">
  <versionNumber value="1"/>
  <effectiveTime><low value="20240101"/><high value="20231231"/></effectiveTime>
  <author><assignedAuthor><id extension="XRSMRA80A01H501Z0"/><assignedPerson><name><family>Rossi</family></name></assignedPerson></assignedAuthor></author>
  <component><section><code code="A"/></section><section><code code="B"/></section></component>
</ClinicalDocument>`;

let fast = true;
function run(schema: string, doc = DOC, phase?: string): SvrlResult {
  const p = prepareSchematron('test.sch', schema, phase);
  return runSchematron(parseXml(doc), p.compiled, p.options, { fast });
}
const texts = (r: SvrlResult): string[] => r.failedAsserts.map((a) => a.text);

describe.each([
  ['fast evaluator', true],
  ['fontoxpath only', false],
])('schematron evaluator (xslt2 binding), %s', (_name, useFast) => {
  beforeEach(() => {
    fast = useFast;
  });

  it('fires only the first matching rule of a pattern for a node', () => {
    const r = run(`${HEAD}>${NS}<pattern>
      <rule context="hl7:section[hl7:code/@code='A']"><assert test="false()">first</assert></rule>
      <rule context="hl7:section"><assert test="false()">second</assert></rule>
    </pattern></schema>`);
    expect(texts(r)).toEqual(['first', 'second']);
    expect(r.failedAsserts.map((a) => a.location)).toEqual([
      "/*:ClinicalDocument[namespace-uri()='urn:hl7-org:v3'][1]/*:component[namespace-uri()='urn:hl7-org:v3'][1]/*:section[namespace-uri()='urn:hl7-org:v3'][1]",
      "/*:ClinicalDocument[namespace-uri()='urn:hl7-org:v3'][1]/*:component[namespace-uri()='urn:hl7-org:v3'][1]/*:section[namespace-uri()='urn:hl7-org:v3'][2]",
    ]);
  });

  it('keeps let values untypedAtomic (=1 and =\'1\' both hold) and compares dates as strings', () => {
    const r = run(`${HEAD}>${NS}<pattern><rule context="hl7:ClinicalDocument">
      <let name="v" value="hl7:versionNumber/@value"/>
      <assert test="$v = 1 and $v = '1'">numeric</assert>
      <let name="low" value="hl7:effectiveTime/hl7:low/@value"/><let name="high" value="hl7:effectiveTime/hl7:high/@value"/>
      <assert test="$high >= $low">high <value-of select="$high"/> before low <value-of select="$low"/></assert>
    </rule></pattern></schema>`);
    expect(texts(r)).toEqual(['high 20231231 before low 20240101']);
  });

  it('scopes a let placed after an assert to what follows it', () => {
    const r = run(`${HEAD}>${NS}<pattern><rule context="hl7:ClinicalDocument">
      <let name="x" value="'one'"/><assert test="$x = 'two'">A:<value-of select="$x"/></assert>
      <let name="x" value="'two'"/><assert test="$x = 'one'">B:<value-of select="$x"/></assert>
    </rule></pattern></schema>`);
    expect(texts(r)).toEqual(['A:one', 'B:two']);
  });

  it('runs an XSLT-bodied let (for-each/value-of) and <name/>, joining value-of with spaces', () => {
    const r = run(`${HEAD}>${NS}<pattern><rule context="//*[contains(local-name(), 'Person')]/hl7:name">
      <let name="errorPath"><xsl:for-each select="ancestor::*[not(self::hl7:ClinicalDocument)]"><xsl:value-of select="concat('/', name())"/></xsl:for-each></let>
      <assert test="count(hl7:given)=1">E| <name/> senza given. Path: ClinicalDocument<value-of select="$errorPath"/>. Codici: <value-of select="//hl7:code/@code"/></assert>
    </rule></pattern></schema>`);
    expect(texts(r)).toEqual(['E| name senza given. Path: ClinicalDocument/author/assignedAuthor/assignedPerson. Codici: A B']);
  });

  it('keeps matches() unanchored, as the codice fiscale rules rely on', () => {
    const r = run(`${HEAD}>${NS}<pattern><rule context="hl7:assignedAuthor/hl7:id">
      <let name="CF" value="@extension"/>
      <assert test="matches(@extension, '[A-Z0-9]{16}')">never</assert>
      <assert test="matches(@extension, '[A-Z0-9]{16}') and string-length($CF)=16">CF '<value-of select="$CF"/>' lungo <value-of select="string-length($CF)"/></assert>
    </rule></pattern></schema>`);
    expect(texts(r)).toEqual(["CF 'XRSMRA80A01H501Z0' lungo 17"]);
  });

  it('treats unprefixed names as no-namespace (self::statusCode never matches hl7 elements)', () => {
    const r = run(`${HEAD}>${NS}<pattern><rule context="*[@code and not(self::code)]"><assert test="false()">x</assert></rule></pattern></schema>`);
    expect(r.failedAsserts).toHaveLength(2);
  });

  it('turns successful reports into entries of their own', () => {
    const r = run(`${HEAD}>${NS}<pattern><rule context="hl7:section"><report test="hl7:code/@code = 'B'">W001| sezione B</report></rule></pattern></schema>`);
    expect(r.failedAsserts).toEqual([]);
    expect(r.successfulReports.map((s) => s.text)).toEqual(['W001| sezione B']);
  });

  it('instantiates abstract patterns with their parameters', () => {
    const r = run(`${HEAD}>${NS}
      <pattern abstract="true" id="has-child"><rule context="$parent"><assert test="count($child) >= 1">manca <value-of select="'$child'"/></assert></rule></pattern>
      <pattern is-a="has-child" id="p1"><param name="parent" value="hl7:assignedAuthor"/><param name="child" value="hl7:telecom"/></pattern>
      <pattern is-a="has-child" id="p2"><param name="parent" value="hl7:section"/><param name="child" value="hl7:code"/></pattern>
    </schema>`);
    expect(texts(r)).toEqual(['manca hl7:telecom']);
  });

  it('expands abstract rules through <extends>', () => {
    const r = run(`${HEAD}>${NS}<pattern>
      <rule abstract="true" id="coded"><assert test="hl7:code/@code = 'A'">codice <value-of select="hl7:code/@code"/> non A</assert></rule>
      <rule context="hl7:section"><extends rule="coded"/><assert test="true()">never</assert></rule>
    </pattern></schema>`);
    expect(texts(r)).toEqual(['codice B non A']);
  });

  it('honours phases: defaultPhase, an explicit phase, and #ALL', () => {
    const schema = `${HEAD} defaultPhase="base">${NS}
      <phase id="base"><active pattern="a"/></phase><phase id="full"><active pattern="a"/><active pattern="b"/></phase>
      <pattern id="a"><rule context="hl7:ClinicalDocument"><assert test="false()">a</assert></rule></pattern>
      <pattern id="b"><rule context="hl7:ClinicalDocument"><assert test="false()">b</assert></rule></pattern>
    </schema>`;
    expect(texts(run(schema))).toEqual(['a']);
    expect(texts(run(schema, DOC, 'full'))).toEqual(['a', 'b']);
    expect(texts(run(schema, DOC, '#ALL'))).toEqual(['a', 'b']);
    expect(() => run(schema, DOC, 'nope')).toThrow(SchematronUnsupportedError);
  });

  it('returns diagnostics referenced by an assert, evaluated in the rule scope', () => {
    const r = run(`${HEAD}>${NS}<pattern><rule context="hl7:ClinicalDocument"><let name="n" value="count(//hl7:section)"/>
      <assert test="$n = 1" diagnostics="d1">troppe sezioni</assert></rule></pattern>
      <diagnostics><diagnostic id="d1">trovate <value-of select="$n"/> sezioni</diagnostic></diagnostics></schema>`);
    expect(r.failedAsserts[0]?.diagnostics).toEqual(['trovate 2 sezioni']);
  });

  it('reports a dynamic error (string() of two nodes) instead of passing silently', () => {
    const r = run(`${HEAD}>${NS}<pattern><rule context="hl7:component"><assert test="string(hl7:section) = ''">x</assert></rule></pattern></schema>`);
    expect(r.dynamicErrors).toHaveLength(1);
    expect(r.dynamicErrors[0]?.message).toMatch(/XPTY0004/);
  });

  it('rejects constructs it cannot evaluate faithfully', () => {
    expect(() => prepareSchematron('x', `${HEAD}><xsl:key name="k" match="*" use="@id"/><pattern/></schema>`)).toThrow(SchematronUnsupportedError);
    expect(() => prepareSchematron('x', `${HEAD}><include href="other.sch"/></schema>`)).toThrow(SchematronUnsupportedError);
    expect(() => prepareSchematron('x', `${HEAD}><pattern><rule context="*"><let name="v"><xsl:choose/></let></rule></pattern></schema>`)).toThrow(SchematronUnsupportedError);
    expect(() => prepareSchematron('x', `<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt"/>`)).toThrow(SchematronUnsupportedError);
  });
});

describe('fast evaluator coverage', () => {
  it('compiles (almost) every official rule for the fast evaluator', () => {
    const SCH = join(import.meta.dirname, '../../../resources/cda/schematron');
    let fastRules = 0;
    let all = 0;
    for (const file of readdirSync(SCH).filter((f) => f.endsWith('.sch'))) {
      const rules = prepareSchematron(file, readFileSync(join(SCH, file), 'utf8')).compiled.patterns.flatMap((p) => p.rules);
      all += rules.length;
      fastRules += rules.filter((r) => r.fast !== null).length;
    }
    expect(all).toBe(666);
    // Only rules whose <let> has an XSLT body (ErF, ErS, ErF_NoSSN, RAP) stay on fontoxpath.
    expect(fastRules).toBeGreaterThanOrEqual(all - 12);
  });

});

describe('fast context dispatch', () => {
  const SCH = join(import.meta.dirname, '../../../resources/cda/schematron');
  const DOCS = join(import.meta.dirname, '../../fixtures/cda/official-examples');
  // Contexts are matched against any document: two with the most varied structure suffice
  // (PSS: deep sections; RAP: the Person/Organization wildcard contexts). Keeps CI time low.
  const docs = ['PSS.xml', 'RAP.xml'].map((f) => parseXml(readFileSync(join(DOCS, f), 'utf8')));

  it('selects the same nodes as //context for every rule of the 22 official schematrons', () => {
    let compared = 0;
    let reversed = 0;
    for (const file of readdirSync(SCH).filter((f) => f.endsWith('.sch'))) {
      const p = prepareSchematron(file, readFileSync(join(SCH, file), 'utf8'));
      for (const rule of p.compiled.patterns.flatMap((pt) => pt.rules)) {
        if (rule.reversed === null) continue;
        reversed++;
        for (const doc of docs) {
          const slow = fontoxpath.evaluateXPathToNodes(rule.contextXPath, doc, null, null, p.options);
          const all: unknown[] = [];
          const walk = (e: { children: unknown[] }): void => {
            all.push(e);
            for (const c of e.children) walk(c as { children: unknown[] });
          };
          walk(doc.documentElement as unknown as { children: unknown[] });
          const filtered = fontoxpath.evaluateXPathToNodes(rule.reversed.filterXPath, null, null, { c: all }, p.options);
          expect(filtered, `${file} ${rule.context}`).toEqual(slow);
          const test = rule.fastContext;
          if (test) {
            p.compiled.order.get = () => 0;
            const fast = all.filter((item) => ebv(test({ item: item as never, position: 1, size: 1, vars: new Map() })));
            expect(fast, `fast ${file} ${rule.context}`).toEqual(slow);
          }
          compared++;
        }
      }
    }
    expect(reversed).toBeGreaterThan(600);
    expect(compared).toBeGreaterThan(1200);
  }, 300_000);
});

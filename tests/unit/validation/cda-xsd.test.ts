/**
 * Hand-made XSD-invalid documents: copies of the official PSS sample
 * broken on purpose are caught by libxml2 (xmllint-wasm) with its own message, the line and
 * an XPath to the offending element. Also: the schema set follows typeId/@extension
 * (CDA-VALIDATION.md §9 "XSD set must match the typeId").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CdaValidator } from '../../../electron/services/validation/cda-validator.ts';

const PSS = readFileSync(join(import.meta.dirname, '../../fixtures/cda/official-examples/PSS.xml'), 'utf8');
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const CD = "/*:ClinicalDocument[namespace-uri()='urn:hl7-org:v3'][1]";

let validator: CdaValidator;
beforeAll(() => {
  validator = CdaValidator.create();
});

describe('XSD validation (libxml2 via xmllint-wasm)', () => {
  it('accepts the official PSS sample', async () => {
    const r = await validator.validateXml(enc(PSS));
    expect(r.xsd).toEqual({ set: 'POCD_MT000040UV02', valid: true, errors: 0 });
  });

  it('catches wrong element order (typeId before realmCode) with message, line and path', async () => {
    const lines = PSS.split('\n');
    expect(lines[1]).toContain('<realmCode');
    expect(lines[2]).toContain('<typeId');
    [lines[1], lines[2]] = [lines[2] as string, lines[1] as string];
    const r = await validator.validateXml(enc(lines.join('\n')));
    expect(r.xsd.valid).toBe(false);
    const issue = r.issues.find((i) => i.source === 'xsd');
    expect(issue?.code).toBe('XSD_ELEMENT_NOT_EXPECTED');
    expect(issue?.message).toMatch(/^Schemas validity error : Element '\{urn:hl7-org:v3\}realmCode': This element is not expected\./);
    expect(issue?.line).toBe(3);
    expect(issue?.location).toBe(`${CD}/*:realmCode[namespace-uri()='urn:hl7-org:v3'][1]`);
    expect(r.valid).toBe(false);
  });

  it('catches a missing required attribute (typeId/@root)', async () => {
    const broken = PSS.replace('<typeId root="2.16.840.1.113883.1.3" extension="POCD_MT000040UV02"/>', '<typeId extension="POCD_MT000040UV02"/>');
    expect(broken).not.toBe(PSS);
    const r = await validator.validateXml(enc(broken));
    expect(r.xsd.valid).toBe(false);
    const issue = r.issues.find((i) => i.source === 'xsd');
    expect(issue?.code).toBe('XSD_ATTRIBUTE_REQUIRED');
    expect(issue?.message).toBe("Schemas validity error : Element '{urn:hl7-org:v3}typeId': The attribute 'root' is required but missing.");
    expect(issue?.location).toBe(`${CD}/*:typeId[namespace-uri()='urn:hl7-org:v3'][1]`);
  });

  it('catches the removed document id as the referee does (XSD FAIL + ERRORE-8)', async () => {
    const broken = PSS.replace(/<id [^>]*\/>/, '');
    const r = await validator.validateXml(enc(broken));
    expect(r.xsd.valid).toBe(false);
    const issue = r.issues.find((i) => i.source === 'xsd');
    expect(issue?.message).toBe(
      "Schemas validity error : Element '{urn:hl7-org:v3}code': This element is not expected. Expected is one of ( {urn:hl7-org:v3}templateId, {urn:hl7-org:v3}id ).",
    );
    expect(issue?.location).toBe(`${CD}/*:code[namespace-uri()='urn:hl7-org:v3'][1]`);
    expect(r.issues.filter((i) => i.source === 'schematron' && i.severity === 'error').map((i) => i.code)).toContain('ERRORE-8');
  });

  it('picks the schema set by typeId/@extension: PSS under POCD_HD000040 fails on supply/@classCode', async () => {
    const r = await validator.validateXml(enc(PSS.replace('extension="POCD_MT000040UV02"', 'extension="POCD_HD000040"')));
    expect(r.xsd.set).toBe('POCD_HD000040');
    expect(r.xsd.valid).toBe(false);
    expect(r.issues.some((i) => i.source === 'xsd' && /supply'?: The attribute 'classCode' is required/.test(i.message))).toBe(true);
  });

  it('reports an unknown typeId as not checked and invalid', async () => {
    const r = await validator.validateXml(enc(PSS.replace('extension="POCD_MT000040UV02"', 'extension="1.3"')));
    expect(r.xsd.valid).toBeNull();
    expect(r.issues.some((i) => i.code === 'XSD_SCHEMA_NOT_FOUND')).toBe(true);
    expect(r.valid).toBe(false);
  });

  it('reports a not-well-formed document with the parser message', async () => {
    const r = await validator.validateXml(enc(PSS.replace('</title>', '</titolo>')));
    expect(r.valid).toBe(false);
    expect(r.issues.some((i) => i.code === 'XML_NOT_WELL_FORMED')).toBe(true);
    expect(r.issues.some((i) => i.code === 'XML_PARSE_ERROR' && i.line !== undefined)).toBe(true);
  });
});

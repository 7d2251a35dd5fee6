/**
 * The PSS CDA builder against the gateway's rules: for every synthetic record, the in-process
 * validator (XSD POCD_MT000040UV02 + schematron_PSS_v4.0 + terminology, the same verdict as
 * the gateway: CDA-VALIDATION.md §1) must find zero errors; plus header, section, narrative and
 * escaping checks on the XML itself.
 */
import { DOMParser } from '@xmldom/xmldom';
import { beforeAll, describe, expect, it } from 'vitest';
import { PssInput } from '../../../shared/domain/clinical-record.ts';
import { SECTION, buildPssCda, pssPublicationMetadata } from '../../../shared/documents/cda/pss/index.ts';
import { CdaValidator } from '../../../electron/services/validation/cda-validator.ts';
import { TRICKY, emptyInput, fullInput, syntheticInputs } from './pss-inputs.ts';

const NS = 'urn:hl7-org:v3';
const CF_OID = '2.16.840.1.113883.2.9.4.3.2';

type XElement = ReturnType<DOMParser['parseFromString']>['documentElement'] & {};

function parse(xml: string): XElement {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, msg) => { if (level !== 'warning') errors.push(msg); } }).parseFromString(xml, 'text/xml');
  expect(errors).toEqual([]);
  return doc.documentElement!;
}
function kids(e: XElement, name: string): XElement[] {
  const out: XElement[] = [];
  for (let c = e.firstChild; c; c = c.nextSibling) if (c.nodeType === 1 && (c as XElement).localName === name) out.push(c as XElement);
  return out;
}
function kid(e: XElement, ...path: string[]): XElement {
  let cur = e;
  for (const p of path) {
    const next = kids(cur, p)[0];
    if (!next) throw new Error(`missing ${path.join('/')}`);
    cur = next;
  }
  return cur;
}
function all(e: XElement, name: string): XElement[] {
  return Array.from(e.getElementsByTagNameNS(NS, name)) as XElement[];
}
function sectionCodes(root: XElement): string[] {
  return kids(kid(root, 'component', 'structuredBody'), 'component').map((c) => kid(c, 'section', 'code').getAttribute('code')!);
}

describe('PSS CDA builder', () => {
  let validator: CdaValidator;
  beforeAll(() => {
    validator = CdaValidator.create();
  });

  const inputs: Array<[string, PssInput]> = [
    ['full record', fullInput()],
    ['empty record', emptyInput()],
    ...syntheticInputs().map((i, n): [string, PssInput] => [`synthetic ${n + 1} (${i.author.role}, v${i.version.versionNumber})`, i]),
  ];

  it.each(inputs)('%s passes XSD + PSS v4.0 schematron + terminology with zero errors', async (_name, input) => {
    const xml = buildPssCda(input);
    parse(xml);
    const r = await validator.validateXml(new TextEncoder().encode(xml));
    const errors = r.issues.filter((i) => i.severity === 'error').map((i) => `${i.source} ${i.code} ${i.message.slice(0, 160)}`);
    expect(errors).toEqual([]);
    expect(r.xsd).toMatchObject({ set: 'POCD_MT000040UV02', valid: true, errors: 0 });
    expect(r.schematron).toMatchObject({ file: 'schematron_PSS_v4.0.sch', failedAsserts: 0 });
    expect(r.terminology.errors).toBe(0);
    expect(r.valid).toBe(true);
  }, 120_000);

  it('the synthetic set exercises every PSS section', () => {
    const seen = new Set<string>();
    for (const [, input] of inputs.slice(2)) for (const c of sectionCodes(parse(buildPssCda(input)))) seen.add(c);
    expect([...seen].sort()).toEqual(Object.values(SECTION).map((s) => s.code).sort());
  });

  it('writes the header per the IG: ids under the organisation root, CF OIDs, author = legalAuthenticator, RPLC', () => {
    const input = fullInput();
    const root = parse(buildPssCda(input));
    const docRoot = '2.16.840.1.113883.2.9.2.120.4.4';
    expect(kid(root, 'realmCode').getAttribute('code')).toBe('IT');
    expect(kid(root, 'templateId').getAttribute('root')).toBe('2.16.840.1.113883.2.9.10.1.4.1.1');
    expect(kid(root, 'id').getAttribute('root')).toBe(docRoot);
    expect(kid(root, 'id').getAttribute('extension')).toBe('PSS.FULL.V3');
    expect(kid(root, 'setId').getAttribute('extension')).toBe('PSS.FULL.V1');
    expect(kid(root, 'versionNumber').getAttribute('value')).toBe('3');
    expect(kid(root, 'code').getAttribute('code')).toBe('60591-5');
    expect(kid(root, 'languageCode').getAttribute('code')).toBe('it-IT');
    expect(kid(root, 'confidentialityCode').getAttribute('code')).toBe(input.confidentiality);
    expect(kid(root, 'effectiveTime').getAttribute('value')).toBe('20260302100000+0100');
    const patientId = kid(root, 'recordTarget', 'patientRole', 'id');
    expect(patientId.getAttribute('root')).toBe(CF_OID);
    expect(patientId.getAttribute('extension')).toBe(input.patient.identifier);
    const authorId = kid(root, 'author', 'assignedAuthor', 'id');
    const legalId = kid(root, 'legalAuthenticator', 'assignedEntity', 'id');
    expect(authorId.getAttribute('root')).toBe(CF_OID);
    expect(authorId.getAttribute('extension')).toBe(input.author.codiceFiscale);
    expect(legalId.getAttribute('extension')).toBe(input.author.codiceFiscale);
    expect(kid(root, 'author', 'assignedAuthor', 'code').getAttribute('code')).toBe(input.author.role);
    expect(kid(root, 'custodian', 'assignedCustodian', 'representedCustodianOrganization', 'id').getAttribute('extension')).toBe(input.custodian.id);
    const related = kid(root, 'relatedDocument');
    expect(related.getAttribute('typeCode')).toBe('RPLC');
    expect(kid(related, 'parentDocument', 'id').getAttribute('extension')).toBe('PSS.FULL.V2');
    // Every entry id is under the organisation root.
    const firstChild = (e: XElement): XElement => { let c = e.firstChild; while (c && c.nodeType !== 1) c = c.nextSibling; return c as XElement; };
    const entryIds = all(root, 'entry').flatMap((e) => kids(firstChild(e), 'id'));
    expect(entryIds.length).toBeGreaterThan(20);
    for (const section of kids(kid(root, 'component', 'structuredBody'), 'component')) {
      expect(kid(section, 'section', 'id').getAttribute('root')).toBe(docRoot);
    }
    expect(entryIds.every((i) => i.getAttribute('root') === docRoot)).toBe(true);
  });

  it('version 1 has setId = id and no relatedDocument', () => {
    const input = syntheticInputs(1)[0]!;
    const root = parse(buildPssCda(input));
    expect(kid(root, 'setId').getAttribute('extension')).toBe(kid(root, 'id').getAttribute('extension'));
    expect(kids(root, 'relatedDocument')).toHaveLength(0);
  });

  it('puts the sections in the IG order with their LOINC codes', () => {
    expect(sectionCodes(parse(buildPssCda(fullInput())))).toEqual([
      '48765-2', '10160-0', '11369-6', '11450-4', '10157-6', '29762-2', '10162-6', '8716-3', '46264-8',
      '18776-5', '47519-4', '46240-8', '47420-5', '30954-2', '42348-3', '57827-8', 'PSSIT99',
    ]);
    expect(sectionCodes(parse(buildPssCda(emptyInput())))).toEqual(['48765-2', '10160-0', '11450-4', '10157-6']);
  });

  it('every narrative reference points at an ID in the narrative, and every entry has narrative', () => {
    for (const input of [fullInput(), emptyInput(), ...syntheticInputs(10, 3)]) {
      const root = parse(buildPssCda(input));
      const ids = new Set(all(root, '*').map((e) => e.getAttribute('ID')).filter((x): x is string => !!x));
      const refs = all(root, 'reference').map((r) => r.getAttribute('value')!);
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) expect(ids, ref).toContain(ref.slice(1));
      for (const comp of kids(kid(root, 'component', 'structuredBody'), 'component')) {
        const sec = kid(comp, 'section');
        const text = kid(sec, 'text');
        expect(text.textContent!.trim().length).toBeGreaterThan(0);
        for (const entry of kids(sec, 'entry')) {
          const entryRefs = all(entry, 'reference').map((r) => r.getAttribute('value')!.slice(1));
          const inText = entryRefs.filter((id) => all(text, '*').some((e) => e.getAttribute('ID') === id));
          // Functional-status organizers have no text slot in the IG: checked through the table row instead.
          if (kid(sec, 'code').getAttribute('code') !== '47420-5') expect(inText.length, kid(sec, 'code').getAttribute('code')!).toBeGreaterThan(0);
        }
      }
    }
  });

  it('escapes <, & and " in free text: the parsed narrative shows the exact text', () => {
    const xml = buildPssCda(fullInput());
    expect(xml).not.toContain('<importante>');
    expect(xml).toContain('&lt;importante&gt; &amp; "virgolette"');
    const root = parse(xml);
    const contents = all(root, 'content').map((c) => c.textContent);
    expect(contents.some((t) => t?.includes(TRICKY))).toBe(true);
    expect(all(root, 'lotNumberText')[0]!.textContent).toBe('AB<12>');
  });

  it('prints the source of each entry in the narrative', () => {
    const text = parse(buildPssCda(fullInput())).textContent!;
    expect(text).toContain('Dichiarato dal paziente');
    expect(text).toContain('Documentato dal medico');
    expect(text).toContain('Da specialista');
  });

  it('is deterministic: the same input gives the same bytes', () => {
    expect(buildPssCda(fullInput())).toBe(buildPssCda(fullInput()));
    expect(syntheticInputs(5).map(buildPssCda)).toEqual(syntheticInputs(5).map(buildPssCda));
  });

  it('rejects inputs that would break the IG rules (version 2 without the replaced document)', () => {
    const input = fullInput();
    expect(() => buildPssCda({ ...input, version: { ...input.version, replacesDocumentId: undefined } })).toThrow(/RPLC/);
  });

  it('a document missing a mandatory section fails the schematron (the validator is not a rubber stamp)', async () => {
    const xml = buildPssCda(emptyInput());
    const broken = xml.replace(/<component typeCode="COMP">\s*<section ID="sec-11450-4">[\s\S]*?<\/section>\s*<\/component>/, '');
    expect(broken.length).toBeLessThan(xml.length);
    const r = await validator.validateXml(new TextEncoder().encode(broken));
    expect(r.valid).toBe(false);
    expect(r.schematron.failedAsserts).toBeGreaterThan(0);
    expect(r.issues.map((i) => i.code)).toContain('ERRORE-b10');
  }, 60_000);

  it('carries the patient choices to the publication metadata', () => {
    const input = fullInput();
    const open = pssPublicationMetadata({ ...input, choices: { obscured: false, hiddenFromGuardians: false, consentToFse: true } });
    expect(open.attiCliniciRegoleAccesso).toEqual([]);
    expect(open.identificativoDoc).toBe('2.16.840.1.113883.2.9.2.120.4.4^PSS.FULL.V3');
    expect(open.tipoDocumentoLivAlto).toBe('SUM');
    const hidden = pssPublicationMetadata({ ...input, choices: { obscured: true, hiddenFromGuardians: true, consentToFse: false } });
    expect(hidden.attiCliniciRegoleAccesso).toEqual(['P99', 'P97']);
    expect(hidden.jwt.patient_consent).toBe(false);
  });
});

describe('PSS input checks (reported on the field, before any XML is built)', () => {
  it('an end date before the start date is reported on the end field', () => {
    const input = fullInput();
    input.record.problems[1]!.resolution = '1980-01-01';
    const r = PssInput.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toContain('record.problems.1.resolution');
  });

  it('partial dates compare at their common precision', () => {
    const input = fullInput();
    input.record.problems[1]!.onset = '1990-06';
    input.record.problems[1]!.resolution = '1990-06-20';
    expect(PssInput.safeParse(input).success).toBe(true);
  });

  it('the author needs a contact and the patient a codice fiscale (ERRORE-40, ERRORE-10a)', () => {
    const input = fullInput();
    const r = PssInput.safeParse({ ...input, author: { ...input.author, phone: undefined, email: undefined }, patient: { ...input.patient, identifierKind: 'STP' } });
    expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['author.phone', 'patient.identifierKind']));
  });
});

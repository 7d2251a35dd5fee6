/**
 * The vaccination CDA builders against the gateway's rules (PAEDIATRICS.md §1): for 200
 * synthetic children 0-14 the certificato vaccinale and schede singole (one per decision, one
 * administration per child, every administration of the first children) pass the in-process
 * validator (XSD POCD_MT000040UV02 + the official schematron_singola_VACC_v3.3 /
 * schematron_certificato_VACC_v2.4 + terminology; CDA-VALIDATION.md §1) with zero errors and
 * zero warnings, except W004 (no site) on oral vaccines: the ActSite table has no mouth code.
 * Plus the header, the entries, the school-printable narrative and the metadata.
 */
import { readFileSync } from 'node:fs';
import { DOMParser } from '@xmldom/xmldom';
import { beforeAll, describe, expect, it } from 'vitest';
import { CdaValidator } from '../../../electron/services/validation/cda-validator.ts';
import { evaluateSchedule } from '../../../shared/analytics/vaccination-schedule/index.ts';
import { VaccDocInput, type VaccineAdministration } from '../../../shared/domain/vaccination-document.ts';
import { buildCertVaccCda, buildSingVaccCda, VaccDocError, vaccPublicationMetadata } from '../../../shared/documents/cda/vacc/index.ts';
import { TARGET_DISEASE_LABEL } from '../../../shared/synthetic/vaccine-products.ts';
import { TODAY, loaded, singInput, syntheticVaccDocs } from './vacc-inputs.ts';

const NS = 'urn:hl7-org:v3';
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
function section(root: XElement): XElement {
  return kid(root, 'component', 'structuredBody', 'component', 'section');
}

const docs = syntheticVaccDocs();
const oral = (a: VaccineAdministration): boolean => a.route === 'PO';

interface Case { name: string; xml: string; schematron: string; oral: boolean }

function cases(): Case[] {
  const out: Case[] = [];
  docs.forEach(({ input }, i) => {
    const p = input.patient.identifier;
    if (input.administrations.length + input.decisions.length > 0) {
      out.push({ name: `cert ${i + 1} ${p} v${input.version.versionNumber}`, xml: buildCertVaccCda(input), schematron: 'schematron_certificato_VACC_v2.4.sch', oral: false });
    }
    const withAic = input.administrations.filter((a) => a.vaccine.aic);
    const chosen = i < 10 ? withAic : withAic.length > 0 ? [withAic[i % withAic.length]!] : [];
    for (const a of chosen) out.push({ name: `sing ${i + 1} ${a.id}`, xml: buildSingVaccCda(singInput(input, a.id), a.id), schematron: 'schematron_singola_VACC_v3.3.sch', oral: oral(a) });
    for (const d of input.decisions) out.push({ name: `sing ${i + 1} ${d.id}`, xml: buildSingVaccCda(singInput(input, d.id), d.id), schematron: 'schematron_singola_VACC_v3.3.sch', oral: false });
  });
  return out;
}

describe('vaccination CDA builders', () => {
  let validator: CdaValidator;
  beforeAll(() => {
    validator = CdaValidator.create();
  });

  it('the synthetic children cover the profiles a paediatrician meets', () => {
    expect(docs).toHaveLength(Number(process.env.VACC_TEST_COUNT ?? 200));
    const profiles = new Set(docs.map((d) => d.profile));
    expect([...profiles].sort()).toEqual(['behind', 'exemption', 'on-time', 'postponement', 'refusal']);
    const kinds = new Set(docs.flatMap((d) => d.input.decisions.map((x) => x.kind)));
    expect([...kinds].sort()).toEqual(['exemption', 'postponement', 'refusal']);
    const ages = docs.map((d) => Number(TODAY.slice(0, 4)) - Number(d.input.patient.birthDate.slice(0, 4)));
    expect(Math.min(...ages)).toBeLessThanOrEqual(1);
    expect(Math.max(...ages)).toBeGreaterThanOrEqual(13);
    expect(Math.max(...ages)).toBeLessThanOrEqual(15);
    // Some doses recorded without the package (ATC only), some guardians missing.
    expect(docs.some((d) => d.input.administrations.some((a) => !a.vaccine.aic))).toBe(true);
    expect(docs.some((d) => !d.input.guardian)).toBe(true);
    expect(docs.every((d) => VaccDocInput.safeParse(d.input).success)).toBe(true);
  });

  it('children behind schedule have overdue doses on the national calendar; on-time children almost none', () => {
    const overdue = (i: VaccDocInput): number =>
      evaluateSchedule(loaded.calendar, loaded.vaccines, {
        birthDate: i.patient.birthDate,
        sex: i.patient.sex,
        today: TODAY,
        administrations: i.administrations.map((a) => ({ id: a.id, date: a.date, vaccine: { atc: a.vaccine.atc.code, name: a.vaccine.aic?.display }, doseNumber: a.doseNumber })),
        decisions: i.decisions.map((d) => ({ id: d.id, kind: d.kind, vaccine: { atc: d.vaccine.atc.code }, date: d.date, until: d.until })),
      }).doses.filter((d) => d.status === 'overdue').length;
    const behind = docs.filter((d) => d.profile === 'behind');
    const onTime = docs.filter((d) => d.profile === 'on-time');
    const late = behind.filter((d) => overdue(d.input) > 0).length;
    // Not every "behind" child is overdue today: the missing doses of a young one may not be due yet.
    expect(late).toBeGreaterThan(behind.length * 0.4);
    expect(late).toBeGreaterThanOrEqual(docs.length * 0.05);
    expect(onTime.filter((d) => overdue(d.input) === 0).length).toBeGreaterThan(onTime.length * 0.9);
  });

  it('target-disease labels are those of the antigen list (OID 2.16.840.1.113883.2.9.6.1.56.4)', () => {
    const csv = readFileSync('resources/cda/terminology/2.16.840.1.113883.2.9.6.1.56.4.csv', 'utf8');
    const table = new Map(csv.split(/\r?\n/).slice(1).filter(Boolean).map((l) => {
      const m = /^"[^"]*",(\d{2}),(?:"([^"]*)"|([^,]*)),/.exec(l)!;
      return [m[1]!, (m[2] ?? m[3]!).trim()];
    }));
    for (const [code, label] of Object.entries(TARGET_DISEASE_LABEL)) expect(table.get(code), code).toBe(label);
  });

  it('200 children: certificates and schede singole pass XSD + official schematron + terminology, 0 errors, 0 warnings but W004 on oral vaccines', async () => {
    const list = cases();
    expect(list.filter((c) => c.name.startsWith('cert')).length).toBeGreaterThan(docs.length * 0.9);
    expect(list.filter((c) => c.name.startsWith('sing')).length).toBeGreaterThan(docs.length);
    const failures: string[] = [];
    let w004 = 0;
    for (const c of list) {
      const r = await validator.validateXml(new TextEncoder().encode(c.xml));
      const errors = r.issues.filter((i) => i.severity === 'error');
      const warnings = r.issues.filter((i) => i.severity === 'warning');
      const allowed = warnings.filter((w) => c.oral && w.message.startsWith('W004'));
      w004 += allowed.length;
      if (r.schematron.file !== c.schematron || !r.xsd.valid || errors.length > 0 || warnings.length !== allowed.length || !r.valid) {
        failures.push(`${c.name}: ${r.schematron.file} ${[...errors, ...warnings].map((i) => `${i.source} ${i.message.slice(0, 120)}`).join(' | ')}`);
      }
    }
    expect(failures).toEqual([]);
    expect(w004).toBe(list.filter((c) => c.oral).length);
  }, 600_000);

  const sample = docs.find((d) => d.input.guardian && d.input.decisions.length > 0 && d.input.administrations.some((a) => a.vaccine.aic && a.route === 'IM'))!;

  it('writes the header: templates with extension, codes of W001, guardian, ids, author = legalAuthenticator', () => {
    const input = sample.input;
    const a = input.administrations.find((x) => x.vaccine.aic)!;
    const sing = parse(buildSingVaccCda(singInput(input, a.id), a.id));
    const cert = parse(buildCertVaccCda(input));
    expect(kid(sing, 'templateId').getAttribute('root')).toBe('2.16.840.1.113883.2.9.10.1.11.1.1');
    expect(kid(cert, 'templateId').getAttribute('root')).toBe('2.16.840.1.113883.2.9.10.1.11.1.2');
    expect(kid(sing, 'templateId').getAttribute('extension')).toBeTruthy();
    expect(kid(sing, 'code').getAttribute('code')).toBe('87273-9');
    expect(kid(sing, 'code').getAttribute('displayName')).toBe('Immunization note');
    expect(kid(cert, 'code').getAttribute('code')).toBe('82593-5');
    expect(kid(cert, 'code').getAttribute('displayName')).toBe('Immunization summary report');
    expect(kid(sing, 'id').getAttribute('extension')).toBe(`SINGVACC.${input.patient.identifier}.${a.id}.V1`);
    expect(kid(cert, 'id').getAttribute('extension')).toBe(input.version.documentId);
    const g = kid(cert, 'recordTarget', 'patientRole', 'patient', 'guardian');
    expect(kid(g, 'code').getAttribute('code')).toBe(input.guardian!.relation);
    expect(kid(g, 'guardianPerson', 'name').textContent).toBe(input.guardian!.name);
    expect(kid(g, 'id').getAttribute('extension')).toBe(input.guardian!.codiceFiscale);
    expect(kid(cert, 'recordTarget', 'patientRole', 'id').getAttribute('extension')).toBe(input.patient.identifier);
    expect(kid(cert, 'author', 'assignedAuthor', 'id').getAttribute('extension')).toBe(input.author.codiceFiscale);
    expect(kid(cert, 'legalAuthenticator', 'assignedEntity', 'id').getAttribute('extension')).toBe(input.author.codiceFiscale);
    expect(kids(kid(cert, 'author', 'assignedAuthor'), 'code')).toHaveLength(0);
  });

  it('a version 2 certificate replaces version 1 (RPLC, ERRORE-8/9)', () => {
    const v2 = docs.find((d) => d.input.version.versionNumber === 2 && d.input.administrations.length > 0)!.input;
    const root = parse(buildCertVaccCda(v2));
    expect(kid(root, 'setId').getAttribute('extension')).not.toBe(kid(root, 'id').getAttribute('extension'));
    expect(kid(root, 'relatedDocument').getAttribute('typeCode')).toBe('RPLC');
    expect(kid(root, 'relatedDocument', 'parentDocument', 'id').getAttribute('extension')).toBe(v2.version.replacesDocumentId);
  });

  it('the scheda singola has exactly one entry with AIC + ATC, route, site, dose, lot, dose number and target diseases', () => {
    const input = sample.input;
    const a = input.administrations.find((x) => x.vaccine.aic && x.route === 'IM')!;
    const root = parse(buildSingVaccCda(singInput(input, a.id), a.id));
    const entries = kids(section(root), 'entry');
    expect(entries).toHaveLength(1);
    const sa = kid(entries[0]!, 'substanceAdministration');
    expect(kid(sa, 'templateId').getAttribute('root')).toBe('2.16.840.1.113883.2.9.10.1.11.4.1');
    expect(kid(sa, 'statusCode').getAttribute('code')).toBe('completed');
    expect(kid(sa, 'effectiveTime').getAttribute('value')).toBe(a.date.replace(/-/g, ''));
    expect(kid(sa, 'routeCode').getAttribute('code')).toBe('IM');
    expect(kid(sa, 'approachSiteCode').getAttribute('code')).toBe(a.site);
    expect(kid(sa, 'doseQuantity').getAttribute('unit')).toBe('mL');
    const code = kid(sa, 'consumable', 'manufacturedProduct', 'manufacturedMaterial', 'code');
    expect(code.getAttribute('codeSystem')).toBe('2.16.840.1.113883.2.9.6.1.5');
    expect(code.getAttribute('code')).toBe(a.vaccine.aic!.code);
    expect(kid(code, 'translation').getAttribute('code')).toMatch(/^J07/);
    if (a.lot) expect(kid(sa, 'consumable', 'manufacturedProduct', 'manufacturedMaterial', 'lotNumberText').textContent).toBe(a.lot);
    const dose = kids(sa, 'entryRelationship').filter((r) => r.getAttribute('typeCode') === 'SUBJ');
    expect(dose).toHaveLength(1);
    expect(kid(dose[0]!, 'observation', 'value').getAttribute('value')).toBe(String(a.doseNumber));
    const diseases = kids(sa, 'entryRelationship').map((r) => kid(r, 'observation')).filter((o) => kid(o, 'code').getAttribute('code') === '75323-6');
    expect(diseases.map((o) => kid(o, 'value').getAttribute('code'))).toEqual(a.targetDiseases.map((d) => d.code));
    expect(kid(sa, 'performer', 'assignedEntity', 'assignedPerson', 'name').textContent).toBe(a.performer!.name);
    expect(kid(sa, 'participant').getAttribute('typeCode')).toBe('LOC');
    // Never the official examples' anticoagulant.
    expect(all(root, 'code').some((c) => c.getAttribute('code') === '035606033' || c.getAttribute('code') === 'B01AX05')).toBe(false);
  });

  it('a decision is a cancelled substanceAdministration with its reason (and period for a postponement)', () => {
    const withPostponement = docs.find((d) => d.input.decisions.some((x) => x.kind === 'postponement'))!.input;
    const d = withPostponement.decisions.find((x) => x.kind === 'postponement')!;
    const root = parse(buildSingVaccCda(singInput(withPostponement, d.id), d.id));
    const sa = kid(section(root), 'entry', 'substanceAdministration');
    expect(kid(sa, 'templateId').getAttribute('root')).toBe('2.16.840.1.113883.2.9.10.1.11.4.2');
    expect(kid(sa, 'statusCode').getAttribute('code')).toBe('cancelled');
    const reason = kids(sa, 'entryRelationship').map((r) => kid(r, 'observation')).find((o) => kid(o, 'code').getAttribute('code') === '85714-4')!;
    expect(kid(reason, 'value').getAttribute('code')).toBe(d.reason);
    expect(kid(reason, 'effectiveTime', 'low').getAttribute('value')).toBe(d.date.replace(/-/g, ''));
    expect(kid(reason, 'effectiveTime', 'high').getAttribute('value')).toBe(d.until!.replace(/-/g, ''));
    expect(section(root).textContent).toContain('Differimento');
    const immune = docs.flatMap((x) => x.input.decisions.map((y) => ({ input: x.input, d: y }))).find((x) => x.d.presumedImmunity.length > 0);
    if (immune) {
      const r2 = parse(buildSingVaccCda(singInput(immune.input, immune.d.id), immune.d.id));
      expect(all(r2, 'templateId').some((t) => t.getAttribute('root') === '2.16.840.1.113883.2.9.10.1.11.4.7')).toBe(true);
    }
  });

  it('a reason recorded as text only: the scheda points the reason observation at it, the certificate prints no reason', () => {
    const found = docs.flatMap((x) => x.input.decisions.map((d) => ({ input: x.input, d }))).find((x) => !x.d.reason)!;
    expect(found).toBeDefined();
    const root = parse(buildSingVaccCda(singInput(found.input, found.d.id), found.d.id));
    const reason = all(root, 'observation').find((o) => kid(o, 'code').getAttribute('code') === '85714-4')!;
    expect(kids(reason, 'value')).toHaveLength(0);
    expect(kid(reason, 'text', 'reference').getAttribute('value')).toBe(`#vac-${found.d.id}-motivo`);
    expect(section(root).textContent).toContain(found.d.reasonText!);
    const cert = buildCertVaccCda(found.input);
    expect(cert).not.toContain(found.d.reasonText!);
  });

  it('the certificate lists every administration and decision; a dose without AIC has code nullFlavor UNK with the ATC', () => {
    const input = docs.find((d) => d.input.administrations.some((a) => !a.vaccine.aic) && d.input.decisions.length > 0)?.input
      ?? docs.find((d) => d.input.administrations.some((a) => !a.vaccine.aic))!.input;
    const root = parse(buildCertVaccCda(input));
    const entries = kids(section(root), 'entry').map((e) => kid(e, 'substanceAdministration'));
    expect(entries).toHaveLength(input.administrations.length + input.decisions.length);
    expect(kid(section(root), 'title').textContent).toBe('Certificato Vaccinale');
    const noAic = input.administrations.find((a) => !a.vaccine.aic)!;
    const sa = entries.find((e) => kid(e, 'id').getAttribute('extension') === noAic.id)!;
    const code = kid(sa, 'consumable', 'manufacturedProduct', 'manufacturedMaterial', 'code');
    expect(code.getAttribute('nullFlavor')).toBe('UNK');
    expect(kid(code, 'translation').getAttribute('code')).toBe(noAic.vaccine.atc.code);
    // Entries in date order, decisions after the doses given.
    const dates = entries.filter((e) => kid(e, 'statusCode').getAttribute('code') === 'completed').map((e) => kid(e, 'effectiveTime').getAttribute('value')!);
    expect(dates).toEqual([...dates].sort());
  });

  it('the certificate is printable for school: names, vaccines, dates, doses; no reactions, conditions or notes', () => {
    const exempt = docs.find((d) => d.input.decisions.some((x) => x.condition) && d.input.administrations.some((a) => a.adverseReaction))!.input;
    const root = parse(buildCertVaccCda(exempt));
    const text = kid(section(root), 'text').textContent!;
    for (const a of exempt.administrations) {
      expect(text).toContain(a.date.split('-').reverse().join('/'));
      if (a.adverseReaction) expect(text).not.toContain(a.adverseReaction.display);
    }
    for (const d of exempt.decisions) {
      if (d.condition) expect(text).not.toContain(d.condition.display);
      if (d.reasonText) expect(text).not.toContain(d.reasonText);
    }
    expect(all(root, 'routeCode')).toHaveLength(0);
    expect(all(root, 'performer')).toHaveLength(0);
    expect(all(root, 'observation').some((o) => kid(o, 'code').getAttribute('code') === '31044-1')).toBe(false);
    // The scheda singola of the same dose keeps the reaction.
    const reacted = exempt.administrations.find((a) => a.adverseReaction && a.vaccine.aic);
    if (reacted) expect(buildSingVaccCda(singInput(exempt, reacted.id), reacted.id)).toContain('31044-1');
  });

  it('every narrative reference points at an ID in the narrative', () => {
    for (const { input } of docs.slice(0, 20)) {
      const xmls = input.administrations.length + input.decisions.length > 0 ? [buildCertVaccCda(input)] : [];
      for (const e of [...input.administrations.filter((a) => a.vaccine.aic), ...input.decisions]) xmls.push(buildSingVaccCda(singInput(input, e.id), e.id));
      for (const xml of xmls) {
        const root = parse(xml);
        const ids = new Set(all(root, '*').map((e) => e.getAttribute('ID')).filter((x): x is string => !!x));
        for (const ref of all(root, 'reference').map((r) => r.getAttribute('value')!)) expect(ids, ref).toContain(ref.slice(1));
      }
    }
  });

  it('same input, same bytes; free text is escaped', () => {
    const input = sample.input;
    expect(buildCertVaccCda(input)).toBe(buildCertVaccCda(structuredClone(input)));
    const a = input.administrations.find((x) => x.vaccine.aic)!;
    const tricky = { ...input, administrations: input.administrations.map((x) => (x.id === a.id ? { ...x, lot: 'AB<12>&"' } : x)) };
    const xml = buildSingVaccCda(singInput(tricky, a.id), a.id);
    expect(xml).toContain('AB&lt;12&gt;&amp;"');
    expect(all(parse(xml), 'lotNumberText')[0]!.textContent).toBe('AB<12>&"');
  });

  it('refuses what the schematrons would reject, with Italian messages', () => {
    const input = sample.input;
    const noAic = docs.flatMap((d) => d.input.administrations.map((a) => ({ input: d.input, a }))).find((x) => !x.a.vaccine.aic)!;
    expect(() => buildSingVaccCda(singInput(noAic.input, noAic.a.id), noAic.a.id)).toThrow(VaccDocError);
    expect(() => buildSingVaccCda(singInput(noAic.input, noAic.a.id), noAic.a.id)).toThrow(/AIC/);
    expect(() => buildSingVaccCda(input, 'nessuna')).toThrow(/non presente/);
    expect(() => buildCertVaccCda({ ...input, administrations: [], decisions: [] })).toThrow(/almeno una/);
    const team = VaccDocInput.safeParse({ ...input, patient: { ...input.patient, identifierKind: 'TEAM' } });
    expect(team.success).toBe(false);
    const d = input.decisions[0]!;
    const badPeriod = VaccDocInput.safeParse({ ...input, decisions: [{ ...d, kind: 'postponement', until: undefined }] });
    expect(badPeriod.success).toBe(false);
    const future = VaccDocInput.safeParse({ ...input, administrations: [{ ...input.administrations[0]!, date: '2026-03-10' }] });
    expect(future.success).toBe(false);
  });

  it('gateway metadata per type (PAEDIATRICS.md §1)', () => {
    const input = sample.input;
    const sing = vaccPublicationMetadata(singInput(input, input.administrations[0]!.id), 'sing-vacc');
    const cert = vaccPublicationMetadata(input, 'cert-vacc');
    expect(sing).toMatchObject({ tipologiaStruttura: 'Territorio', tipoDocumentoLivAlto: 'VAC', tipoAttivitaClinica: 'ERP', assettoOrganizzativo: 'AD_PSC039', healthDataFormat: 'CDA', mode: 'ATTACHMENT' });
    expect(sing.jwt.resource_hl7_type).toBe("('87273-9^^2.16.840.1.113883.6.1')");
    expect(cert.tipoAttivitaClinica).toBe('OBS');
    expect(cert.jwt.resource_hl7_type).toBe("('82593-5^^2.16.840.1.113883.6.1')");
    expect(cert.identificativoDoc).toBe(`2.16.840.1.113883.2.9.2.120.4.4^${input.version.documentId}`);
    expect(cert.jwt.person_id).toBe(`${input.patient.identifier}^^^&2.16.840.1.113883.2.9.4.3.2&ISO`);
    expect(vaccPublicationMetadata({ ...input, author: { ...input.author, role: 'MMG' } }, 'cert-vacc').assettoOrganizzativo).toBe('AD_PSC130');
  });
});

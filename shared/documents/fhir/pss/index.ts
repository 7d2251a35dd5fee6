/**
 * buildPssFhirBundle: the PSS as a FHIR R4 document Bundle (Composition first), with the
 * resource types, Composition section LOINC codes and identifier systems of the ministry's
 * CDA→FHIR mapping output (FHIR-TERMS-DICOM.md §1.3–1.4; fse-gateway-examples/PSS.json).
 * Section narratives are the CDA narratives converted to XHTML, so the two renditions of the
 * same record cannot drift apart. Deterministic: ids are digests of the document and entry ids.
 */
import { PssInput } from '../../../domain/clinical-record.ts';
import { OID } from '../../cda/datatypes.ts';
import { buildPssCdaTree, documentIdRoot } from '../../cda/pss/index.ts';
import { SECTION, SECTION_ORDER, type SectionKey } from '../../cda/pss/templates.ts';
import type { XmlElement } from '../../xml/writer.ts';
import { allergyResources, immunizationResources, medicationResources } from './allergies-meds.ts';
import { carePlanResources, coverageResources, deviceResources, encounterResources, networkResources, procedureResources } from './care.ts';
import { SYS, cc, clean, ref, rid, type FhirContext } from './common.ts';
import { conditionResources, familyResources } from './conditions-family.ts';
import { headerResources } from './header.ts';
import { xhtmlFromCdaText } from './narrative.ts';
import { functionalResources, lifestyleResources, organDonationResources, pregnancyResources, resultResources, vitalResources } from './observations.ts';
import type { SectionResources } from './section-result.ts';
import type { BundleEntry, FhirBundle, FhirResource } from './types.ts';

export type { FhirBundle, FhirResource } from './types.ts';

/** CDA section code → its `<text>` element, from the CDA tree built from the same input. */
function cdaNarratives(tree: XmlElement): Map<string, XmlElement> {
  const out = new Map<string, XmlElement>();
  const body = tree.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === 'component');
  const sb = body?.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === 'structuredBody');
  for (const comp of sb?.children ?? []) {
    if (typeof comp === 'string') continue;
    const sec = comp.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === 'section');
    const code = sec?.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === 'code')?.attrs.find(([k]) => k === 'code')?.[1];
    const text = sec?.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === 'text');
    if (code && text) out.set(code, text);
  }
  return out;
}

export function buildPssFhirBundle(rawInput: PssInput): FhirBundle {
  const input = PssInput.parse(rawInput);
  const root = documentIdRoot(input);
  const docKey = `${root}|${input.version.documentId}`;
  const header = headerResources(input, { docKey });
  const ctx: FhirContext = {
    docKey,
    entrySystem: `urn:oid:${root}`,
    patientRef: ref(header.patient),
    authorRef: ref(header.role),
    today: input.effectiveTime.slice(0, 10),
  };
  const r = input.record;
  const built: SectionResources[] = [
    allergyResources(ctx, r), medicationResources(ctx, r), immunizationResources(ctx, r), conditionResources(ctx, r),
    familyResources(ctx, r), lifestyleResources(ctx, r), pregnancyResources(ctx, r), vitalResources(ctx, r),
    deviceResources(ctx, r), carePlanResources(ctx, r), procedureResources(ctx, r), encounterResources(ctx, r),
    functionalResources(ctx, r), resultResources(ctx, r), organDonationResources(ctx, r), coverageResources(ctx, r),
    networkResources(ctx, r),
  ];
  const byKey = new Map<SectionKey, SectionResources>(built.map((b) => [b.key, b]));
  const narratives = cdaNarratives(buildPssCdaTree(input));

  const sections = SECTION_ORDER.flatMap((key) => {
    const s = SECTION[key];
    const res = byKey.get(key);
    const text = narratives.get(s.code);
    if (!res || !text) return [];
    return [clean({
      title: s.title,
      code: key === 'networks' ? cc(SYS.PSS_IT, s.code, s.display) : cc(SYS.LOINC, s.code, s.display),
      text: { status: 'generated', div: xhtmlFromCdaText(text) },
      entry: res.entries.map(ref),
      emptyReason: res.entries.length === 0 && res.emptyReason ? cc(SYS.LIST_EMPTY, res.emptyReason.code, res.emptyReason.display) : undefined,
    })];
  });

  const compositionId = rid(ctx, 'composition');
  const identifier = { system: `urn:oid:${root}`, value: input.version.documentId };
  const composition: FhirResource = clean({
    resourceType: 'Composition',
    id: compositionId,
    language: 'it-IT',
    identifier,
    status: 'final',
    type: cc(SYS.LOINC, '60591-5', 'Profilo Sanitario Sintetico'),
    subject: ctx.patientRef,
    date: input.effectiveTime,
    author: [ctx.authorRef],
    title: 'Profilo Sanitario Sintetico',
    confidentiality: input.confidentiality,
    attester: [{ mode: 'legal', time: input.effectiveTime, party: ctx.authorRef }],
    custodian: ref(header.custodian),
    relatesTo: input.version.versionNumber > 1 && input.version.replacesDocumentId
      ? [{ code: 'replaces', targetIdentifier: { system: `urn:oid:${root}`, value: input.version.replacesDocumentId } }]
      : undefined,
    event: [{ code: [cc(SYS.ACT_CODE_IT, 'PROG', 'Accesso Programmato')], period: { start: input.effectiveTime } }],
    section: sections,
  });
  // The XDS-side description of the document, as in the ministry output.
  const docRef: FhirResource = {
    resourceType: 'DocumentReference',
    id: rid(ctx, 'documentreference'),
    masterIdentifier: identifier,
    status: 'current',
    type: cc(SYS.LOINC, '60591-5', 'Profilo Sanitario Sintetico'),
    subject: ctx.patientRef,
    date: input.effectiveTime,
    author: [ctx.authorRef],
    custodian: ref(header.custodian),
    securityLabel: [cc('http://terminology.hl7.org/CodeSystem/v3-Confidentiality', input.confidentiality)],
    content: [{ attachment: { contentType: 'application/pdf', title: 'Profilo Sanitario Sintetico' }, format: { system: `urn:oid:${OID.LOINC}`, code: '60591-5' } }],
    context: { related: [ref(composition)] },
  };

  const resources: FhirResource[] = [composition, header.patient, header.practitioner, header.role, header.organization];
  if (header.custodian !== header.organization) resources.push(header.custodian);
  for (const b of built) resources.push(...b.resources);
  resources.push(docRef);
  const entry: BundleEntry[] = resources.map((res) => ({ fullUrl: `urn:uuid:${res.id}`, resource: res }));
  return {
    resourceType: 'Bundle',
    id: rid(ctx, 'bundle'),
    identifier,
    type: 'document',
    timestamp: input.effectiveTime,
    entry,
  };
}

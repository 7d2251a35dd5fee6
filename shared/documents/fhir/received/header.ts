/**
 * The header of a FHIR document the FSE holds (the ministry's Bundles of the CDA types,
 * FHIR-TERMS-DICOM.md; DASHBOARD.md §4): type from Composition.type (LOINC), identity from
 * Composition.identifier (else Bundle.identifier), patient, author, custodian, date.
 */
import type { DocumentPatient, ReceivedHeader } from '../../../import/content.ts';
import { kindOfLoinc } from '../../cda/received/kinds.ts';
import { type BundleIndex, type CodeableConcept, type Json, type Reference, asArray, codingIn, fhirInstant, humanName, identifierText, oidOf, str } from './resources.ts';

export function patientOf(p: Json | undefined): DocumentPatient | undefined {
  if (!p) return undefined;
  const ids = asArray(p['identifier'] as Array<{ system?: string; value?: string }> | undefined).flatMap((i) => {
    const root = oidOf(i.system) ?? str(i.system);
    const ext = str(i.value);
    return root && ext ? [{ root, extension: ext }] : [];
  });
  const n = asArray(p['name'] as Json[] | undefined)[0];
  const gender = str(p['gender']);
  const birth = str(p['birthDate']);
  const given = asArray(n?.['given'] as string[] | undefined).filter((x) => typeof x === 'string').join(' ');
  return {
    ids,
    ...(str(n?.['family']) ? { surname: str(n?.['family'])! } : {}),
    ...(given ? { givenName: given } : {}),
    ...(gender === 'male' ? { sex: 'M' as const } : gender === 'female' ? { sex: 'F' as const } : {}),
    ...(birth && /^\d{4}-\d{2}-\d{2}$/.test(birth) ? { birthDate: birth } : {}),
  };
}

/** A Practitioner or PractitionerRole reference: name and codice fiscale. */
function person(index: BundleIndex, ref: Reference | undefined): { name?: string; cf?: string } {
  let r = index.resolve(ref);
  if (r?.['resourceType'] === 'PractitionerRole') r = index.resolve(r['practitioner'] as Reference);
  if (!r) return str(ref?.display) ? { name: str(ref?.display)! } : {};
  const cf = asArray(r['identifier'] as Array<{ system?: string; value?: string }> | undefined).find((i) => oidOf(i.system) === '2.16.840.1.113883.2.9.4.3.2');
  const name = humanName(r['name']);
  return { ...(name ? { name } : {}), ...(str(cf?.value) ? { cf: str(cf?.value)! } : {}) };
}

export function compositionHeader(bundle: Json, composition: Json, index: BundleIndex): ReceivedHeader {
  const type = composition['type'] as CodeableConcept | undefined;
  const loinc = codingIn(type, '2.16.840.1.113883.6.1');
  const author = person(index, asArray(composition['author'] as Reference[] | undefined)[0]);
  const custodian = index.resolve(composition['custodian'] as Reference | undefined);
  const orgId = asArray(custodian?.['identifier'] as Array<{ system?: string; value?: string }> | undefined)[0];
  const patient = patientOf(index.resolve(composition['subject'] as Reference | undefined) ?? index.ofType('Patient')[0]);
  const cdaId = identifierText(composition['identifier'] as { system?: string; value?: string }) ?? identifierText(bundle['identifier'] as { system?: string; value?: string });
  const title = str(composition['title']) ?? str(loinc?.display) ?? 'Documento FHIR';
  const h: ReceivedHeader = { kind: kindOfLoinc(loinc?.code), title: title.slice(0, 300) };
  const opt: Partial<ReceivedHeader> = {
    typeCode: loinc?.code,
    cdaId: cdaId?.slice(0, 300),
    authorName: author.name?.slice(0, 300),
    authorId: author.cf?.slice(0, 64),
    organizationName: str(custodian?.['name'])?.slice(0, 300),
    organizationId: identifierText(orgId)?.slice(0, 300),
    documentDate: fhirInstant(composition['date']),
    patient,
  };
  for (const [k, v] of Object.entries(opt)) if (v !== undefined) (h as Record<string, unknown>)[k] = v;
  return h;
}

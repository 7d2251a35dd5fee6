/**
 * Code systems, identifier systems and small helpers for the PSS FHIR Bundle. System URIs
 * follow the ministry's CDA→FHIR output (FHIR-TERMS-DICOM.md §1.2–1.4): CF as
 * urn:oid:2.16.840.1.113883.2.9.4.3.2, ICD-9-CM as http://hl7.org/fhir/sid/icd-9, ATC as
 * http://www.whocc.no/atc, AIC and the Italian value sets as urn:oid: of their CDA OIDs.
 */
import { uuidFromKey } from '../ids.ts';
import type { CodeableConcept, Coding, FhirResource, Identifier, Reference } from './types.ts';

export const SYS = {
  LOINC: 'http://loinc.org',
  ICD9: 'http://hl7.org/fhir/sid/icd-9',
  ATC: 'http://www.whocc.no/atc',
  AIC: 'urn:oid:2.16.840.1.113883.2.9.6.1.5',
  CND: 'urn:oid:2.16.840.1.113883.2.9.6.1.48',
  CF: 'urn:oid:2.16.840.1.113883.2.9.4.3.2',
  ASL: 'urn:oid:2.16.840.1.113883.2.9.4.1.1',
  ALLERGENS: 'urn:oid:2.16.840.1.113883.2.9.77.22.11.2',
  PSS_ENCOUNTER: 'urn:oid:2.16.840.1.113883.2.9.77.22.11.14',
  PSS_MOTOR: 'urn:oid:2.16.840.1.113883.2.9.77.22.11.15',
  PSS_IT: 'urn:oid:2.16.840.1.113883.2.9.5.2.8',
  PSS_AUTHOR_ROLE: 'urn:oid:2.16.840.1.113883.2.9.77.22.11.13',
  ACT_CODE_IT: 'urn:oid:2.16.840.1.113883.2.9.5.1.4',
  SNOMED: 'http://snomed.info/sct',
  UCUM: 'http://unitsofmeasure.org',
  ROUTE: 'http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration',
  ROLE_CODE: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
  ACT_CODE: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  OBS_VALUE: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
  INTERPRETATION: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  OBS_CATEGORY: 'http://terminology.hl7.org/CodeSystem/observation-category',
  CONDITION_CLINICAL: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  CONDITION_VER: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  ALLERGY_CLINICAL: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
  ALLERGY_VER: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
  LIST_EMPTY: 'http://terminology.hl7.org/CodeSystem/list-empty-reason',
} as const;

export interface FhirContext {
  /** Key prefix for resource ids (the document id). */
  docKey: string;
  /** Identifier system for entries: urn:oid:<organisation OID root> (the CDA ids' root). */
  entrySystem: string;
  patientRef: Reference;
  authorRef: Reference;
  today: string;
}

export function rid(ctx: FhirContext, key: string): string {
  return uuidFromKey(`${ctx.docKey}|${key}`);
}

export function ref(r: FhirResource): Reference {
  return { reference: `urn:uuid:${r.id}` };
}

export function coding(system: string, code: string, display?: string): Coding {
  return display === undefined ? { system, code } : { system, code, display };
}

export function cc(system: string, code: string, display?: string, text?: string): CodeableConcept {
  return text === undefined ? { coding: [coding(system, code, display)] } : { coding: [coding(system, code, display)], text };
}

export function entryIdentifier(ctx: FhirContext, id: string): Identifier[] {
  return [{ system: ctx.entrySystem, value: id }];
}

/** Notes: the source label first (medico-legal annotation), then the doctor's note. */
export function notes(sourceLabel: string, note: string | undefined): Array<{ text: string }> {
  return [{ text: `Fonte: ${sourceLabel}` }, ...(note ? [{ text: note }] : [])];
}

/** Drop undefined members so the JSON has no empty keys (FHIR forbids nulls and empty arrays). */
export function clean<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out as T;
}

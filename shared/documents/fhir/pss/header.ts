/**
 * Header resources: Patient (CF identifier urn:oid:2.16.840.1.113883.2.9.4.3.2), Practitioner
 * with its PractitionerRole (MMG/PLS, assignedAuthorCode_PSSIT), the ASL Organization and the
 * custodian; ids follow the ministry pattern `<OID>-<code>` for shared entities.
 */
import type { PssInput } from '../../../domain/clinical-record.ts';
import { uuidFromKey } from '../ids.ts';
import { SYS, cc, clean, rid, type FhirContext } from './common.ts';
import type { FhirResource } from './types.ts';

const PATIENT_SYSTEM = {
  CF: SYS.CF,
  STP: 'urn:oid:2.16.840.1.113883.2.9.4.3.17',
  ENI: 'urn:oid:2.16.840.1.113883.2.9.4.3.18',
  TEAM: 'urn:oid:2.16.840.1.113883.2.9.4.3.7',
} as const;

function telecom(phone: string | undefined, email: string | undefined, use: 'home' | 'work'): Array<Record<string, string>> {
  return [
    ...(phone ? [{ system: 'phone', value: phone, use }] : []),
    ...(email ? [{ system: 'email', value: email, use }] : []),
  ];
}

/**
 * Shared entities get an id derived from their business identifier (the ministry uses
 * `<OID>-<code>`); here UUID-shaped so that fullUrl can be urn:uuid.
 */
function fhirId(key: string): string {
  return uuidFromKey(`entity|${key}`);
}

export interface HeaderResources {
  patient: FhirResource;
  practitioner: FhirResource;
  role: FhirResource;
  organization: FhirResource;
  custodian: FhirResource;
}

export function headerResources(input: PssInput, ctx: Pick<FhirContext, 'docKey'>): HeaderResources {
  const p = input.patient;
  const a = input.author;
  const patient: FhirResource = clean({
    resourceType: 'Patient',
    id: fhirId(`patient|${p.identifierKind}|${p.identifier}`),
    identifier: [clean({ system: PATIENT_SYSTEM[p.identifierKind], value: p.identifier, assigner: p.identifierKind === 'CF' ? { display: 'MEF' } : undefined })],
    name: [{ family: p.surname, given: [p.givenName] }],
    telecom: telecom(p.phone, p.email, 'home'),
    gender: p.sex === 'F' ? 'female' : 'male',
    birthDate: p.birthDate,
  });
  const organization: FhirResource = {
    resourceType: 'Organization',
    id: fhirId(`2.16.840.1.113883.2.9.4.1.1-${input.organization.aslCode}`),
    identifier: [{ system: SYS.ASL, value: input.organization.aslCode }],
    name: input.organization.name,
  };
  const custodian: FhirResource = input.custodian.idRoot === '2.16.840.1.113883.2.9.4.1.1' && input.custodian.id === input.organization.aslCode
    ? organization
    : {
        resourceType: 'Organization',
        id: fhirId(`${input.custodian.idRoot}-${input.custodian.id}`),
        identifier: [{ system: `urn:oid:${input.custodian.idRoot}`, value: input.custodian.id }],
        name: input.custodian.name,
      };
  const practitioner: FhirResource = clean({
    resourceType: 'Practitioner',
    id: fhirId(`2.16.840.1.113883.2.9.4.3.2-${a.codiceFiscale}`),
    identifier: [{ system: SYS.CF, value: a.codiceFiscale, assigner: { display: 'MEF' } }],
    name: [clean({ family: a.surname, given: [a.givenName], prefix: a.prefix ? [a.prefix] : undefined })],
    telecom: telecom(a.phone, a.email, 'work'),
  });
  const role: FhirResource = {
    resourceType: 'PractitionerRole',
    id: rid({ docKey: ctx.docKey } as FhirContext, 'author-role'),
    practitioner: { reference: `urn:uuid:${practitioner.id}` },
    organization: { reference: `urn:uuid:${organization.id}` },
    code: [cc(SYS.PSS_AUTHOR_ROLE, a.role, a.role === 'MMG' ? 'Medico di Medicina Generale' : 'Pediatra di Libera Scelta')],
  };
  return { patient, practitioner, role, organization, custodian };
}

/**
 * Publication metadata for the FSE 2.0 gateway (FSE-GATEWAY.md §3, PSS row of the
 * accreditation templates): the request-body fields that do not come from the CDA, with the
 * patient's choices carried over: oscuramento → P99 and the minor's P97 in
 * attiCliniciRegoleAccesso, consent → the JWT patient_consent claim.
 */
import type { PssInput } from '../../../domain/clinical-record.ts';
import { PATIENT_ID_ROOT, documentIdRoot } from '../header.ts';

export interface PssPublicationMetadata {
  identificativoDoc: string;
  tipologiaStruttura: 'Territorio';
  tipoDocumentoLivAlto: 'SUM';
  assettoOrganizzativo: string;
  tipoAttivitaClinica: 'OBS';
  attiCliniciRegoleAccesso: string[];
  healthDataFormat: 'CDA';
  mode: 'ATTACHMENT';
  /** For the FSE-JWT-Signature. */
  jwt: { patient_consent: boolean; person_id: string; resource_hl7_type: string; subject_role: 'APR' };
}

export function pssPublicationMetadata(input: PssInput, options: { assettoOrganizzativo?: string } = {}): PssPublicationMetadata {
  const rules: string[] = [];
  if (input.choices.obscured) rules.push('P99');
  if (input.choices.hiddenFromGuardians) rules.push('P97');
  const p = input.patient;
  const oid = PATIENT_ID_ROOT[p.identifierKind];
  return {
    identificativoDoc: `${documentIdRoot(input)}^${input.version.documentId}`,
    tipologiaStruttura: 'Territorio',
    tipoDocumentoLivAlto: 'SUM',
    // AD_PSC130 "Medicina di Base" is the accreditation template's value for the PSS.
    assettoOrganizzativo: options.assettoOrganizzativo ?? 'AD_PSC130',
    tipoAttivitaClinica: 'OBS',
    attiCliniciRegoleAccesso: rules,
    healthDataFormat: 'CDA',
    mode: 'ATTACHMENT',
    jwt: {
      patient_consent: input.choices.consentToFse,
      person_id: `${p.identifier}^^^&${oid}&ISO`,
      resource_hl7_type: "('60591-5^^2.16.840.1.113883.6.1')",
      subject_role: 'APR',
    },
  };
}

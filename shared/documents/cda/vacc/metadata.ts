/**
 * Publication metadata for the FSE 2.0 gateway (PAEDIATRICS.md §1; the SING_VACC and CERT_VACC
 * accreditation request bodies): tipologiaStruttura Territorio, tipoDocumentoLivAlto VAC,
 * tipoAttivitaClinica ERP for the scheda singola (a service given) and OBS for the certificato,
 * assettoOrganizzativo AD_PSC039 (Pediatria) for a PLS or AD_PSC130 (Medicina di Base) for an
 * MMG, the JWT resource_hl7_type of the document's LOINC code, subject_role APR. The patient's
 * choices map as for the PSS: oscuramento → P99, hidden from guardians → P97, consent → JWT.
 */
import type { VaccDocInput } from '../../../domain/vaccination-document.ts';
import { PATIENT_ID_ROOT, documentIdRoot } from '../header.ts';
import { CERT_VACC, SING_VACC } from './templates.ts';

export type VaccKind = 'sing-vacc' | 'cert-vacc';

export interface VaccPublicationMetadata {
  identificativoDoc: string;
  tipologiaStruttura: 'Territorio';
  tipoDocumentoLivAlto: 'VAC';
  assettoOrganizzativo: 'AD_PSC039' | 'AD_PSC130' | string;
  tipoAttivitaClinica: 'ERP' | 'OBS';
  attiCliniciRegoleAccesso: string[];
  healthDataFormat: 'CDA';
  mode: 'ATTACHMENT';
  jwt: { patient_consent: boolean; person_id: string; resource_hl7_type: string; subject_role: 'APR' };
}

export function vaccPublicationMetadata(input: VaccDocInput, kind: VaccKind, options: { assettoOrganizzativo?: string } = {}): VaccPublicationMetadata {
  const rules: string[] = [];
  if (input.choices.obscured) rules.push('P99');
  if (input.choices.hiddenFromGuardians) rules.push('P97');
  const p = input.patient;
  const type = kind === 'sing-vacc' ? SING_VACC : CERT_VACC;
  return {
    identificativoDoc: `${documentIdRoot(input)}^${input.version.documentId}`,
    tipologiaStruttura: 'Territorio',
    tipoDocumentoLivAlto: 'VAC',
    assettoOrganizzativo: options.assettoOrganizzativo ?? (input.author.role === 'PLS' ? 'AD_PSC039' : 'AD_PSC130'),
    tipoAttivitaClinica: kind === 'sing-vacc' ? 'ERP' : 'OBS',
    attiCliniciRegoleAccesso: rules,
    healthDataFormat: 'CDA',
    mode: 'ATTACHMENT',
    jwt: {
      patient_consent: input.choices.consentToFse,
      person_id: `${p.identifier}^^^&${PATIENT_ID_ROOT[p.identifierKind]}&ISO`,
      resource_hl7_type: `('${type.code}^^2.16.840.1.113883.6.1')`,
      subject_role: 'APR',
    },
  };
}

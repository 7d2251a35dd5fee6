/**
 * Publication metadata of the telemedicine documents for the FSE 2.0 gateway (FSE-GATEWAY.md §3;
 * document-types.csv: 75496-0 and 85208-7 are REF): the request-body fields that do not come
 * from the CDA. assettoOrganizzativo is the discipline of the service (AD_PSC + HSP.12 code)
 * when the gateway knows it, else AD_PSC130 (Medicina di base, the MMG's own service).
 */
import { ASSETTO_ORGANIZZATIVO } from '../../../gateway/enums.ts';
import { PATIENT_ID_ROOT, documentIdRoot } from '../header.ts';
import type { TelemedInput } from './input.ts';
import { TELEMED_TYPES } from './templates.ts';

export interface TelemedPublicationMetadata {
  identificativoDoc: string;
  tipologiaStruttura: 'Territorio';
  tipoDocumentoLivAlto: 'REF';
  assettoOrganizzativo: string;
  /** CON: a consultation (televisita, teleconsulto, teleassistenza are all requested services). */
  tipoAttivitaClinica: 'CON';
  attiCliniciRegoleAccesso: string[];
  healthDataFormat: 'CDA';
  mode: 'ATTACHMENT';
  jwt: { patient_consent: boolean; person_id: string; resource_hl7_type: string; subject_role: 'APR' };
}

export function assettoFor(disciplina: string): string {
  const n = Number.parseInt(disciplina, 10);
  const code = Number.isFinite(n) ? `AD_PSC${String(n).padStart(3, '0')}` : '';
  return ASSETTO_ORGANIZZATIVO.includes(code) ? code : 'AD_PSC130';
}

export function telemedPublicationMetadata(input: TelemedInput): TelemedPublicationMetadata {
  const rules: string[] = [];
  if (input.choices.obscured) rules.push('P99');
  if (input.choices.hiddenFromGuardians) rules.push('P97');
  const p = input.patient;
  return {
    identificativoDoc: `${documentIdRoot(input)}^${input.version.documentId}`,
    tipologiaStruttura: 'Territorio',
    tipoDocumentoLivAlto: TELEMED_TYPES[input.kind].tipoDocumentoLivAlto,
    assettoOrganizzativo: assettoFor(input.service.disciplina.code),
    tipoAttivitaClinica: 'CON',
    attiCliniciRegoleAccesso: rules,
    healthDataFormat: 'CDA',
    mode: 'ATTACHMENT',
    jwt: {
      patient_consent: input.choices.consentToFse,
      person_id: `${p.identifier}^^^&${PATIENT_ID_ROOT[p.identifierKind]}&ISO`,
      resource_hl7_type: TELEMED_TYPES[input.kind].resourceHl7Type,
      subject_role: 'APR',
    },
  };
}

/**
 * The PSS header (CDA R2 + HL7 Italia PSS IG; schematron_PSS_v4.0 ERRORE-1…58): realm IT,
 * document template, id/setId/versionNumber (ERRORE-8/9), recordTarget with the patient's
 * codice fiscale, author = legalAuthenticator = the doctor (CF OID 2.16.840.1.113883.2.9.4.3.2),
 * custodian, confidentiality, language it-IT, documentationOf/serviceEvent (ERRORE-34/49),
 * relatedDocument RPLC on updates. Element order follows POCD_MT000040UV02.ClinicalDocument.
 */
import type { PssInput } from '../../../domain/clinical-record.ts';
import { el, type XmlElement } from '../../xml/writer.ts';
import { OID, cd, ii, templateId, tsDate, tsDateTime } from '../datatypes.ts';
import { PSS_DOCUMENT_TEMPLATE } from './templates.ts';

/** Patient identifier roots: CF, and the roots used for foreigners without one. */
const PATIENT_ID_ROOT = {
  CF: OID.CODICE_FISCALE,
  STP: '2.16.840.1.113883.2.9.4.3.17',
  ENI: '2.16.840.1.113883.2.9.4.3.18',
  TEAM: '2.16.840.1.113883.2.9.4.3.7',
} as const;

/** The regional document-id root of the gateway (identificativoDoc): 2.16.840.1.113883.2.9.2.<REG>.4.4. */
export function documentIdRoot(input: Pick<PssInput, 'organization'>): string {
  return input.organization.oidRoot ?? `2.16.840.1.113883.2.9.2.${Number(input.organization.regionCode)}.4.4`;
}

function telecoms(phone: string | undefined, email: string | undefined, use: string): XmlElement[] {
  const out: XmlElement[] = [];
  if (phone) out.push(el('telecom', { use, value: `tel:${phone.replace(/\s+/g, '')}` }));
  if (email) out.push(el('telecom', { use, value: `mailto:${email}` }));
  return out;
}

function personName(given: string, family: string, prefix?: string): XmlElement {
  return el('name', null, el('family', null, family), el('given', null, given), prefix ? el('prefix', null, prefix) : null);
}

function doctorId(input: PssInput): XmlElement {
  return ii(OID.CODICE_FISCALE, input.author.codiceFiscale, 'MEF');
}

export function headerElements(input: PssInput): XmlElement[] {
  const root = documentIdRoot(input);
  const v = input.version;
  const p = input.patient;
  const a = input.author;
  const org = input.organization;
  const time = tsDateTime(input.effectiveTime);
  const authorTelecoms = telecoms(a.phone, a.email, 'WP');

  return [
    el('realmCode', { code: 'IT' }),
    el('typeId', { root: '2.16.840.1.113883.1.3', extension: 'POCD_MT000040UV02' }),
    templateId(PSS_DOCUMENT_TEMPLATE.root, PSS_DOCUMENT_TEMPLATE.extension),
    ii(root, v.documentId),
    cd('code', { code: '60591-5', codeSystem: OID.LOINC, codeSystemName: 'LOINC', displayName: 'Profilo Sanitario Sintetico' }),
    el('title', null, 'Profilo Sanitario Sintetico'),
    el('effectiveTime', { value: time }),
    cd('confidentialityCode', { code: input.confidentiality, codeSystem: OID.CONFIDENTIALITY, codeSystemName: 'HL7 Confidentiality' }),
    el('languageCode', { code: 'it-IT' }),
    // ERRORE-8: version 1 has setId = id; later versions keep the setId and change the id.
    el('setId', { root, extension: v.setId }),
    el('versionNumber', { value: v.versionNumber }),
    el(
      'recordTarget',
      null,
      el(
        'patientRole',
        null,
        ii(PATIENT_ID_ROOT[p.identifierKind], p.identifier, p.identifierKind === 'CF' ? 'MEF' : undefined),
        telecoms(p.phone, p.email, 'HP'),
        el(
          'patient',
          null,
          el('name', null, el('family', null, p.surname), el('given', null, p.givenName)),
          cd('administrativeGenderCode', {
            code: p.sex,
            codeSystem: OID.GENDER,
            codeSystemName: 'HL7 AdministrativeGender',
            displayName: p.sex === 'F' ? 'Femmina' : 'Maschio',
          }),
          el('birthTime', { value: tsDate(p.birthDate) }),
        ),
      ),
    ),
    el(
      'author',
      null,
      el('time', { value: time }),
      el(
        'assignedAuthor',
        null,
        doctorId(input),
        cd('code', {
          code: a.role,
          codeSystem: OID.PSS_AUTHOR_ROLE,
          codeSystemName: 'assignedAuthorCode_PSSIT',
          displayName: a.role === 'MMG' ? 'Medico di Medicina Generale' : 'Pediatra di Libera Scelta',
        }),
        authorTelecoms,
        el('assignedPerson', null, personName(a.givenName, a.surname, a.prefix)),
        el('representedOrganization', null, ii(OID.ASL, org.aslCode), el('name', null, org.name)),
      ),
    ),
    el(
      'custodian',
      null,
      el(
        'assignedCustodian',
        null,
        el('representedCustodianOrganization', null, ii(input.custodian.idRoot, input.custodian.id), el('name', null, input.custodian.name)),
      ),
    ),
    el(
      'legalAuthenticator',
      null,
      el('time', { value: time }),
      el('signatureCode', { code: 'S' }),
      el('assignedEntity', null, doctorId(input), authorTelecoms, el('assignedPerson', null, personName(a.givenName, a.surname, a.prefix))),
    ),
    el(
      'documentationOf',
      null,
      el(
        'serviceEvent',
        null,
        cd('code', { code: 'PROG', codeSystem: OID.ACT_CODE_IT, codeSystemName: 'ActCode', displayName: 'Accesso Programmato' }),
        el('effectiveTime', { value: time }),
      ),
    ),
    v.versionNumber > 1 && v.replacesDocumentId
      ? el('relatedDocument', { typeCode: 'RPLC' }, el('parentDocument', null, ii(root, v.replacesDocumentId), el('setId', { root, extension: v.setId }), el('versionNumber', { value: v.versionNumber - 1 })))
      : null,
  ].filter((x): x is XmlElement => x !== null);
}

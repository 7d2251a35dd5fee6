/**
 * The CDA header common to the documents Cartella writes (CDA R2 POCD_MT000040UV02 + the HL7
 * Italia IGs; the common schematron rules ERRORE-1…41 of PSS, vaccinations, telemedicine): realm
 * IT, document template, id/setId/versionNumber (version 1: setId = id; later versions keep the
 * setId and carry relatedDocument RPLC), recordTarget with the patient's national identifier,
 * author = legalAuthenticator = the doctor (codice fiscale OID 2.16.840.1.113883.2.9.4.3.2),
 * custodian, confidentiality, language it-IT. A document type supplies what is its own (template,
 * code, title, the author's role code, documentationOf, the patient's guardian) through
 * `HeaderSpec`; element order follows POCD_MT000040UV02.ClinicalDocument.
 */
import type { AuthorDoctor, Custodian, DocumentVersion, Organization } from '../../domain/document-header.ts';
import type { IdentifierKind, Patient } from '../../domain/patient.ts';
import { el, type XmlChild, type XmlElement } from '../xml/writer.ts';
import { OID, cd, ii, templateId, tsDate, tsDateTime, type CodeArgs } from './datatypes.ts';

/** The parties and ids every document header needs (fields of the zod inputs, e.g. PssInput). */
export interface HeaderInput {
  patient: Patient;
  author: AuthorDoctor;
  organization: Organization;
  custodian: Custodian;
  confidentiality: 'N' | 'R' | 'V';
  version: DocumentVersion;
  /** Document effective time, ISO with offset (never the wall clock). */
  effectiveTime: string;
}

/** Patient identifier roots: CF, and the roots used for foreigners without one. */
export const PATIENT_ID_ROOT: Record<IdentifierKind, string> = {
  CF: OID.CODICE_FISCALE,
  STP: '2.16.840.1.113883.2.9.4.3.17',
  ENI: '2.16.840.1.113883.2.9.4.3.18',
  TEAM: '2.16.840.1.113883.2.9.4.3.7',
};

/** The regional document-id root of the gateway (identificativoDoc): 2.16.840.1.113883.2.9.2.<REG>.4.4. */
export function documentIdRoot(input: Pick<HeaderInput, 'organization'>): string {
  return input.organization.oidRoot ?? `2.16.840.1.113883.2.9.2.${Number(input.organization.regionCode)}.4.4`;
}

export function telecoms(phone: string | undefined, email: string | undefined, use: string): XmlElement[] {
  const out: XmlElement[] = [];
  if (phone) out.push(el('telecom', { use, value: `tel:${phone.replace(/\s+/g, '')}` }));
  if (email) out.push(el('telecom', { use, value: `mailto:${email}` }));
  return out;
}

export function personName(given: string, family: string, prefix?: string): XmlElement {
  return el('name', null, el('family', null, family), el('given', null, given), prefix ? el('prefix', null, prefix) : null);
}

export function doctorId(author: Pick<AuthorDoctor, 'codiceFiscale'>): XmlElement {
  return ii(OID.CODICE_FISCALE, author.codiceFiscale, 'MEF');
}

/** The patient's national identifier (assigningAuthorityName MEF for the codice fiscale). */
export function patientId(p: Pick<Patient, 'identifierKind' | 'identifier'>): XmlElement {
  return ii(PATIENT_ID_ROOT[p.identifierKind], p.identifier, p.identifierKind === 'CF' ? 'MEF' : undefined);
}

/** What a document type adds to the common header. */
export interface HeaderSpec {
  template: { root: string; extension?: string };
  /** The document code (LOINC) and the title printed with it. */
  code: CodeArgs;
  title: string;
  /** assignedAuthor/code for the author's role, or null when the IG has none. */
  authorCode: XmlElement | null;
  /** patient/guardian elements (after birthTime, as in POCD_MT000040.Patient). */
  guardian?: XmlChild;
  /** Elements between legalAuthenticator and relatedDocument (participant, documentationOf, …). */
  afterLegalAuthenticator?: readonly XmlElement[];
}

export function recordTarget(p: Patient, guardian?: XmlChild): XmlElement {
  return el(
    'recordTarget',
    null,
    el(
      'patientRole',
      null,
      patientId(p),
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
        guardian ?? null,
      ),
    ),
  );
}

/** relatedDocument RPLC to the previous version (ERRORE-9), or null for version 1. */
export function relatedDocument(input: Pick<HeaderInput, 'organization' | 'version'>): XmlElement | null {
  const v = input.version;
  if (!(v.versionNumber > 1 && v.replacesDocumentId)) return null;
  const root = documentIdRoot(input);
  return el('relatedDocument', { typeCode: 'RPLC' }, el('parentDocument', null, ii(root, v.replacesDocumentId), el('setId', { root, extension: v.setId }), el('versionNumber', { value: v.versionNumber - 1 })));
}

export function documentHeader(input: HeaderInput, spec: HeaderSpec): XmlElement[] {
  const root = documentIdRoot(input);
  const v = input.version;
  const a = input.author;
  const org = input.organization;
  const time = tsDateTime(input.effectiveTime);
  const authorTelecoms = telecoms(a.phone, a.email, 'WP');

  return [
    el('realmCode', { code: 'IT' }),
    el('typeId', { root: '2.16.840.1.113883.1.3', extension: 'POCD_MT000040UV02' }),
    templateId(spec.template.root, spec.template.extension),
    ii(root, v.documentId),
    cd('code', spec.code),
    el('title', null, spec.title),
    el('effectiveTime', { value: time }),
    cd('confidentialityCode', { code: input.confidentiality, codeSystem: OID.CONFIDENTIALITY, codeSystemName: 'HL7 Confidentiality' }),
    el('languageCode', { code: 'it-IT' }),
    // ERRORE-8: version 1 has setId = id; later versions keep the setId and change the id.
    el('setId', { root, extension: v.setId }),
    el('versionNumber', { value: v.versionNumber }),
    recordTarget(input.patient, spec.guardian),
    el(
      'author',
      null,
      el('time', { value: time }),
      el(
        'assignedAuthor',
        null,
        doctorId(a),
        spec.authorCode,
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
      el('assignedEntity', null, doctorId(a), authorTelecoms, el('assignedPerson', null, personName(a.givenName, a.surname, a.prefix))),
    ),
    ...(spec.afterLegalAuthenticator ?? []),
    relatedDocument(input),
  ].filter((x): x is XmlElement => x !== null);
}

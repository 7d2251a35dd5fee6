import { z } from 'zod';
import { DateTimeWithOffset, text } from './record/entry-base.ts';

/**
 * The header inputs every clinical document Cartella writes shares (PSS, vaccination documents,
 * televisita report): the author, the organisation and custodian, the patient's choices carried
 * to the publication metadata, and the version chain of the document.
 */

const Oid = z.string().regex(/^[0-2](\.(0|[1-9]\d*))+$/, 'OID');
const CodiceFiscale = z.string().regex(/^[A-Z0-9]{16}$/, 'codice fiscale');

export const AuthorDoctor = z.object({
  codiceFiscale: CodiceFiscale,
  givenName: text(80),
  surname: text(80),
  /** Dott. / Dott.ssa, printed in the name prefix. */
  prefix: z.string().trim().max(20).optional(),
  role: z.enum(['MMG', 'PLS']),
  /** At least one contact: the IG requires author/telecom (schematron ERRORE-40). */
  phone: z.string().trim().max(40).optional(),
  email: z.string().trim().max(120).optional(),
});
export type AuthorDoctor = z.infer<typeof AuthorDoctor>;

export const Organization = z.object({
  /** ASL code (6 characters, OID 2.16.840.1.113883.2.9.4.1.1), e.g. 120201. */
  aslCode: z.string().regex(/^\d{6}$/),
  name: text(200),
  /** Region (ISTAT/gateway code with leading zero, e.g. 120 Lazio, 030 Lombardia). */
  regionCode: z.string().regex(/^\d{3}$/),
  /**
   * OID root under which this organisation issues identifiers: the document id and setId
   * (gateway identificativoDoc `2.16.840.1.113883.2.9.2.<REGIONE>.4.4^<id>`), section and
   * entry ids. Defaults to the regional document root.
   */
  oidRoot: Oid.optional(),
});
export type Organization = z.infer<typeof Organization>;

export const Custodian = z.object({
  /** Identifier and its OID (ASL 2.16.840.1.113883.2.9.4.1.1, HSP.11 …4.1.2, …). */
  idRoot: Oid,
  id: text(40),
  name: text(200),
});
export type Custodian = z.infer<typeof Custodian>;

/** The patient's choices, carried to the publication metadata (FSE-GATEWAY.md §3). */
export const PatientChoices = z.object({
  /** Oscuramento (P99 in attiCliniciRegoleAccesso). */
  obscured: z.boolean(),
  /** Hidden from the parents/guardians of a minor (P97). */
  hiddenFromGuardians: z.boolean().default(false),
  /** Consent to feed the FSE (JWT patient_consent). */
  consentToFse: z.boolean(),
});
export type PatientChoices = z.infer<typeof PatientChoices>;

export const DocumentVersion = z.object({
  /** Extension of this document's id (unique per version). */
  documentId: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/),
  /** Extension of the setId shared by every version (= documentId of version 1). */
  setId: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/),
  versionNumber: z.number().int().min(1),
  /** The id extension of the version this one replaces (relatedDocument RPLC); needed when > 1. */
  replacesDocumentId: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/).optional(),
});
export type DocumentVersion = z.infer<typeof DocumentVersion>;

/**
 * The header fields the PSS and the vaccination documents take in the same order, after the
 * patient (and guardian): spread into their input schemas.
 */
export const DOCUMENT_HEADER_FIELDS = {
  author: AuthorDoctor,
  organization: Organization,
  custodian: Custodian,
  confidentiality: z.enum(['N', 'R', 'V']),
  choices: PatientChoices,
  version: DocumentVersion,
  /** Document effective time (never the wall clock: same input, same document). */
  effectiveTime: DateTimeWithOffset,
};

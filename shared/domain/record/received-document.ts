import { z } from 'zod';
import { RecordId, RecordInstant } from './provenance.ts';

/**
 * Kinds of what a doctor receives, by the FSE document type where there is one
 * (FSE-GATEWAY.md, DASHBOARD.md §4): LAB referto di laboratorio, LDO lettera di dimissione, VPS
 * verbale di pronto soccorso, RSA referto specialistico ambulatoriale, RAD radiologia, RAP anatomia
 * patologica, PSS, SING_VACC / CERT_VACC vaccinazioni, ERF erogazione farmaceutica; DEVICE a
 * telemonitoring or device export, DISP a dispensation list, OTHER anything else kept as is.
 */
export const ReceivedKind = z.enum(['LAB', 'LDO', 'VPS', 'RSA', 'RAD', 'RAP', 'PSS', 'SING_VACC', 'CERT_VACC', 'ERF', 'DEVICE', 'DISP', 'OTHER']);
export type ReceivedKind = z.infer<typeof ReceivedKind>;

/** The container as received: CDA XML, PDF (possibly PAdES-signed, with the CDA attached), CAdES .p7m, FHIR JSON, CSV. */
export const ReceivedFormat = z.enum(['cda', 'pdf', 'pdf-signed', 'p7m', 'fhir-json', 'csv']);
export type ReceivedFormat = z.infer<typeof ReceivedFormat>;

/** A verdict stored with the document: the validator's or the signature verifier's, summarised. */
export const StoredVerdict = z.object({
  verdict: z.enum(['valid', 'warnings', 'invalid', 'not-applicable', 'indeterminate']),
  errors: z.number().int().min(0).default(0),
  warnings: z.number().int().min(0).default(0),
  /** The first messages, in the words the checker gave (Italian where it has them). */
  messages: z.array(z.string().max(500)).max(20).default([]),
  /** Signature: the signer's name and codice fiscale as the certificate gives them, and the signing time. */
  signer: z.string().max(300).optional(),
  signedAt: z.string().max(40).optional(),
  checkedAt: z.string().max(40),
});
export type StoredVerdict = z.infer<typeof StoredVerdict>;

/**
 * A document the doctor received, kept byte for byte as received and never edited. Every entry
 * derived from it (observations, problems, therapies, dispensations) carries its id.
 */
export const ReceivedDocument = z.object({
  id: RecordId,
  patientId: z.string().min(1).max(64),
  kind: ReceivedKind,
  format: ReceivedFormat,
  /** The document type code (LOINC, e.g. 11502-2) and its title as the document gives them. */
  typeCode: z.string().max(40).optional(),
  title: z.string().trim().min(1).max(300),
  /** ClinicalDocument/id (root^extension), setId and versionNumber, for duplicates and versions. */
  cdaId: z.string().max(300).optional(),
  setId: z.string().max(300).optional(),
  versionNumber: z.number().int().min(1).optional(),
  /** FSE identifiers when it came from the FSE (identificativoDoc, repository id). */
  fseId: z.string().max(300).optional(),
  authorName: z.string().max(300).optional(),
  authorId: z.string().max(64).optional(),
  organizationName: z.string().max(300).optional(),
  organizationId: z.string().max(300).optional(),
  /** The document's own date (effectiveTime). */
  documentDate: RecordInstant.optional(),
  receivedAt: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().min(0),
  validation: StoredVerdict,
  signature: StoredVerdict,
  /** What the import added, per kind ({"observations": 12, "problems": 1}). */
  added: z.record(z.string(), z.number().int().min(0)).default({}),
  warnings: z.array(z.string().max(500)).max(100).default([]),
});
export type ReceivedDocument = z.infer<typeof ReceivedDocument>;

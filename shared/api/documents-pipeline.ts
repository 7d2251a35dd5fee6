import { z } from 'zod';
import { defineMethod } from './define.ts';
import { PatientId } from '../domain/patient.ts';
import { OUTBOX_STATES } from '../outbox/state-machine.ts';
import { IssueSchema, PssVersionInfo } from './pss.ts';

/**
 * The document pipeline for every registered document type (shared/documents/doc-types):
 * build from the record (or a given input) → validation (XSD + the schematron the CDA's first
 * templateId selects + terminology) → PDF with the CDA attached → signing batch → outbox
 * (outbox.enqueue with `typedDocumentId`) → versions (replace = RPLC) and status. The PSS keeps
 * its own pss.* methods (drafts, confirmation, diff); these serve the other types. Unknown
 * `type`: NOT_FOUND (entity `doctype`).
 */
const TypeId = z.string().min(1).max(40);
/** Which part of the record the document is about (e.g. one vaccination's entry id); absent for whole-record documents. */
const Subject = z.string().min(1).max(100).optional();
/** Type-specific options, checked by the type's own service registration. */
const Options = z.record(z.string(), z.unknown()).optional();

export const DocTypeInfo = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.object({ it: z.string(), en: z.string() }),
  loinc: z.object({ code: z.string(), display: z.string() }),
  templateIdRoot: z.string(),
  /** The official rules file the templateId selects (resources/cda/schematron/INDEX.csv), null when none. */
  schematron: z.string().nullable(),
  /** Built from the stored record (a service registration exists), not only from a given input. */
  fromRecord: z.boolean(),
  fhir: z.boolean(),
  import: z.boolean(),
});
export type DocTypeInfo = z.infer<typeof DocTypeInfo>;

export const TypedDocSummary = z.object({
  documentId: z.string(),
  type: z.string(),
  patientId: PatientId,
  subject: z.string().nullable(),
  setId: z.string(),
  versionNumber: z.number().int(),
  replacesDocumentId: z.string().optional(),
  /** prepared: built for signing, not signed yet; signed: queued for the FSE (outboxState says how far it got). */
  state: z.enum(['prepared', 'signed']),
  errors: z.number().int(),
  warnings: z.number().int(),
  updatedAt: z.string(),
  outboxState: z.enum(OUTBOX_STATES).optional(),
  outboxUpdatedAt: z.string().optional(),
  authorId: z.string().optional(),
});
export type TypedDocSummary = z.infer<typeof TypedDocSummary>;

export const DocTypePreview = z.object({
  version: PssVersionInfo,
  cda: z.string(),
  valid: z.boolean(),
  issues: z.array(IssueSchema),
  pdfBase64: z.string().optional(),
  metadata: z.object({
    identificativoDoc: z.string(),
    tipoDocumentoLivAlto: z.string(),
    tipoAttivitaClinica: z.string(),
    attiCliniciRegoleAccesso: z.array(z.string()),
    patientConsent: z.boolean(),
  }).optional(),
  ms: z.object({ build: z.number(), validate: z.number(), pdf: z.number() }),
});
export type DocTypePreview = z.infer<typeof DocTypePreview>;

export const SigningBatchItem = z.object({
  patientId: PatientId,
  /** The version (typed_documents id): pass it to outbox.enqueue as `typedDocumentId`. */
  documentId: z.string(),
  kind: z.string(),
  versionNumber: z.number().int(),
  name: z.string(),
  title: z.string(),
  pdfBase64: z.string(),
  operation: z.enum(['create', 'replace']),
  metadata: z.record(z.string(), z.unknown()),
  author: z.object({ codiceFiscale: z.string(), name: z.string() }),
});
export type SigningBatchItem = z.infer<typeof SigningBatchItem>;

const Target = z.object({ patientId: PatientId, subject: Subject, options: Options });

export const documentsPipelineApi = {
  /** The registered document types, with the schematron each one's templateId selects. */
  'doctypes.list': defineMethod({ input: z.object({}).default({}), output: z.array(DocTypeInfo) }),

  /**
   * Builds the document of `type` for the patient from the stored record (the type's service
   * registration), or from `input` (checked by the type's schema), validates it and renders the
   * PDF with the CDA attached. Nothing is stored. Input problems come back as `business` issues.
   */
  'doctypes.preview': defineMethod({
    input: Target.extend({ type: TypeId, input: z.unknown().optional(), pdf: z.boolean().default(true) }),
    output: DocTypePreview,
  }),

  /** Validates a CDA as the gateway would; an issue too when it is not a document of `type` (its first templateId). */
  'doctypes.validate': defineMethod({
    input: z.object({ type: TypeId, cda: z.string().min(1).max(5_000_000) }),
    output: z.object({ valid: z.boolean(), issues: z.array(IssueSchema) }),
  }),

  /** The patient's versions of `type` (for `subject`, or all subjects), newest first, and the last signed one. */
  'doctypes.status': defineMethod({
    input: z.object({ type: TypeId, patientId: PatientId, subject: Subject }),
    output: z.object({ versions: z.array(TypedDocSummary), lastSigned: TypedDocSummary.nullable() }),
  }),

  /**
   * Builds, validates and stores (as `prepared`) the version to sign of each target: a new set,
   * or the next version replacing the last signed one (RPLC). Documents with validation errors
   * are left out, with their first errors. Then SignDialog → outbox.enqueue({ typedDocumentId }).
   */
  'doctypes.signingBatch': defineMethod({
    input: z.object({ type: TypeId, targets: z.array(Target).min(1).max(500) }),
    output: z.object({
      items: z.array(SigningBatchItem),
      skipped: z.array(z.object({ patientId: PatientId, subject: z.string().optional(), errors: z.array(z.string()) })),
    }),
  }),
};

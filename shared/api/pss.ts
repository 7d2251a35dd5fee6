import { z } from 'zod';
import { defineMethod } from './define.ts';
import { ClinicalRecord } from '../domain/clinical-record.ts';
import { PatientChoices } from '../domain/document-header.ts';
import { PatientId } from '../domain/patient.ts';
import { EntrySectionName } from './record.ts';
import { OUTBOX_STATES } from '../outbox/state-machine.ts';

/**
 * Profilo Sanitario Sintetico: preview (CDA + validation + PDF), drafts and versions, diff
 * against the last published version, bulk first compilation.
 */
export const IssueSchema = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  source: z.enum(['xsd', 'schematron', 'terminology', 'fhir', 'business', 'parse']),
  code: z.string(),
  location: z.string(),
  message: z.string(),
  context: z.string(),
  /** `section.entryId[.hint]` (e.g. `allergies.A1.reaction`) or `choices`, `header`; absent when unknown. */
  field: z.string().optional(),
});

export const PssOptions = z.object({
  choices: PatientChoices.optional(),
  confidentiality: z.enum(['N', 'R', 'V']).optional(),
});
export type PssOptions = z.infer<typeof PssOptions>;

export const PssVersionInfo = z.object({
  documentId: z.string(),
  setId: z.string(),
  versionNumber: z.number().int(),
  replacesDocumentId: z.string().optional(),
});

export const PssDocState = z.enum(['draft', 'confirmed', 'signed', 'published']);

export const PssDocSummary = z.object({
  documentId: z.string(),
  patientId: PatientId,
  state: PssDocState,
  versionNumber: z.number().int(),
  setId: z.string(),
  errors: z.number().int(),
  warnings: z.number().int(),
  updatedAt: z.string(),
  /** A signed version: the state of its outbox entry (queued, sending, accepted, published, rejected…) and when it changed. */
  outboxState: z.enum(OUTBOX_STATES).optional(),
  outboxUpdatedAt: z.string().optional(),
  /** The doctor profile (shared/domain/doctors.ts) whose name the version's CDA carries as author. */
  authorId: z.string().optional(),
});
export type PssDocSummary = z.infer<typeof PssDocSummary>;

export const PreviewOutput = z.object({
  version: PssVersionInfo,
  cda: z.string(),
  valid: z.boolean(),
  issues: z.array(IssueSchema),
  /** The PDF with the CDA attached, base64; absent when the record does not build. */
  pdfBase64: z.string().optional(),
  metadata: z.object({ attiCliniciRegoleAccesso: z.array(z.string()), patientConsent: z.boolean(), identificativoDoc: z.string() }).optional(),
  ms: z.object({ build: z.number(), validate: z.number(), pdf: z.number() }),
});
export type PreviewOutput = z.infer<typeof PreviewOutput>;

export const DiffChange = z.object({
  section: z.string(),
  entryId: z.string(),
  kind: z.enum(['added', 'removed', 'changed']),
  /** Field names that differ (changed entries). */
  fields: z.array(z.string()),
});
export type DiffChange = z.infer<typeof DiffChange>;

export const ReviewItem = z.object({
  patientId: PatientId,
  surname: z.string(),
  givenName: z.string(),
  identifier: z.string(),
  birthDate: z.string(),
  draft: PssDocSummary.nullable(),
  /** Mandatory content missing (Italian sentences). */
  missing: z.array(z.string()),
  /** Doubtful content worth a look (Italian sentences). */
  suspicious: z.array(z.string()),
  /** Validation errors of the draft (first few messages). */
  errors: z.array(z.string()),
});
export type ReviewItem = z.infer<typeof ReviewItem>;

/** What importing a received PSS would add to the record, per section. */
export const ImportPlan = z.object({
  /** From the document header (IG PSS §2): effective date and author, when present. */
  document: z.object({ effectiveDate: z.string().optional(), authorName: z.string().optional() }),
  /** Per section, the entries it would add (as the record holds them) and how many are already there. */
  sections: z.array(z.object({ section: EntrySectionName, entries: z.array(z.record(z.string(), z.unknown())), duplicates: z.number().int() })),
  /** Statements (absence of problems/allergies/therapies, organ donation) the record does not have yet. */
  statements: z.array(z.string()),
  /** Absence statements ("nessuna allergia nota", …) the record holds and the imported entries contradict: removed. */
  cleared: z.array(z.string()),
  /** What the record cannot hold (Italian sentences), from the parser. */
  warnings: z.array(z.string()),
  add: z.number().int(),
  duplicates: z.number().int(),
});
export type ImportPlan = z.infer<typeof ImportPlan>;

/**
 * A received PSS (e.g. from the patient's previous doctor), for pss.importPreview / importApply:
 * the CDA itself, or a PDF carrying it (attachment or resource, as on the FSE), in base64.
 */
const ImportInput = z.object({ patientId: PatientId, fileBase64: z.string().min(1).max(20_000_000) });

export const pssApi = {
  /**
   * Builds the PSS for the patient's stored record (or `record`, unsaved form state), validates it
   * in the validation worker (XSD + PSS schematron + terminology) and renders the PDF with the CDA
   * attached. Input problems (e.g. an end date before the start) come back as `business` issues
   * on their field, never as an exception.
   */
  'pss.preview': defineMethod({
    input: PssOptions.extend({ patientId: PatientId, record: ClinicalRecord.optional(), pdf: z.boolean().default(true) }),
    output: PreviewOutput,
  }),

  /** Validates a given PSS CDA for the patient, mapping issues onto the patient's record fields. */
  'pss.validate': defineMethod({
    input: z.object({ patientId: PatientId, cda: z.string().min(1).max(5_000_000) }),
    output: z.object({ valid: z.boolean(), issues: z.array(IssueSchema) }),
  }),

  /** The patient's PSS state: current draft, last non-draft version, choices, history. */
  'pss.status': defineMethod({
    input: z.object({ patientId: PatientId }),
    output: z.object({
      draft: PssDocSummary.nullable(),
      lastPublished: PssDocSummary.nullable(),
      choices: PatientChoices,
      confidentiality: z.enum(['N', 'R', 'V']),
      versions: z.array(PssDocSummary),
    }),
  }),

  /** Builds, validates and stores (replaces) the patient's draft. Audited. */
  'pss.saveDraft': defineMethod({
    input: PssOptions.extend({ patientId: PatientId }),
    output: z.object({ draft: PssDocSummary, issues: z.array(IssueSchema) }),
  }),

  /** What changed in the record since the last confirmed/published version (null when there is none). */
  'pss.diff': defineMethod({
    input: z.object({ patientId: PatientId }),
    output: z.object({ base: PssDocSummary.nullable(), changes: z.array(DiffChange) }),
  }),

  /**
   * Compilazione massiva: generates (or refreshes) the draft PSS of up to `limit` patients of the
   * panel that have no confirmed version yet, and returns the review queue (per patient what is
   * missing or suspicious). Progress: event `pss.bulkProgress`.
   */
  'pss.bulkDrafts': defineMethod({
    input: z.object({ limit: z.number().int().min(1).max(500).default(20), patientIds: z.array(PatientId).max(500).optional() }),
    output: z.object({ items: z.array(ReviewItem), ms: z.number() }),
  }),

  /**
   * The confirmed, not yet signed PSS of these patients as PDFs with the stored CDA attached, and
   * their publication metadata (patient's choices included), ready for SignDialog → outbox.enqueue.
   */
  'pss.signingBatch': defineMethod({
    input: z.object({ patientIds: z.array(PatientId).min(1).max(500) }),
    output: z.array(z.object({
      patientId: PatientId,
      documentId: z.string(),
      versionNumber: z.number().int(),
      name: z.string(),
      title: z.string(),
      pdfBase64: z.string(),
      operation: z.enum(['create', 'replace']),
      metadata: z.record(z.string(), z.unknown()),
      /** The document's author (legalAuthenticator): the signer's card must be this doctor's. */
      author: z.object({ codiceFiscale: z.string(), name: z.string() }),
    })),
  }),

  /** Records that a confirmed version was signed and queued (link to the outbox document). Audited. */
  'pss.markSigned': defineMethod({
    input: z.object({ documentId: z.string().min(1).max(100), outboxDocumentId: z.string().min(1).max(100).optional() }),
    output: PssDocSummary,
  }),

  /** Confirms the patient's current draft (it becomes the version to sign and send). Errors: NOT_FOUND, CONFLICT when it has errors. */
  'pss.confirm': defineMethod({
    input: z.object({ patientId: PatientId }),
    output: PssDocSummary,
  }),

  /**
   * Reads a received PSS CDA and says what it would add to the patient's record: entries already
   * there (same id, or same content) are duplicates. Nothing is written. Errors: VALIDATION_FAILED
   * (not XML, a PDF without a CDA, not a PSS: issue code XML, NO_CDA or NOT_PSS), CONFLICT (field `identifier`: the document is
   * another patient's).
   */
  'pss.importPreview': defineMethod({ input: ImportInput, output: ImportPlan }),

  /** Adds what pss.importPreview listed, in one transaction with one audit entry. Same errors. */
  'pss.importApply': defineMethod({ input: ImportInput, output: ImportPlan }),
};

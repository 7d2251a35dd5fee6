import { z } from 'zod';
import { defineMethod } from './define.ts';
import { AllergyEntry, EncounterEntry, ProblemEntry } from '../domain/clinical-record.ts';
import { RouteCode } from '../domain/record/entry-base.ts';
import { Dispensation, Observation, ReceivedDocument, ReceivedFormat, ReceivedKind, StoredVerdict, TherapyPlan } from '../domain/record/index.ts';
import { PatientId } from '../domain/patient.ts';
import { NarrativeFlag, ProposedMedicine } from '../import/content.ts';
import { DeviceCsvMapping } from '../documents/csv/mapping.ts';
import { ImportPlan } from './pss.ts';

/**
 * Import of what a doctor receives (LAB, LDO, VPS, RSA, RAD, RAP, ERF, PSS as CDA, PDF with the
 * CDA, signed .pdf/.p7m, FHIR JSON, device and dispensation CSV): a preview that writes nothing,
 * then one confirmation that writes everything in one transaction (the document byte for byte,
 * each derived entry with its documentId). Refusals: IMPORT_REFUSED with a reason
 * (shared/import/refusal.ts); nothing is written.
 */

/** How to read a CSV: the date format and time zone shown in the preview, changeable. */
export const CsvChoice = z.object({
  dateFormat: z.string().trim().min(4).max(40).optional(),
  timeZone: z.string().trim().min(1).max(60).optional(),
});

export const ImportInput = z.object({
  /**
   * The patient whose record is open. Absent (CLI): the document's own patient (recordTarget),
   * found by identifier, registered when `createPatient`.
   */
  patientId: PatientId.optional(),
  createPatient: z.boolean().default(false),
  fileName: z.string().trim().min(1).max(255),
  fileBase64: z.string().min(1).max(60_000_000),
  csv: CsvChoice.optional(),
});

/** The doctor's choice for one medicine of the therapy reconciliation. */
export const TherapyAction = z.enum(['start', 'skip', 'keep', 'stop', 'change']);
export type TherapyAction = z.infer<typeof TherapyAction>;

export const ImportDecisions = z.object({
  /** Proposed problems, allergies, stays by their id in the plan: false leaves one out. */
  include: z.record(z.string(), z.boolean()).default({}),
  /** Per reconciliation row key: the action, and the route when the letter gives none. */
  therapy: z.record(z.string(), z.object({ action: TherapyAction, route: RouteCode.optional() })).default({}),
});
export type ImportDecisions = z.infer<typeof ImportDecisions>;

const Proposal = <T extends z.ZodType>(entry: T) => z.object({ entry, already: z.boolean(), include: z.boolean() });

/**
 * One medicine of the reconciliation: the letter's (`medicine`), the patient's current plan of
 * the same ATC (`current`), or both; the actions allowed and the default (what the CLI applies).
 */
export const ReconciliationRow = z.object({
  key: z.string(),
  medicine: ProposedMedicine.optional(),
  current: TherapyPlan.optional(),
  actions: z.array(TherapyAction).min(1),
  action: TherapyAction,
  /** The letter gives no route (the plan needs one): the doctor picks it, the CLI skips. */
  needsRoute: z.boolean(),
});
export type ReconciliationRow = z.infer<typeof ReconciliationRow>;

export const ReceivedPlan = z.object({
  documentId: z.string(),
  document: z.object({
    kind: ReceivedKind,
    format: ReceivedFormat,
    title: z.string(),
    typeCode: z.string().optional(),
    cdaId: z.string().optional(),
    documentDate: z.string().optional(),
    authorName: z.string().optional(),
    organizationName: z.string().optional(),
    size: z.number().int(),
    sha256: z.string(),
  }),
  patient: z.object({ id: PatientId.optional(), identifier: z.string().optional(), name: z.string().optional(), create: z.boolean() }),
  /** Already received (same ClinicalDocument id of the same type, or same bytes): nothing is added. */
  duplicate: z.object({ documentId: z.string(), by: z.enum(['id', 'content']), receivedAt: z.string() }).nullable(),
  observations: z.object({ add: z.array(Observation), already: z.number().int() }),
  problems: z.array(Proposal(ProblemEntry)),
  allergies: z.array(Proposal(AllergyEntry)),
  encounters: z.array(Proposal(EncounterEntry)),
  dispensations: z.object({ add: z.array(Dispensation), already: z.number().int() }),
  therapy: z.array(ReconciliationRow),
  /** A received PSS: what it adds section by section, as pss.importPreview says. */
  pss: ImportPlan.optional(),
  flags: z.array(NarrativeFlag),
  /** What the record cannot hold, doubts of the readers, validation and signature in words. */
  warnings: z.array(z.string()),
  validation: StoredVerdict,
  signature: StoredVerdict,
  /** What confirming adds (or added), per kind: {"documents": 1, "observations": 12, "problems": 1}. */
  added: z.record(z.string(), z.number().int()),
  /** Text for the timeline, first part. */
  excerpt: z.string().optional(),
  csv: z.object({ shape: z.string(), name: z.string(), header: z.array(z.string()), dateFormat: z.string(), timeZone: z.string() }).optional(),
  applied: z.boolean(),
});
export type ReceivedPlan = z.infer<typeof ReceivedPlan>;

export const ReceivedSummary = ReceivedDocument.pick({
  id: true, patientId: true, kind: true, format: true, title: true, typeCode: true, documentDate: true, receivedAt: true,
  authorName: true, organizationName: true, size: true, validation: true, signature: true, added: true, warnings: true, cdaId: true,
});
export type ReceivedSummary = z.infer<typeof ReceivedSummary>;

export const importApi = {
  /** What the file would add to the record, what is already there, what cannot be held; writes nothing. */
  'import.preview': defineMethod({ input: ImportInput, output: ReceivedPlan }),

  /**
   * Writes what import.preview listed, with the doctor's decisions (LDO problems, therapy
   * reconciliation; defaults: the preview's), in one transaction with one audit entry. A second
   * import of the same document adds nothing (duplicate).
   */
  'import.apply': defineMethod({ input: ImportInput.extend({ decisions: ImportDecisions.optional() }), output: ReceivedPlan }),

  /** The documents received for a patient, newest first (metadata only). */
  'received.list': defineMethod({
    input: z.object({ patientId: PatientId, limit: z.number().int().min(1).max(5000).default(200) }),
    output: z.object({ items: z.array(ReceivedSummary), total: z.number().int() }),
  }),

  /** One received document: metadata, its text for the timeline, what was derived from it. */
  'received.get': defineMethod({
    input: z.object({ patientId: PatientId, documentId: z.string().min(1).max(64) }),
    output: z.object({
      document: ReceivedDocument,
      text: z.string(),
      /** Every fact read from it: series points, PSS-section entries (problems, allergies, stays), therapy plans, dispensations. */
      derived: z.object({
        observations: z.array(Observation),
        entries: z.array(z.object({ section: z.string(), entry: z.record(z.string(), z.unknown()) })),
        therapyPlans: z.array(TherapyPlan),
        dispensations: z.array(Dispensation),
      }),
    }),
  }),

  /** The bytes as received, to open or save; the access is written to the audit log (document.view). */
  'received.open': defineMethod({
    input: z.object({ patientId: PatientId, documentId: z.string().min(1).max(64) }),
    output: z.object({ fileBase64: z.string(), mediaType: z.string(), fileName: z.string() }),
  }),

  /** The column mappings saved for generic device CSV exports (a setting). */
  'import.csvMappings': defineMethod({ input: z.object({}).default({}), output: z.array(DeviceCsvMapping) }),

  /** Saves (by name, replacing one of the same name) a device CSV column mapping. Audited. */
  'import.saveCsvMapping': defineMethod({ input: DeviceCsvMapping, output: z.array(DeviceCsvMapping) }),
};

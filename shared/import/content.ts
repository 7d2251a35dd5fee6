/**
 * What a received document holds, as the record can take it: the common output of every
 * parser (LAB, LDO, VPS, RSA/RAD/RAP, ERF, PSS, FHIR Bundles, telemonitoring, device and
 * dispensation CSV). Facts carry local ids (o1, p1, …) and no documentId yet: the import
 * planner (plan.ts) gives them their record ids, the document's id and what is already there.
 */
import { z } from 'zod';
import { AllergyEntry, ClinicalRecord, EncounterEntry, ProblemEntry } from '../domain/clinical-record.ts';
import { ClinicalDate, Coded, RouteCode } from '../domain/record/entry-base.ts';
import { Dispensation, Observation, RecordInstant, ReceivedKind } from '../domain/record/index.ts';
import { Sex } from '../domain/patient.ts';

/** recordTarget as the document gives it: identifiers (root OID + extension) and demographics. */
export const DocumentPatient = z.object({
  ids: z.array(z.object({ root: z.string(), extension: z.string() })),
  surname: z.string().optional(),
  givenName: z.string().optional(),
  sex: Sex.optional(),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});
export type DocumentPatient = z.infer<typeof DocumentPatient>;

export const ReceivedHeader = z.object({
  kind: ReceivedKind,
  typeCode: z.string().max(40).optional(),
  title: z.string().trim().min(1).max(300),
  cdaId: z.string().max(300).optional(),
  setId: z.string().max(300).optional(),
  versionNumber: z.number().int().min(1).optional(),
  authorName: z.string().max(300).optional(),
  authorId: z.string().max(64).optional(),
  organizationName: z.string().max(300).optional(),
  organizationId: z.string().max(300).optional(),
  documentDate: RecordInstant.optional(),
  /** Absent for files that name no patient (device and dispensation CSV): the open record's. */
  patient: DocumentPatient.optional(),
});
export type ReceivedHeader = z.infer<typeof ReceivedHeader>;

/**
 * A medicine of a discharge therapy (LDO 10183-2), proposed to the therapy reconciliation:
 * the therapy-plan fields the letter gives. `route` may be missing (the plan needs one: the
 * doctor picks it in the reconciliation step).
 */
export const ProposedMedicine = z.object({
  id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
  atc: Coded,
  aic: z.object({ code: z.string().regex(/^\d{9}$/), display: z.string().trim().min(1).max(300) }).optional(),
  dosageText: z.string().trim().min(1).max(300),
  dose: z.object({ value: z.number().positive(), unit: z.string().trim().min(1).max(20) }).optional(),
  route: RouteCode.optional(),
  periodHours: z.number().positive().optional(),
  start: ClinicalDate.optional(),
  end: ClinicalDate.optional(),
});
export type ProposedMedicine = z.infer<typeof ProposedMedicine>;

/** A coded value that disagrees with the document's own narrative (imported from the coded entry). */
export const NarrativeFlag = z.object({ observationId: z.string(), message: z.string().max(300) });

export const ReceivedContent = z.object({
  header: ReceivedHeader,
  /** Narrative for the timeline: section titles and text, capped. */
  text: z.string().max(20_000).optional(),
  observations: z.array(Observation).default([]),
  /** Proposed problems (LDO discharge diagnoses). */
  problems: z.array(ProblemEntry).default([]),
  allergies: z.array(AllergyEntry).default([]),
  /** The hospital stay (LDO: encounter IMP with admission and discharge dates). */
  encounters: z.array(EncounterEntry).default([]),
  /** Proposed therapy changes (LDO discharge therapy), for the reconciliation step. */
  therapy: z.array(ProposedMedicine).default([]),
  dispensations: z.array(Dispensation).default([]),
  /** A received PSS: its record, planned section by section as pss.importPreview does. */
  pss: ClinicalRecord.optional(),
  flags: z.array(NarrativeFlag).default([]),
  /** A CSV: the shape recognised and the date format and time zone in use (shown, and changeable). */
  csv: z.object({
    shape: z.enum(['libreview', 'omron', 'mapping', 'dispensations']),
    name: z.string().max(80),
    header: z.array(z.string().max(200)).max(100),
    dateFormat: z.string().max(40),
    timeZone: z.string().max(60),
  }).optional(),
  /** What the record cannot hold, or read with doubts (Italian sentences). */
  warnings: z.array(z.string().max(500)).default([]),
});
export type ReceivedContent = z.infer<typeof ReceivedContent>;
export type ReceivedContentInput = z.input<typeof ReceivedContent>;

/** An empty content for a header: parsers fill what their document type carries. */
export function emptyContent(header: ReceivedHeader): ReceivedContent {
  return { header, observations: [], problems: [], allergies: [], encounters: [], therapy: [], dispensations: [], flags: [], warnings: [] };
}

import { z } from 'zod';
import { defineMethod } from './define.ts';
import { AllergyEntry, NoAllergiesStatement, ProblemEntry } from '../domain/clinical-record.ts';
import { ClinicalDate } from '../domain/record/entry-base.ts';
import { PatientId } from '../domain/patient.ts';
import { Interpretation, TherapyPlan } from '../domain/record/index.ts';
import { OUTBOX_OPERATIONS } from '../outbox/job.ts';
import { OUTBOX_STATES } from '../outbox/state-machine.ts';

/**
 * The Scheda paziente read as a doctor reads it (UX.md screen 2, DASHBOARD.md §1): the Riepilogo
 * in one answer, the whole history as a paged timeline, and the documents the doctor wrote with
 * the state the outbox gives them. Every read runs in the db worker, in one transaction.
 */

/** A current therapy with how long ago it was last prescribed ("ultima prescrizione n giorni fa"). */
export const SummaryTherapy = z.object({
  plan: TherapyPlan,
  lastPrescribed: ClinicalDate.nullable(),
  /** Whole days from the last prescription to `today`; null when never prescribed. */
  daysSincePrescribed: z.number().int().nullable(),
});

/** The last value of one vital sign or key laboratory value, with its recent trend. */
export const SummaryMeasure = z.object({
  code: z.string(),
  display: z.string(),
  group: z.enum(['vital', 'lab']),
  value: z.number(),
  unit: z.string().nullable(),
  /** The observation's own time, UTC key (yyyy-mm-ddThh:mm:ss). */
  at: z.string(),
  /** Whole days from `at` to `today`. */
  ageDays: z.number().int(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  interpretation: Interpretation.nullable(),
  /** Below or above its range (the stored interpretation first, else the range): the mark beside the value. */
  abnormal: z.enum(['low', 'high']).nullable(),
  /** The last values, oldest first (the sparkline), at most SUMMARY_TREND_POINTS. */
  trend: z.array(z.number()),
});
export type SummaryMeasure = z.infer<typeof SummaryMeasure>;
export const SUMMARY_TREND_POINTS = 12;

/** A due item from a source other than the PSS: see DueItem. */
function otherDue<K extends string>(kind: K) {
  return z.object({ kind: z.literal(kind), label: z.string(), date: ClinicalDate.nullable(), href: z.string().nullable() });
}

/**
 * Something due for this patient. A closed list of kinds, each with its own facts: the PSS ones
 * with their own facts; the other sources (electron/services/chart/due-sources.ts) share one shape,
 * so the panel shows a new kind with its own sentence and no other change.
 */
export const DueItem = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pss-never-published') }),
  /** The last published PSS is older than 12 months; `since` its publication date. */
  z.object({ kind: z.literal('pss-stale'), since: z.string(), versionNumber: z.number().int() }),
  /** The record changed after the last published PSS. */
  z.object({ kind: z.literal('pss-changed'), since: z.string(), versionNumber: z.number().int() }),
  /**
   * Items from the other due sources (vaccinations against the calendar, bilanci di salute,
   * telemonitoring alerts): `label` names the thing in the record's own words (a vaccine and
   * dose, a bilancio, a parameter), `date` when it was or is due, `href` where it is acted on.
   */
  otherDue('vaccination-overdue'),
  otherDue('vaccination-due'),
  otherDue('bilancio-due'),
  otherDue('monitoring-alert'),
]);
export type DueItem = z.infer<typeof DueItem>;

export const PatientSummary = z.object({
  patientId: PatientId,
  today: ClinicalDate,
  /** Active allergies and intolerances, the most critical first. */
  allergies: z.array(AllergyEntry),
  noAllergies: NoAllergiesStatement.nullable(),
  /** Active problems, chronic first, then by onset (newest first). */
  problems: z.array(ProblemEntry),
  /** Active therapy plans, chronic first. */
  therapies: z.array(SummaryTherapy),
  /** Vital signs (their fixed order) then key laboratory values, each the last one measured. */
  measures: z.array(SummaryMeasure),
  due: z.array(DueItem),
});
export type PatientSummary = z.infer<typeof PatientSummary>;

export const TIMELINE_KINDS = ['visit', 'prescription', 'received', 'authored', 'results', 'imaging', 'publication'] as const;
export const TimelineKind = z.enum(TIMELINE_KINDS);
export type TimelineKind = z.infer<typeof TimelineKind>;

/**
 * One item of the timeline, with what is needed to open it where it lives: `ref` is the id in
 * its own table (visit, prescription, received document, authored document, the day of results,
 * the imaging study's Study Instance UID).
 */
export const TimelineItem = z.object({
  kind: TimelineKind,
  /** UTC sort key (yyyy-mm-ddThh:mm:ss); a date-only fact is at 00:00. */
  at: z.string(),
  id: z.string(),
  ref: z.string(),
  title: z.string(),
  detail: z.string().nullable(),
  /** received: the document kind (LAB, LDO…); authored: its state (AUTHORED_STATES); prescription: its kind; results: how many values; imaging: the modalities. */
  tag: z.string().nullable(),
});
export type TimelineItem = z.infer<typeof TimelineItem>;

export const TimelineInput = z.object({
  patientId: PatientId,
  kinds: z.array(TimelineKind).min(1).optional(),
  /** Words searched in titles, reasons, notes and drug names (case-insensitive). */
  text: z.string().trim().max(100).optional(),
  /** From the previous page's `nextCursor`; absent for the first page. */
  cursor: z.string().max(400).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

export const AUTHORED_STATES = ['bozza', 'validato', 'firmato', 'in-coda', 'inviato', 'pubblicato', 'rifiutato', 'annullato'] as const;

/** A document the doctor wrote, with its true state: the PSS version's, then its outbox entry's. */
export const AuthoredDocument = z.object({
  /** The PSS version id (pss_documents) or the outbox document id for documents not from the PSS editor. */
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  versionNumber: z.number().int().nullable(),
  state: z.enum(AUTHORED_STATES),
  outboxState: z.enum(OUTBOX_STATES).nullable(),
  outboxEntryId: z.string().nullable(),
  /** The last outbox entry's operation: 'delete' when it is an Annulla (then `state` is that deletion's). */
  operation: z.enum(OUTBOX_OPERATIONS).nullable(),
  /** The outbox document (the signed PDF) when there is one. */
  documentId: z.string().nullable(),
  /** The gateway's reason, in Italian, when rejected or parked. */
  reason: z.string().nullable(),
  updatedAt: z.string(),
});
export type AuthoredDocument = z.infer<typeof AuthoredDocument>;

export const chartApi = {
  /**
   * The Riepilogo of one patient in one answer: allergies, active problems, current therapies,
   * the last vital signs and key laboratory values with their trend, what is due. `today`
   * (yyyy-mm-dd, default the machine's date) is the day ages are counted to. Errors: NOT_FOUND.
   */
  'summary.get': defineMethod({
    input: z.object({ patientId: PatientId, today: ClinicalDate.optional() }),
    output: PatientSummary,
  }),

  /**
   * The whole history newest first: visits, prescriptions, received and authored documents,
   * results (one item per day of values not from a document), publications. Paged by cursor
   * (stable under inserts older than the page), filtered by kind and text. Errors: NOT_FOUND,
   * INVALID_INPUT (a cursor this method did not give).
   */
  'timeline.list': defineMethod({
    input: TimelineInput,
    output: z.object({ items: z.array(TimelineItem), nextCursor: z.string().nullable() }),
  }),

  /** The documents the doctor wrote for the patient, newest change first, with their true state. */
  'documents.authored': defineMethod({
    input: z.object({ patientId: PatientId }),
    output: z.object({ items: z.array(AuthoredDocument) }),
  }),

  /** The signed PDF of an authored document (its outbox document id), base64. Errors: NOT_FOUND. */
  'documents.pdf': defineMethod({
    input: z.object({ patientId: PatientId, documentId: z.string().min(1).max(100) }),
    output: z.object({ pdfBase64: z.string() }),
  }),
};


import { z } from 'zod';
import { defineMethod } from './define.ts';
import { DateTimeWithOffset } from '../domain/record/entry-base.ts';
import { PatientId } from '../domain/patient.ts';
import { Interpretation, Observation, RecordId, RecordSource } from '../domain/record/index.ts';

/** One point of a series as a chart and its table read it (from the row's columns, not its body). */
export const SeriesPoint = z.object({
  id: RecordId,
  /** The observation's own time, UTC (yyyy-mm-ddThh:mm:ssZ); a date-only value is at 00:00. */
  at: z.string(),
  /** null for a coded or text value (the body holds it). */
  value: z.number().nullable(),
  unit: z.string().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  interpretation: Interpretation.nullable(),
  source: RecordSource,
  documentId: RecordId.nullable(),
  panelId: RecordId.nullable(),
});
export type SeriesPoint = z.infer<typeof SeriesPoint>;

const LineKind = z.enum(['blood-pressure', 'weight', 'height', 'length', 'bmi', 'heart-rate', 'waist', 'spo2', 'glucose', 'temperature', 'head-circumference']);
const Span = z.tuple([z.number().int(), z.number().int()]);

/** The vitals line read back (shared/domain/record/vitals-line.ts), for feedback under the field. */
export const VitalsLineOutput = z.object({
  items: z.array(z.union([
    z.object({ kind: z.literal('blood-pressure'), systolic: z.number(), diastolic: z.number(), span: Span }),
    z.object({ kind: LineKind.exclude(['blood-pressure']), value: z.number(), unit: z.string(), span: Span, computed: z.boolean().optional() }),
  ])),
  problems: z.array(z.object({ code: z.enum(['unknown', 'missing-value', 'duplicate', 'out-of-range', 'systolic-not-above-diastolic']), kind: LineKind.optional(), text: z.string().optional(), span: Span })),
});

/** The last value of each vital sign of one patient (a panel-wide row). */
export const LatestVital = z.object({ code: z.string(), value: z.number(), unit: z.string().nullable(), at: z.string() });

/**
 * Observations as time series (LOINC-coded: vital signs, laboratory values, device readings).
 * Reads are fast whatever the history's length: a series comes from an index and the rows'
 * columns. Errors: NOT_FOUND (patient).
 */
export const observationsApi = {
  /** Every value of one code for one patient, oldest first; `from`/`to` (UTC keys or dates) narrow it. */
  'observations.series': defineMethod({
    input: z.object({ patientId: PatientId, code: z.string().min(1).max(40), from: z.string().max(25).optional(), to: z.string().max(25).optional() }),
    output: z.object({ code: z.string(), display: z.string().nullable(), points: z.array(SeriesPoint) }),
  }),

  /** The latest observation of each code the patient has, with how many values the series holds. */
  'observations.latest': defineMethod({
    input: z.object({ patientId: PatientId }),
    output: z.object({ items: z.array(z.object({ observation: Observation, count: z.number().int() })) }),
  }),

  /**
   * Reads a vitals line ("PA 135/85, peso 82, FC 70") without writing; with `patientId`, the BMI
   * uses the adult patient's last height when the line has none.
   */
  'observations.parseVitalsLine': defineMethod({
    input: z.object({ text: z.string().max(500), patientId: PatientId.optional() }),
    output: VitalsLineOutput,
  }),

  /**
   * Writes a vitals line as observations measured at `at` (default now): a blood pressure as
   * the two values sharing a panel id, the BMI computed when weight and height are known.
   * Refused, writing nothing, when any part cannot be read (INVALID_INPUT, one issue per part)
   * or the line is empty. The same `lineId` again writes the same observations (a retried save).
   */
  'observations.recordVitals': defineMethod({
    input: z.object({
      patientId: PatientId, text: z.string().min(1).max(500), at: DateTimeWithOffset.optional(),
      source: z.enum(['doctor', 'patient-declared']).default('doctor'), lineId: RecordId.optional(),
      /** The form's draft (drafts.*) this save completes: removed in the same transaction. */
      completesDraft: z.boolean().default(false),
    }),
    output: z.object({ observations: z.array(Observation) }),
  }),

  /** The last value of each vital sign (VITAL_KINDS) for every patient of the panel. */
  'observations.panelVitals': defineMethod({
    input: z.object({}).default({}),
    output: z.object({ items: z.array(z.object({ patientId: PatientId, values: z.array(LatestVital) })) }),
  }),
};

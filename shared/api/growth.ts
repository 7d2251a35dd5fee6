import { z } from 'zod';
import { defineMethod } from './define.ts';
import { BilanciSchedule } from '../analytics/bilanci-salute/schedule.ts';
import { PatientId, IsoDate, Sex } from '../domain/patient.ts';
import { RecordId } from '../domain/record/index.ts';

/**
 * Growth of a child (PAEDIATRICS.md §3): the measurements of the record scored against WHO 2006
 * (under 60 months) and WHO 2007 (from 60 months), the reference curves of each chart, and the
 * bilanci di salute of the region's schedule (PAEDIATRICS.md §4) with the measurements taken at
 * them. The z-scores are shared/analytics/growth's, computed in the services from the WHO tables
 * in resources/growth.
 */

export const GrowthReference = z.enum(['who2006', 'who2007']);
export const GrowthIndicatorName = z.enum(['wfa', 'lhfa', 'wflh', 'bfa', 'hcfa']);
export type GrowthIndicatorName = z.infer<typeof GrowthIndicatorName>;

export const IndicatorScore = z.object({
  /** Rounded to 2 decimals as WHO's software rounds. */
  z: z.number(),
  /** 100·Φ(z) of the unrounded z. */
  percentile: z.number(),
  /** WHO's implausibility flag: check the measurement before using it. */
  flagged: z.boolean(),
  reference: GrowthReference,
  /** Length/height-based indicators: the table that applied (length under 24 months). */
  table: z.enum(['length', 'height']).optional(),
  /** Weight-based indicator beyond ±3 SD: WHO's restricted LMS rule computed it. */
  restricted: z.boolean(),
});
export type IndicatorScore = z.infer<typeof IndicatorScore>;

export const MeasurePosition = z.enum(['recumbent', 'standing']);

/** What is measured at once (a bilancio, or one day of the record). */
export const GrowthMeasures = z.object({
  weightKg: z.number().positive().max(400).optional(),
  /** Length (recumbent) or height (standing), as measured. */
  lengthCm: z.number().positive().max(250).optional(),
  measure: MeasurePosition.optional(),
  headCm: z.number().positive().max(80).optional(),
  oedema: z.boolean().optional(),
});
export type GrowthMeasures = z.infer<typeof GrowthMeasures>;

/** One day's measurements of a child with their scores. */
export const GrowthPoint = GrowthMeasures.extend({
  date: IsoDate,
  /** Whole days from birth (WHO's integer age). */
  ageDays: z.number().int(),
  ageMonths: z.number(),
  /** Computed from weight and the (corrected) length/height. */
  bmi: z.number().optional(),
  /** A standing height under 9 months: WHO ignores the position. */
  standingUnder9Months: z.boolean(),
  scores: z.object({
    wfa: IndicatorScore.optional(), lhfa: IndicatorScore.optional(), wflh: IndicatorScore.optional(), bfa: IndicatorScore.optional(), hcfa: IndicatorScore.optional(),
  }),
  /** The observations this point is made of. */
  observationIds: z.array(RecordId),
});
export type GrowthPoint = z.infer<typeof GrowthPoint>;

/** wfl / wfh: weight-for-length (under 2 years) and weight-for-height (from 2 years) are two charts. */
export const GrowthChartName = z.enum(['wfa', 'lhfa', 'bfa', 'hcfa', 'wfl', 'wfh']);
export type GrowthChartName = z.infer<typeof GrowthChartName>;

export const CurveSegment = z.object({
  reference: GrowthReference,
  x: z.enum(['age-months', 'length-cm', 'height-cm']),
  basis: z.enum(['length', 'height']).optional(),
  xs: z.array(z.number()),
  lines: z.array(z.object({ percentile: z.number(), values: z.array(z.number()) })),
});
export type CurveSegment = z.infer<typeof CurveSegment>;

/** One bilancio di salute done: its date, the visit of the schedule it counts for, notes per item. */
export const Bilancio = z.object({
  id: RecordId,
  patientId: PatientId,
  date: IsoDate,
  visitId: z.string().max(64).nullable(),
  measures: GrowthMeasures,
  /** Per item of the schedule (its id): what the doctor wrote. */
  notes: z.record(z.string().max(64), z.string().max(4000)),
  updatedAt: z.string(),
});
export type Bilancio = z.infer<typeof Bilancio>;

export const BilancioVisitStatus = z.object({
  visitId: z.string(),
  label: z.object({ it: z.string(), en: z.string() }),
  status: z.enum(['done', 'due', 'overdue', 'next', 'missed']),
  window: z.object({ from: z.string(), until: z.string() }),
  done: z.object({ date: z.string(), id: z.string().optional() }).optional(),
  records: z.array(z.string()),
  confirmed: z.boolean(),
});

export const growthApi = {
  /**
   * Every day the record holds a weight, length/height or head circumference of the patient,
   * oldest first, with z-score and percentile per indicator. Recumbent length (LOINC 8306-3) and
   * standing height (8302-2) are kept apart, so WHO's ±0.7 cm rule applies. Errors: NOT_FOUND.
   */
  'growth.points': defineMethod({
    input: z.object({ patientId: PatientId }),
    output: z.object({ sex: Sex, birthDate: IsoDate, points: z.array(GrowthPoint) }),
  }),

  /**
   * Scores measurements not yet saved (the bilancio form's live percentile): the same rules as
   * growth.points at `date`. Errors: NOT_FOUND, INVALID_INPUT (a date before birth).
   */
  'growth.evaluate': defineMethod({
    input: GrowthMeasures.extend({ patientId: PatientId, date: IsoDate }),
    output: GrowthPoint.omit({ observationIds: true }),
  }),

  /**
   * A chart's reference curves (P3, P15, P50, P85, P97) for one sex, as segments that break where
   * the reference changes (WHO 2006 → 2007 at 60 months) and at the length/height switch.
   * `everyDays` thins the daily WHO 2006 tables (default 7).
   */
  'growth.curves': defineMethod({
    input: z.object({ chart: GrowthChartName, sex: Sex, everyDays: z.number().int().min(1).max(31).default(7) }),
    output: z.object({ chart: GrowthChartName, sex: Sex, segments: z.array(CurveSegment) }),
  }),

  /** The schedule of bilanci in use: the doctor's region's (setting paediatrics.bilanciSchedule) or the default in resources/. */
  'bilanci.schedule': defineMethod({
    input: z.object({}).default({}),
    output: z.object({ schedule: BilanciSchedule, custom: z.boolean() }),
  }),

  /** Sets the region's schedule (null: back to the default). Audited. Errors: INVALID_INPUT (a schedule that does not check). */
  'bilanci.setSchedule': defineMethod({
    input: z.object({ schedule: BilanciSchedule.nullable() }),
    output: z.object({ schedule: BilanciSchedule, custom: z.boolean() }),
  }),

  /** The child's bilanci done (newest first) and the schedule's visits with their status at `today`. Errors: NOT_FOUND. */
  'bilanci.list': defineMethod({
    input: z.object({ patientId: PatientId, today: IsoDate.optional() }),
    output: z.object({ items: z.array(Bilancio), visits: z.array(BilancioVisitStatus), schedule: z.string() }),
  }),

  /**
   * Saves a bilancio and its measurements as observations (weight, length or height by position,
   * head circumference, BMI computed) in one transaction; the same `id` again updates it.
   * Errors: NOT_FOUND, INVALID_INPUT (a visit the schedule lacks, a date before birth or in the future).
   */
  'bilanci.save': defineMethod({
    input: z.object({
      patientId: PatientId,
      id: RecordId.optional(),
      date: IsoDate,
      visitId: z.string().max(64).nullable().default(null),
      measures: GrowthMeasures.default({}),
      notes: z.record(z.string().max(64), z.string().max(4000)).default({}),
    }),
    output: Bilancio,
  }),
};

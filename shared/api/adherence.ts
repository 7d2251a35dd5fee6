import { z } from 'zod';
import { defineMethod } from './define.ts';
import { ClinicalDate } from '../domain/record/entry-base.ts';
import { PatientId } from '../domain/patient.ts';
import { DRUG_CLASS_IDS } from '../analytics/adherence/record/drug-classes.ts';

export const DrugClass = z.enum(DRUG_CLASS_IDS);
/** How the days of supply were obtained (DOMAIN.md §2.4); every figure carries it. */
export const DurationMethod = z.enum(['days-supply', 'posology', 'ddd']);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Period = z.object({ from: Day, to: Day });

/** PQA's PDC over a period, with what it is made of. */
export const PdcFigure = z.object({
  pdc: z.number().nullable(),
  daysCovered: z.number(),
  daysInPeriod: z.number(),
  hospitalDays: z.number(),
  /** Why the patient is not measured (PQA: fills on two dates, a period of 91 days). */
  exclusion: z.enum(['FEWER_THAN_TWO_FILL_DATES', 'TREATMENT_PERIOD_UNDER_91_DAYS']).nullable(),
  adherent: z.boolean(),
});

export const ClassAdherence = PdcFigure.extend({
  drugClass: DrugClass,
  threshold: z.number(),
  fills: z.number().int(),
  methods: z.array(DurationMethod),
  previous: PdcFigure.nullable(),
});
export type ClassAdherence = z.infer<typeof ClassAdherence>;

export const PanelAdherenceRow = ClassAdherence.extend({
  patient: z.object({ id: PatientId, surname: z.string(), givenName: z.string(), birthDate: z.string() }),
});
export type PanelAdherenceRow = z.infer<typeof PanelAdherenceRow>;

export const TimelineFill = z.object({
  id: z.string(), atc: z.string(), display: z.string(), drugClass: DrugClass, date: Day, packs: z.number(),
  duration: z.number(), method: DurationMethod,
  used: z.array(z.object({ start: Day, end: Day })),
  gapDays: z.number().int(), overlapDays: z.number().int(),
});
export type TimelineFill = z.infer<typeof TimelineFill>;

export const PatientAdherence = z.object({
  asOf: Day, from: Day, period: Period,
  classes: z.array(ClassAdherence),
  fills: z.array(TimelineFill),
  /** Dispensations of followed classes whose supply could not be derived (no posology, no DDD, no pack size). */
  unmeasured: z.array(z.object({ id: z.string(), date: Day, atc: z.string(), display: z.string(), drugClass: DrugClass, packs: z.number() })),
  stays: z.array(z.object({ start: Day, end: Day })),
});
export type PatientAdherence = z.infer<typeof PatientAdherence>;

/**
 * Adherence from the record (DOMAIN.md §2): dispensations with durations from the prescribed
 * posology and the AIC pack size, or from the DDD; hospital stays (PSS encounters IMP) removed
 * from the denominator with the supply resuming at discharge. The 12 months before `asOf`
 * (default today) and the 12 before those for the trend.
 */
export const adherenceApi = {
  /** Every patient and followed class with a fill in the last 12 months: the non-adherent (< threshold) first, lowest PDC first, then the adherent, then those not measured. */
  'adherence.panel': defineMethod({
    input: z.object({ asOf: ClinicalDate.optional(), drugClass: DrugClass.optional() }).default({}),
    output: z.object({ asOf: Day, period: Period, previousPeriod: Period, items: z.array(PanelAdherenceRow) }),
  }),
  /** A patient's refill timeline (fills from `from`, default two years before `asOf`), the stays and the numbers per class. */
  'adherence.patient': defineMethod({
    input: z.object({ patientId: PatientId, asOf: ClinicalDate.optional(), from: ClinicalDate.optional() }),
    output: PatientAdherence,
  }),
};

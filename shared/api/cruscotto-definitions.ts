/**
 * The chronic-care indicators as data (DOMAIN.md §3.2; the defaults in
 * resources/cruscotto/indicators.json): the register (ICD-9-CM problems, age band, a condition),
 * what counts as done (LOINC observations, catalogue orders, ATC dispensations, PDC), windows in
 * months and thresholds. Targets and windows differ by region and ASL (DOMAIN.md §3.4), so the
 * doctor may override them; these schemas check both the file and every override.
 */
import { z } from 'zod';
import { DRUG_CLASS_IDS } from '../analytics/adherence/record/drug-classes.ts';

/** How a value is compared: HbA1c in IFCC mmol/mol, urine ACR in mg/g, FEV1/FVC as a ratio. */
export const ValueScale = z.enum(['hba1c-mmol/mol', 'acr-mg/g', 'ratio']);
export type ValueScale = z.infer<typeof ValueScale>;

/** A window in months: up to five years back (the facts read for the panel, DOMAIN.md §3.4). */
const Months = z.number().int().min(1).max(60);
const Threshold = z.number().finite().min(0).max(10_000);
/** LOINC (4548-4), catalogue (90.28.1), ATC (C09) or ICD-9-CM (250.00) codes: letters, digits, dots and dashes. */
const Code = z.string().trim().min(1).max(20).regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/, 'codice non valido');
const Codes = z.array(Code).max(200);

export interface RecordedCriterion { kind: 'recorded'; loinc?: string[] | undefined; orders?: string[] | undefined; months: number; atLeast?: number | undefined; eachHalf?: boolean | undefined }
export interface AllOfCriterion { kind: 'allOf'; of: Criterion[] }
export type Criterion =
  /** At least `atLeast` (default 1) observations or orders in the window; `eachHalf`: one in each half of it. */
  | RecordedCriterion
  /** The last value in the window is at most `max` (or above `above`). */
  | { kind: 'lastValue'; loinc: string[]; months: number; scale: ValueScale; max?: number | undefined; above?: number | undefined }
  /** The last systolic and diastolic in the window are at most the targets. */
  | { kind: 'bloodPressure'; months: number; systolicMax: number; diastolicMax: number }
  /** Something of these ATC prefixes dispensed in the window. */
  | { kind: 'dispensed'; atc: string[]; months: number }
  /** An observation or order from `monthsBefore` before to `monthsAfter` after the register diagnosis; `below`: its value under this. */
  | { kind: 'aroundDiagnosis'; loinc?: string[] | undefined; orders?: string[] | undefined; monthsBefore: number; monthsAfter: number; scale?: ValueScale | undefined; below?: number | undefined }
  /** PDC over the window at or above `minPdc` for the fills of these ATC prefixes (PQA, DOMAIN.md §2.1). */
  | { kind: 'adherence'; atc: string[]; months: number; minPdc: number }
  /** PDC at or above each class's threshold for every class measured (two fills, 91 days). */
  | { kind: 'classesAdherent'; classes: Array<(typeof DRUG_CLASS_IDS)[number]>; months: number }
  | AllOfCriterion;

export const Criterion: z.ZodType<Criterion> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('recorded'), loinc: Codes.optional(), orders: Codes.optional(), months: Months, atLeast: z.number().int().min(1).max(24).optional(), eachHalf: z.boolean().optional() }).strict(),
    z.object({ kind: z.literal('lastValue'), loinc: Codes, months: Months, scale: ValueScale, max: Threshold.optional(), above: Threshold.optional() }).strict(),
    z.object({ kind: z.literal('bloodPressure'), months: Months, systolicMax: z.number().int().min(60).max(250), diastolicMax: z.number().int().min(30).max(150) }).strict(),
    z.object({ kind: z.literal('dispensed'), atc: Codes, months: Months }).strict(),
    z.object({ kind: z.literal('aroundDiagnosis'), loinc: Codes.optional(), orders: Codes.optional(), monthsBefore: z.number().int().min(0).max(60), monthsAfter: z.number().int().min(0).max(60), scale: ValueScale.optional(), below: Threshold.optional() }).strict(),
    z.object({ kind: z.literal('adherence'), atc: Codes, months: Months, minPdc: z.number().min(0).max(1) }).strict(),
    z.object({ kind: z.literal('classesAdherent'), classes: z.array(z.enum(DRUG_CLASS_IDS)).min(1), months: Months }).strict(),
    z.object({ kind: z.literal('allOf'), of: z.array(Criterion).min(1).max(20) }).strict(),
  ]),
);

export const Register = z.object({
  /** ICD-9-CM code prefixes of an active problem. */
  problems: Codes.optional(),
  minAge: z.number().int().min(0).max(130).optional(),
  maxAge: z.number().int().min(0).max(130).optional(),
  /** Only patients who also meet this (diabetics with micro/proteinuria). */
  where: Criterion.optional(),
  /** Patients with a PDC measure (two fills, 91 days) for one of these classes in the window. */
  measuredFor: z.object({ classes: z.array(z.enum(DRUG_CLASS_IDS)).min(1), months: Months }).strict().optional(),
  /** QOF's exclusion of the newly diagnosed (DOMAIN.md §3.1). */
  excludeDiagnosedWithinMonths: z.number().int().min(0).max(60).optional(),
}).strict().refine((r) => r.minAge === undefined || r.maxAge === undefined || r.minAge <= r.maxAge, { message: "l'età minima supera la massima", path: ['minAge'] });
export type Register = z.infer<typeof Register>;

export const IndicatorCondition = z.enum(['diabetes', 'hypertension', 'heart-failure', 'copd', 'cv-prevention']);

export const IndicatorDef = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,60}$/),
  number: z.number().int().min(1).max(99),
  condition: IndicatorCondition,
  register: Register,
  done: Criterion,
  /** Source of the definition (DOMAIN.md §3.2). */
  source: z.string().max(300),
  /** False where DOMAIN.md §3.4 says the definition is not confirmed. */
  confirmed: z.boolean(),
  note: z.string().max(1000).optional(),
  /** Code lists the record has no national code for: empty until set (nobody counts as done for them). */
  codesToConfigure: z.array(z.string().max(40)).optional(),
}).strict();
export type IndicatorDef = z.infer<typeof IndicatorDef>;

/** The file resources/cruscotto/indicators.json. */
export const IndicatorsFile = z.object({ version: z.literal(1), indicators: z.array(IndicatorDef).min(1).max(99) }).strict();

/** One indicator's definition in force, its default and whether the doctor changed it. */
export const DefinitionItem = z.object({ definition: IndicatorDef, defaults: IndicatorDef, overridden: z.boolean() });
export type DefinitionItem = z.infer<typeof DefinitionItem>;

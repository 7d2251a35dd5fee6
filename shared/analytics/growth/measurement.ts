/**
 * One anthropometric measurement of a child, and its preparation as WHO's software prepares it
 * before any z-score (anthro `anthro_zscores`, WHO MGRS 2006 ch. 7; ../shared/data/growth/MANIFEST.md):
 *
 * - age in days is an integer: exact days rounded half up; from months, months × 30.4375 rounded
 *   the same way. Age in months stays unrounded (it decides the 60-month limit and, from 60
 *   months, the WHO 2007 interpolation);
 * - from 731 days (24 months) the tables are height-based, below length-based: a standing height
 *   under 731 days gets +0.7 cm, a recumbent length from 731 days −0.7 cm. A standing height
 *   under 9 months is implausible: the position is then ignored (no correction);
 * - BMI = weight / (length or height as corrected, in m)².
 *
 * A record's measurement (date, weight, length or height with its position, head circumference)
 * maps onto this with `ageDays: daysBetween(birthDate, date)` (shared/domain/iso-date.ts).
 */
import { roundHalfUp } from './r-round.ts';

/** Position of a length/height measurement: lying (length) or standing (height). */
export type MeasurePosition = 'recumbent' | 'standing';

export interface GrowthMeasurement {
  sex: 'M' | 'F';
  /** Exact age in days (may be fractional); preferred over ageMonths when both are given. */
  ageDays?: number | undefined;
  /** Age in months (may be fractional). */
  ageMonths?: number | undefined;
  weightKg?: number | undefined;
  /** Length (recumbent) or height (standing), as measured, in cm. */
  lengthCm?: number | undefined;
  /** How lengthCm was measured; when unknown, the position the age calls for is assumed. */
  measure?: MeasurePosition | undefined;
  headCm?: number | undefined;
  /** Bilateral pitting oedema: weight does not reflect nutrition, no weight-based z-score. */
  oedema?: boolean | undefined;
}

/** WHO's average month: 365.25 / 12 days. */
export const DAYS_PER_MONTH = 30.4375;
/** First day of height-based tables (24 months). */
export const HEIGHT_FROM_DAY = 731;
/** Length/height difference between lying and standing, cm. */
export const RECUMBENT_STANDING_CM = 0.7;

export interface PreparedMeasurement {
  sex: 'M' | 'F';
  /** Integer days, undefined when no (valid) age. */
  ageDays: number | undefined;
  /** Unrounded months. */
  ageMonths: number | undefined;
  weightKg: number | undefined;
  /** Length/height after the ±0.7 cm correction. */
  lengthHeightCm: number | undefined;
  /** The position used: the given one, or undefined when unknown or ignored. */
  measure: MeasurePosition | undefined;
  /** A standing height under 9 months: position ignored (anthro's c9mo_flag). */
  standingUnder9Months: boolean;
  bmi: number | undefined;
  headCm: number | undefined;
  oedema: boolean;
}

const positive = (x: number | undefined): number | undefined => (x !== undefined && Number.isFinite(x) && x > 0 ? x : undefined);

export function prepareMeasurement(input: GrowthMeasurement): PreparedMeasurement {
  let ageDays: number | undefined;
  let ageMonths: number | undefined;
  if (input.ageDays !== undefined && Number.isFinite(input.ageDays)) {
    if (input.ageDays >= 0) {
      ageDays = roundHalfUp(input.ageDays);
      ageMonths = input.ageDays / DAYS_PER_MONTH;
    }
  } else if (input.ageMonths !== undefined && Number.isFinite(input.ageMonths) && input.ageMonths >= 0) {
    ageDays = roundHalfUp(input.ageMonths * DAYS_PER_MONTH);
    ageMonths = input.ageMonths;
  }
  const standingUnder9Months = input.measure === 'standing' && ageMonths !== undefined && ageMonths < 9;
  const measure = standingUnder9Months ? undefined : input.measure;
  let lengthHeightCm = positive(input.lengthCm);
  if (lengthHeightCm !== undefined && ageDays !== undefined) {
    if (ageDays < HEIGHT_FROM_DAY && measure === 'standing') lengthHeightCm = lengthHeightCm + RECUMBENT_STANDING_CM;
    else if (ageDays >= HEIGHT_FROM_DAY && measure === 'recumbent') lengthHeightCm = lengthHeightCm - RECUMBENT_STANDING_CM;
  }
  const weightKg = positive(input.weightKg);
  let bmi: number | undefined;
  if (weightKg !== undefined && lengthHeightCm !== undefined) {
    const metres = lengthHeightCm / 100;
    bmi = weightKg / (metres * metres);
  }
  return {
    sex: input.sex,
    ageDays,
    ageMonths,
    weightKg,
    lengthHeightCm,
    measure,
    standingUnder9Months,
    bmi,
    headCm: positive(input.headCm),
    oedema: input.oedema === true,
  };
}

/**
 * WHO Growth Reference 2007 (5-19 years), computed as WHO's anthroplus package computes it:
 * age in unrounded months, from 60 months (the anthroplus check values at 60.32 months are
 * computed on these tables) up to 228 months included, weight-for-age only up to 120 months;
 * L, M and S interpolated linearly between the whole months around the age. Weight-for-age and
 * BMI-for-age use the restricted application beyond ±3 SD and are not computed with oedema.
 * There is no weight-for-height or head circumference reference beyond 5 years.
 */
import { interpolateLms, lmsZ, lmsZRestricted } from './lms.ts';
import type { PreparedMeasurement } from './measurement.ts';
import { lmsAt, type GrowthTables, type LmsTable } from './tables.ts';
import type { RawScores } from './who2006.ts';

export const WHO2007_FROM_MONTHS = 60;
export const WHO2007_LAST_MONTH = 228;
export const WHO2007_WFA_LAST_MONTH = 120;

function byAge(table: LmsTable, p: PreparedMeasurement, y: number | undefined, lastMonth: number, restricted: boolean): number | undefined {
  const age = p.ageMonths;
  if (y === undefined || age === undefined || !(age >= WHO2007_FROM_MONTHS && age <= lastMonth)) return undefined;
  const low = Math.trunc(age);
  const t = age - low;
  let lms = lmsAt(table, p.sex, low);
  if (!lms) return undefined;
  if (t > 0) {
    const up = lmsAt(table, p.sex, Math.trunc(age + 1));
    if (!up) return undefined;
    lms = interpolateLms(lms, up, t);
  }
  return restricted ? lmsZRestricted(y, lms) : lmsZ(y, lms);
}

/** Unrounded z-scores under the 2007 reference; an indicator that does not apply is absent. */
export function who2007Scores(t: GrowthTables['who2007'], p: PreparedMeasurement): RawScores {
  const out: RawScores = {};
  const wfa = byAge(t.wfa, p, p.oedema ? undefined : p.weightKg, WHO2007_WFA_LAST_MONTH, true);
  if (wfa !== undefined) out.wfa = { z: wfa };
  const hfa = byAge(t.hfa, p, p.lengthHeightCm, WHO2007_LAST_MONTH, false);
  if (hfa !== undefined) out.lhfa = { z: hfa, table: 'height' };
  const bfa = byAge(t.bfa, p, p.oedema ? undefined : p.bmi, WHO2007_LAST_MONTH, true);
  if (bfa !== undefined) out.bfa = { z: bfa, table: 'height' };
  return out;
}

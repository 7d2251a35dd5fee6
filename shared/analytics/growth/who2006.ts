/**
 * WHO Child Growth Standards 2006 (0-5 years), computed as WHO's anthro package computes them
 * (../shared/data/growth/MANIFEST.md):
 * - age-based indicators: the table row at the integer age in days (0-1826), and only under 60
 *   months of unrounded age;
 * - weight-for-length (45-110 cm) under 731 days, weight-for-height (65-120 cm) from 731 days;
 *   with no age, the given position decides, and with neither, length under 87 cm. L, M and S are
 *   interpolated between the two 0.1 cm rows around the value: lower = trunc(x·10)/10,
 *   upper = trunc(x·10 + 1)/10, t = (x − lower)/0.1, in double arithmetic exactly as anthro does
 *   (so a value that is a whole tenth lands on its row);
 * - weight-based indicators (weight-for-age, weight-for-length/height, BMI-for-age) use the
 *   restricted application beyond ±3 SD and are not computed with oedema.
 */
import type { GrowthIndicator } from './indicators.ts';
import { interpolateLms, lmsZ, lmsZRestricted, type Lms } from './lms.ts';
import { HEIGHT_FROM_DAY, type PreparedMeasurement } from './measurement.ts';
import { lmsAt, type GrowthTables, type LmsTable } from './tables.ts';

export const WHO2006_LAST_DAY = 1826;
export const WHO2006_BEFORE_MONTHS = 60;
const LENGTH_RANGE: [number, number] = [45, 110];
const HEIGHT_RANGE: [number, number] = [65, 120];
/** Without age or position, anthro takes a value under 87 cm for a length. */
const LENGTH_BELOW_CM = 87;

export type RawScores = Partial<Record<GrowthIndicator, { z: number; table?: 'length' | 'height' }>>;

function byAge(table: LmsTable, p: PreparedMeasurement, y: number | undefined, restricted: boolean): number | undefined {
  if (y === undefined || p.ageDays === undefined || p.ageMonths === undefined) return undefined;
  if (p.ageDays > WHO2006_LAST_DAY || !(p.ageMonths < WHO2006_BEFORE_MONTHS)) return undefined;
  const lms = lmsAt(table, p.sex, p.ageDays);
  if (!lms) return undefined;
  return restricted ? lmsZRestricted(y, lms) : lmsZ(y, lms);
}

/** Weight-for-length or -height: which table, and the interpolated LMS. */
function weightForLengthHeight(t: GrowthTables['who2006'], p: PreparedMeasurement): { z: number; table: 'length' | 'height' } | undefined {
  const x = p.lengthHeightCm;
  if (x === undefined || p.weightKg === undefined || p.oedema) return undefined;
  if (p.ageMonths !== undefined && !(p.ageMonths < WHO2006_BEFORE_MONTHS)) return undefined;
  let which: 'length' | 'height';
  if (p.ageDays !== undefined) which = p.ageDays < HEIGHT_FROM_DAY ? 'length' : 'height';
  else if (p.measure !== undefined) which = p.measure === 'recumbent' ? 'length' : 'height';
  else which = x < LENGTH_BELOW_CM ? 'length' : 'height';
  const [lo, hi] = which === 'length' ? LENGTH_RANGE : HEIGHT_RANGE;
  if (!(x >= lo && x <= hi)) return undefined;
  const table = which === 'length' ? t.wfl : t.wfh;
  const kLow = Math.trunc(x * 10);
  const kUp = Math.trunc(x * 10 + 1);
  const t01 = (x - kLow / 10) / 0.1;
  const low = lmsAt(table, p.sex, kLow);
  if (!low) return undefined;
  let lms: Lms = low;
  if (t01 > 0) {
    const up = lmsAt(table, p.sex, kUp);
    if (!up) return undefined;
    lms = interpolateLms(low, up, t01);
  }
  return { z: lmsZRestricted(p.weightKg, lms), table: which };
}

/** Unrounded z-scores under the 2006 standards; an indicator that does not apply is absent. */
export function who2006Scores(t: GrowthTables['who2006'], p: PreparedMeasurement): RawScores {
  const out: RawScores = {};
  const lengthOrHeight = p.ageDays !== undefined && p.ageDays >= HEIGHT_FROM_DAY ? 'height' : 'length';
  const wfa = byAge(t.wfa, p, p.oedema ? undefined : p.weightKg, true);
  if (wfa !== undefined) out.wfa = { z: wfa };
  const lhfa = byAge(t.lhfa, p, p.lengthHeightCm, false);
  if (lhfa !== undefined) out.lhfa = { z: lhfa, table: lengthOrHeight };
  const wflh = weightForLengthHeight(t, p);
  if (wflh !== undefined) out.wflh = wflh;
  const bfa = byAge(t.bfa, p, p.oedema ? undefined : p.bmi, true);
  if (bfa !== undefined) out.bfa = { z: bfa, table: lengthOrHeight };
  const hcfa = byAge(t.hcfa, p, p.headCm, false);
  if (hcfa !== undefined) out.hcfa = { z: hcfa };
  return out;
}

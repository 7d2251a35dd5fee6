/**
 * The record's growth values read as WHO measurements: one point per day (weight, length or
 * height, head circumference measured the same day), scored by shared/analytics/growth. The
 * position comes from the code: LOINC 8306-3 is a recumbent length, 8302-2 a standing height,
 * so WHO's ±0.7 cm rule at 24 months applies (PAEDIATRICS.md §3).
 */
import { growthZScores, WEIGHT_BASED, type GrowthIndicator, type GrowthTables } from '../../../shared/analytics/growth/index.ts';
import type { GrowthMeasures, GrowthPoint } from '../../../shared/api/growth.ts';
import { daysBetween } from '../../../shared/domain/iso-date.ts';
import { VITAL_KINDS } from '../../../shared/domain/record/index.ts';

/** One measurement scored at `date` for a child born on `birthDate`. */
export function scoreMeasures(tables: GrowthTables, child: { sex: 'M' | 'F'; birthDate: string }, date: string, m: GrowthMeasures): Omit<GrowthPoint, 'observationIds'> {
  const ageDays = daysBetween(child.birthDate, date);
  const r = growthZScores(tables, { sex: child.sex, ageDays, weightKg: m.weightKg, lengthCm: m.lengthCm, measure: m.measure, headCm: m.headCm, oedema: m.oedema });
  const scores: GrowthPoint['scores'] = {};
  for (const [ind, s] of Object.entries(r.scores) as [GrowthIndicator, NonNullable<(typeof r.scores)[GrowthIndicator]>][]) {
    scores[ind] = { ...s, restricted: WEIGHT_BASED.has(ind) && Math.abs(s.z) > 3 };
  }
  return {
    ...m,
    date,
    ageDays,
    ageMonths: r.prepared.ageMonths ?? ageDays / 30.4375,
    ...(r.prepared.bmi !== undefined ? { bmi: Math.round(r.prepared.bmi * 100) / 100 } : {}),
    standingUnder9Months: r.prepared.standingUnder9Months,
    scores,
  };
}

const CODE = {
  weight: VITAL_KINDS.weight.loinc,
  height: VITAL_KINDS.height.loinc,
  length: VITAL_KINDS.length.loinc,
  head: VITAL_KINDS['head-circumference'].loinc,
};

/** Rows (oldest first, any growth code) grouped by day and scored; the last value of a day wins. */
export function growthPoints(
  tables: GrowthTables,
  child: { sex: 'M' | 'F'; birthDate: string },
  rows: ReadonlyArray<{ id: string; code: string; key: string; value: number }>,
): GrowthPoint[] {
  const days = new Map<string, { m: GrowthMeasures; ids: string[] }>();
  for (const r of rows) {
    const date = r.key.slice(0, 10);
    if (date < child.birthDate) continue;
    let d = days.get(date);
    if (!d) days.set(date, (d = { m: {}, ids: [] }));
    d.ids.push(r.id);
    if (r.code === CODE.weight) d.m.weightKg = r.value;
    else if (r.code === CODE.head) d.m.headCm = r.value;
    else if (r.code === CODE.length) Object.assign(d.m, { lengthCm: r.value, measure: 'recumbent' });
    else if (r.code === CODE.height) Object.assign(d.m, { lengthCm: r.value, measure: 'standing' });
  }
  return [...days].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, d]) => ({ ...scoreMeasures(tables, child, date, d.m), observationIds: d.ids }));
}

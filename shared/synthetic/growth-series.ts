/**
 * A synthetic child's growth series for the sandbox (PAEDIATRICS.md §3-4): one measurement per
 * bilancio di salute of the default schedule's ages already reached, drawn from the WHO tables
 * so every point sits where a real child could be. Each child keeps its own channel (a z-score
 * per measure, drifting a little from visit to visit); about one in eight crosses weight
 * percentiles downwards after 6 months, so the charts have a child worth a second look.
 * Lengths are recumbent under 24 months and heights standing from 24 (WHO's switch at 731 days);
 * the head is measured up to 3 years. Same seed, same series.
 */
import { lmsValue } from '../analytics/growth/lms.ts';
import { HEIGHT_FROM_DAY, DAYS_PER_MONTH, type MeasurePosition } from '../analytics/growth/measurement.ts';
import { lmsAt, lmsRange, type GrowthTables, type LmsTable } from '../analytics/growth/tables.ts';
import { addDays, daysBetween } from '../domain/iso-date.ts';
import { addDuration, type Duration } from '../domain/duration.ts';
import { seededRandom } from '../random.ts';

export interface SyntheticGrowthMeasurement {
  date: string;
  /** The bilancio of the default schedule (resources/bilanci-salute/marche-asl3.json) it was taken at. */
  visitId: string;
  weightKg: number;
  lengthCm: number;
  measure: MeasurePosition;
  headCm?: number;
}

/** The default schedule's visits (ids and ages), the ones a sandbox child has had. */
export const SERIES_VISITS: ReadonlyArray<{ id: string; at: Duration }> = [
  { id: '1m', at: { months: 1 } }, { id: '3m', at: { months: 3 } }, { id: '6m', at: { months: 6 } }, { id: '12m', at: { months: 12 } },
  { id: '18m', at: { months: 18 } }, { id: '24m', at: { months: 24 } }, { id: '3y', at: { years: 3 } }, { id: '6y', at: { years: 6 } },
  { id: 'puberty-1', at: { years: 10 } }, { id: 'puberty-2', at: { years: 13 } },
];

const HEAD_UNTIL_DAYS = 3 * 365;

function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

const clamp = (z: number) => Math.max(-2.5, Math.min(2.5, z));
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The reference value at age `days` for z: the WHO 2006 table by day, else the WHO 2007 table by month (nearest). */
function valueAt(z: number, sex: 'M' | 'F', days: number, t2006: LmsTable, t2007: LmsTable | undefined): number | undefined {
  const byDay = lmsAt(t2006, sex, days);
  if (byDay && days < 1856) return lmsValue(z, byDay);
  if (!t2007) return undefined;
  const [first, last] = lmsRange(t2007, sex);
  const month = Math.min(last, Math.max(first, Math.round(days / DAYS_PER_MONTH)));
  return lmsValue(z, lmsAt(t2007, sex, month)!);
}

export function syntheticGrowthSeries(
  tables: GrowthTables,
  child: { birthDate: string; sex: 'M' | 'F'; seed: number; today: string },
): SyntheticGrowthMeasurement[] {
  const rand = seededRandom(child.seed);
  let zL = clamp(normal(rand) * 0.9);
  // Weight-for-length follows length loosely: a child's weight channel near its length channel.
  let zB = clamp(normal(rand) * 0.9);
  let zH = clamp(normal(rand) * 0.9);
  const faltering = rand() < 0.125;
  const out: SyntheticGrowthMeasurement[] = [];
  for (const visit of SERIES_VISITS) {
    const date = addDays(addDuration(child.birthDate, visit.at), Math.round((rand() - 0.5) * 10));
    if (date >= child.today) break;
    const days = daysBetween(child.birthDate, date);
    zL = clamp(zL + normal(rand) * 0.15);
    zB = clamp(zB + normal(rand) * 0.2 - (faltering && days > 180 ? 0.45 : 0));
    zH = clamp(zH + normal(rand) * 0.1);
    const recumbent = days < HEIGHT_FROM_DAY;
    const length = valueAt(zL, child.sex, days, tables.who2006.lhfa, tables.who2007.hfa);
    if (length === undefined) continue;
    // Weight from BMI-for-age and the length: consistent weight-for-age and BMI at every age (WHO 2007 has no weight-for-age past 10 years).
    const bmi = valueAt(zB, child.sex, days, tables.who2006.bfa, tables.who2007.bfa)!;
    const weight = bmi * (length / 100) ** 2;
    const head = days <= HEAD_UNTIL_DAYS ? valueAt(zH, child.sex, days, tables.who2006.hcfa, undefined) : undefined;
    out.push({
      date,
      visitId: visit.id,
      weightKg: round(weight, days < 730 ? 2 : 1),
      lengthCm: round(length, 1),
      measure: recumbent ? 'recumbent' : 'standing',
      ...(head !== undefined ? { headCm: round(head, 1) } : {}),
    });
  }
  return out;
}

/**
 * z-scores, percentiles and implausibility flags of one measurement, under the WHO 2006
 * standards below 60 months and the WHO 2007 reference from 60 months (the split WHO's own
 * anthro and anthroplus packages make). z is rounded to 2 decimals as WHO's software rounds;
 * the flag is read on the rounded z; the percentile is 100·Φ(z) of the unrounded z.
 */
import { isImplausible, type GrowthIndicator } from './indicators.ts';
import { prepareMeasurement, type GrowthMeasurement, type PreparedMeasurement } from './measurement.ts';
import { normalCdf } from './normal.ts';
import { roundLikeR } from './r-round.ts';
import type { GrowthTables } from './tables.ts';
import { who2006Scores, WHO2006_BEFORE_MONTHS } from './who2006.ts';
import { who2007Scores } from './who2007.ts';

export type GrowthReference = 'who2006' | 'who2007';

export interface IndicatorScore {
  /** Rounded to 2 decimals (WHO). */
  z: number;
  /** 100·Φ(z), unrounded, from the unrounded z. */
  percentile: number;
  /** Implausible value (WHO flag): check the measurement before using it. */
  flagged: boolean;
  reference: GrowthReference;
  /** For length/height-based indicators: which table applied (length under 24 months). */
  table?: 'length' | 'height';
}

export interface GrowthResult {
  /** The measurement as used: integer age in days, corrected length/height, BMI. */
  prepared: PreparedMeasurement;
  scores: Partial<Record<GrowthIndicator, IndicatorScore>>;
}

export function growthZScores(tables: GrowthTables, input: GrowthMeasurement): GrowthResult {
  const prepared = prepareMeasurement(input);
  const useWho2007 = prepared.ageMonths !== undefined && !(prepared.ageMonths < WHO2006_BEFORE_MONTHS);
  const reference: GrowthReference = useWho2007 ? 'who2007' : 'who2006';
  const raw = useWho2007 ? who2007Scores(tables.who2007, prepared) : who2006Scores(tables.who2006, prepared);
  const scores: GrowthResult['scores'] = {};
  for (const [indicator, r] of Object.entries(raw) as [GrowthIndicator, { z: number; table?: 'length' | 'height' }][]) {
    if (!Number.isFinite(r.z)) continue;
    const z = roundLikeR(r.z, 2) + 0; // + 0: no −0 (R prints 0)
    scores[indicator] = {
      z,
      percentile: 100 * normalCdf(r.z),
      flagged: isImplausible(indicator, z),
      reference,
      ...(r.table ? { table: r.table } : {}),
    };
  }
  return { prepared, scores };
}

/** WHO growth standards (2006, 0-5 y) and reference (2007, 5-19 y): z-scores, percentiles, flags, chart curves. */
export { growthZScores, type GrowthReference, type GrowthResult, type IndicatorScore } from './zscores.ts';
export { growthCurves, CHART_PERCENTILES, type CurveOptions, type CurveSegment, type GrowthChart } from './curves.ts';
export { GROWTH_INDICATORS, WEIGHT_BASED, isImplausible, type GrowthIndicator } from './indicators.ts';
export {
  prepareMeasurement,
  DAYS_PER_MONTH,
  type GrowthMeasurement,
  type MeasurePosition,
  type PreparedMeasurement,
} from './measurement.ts';
export { GROWTH_TABLE_FILES, parseGrowthTables, parseLmsTable, type GrowthTables, type LmsTable } from './tables.ts';
export { normalCdf, normalQuantile } from './normal.ts';
export { roundLikeR } from './r-round.ts';

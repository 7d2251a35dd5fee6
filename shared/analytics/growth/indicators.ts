/**
 * The five indicators and the implausibility flags of WHO's software (anthro `anthro_zscores`,
 * anthroplus `anthroplus_zscores`; the same cut-offs as the igrowup macros): the flag is read on
 * the rounded z-score.
 */

export const GROWTH_INDICATORS = ['wfa', 'lhfa', 'wflh', 'bfa', 'hcfa'] as const;
/** wfa weight-for-age, lhfa length/height-for-age, wflh weight-for-length/height, bfa BMI-for-age, hcfa head circumference-for-age. */
export type GrowthIndicator = (typeof GROWTH_INDICATORS)[number];

/** Weight-based indicators: restricted LMS beyond ±3 SD, not computed with oedema. */
export const WEIGHT_BASED: ReadonlySet<GrowthIndicator> = new Set(['wfa', 'wflh', 'bfa']);

/** Implausible: length/height |z| > 6; weight-for-age z < −6 or z > 5; the others |z| > 5. */
export function isImplausible(indicator: GrowthIndicator, z: number): boolean {
  if (indicator === 'lhfa') return Math.abs(z) > 6;
  if (indicator === 'wfa') return z < -6 || z > 5;
  return Math.abs(z) > 5;
}

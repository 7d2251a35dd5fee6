/**
 * Rounding exactly as WHO's R packages round (anthro, anthroplus), so a z-score printed here
 * is the one WHO's software prints for the same measurement.
 *
 * - z-scores: R's `round(x, 2)`. Since R 4.0.0 (src/nmath/fround.c) it takes the two candidates
 *   floor(x·10^d)/10^d and ceil(x·10^d)/10^d and returns the nearer to x, in double arithmetic;
 *   on an exact tie the one whose last digit is even. Not `Math.round(x·100)/100` (which rounds
 *   ties up and suffers from the product's representation error) nor `toFixed` (ties away).
 * - ages: anthro rounds days with its own `round_up` (fraction ≥ 0.5 up, else down).
 */

/** log10(2): R's M_LOG10_2, used for its cheap digit-count estimate. */
const LOG10_2 = 0.301029995663981195;
/** DBL_DIG: beyond this many significant digits a double needs no rounding. */
const DBL_DIG = 15;

/** R ≥ 4.0.0 `round(x, digits)` for digits ≥ 1. */
export function roundLikeR(x: number, digits: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  if (x < 0) return -roundLikeR(-x, digits);
  const logb = Math.floor(Math.log2(x));
  if (LOG10_2 * (0.5 + logb) + digits > DBL_DIG) return x;
  const pow10 = 10 ** digits;
  const x10 = pow10 * x;
  const i10 = Math.floor(x10);
  const xd = i10 / pow10;
  const xu = Math.ceil(x10) / pow10;
  const du = xu - x;
  const dd = x - xd;
  return du < dd || (du === dd && i10 % 2 === 1) ? xu : xd;
}

/** anthro's `round_up`: to the integer, a fraction of 0.5 or more upwards (x ≥ 0). */
export function roundHalfUp(x: number): number {
  const f = Math.floor(x);
  return x - f >= 0.5 ? f + 1 : f;
}

/**
 * The LMS method (Cole & Green 1992) as WHO applies it (WHO MGRS 2006, ch. 7 "Computation of
 * centiles and z-scores"): a measurement y at the table's L (Box-Cox power), M (median) and
 * S (coefficient of variation).
 */

export interface Lms {
  l: number;
  m: number;
  s: number;
}

/** z = ((y/M)^L − 1) / (L·S); the L = 0 limit is ln(y/M)/S (no WHO table has L = 0). */
export function lmsZ(y: number, p: Lms): number {
  if (p.l === 0) return Math.log(y / p.m) / p.s;
  return ((y / p.m) ** p.l - 1) / (p.s * p.l);
}

/** The measurement at z SD: SDz = M·(1 + L·S·z)^(1/L). */
export function lmsValue(z: number, p: Lms): number {
  if (p.l === 0) return p.m * Math.exp(p.s * z);
  return p.m * (1 + p.l * p.s * z) ** (1 / p.l);
}

/**
 * The restricted application of the LMS method for the weight-based indicators (WHO MGRS 2006,
 * ch. 7.4): beyond ±3 SD the distance is measured in units of the 2-3 SD interval, because
 * the Box-Cox tail of a skewed distribution stretches the upper extreme and compresses the lower:
 * z > 3 → 3 + (y − SD3)/(SD3 − SD2); z < −3 → −3 + (y − SD−3)/(SD−2 − SD−3).
 */
export function lmsZRestricted(y: number, p: Lms): number {
  const z = lmsZ(y, p);
  if (z > 3) {
    const sd3 = lmsValue(3, p);
    return 3 + (y - sd3) / (sd3 - lmsValue(2, p));
  }
  if (z < -3) {
    const sd3neg = lmsValue(-3, p);
    return -3 + (y - sd3neg) / (lmsValue(-2, p) - sd3neg);
  }
  return z;
}

/** Inverse of lmsZRestricted: the measurement at z, straight lines beyond ±3 SD. */
export function lmsValueRestricted(z: number, p: Lms): number {
  if (z > 3) {
    const sd3 = lmsValue(3, p);
    return sd3 + (z - 3) * (sd3 - lmsValue(2, p));
  }
  if (z < -3) {
    const sd3neg = lmsValue(-3, p);
    return sd3neg + (z + 3) * (lmsValue(-2, p) - sd3neg);
  }
  return lmsValue(z, p);
}

/** L, M and S each linearly between two table rows: a + t·(b − a), 0 ≤ t < 1. */
export function interpolateLms(a: Lms, b: Lms, t: number): Lms {
  return { l: a.l + t * (b.l - a.l), m: a.m + t * (b.m - a.m), s: a.s + t * (b.s - a.s) };
}

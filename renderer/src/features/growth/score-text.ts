/**
 * A score in a doctor's words: the percentile as WHO charts print it (under 0.1 and over 99.9
 * as bounds), the z-score with two decimals, and what the WHO rules say about it (PAEDIATRICS.md
 * §3): an implausible value to check, a weight-based score past ±3 SD computed by the
 * restricted rule.
 */
import type { TFunction } from 'i18next';
import type { IndicatorScore } from '../../../../shared/api/growth.ts';
import { formatDecimal } from '../../../../shared/format/decimal.ts';

export function percentileText(t: TFunction, p: number): string {
  if (p < 0.1) return t('growth.percentile.below');
  if (p > 99.9) return t('growth.percentile.above');
  return t('growth.percentile.value', { p: formatDecimal(p, p < 1 || p > 99 ? 1 : 0) });
}

export function zText(z: number): string {
  return `${z > 0 ? '+' : z < 0 ? '−' : ''}${formatDecimal(Math.abs(z), 2)}`;
}

/** The notes beside a score: implausible, restricted rule. */
export function scoreNotes(t: TFunction, s: IndicatorScore): string[] {
  const out: string[] = [];
  if (s.flagged) out.push(t('growth.flag.implausible'));
  if (s.restricted) out.push(t('growth.flag.restricted'));
  return out;
}

export function scoreText(t: TFunction, s: IndicatorScore): string {
  return [`${percentileText(t, s.percentile)} (z ${zText(s.z)})`, ...scoreNotes(t, s)].join(' · ');
}

import type { TFunction } from 'i18next';

/** A ratio as a percentage with one decimal, in the language's notation ("30,7 %"). */
export function percent(ratio: number | null, lang: string): string {
  if (ratio === null) return '—';
  return `${(100 * ratio).toLocaleString(lang === 'it' ? 'it-IT' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
}

/** Days with at most one decimal ("37,5"). */
export function days(n: number, lang: string): string {
  return n.toLocaleString(lang === 'it' ? 'it-IT' : 'en-GB', { maximumFractionDigits: 1 });
}

/** The change against the previous period in words and an arrow (never colour alone). */
export function trendText(t: TFunction, now: number | null, before: number | null | undefined): string {
  if (now === null || before === null || before === undefined) return t('adherence.trend.none');
  const delta = now - before;
  if (Math.abs(delta) < 0.005) return t('adherence.trend.same');
  return t(delta > 0 ? 'adherence.trend.up' : 'adherence.trend.down', { points: Math.abs(Math.round(delta * 1000) / 10).toLocaleString() });
}

/** How the durations were obtained, as every figure must say (DOMAIN.md §2.4). */
export function methodsText(t: TFunction, methods: readonly string[]): string {
  return methods.length ? methods.map((m) => t(`adherence.method.${m}`)).join(', ') : '—';
}

import type { TFunction } from 'i18next';
import type { IndicatorPatient, IndicatorRow } from '../../../../shared/api/cruscotto.ts';
import { formatDate } from '../patients/format.ts';

const locale = (lang: string) => (lang === 'it' ? 'it-IT' : 'en-GB');

export function pct(p: number | null, lang: string): string {
  return p === null ? '—' : `${p.toLocaleString(locale(lang), { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
}

export function countText(t: TFunction, r: Pick<IndicatorRow, 'numerator' | 'denominator'>): string {
  return t('cruscotto.count', { numerator: r.numerator, denominator: r.denominator });
}

/** Against last year, in words and an arrow. */
export function indicatorTrend(t: TFunction, r: IndicatorRow, lang: string): string {
  if (r.percentage === null || r.previous.percentage === null) return t('cruscotto.trend.none', { previous: pct(r.previous.percentage, lang) });
  const d = r.percentage - r.previous.percentage;
  if (Math.abs(d) < 0.05) return t('cruscotto.trend.same', { previous: pct(r.previous.percentage, lang) });
  return t(d > 0 ? 'cruscotto.trend.up' : 'cruscotto.trend.down', { previous: pct(r.previous.percentage, lang), points: Math.abs(d).toLocaleString(locale(lang), { maximumFractionDigits: 1 }) });
}

function num(n: number, lang: string): string {
  return n.toLocaleString(locale(lang), { maximumFractionDigits: 2 });
}

/** What the record shows for the patient: the last value (or order) and its date. */
export function evidenceText(t: TFunction, p: IndicatorPatient, lang: string): string {
  const e = p.evidence;
  if (e.unit === 'PDC' && e.value !== null) return t('cruscotto.evidence.pdc', { value: `${num(100 * e.value, lang)} %` });
  if (e.missing > 0) return t('cruscotto.evidence.missing', { count: e.missing, date: e.date ? formatDate(e.date) : '—' });
  if (!e.date) return t('cruscotto.evidence.none');
  if (e.ordered) return t('cruscotto.evidence.ordered', { date: formatDate(e.date) });
  if (e.value !== null && e.value2 !== null) return t('cruscotto.evidence.bp', { sys: num(e.value, lang), dia: num(e.value2, lang), unit: 'mmHg', date: formatDate(e.date) });
  if (e.value !== null) return t('cruscotto.evidence.value', { value: num(e.value, lang), unit: e.unit ?? '', date: formatDate(e.date) });
  return t('cruscotto.evidence.date', { date: formatDate(e.date) });
}

/** The indicator's title with the windows and targets in force ("Ultima HbA1c ≤ 58 mmol/mol"); PDC shown as a percentage. */
export function indicatorTitle(t: TFunction, id: string, params: Record<string, number>, lang: string): string {
  const p: Record<string, string | number> = { ...params };
  if (params.minPdc !== undefined) p.minPdc = (100 * params.minPdc).toLocaleString(locale(lang), { maximumFractionDigits: 1 });
  for (const k of ['max', 'below'] as const) if (params[k] !== undefined) p[k] = params[k].toLocaleString(locale(lang), { maximumFractionDigits: 2 });
  return t(`cruscotto.indicators.${id}`, { ...p, defaultValue: id });
}

import type { TFunction } from 'i18next';
import type { Observation } from '../../../../shared/domain/record/index.ts';
import { AppError } from '../../../../shared/errors/app-error.ts';
import type { ErrorData } from '../../../../shared/errors/codes.ts';
import { errorText } from '../../platform/error-text.ts';
import { formatDate, formatDateTime } from '../patients/format.ts';

/** A number as the doctor reads it: decimal comma in Italian. */
export function formatNumber(n: number, lang: string): string {
  return n.toLocaleString(lang === 'en' ? 'en-GB' : 'it-IT', { maximumFractionDigits: 3 });
}

export function formatValue(o: Observation, lang: string): string {
  const v = o.value;
  if (v.type === 'quantity') return `${v.comparator ?? ''}${formatNumber(v.value, lang)} ${v.unit === '1' ? '' : v.unit}`.trim();
  return v.type === 'coded' ? v.display : v.text;
}

export function formatRange(o: Observation, lang: string): string {
  const r = o.referenceRange;
  if (!r) return '';
  const nums = r.low !== undefined && r.high !== undefined ? `${formatNumber(r.low, lang)}–${formatNumber(r.high, lang)}` : r.low !== undefined ? `≥ ${formatNumber(r.low, lang)}` : r.high !== undefined ? `≤ ${formatNumber(r.high, lang)}` : '';
  return [nums, r.text].filter(Boolean).join(' · ');
}

/** dd/mm/yyyy, with the time when the instant has one. */
export function formatInstant(instant: string | undefined): string {
  if (!instant) return '';
  return instant.length > 10 ? formatDateTime(instant) : formatDate(instant.length === 10 ? instant : `${instant}-01-01`.slice(0, 10));
}

/** The import's refusals name their reason; anything else through the common error texts. */
export function importErrorText(t: TFunction, e: unknown): string {
  if (e instanceof AppError && e.code === 'IMPORT_REFUSED') {
    const d = e.data as ErrorData<'IMPORT_REFUSED'> | undefined;
    if (d?.reason) return d.detail ? `${t(`importDoc.refusals.${d.reason}`)} (${d.detail})` : t(`importDoc.refusals.${d.reason}`);
  }
  return errorText(t, e);
}

import { formatClinicalDate } from '../../../../shared/format/clinical-date.ts';

/** dd/mm/yyyy from an ISO date (yyyy-mm-dd), without time zones getting in the way. */
export const formatDate = (iso: string | undefined): string => formatClinicalDate(iso);

/** dd/mm/yyyy hh:mm in local time, from an ISO timestamp. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export interface Age {
  unit: 'years' | 'months' | 'days';
  count: number;
  /** Months past the last birthday, for children under six (paediatric panels: "2 anni e 5 mesi"). */
  months?: number;
}

/** Age in years; for children under two (paediatric panels) in months, under a month in days. */
export function ageOf(birthIso: string, today: Date = new Date()): Age | undefined {
  const [y, m, d] = birthIso.split('-').map(Number) as [number, number, number];
  if (!y || !m || !d) return undefined;
  const ty = today.getFullYear();
  const tm = today.getMonth() + 1;
  const td = today.getDate();
  let months = (ty - y) * 12 + (tm - m);
  if (td < d) months -= 1;
  if (months < 0) return undefined;
  if (months >= 72) return { unit: 'years', count: Math.floor(months / 12) };
  if (months >= 24) return { unit: 'years', count: Math.floor(months / 12), months: months % 12 };
  if (months >= 1) return { unit: 'months', count: months };
  const days = Math.floor((Date.UTC(ty, tm - 1, td) - Date.UTC(y, m - 1, d)) / 86_400_000);
  return { unit: 'days', count: Math.max(0, days) };
}

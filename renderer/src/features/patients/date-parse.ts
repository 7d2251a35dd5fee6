import { fullYear, parseFullDate } from '../../../../shared/format/clinical-date.ts';

/**
 * Typed birth dates (15/03/1980, 15/03/80, 15031980, 1980-03-15) -> yyyy-mm-dd, or null: the
 * app's one date parser (shared/format/clinical-date.ts), full dates only.
 */
export function parseTypedDate(text: string): string | null {
  return parseFullDate(text);
}

/** The full birth date a codice fiscale implies: the century is guessed (not in the code). */
export function birthDateFromCf(yy: number, month: number, day: number, today: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${fullYear(yy, today)}-${p(month)}-${p(day)}`;
}

import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';

dayjs.extend(customParseFormat);

const FORMATS = ['DD/MM/YYYY', 'D/M/YYYY', 'DD-MM-YYYY', 'D-M-YYYY', 'DD.MM.YYYY', 'DDMMYYYY', 'YYYY-MM-DD'];

/** Typed dates as doctors write them (15/03/1980, 15031980, 1980-03-15) -> yyyy-mm-dd, or null. */
export function parseTypedDate(text: string): string | null {
  const v = text.trim();
  if (!v) return null;
  for (const f of FORMATS) {
    const d = dayjs(v, f, true);
    if (d.isValid()) return d.format('YYYY-MM-DD');
  }
  return null;
}

/** The full birth date a codice fiscale implies: the century is guessed (not in the code). */
export function birthDateFromCf(yy: number, month: number, day: number, today: Date = new Date()): string {
  const century = yy <= today.getFullYear() % 100 ? 2000 : 1900;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${century + yy}-${p(month)}-${p(day)}`;
}

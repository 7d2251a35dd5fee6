/**
 * Clinical dates as a doctor types them and as the record keeps them. Typed: gg/mm/aaaa,
 * gg/mm/aa, mm/aaaa, aaaa (also with "-" or "." between the parts, or ggmmaaaa), and the
 * record's own form aaaa[-mm[-gg]]. Kept: the partial ISO date (CDA TS truncates the same
 * way). Shown: dd/mm/yyyy, mm/yyyy or yyyy (UX.md "dates as dd/mm/yyyy"). One parser and one
 * formatter for every date field and every date shown by the app.
 */

export type DateParse = { ok: true; iso: string } | { ok: false; reason: 'empty' | 'invalid' };

const pad = (n: number) => String(n).padStart(2, '0');

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A two-digit year: the latest year with those digits not after `today`'s year (the rule the
 * codice fiscale uses too): with today in 2026, "26" is 2026 and "27" is 1927.
 */
export function fullYear(yy: number, today: Date = new Date()): number {
  const now = today.getFullYear();
  const century = Math.floor(now / 100) * 100;
  return century + yy <= now ? century + yy : century - 100 + yy;
}

function day(y: number, m: number, d: number): DateParse {
  if (m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return { ok: false, reason: 'invalid' };
  return { ok: true, iso: `${y}-${pad(m)}-${pad(d)}` };
}

function month(y: number, m: number): DateParse {
  return m >= 1 && m <= 12 ? { ok: true, iso: `${y}-${pad(m)}` } : { ok: false, reason: 'invalid' };
}

/** Typed text → the partial ISO date; a date that does not exist (31/02/2024) is invalid. */
export function parseClinicalDate(text: string, options: { today?: Date } = {}): DateParse {
  const v = text.trim();
  if (!v) return { ok: false, reason: 'empty' };
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(v);
  if (m) {
    const y = m[3]!.length === 2 ? fullYear(Number(m[3]), options.today) : Number(m[3]);
    return day(y, Number(m[2]), Number(m[1]));
  }
  m = /^(\d{2})(\d{2})(\d{4})$/.exec(v);
  if (m) return day(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})[/.-](\d{4})$/.exec(v);
  if (m) return month(Number(m[2]), Number(m[1]));
  m = /^(\d{4})$/.exec(v);
  if (m) return { ok: true, iso: m[1]! };
  m = /^(\d{4})-(\d{2})$/.exec(v);
  if (m) return month(Number(m[1]), Number(m[2]));
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (m) return day(Number(m[1]), Number(m[2]), Number(m[3]));
  return { ok: false, reason: 'invalid' };
}

/** A full date only (birth dates): yyyy-mm-dd or null. */
export function parseFullDate(text: string, options: { today?: Date } = {}): string | null {
  const r = parseClinicalDate(text, options);
  return r.ok && r.iso.length === 10 ? r.iso : null;
}

/** yyyy-mm-dd → dd/mm/yyyy, yyyy-mm → mm/yyyy, yyyy → yyyy; a longer ISO value keeps its date part; anything else as it is. */
export function formatClinicalDate(iso: string | undefined | null): string {
  if (!iso) return '';
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso);
  if (!m) return iso;
  if (m[3]) return `${m[3]}/${m[2]}/${m[1]}`;
  if (m[2]) return `${m[2]}/${m[1]}`;
  return m[1]!;
}

/**
 * The one calendar check behind every date in the contract: a date (possibly partial) or a
 * date-time is accepted only if it names a day and a time that exist (proleptic Gregorian
 * calendar, ISO 8601; leap years by the 4/100/400 rule). The shape of each schema (ISO
 * yyyy-mm-dd, the record's partial dates, the gateway's yyyyMMddHHmmss) is checked by the
 * schema's own pattern; this function only says whether the numbers form a real instant.
 */

export interface CalendarParts {
  year: number;
  month?: number | undefined;
  day?: number | undefined;
  hour?: number | undefined;
  minute?: number | undefined;
  second?: number | undefined;
  /** Offset from UTC in minutes, when the text carries one. */
  offsetMinutes?: number | undefined;
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const inRange = (v: number | undefined, lo: number, hi: number) => v === undefined || (Number.isInteger(v) && v >= lo && v <= hi);

export function isOnCalendar(p: CalendarParts): boolean {
  if (!Number.isInteger(p.year) || p.year < 1 || p.year > 9999) return false;
  if (!inRange(p.month, 1, 12)) return false;
  if (p.day !== undefined && (p.month === undefined || !inRange(p.day, 1, daysInMonth(p.year, p.month)))) return false;
  if (!inRange(p.hour, 0, 23) || !inRange(p.minute, 0, 59) || !inRange(p.second, 0, 59)) return false;
  return inRange(p.offsetMinutes, -14 * 60, 14 * 60);
}

const num = (s: string | undefined) => (s === undefined || s === '' ? undefined : Number(s));

const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|([+-])(\d{2}):(\d{2}))?)?)?)?$/;
const COMPACT = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?$/;

/**
 * Whether a date text names a real day (and time): ISO 8601 extended (`2024-02-29`,
 * `2024-03`, `2024`, `2024-03-01T10:00:00+01:00`) or basic as HL7 TS and the gateway write it
 * (`20240229`, `20240229103000`). Text in neither shape is not a date.
 */
export function isCalendarDateText(text: string): boolean {
  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, z, sign, oh, om] = iso;
    const offsetMinutes = z === undefined || z === 'Z' ? undefined : (sign === '-' ? -1 : 1) * ((num(oh) ?? 0) * 60 + (num(om) ?? 0));
    if (om !== undefined && Number(om) > 59) return false;
    return isOnCalendar({ year: Number(y), month: num(mo), day: num(d), hour: num(h), minute: num(mi), second: num(s), offsetMinutes });
  }
  const compact = COMPACT.exec(text);
  if (compact) {
    const [, y, mo, d, h, mi, s] = compact;
    return isOnCalendar({ year: Number(y), month: num(mo), day: num(d), hour: num(h), minute: num(mi), second: num(s) });
  }
  return false;
}

/** The zod refinement message for a date that has the right shape but does not exist. */
export const NOT_ON_CALENDAR = 'data inesistente nel calendario';

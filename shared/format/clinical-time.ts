/**
 * Clinical times are the doctor's local time, whatever the time zone of the machine that runs
 * the services (a server in UTC, a laptop set to New York): the zone is a setting, Europe/Rome
 * by default, and every time written into a document carries its offset (CDA TS
 * yyyyMMddHHmmss±zzzz). Pure Intl: the same answer in Node and in the browser.
 */

export const DEFAULT_TIME_ZONE = 'Europe/Rome';

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

interface Parts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(d: Date, zone: string): Parts {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(zone, f);
  }
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(d)) out[p.type] = p.value;
  return out as unknown as Parts;
}

/** The zone's offset from UTC at that instant, in minutes (Europe/Rome: +60 in winter, +120 in summer). */
export function offsetMinutes(d: Date, zone: string): number {
  const p = partsIn(d, zone);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(d.getTime() / 1000) * 1000) / 60_000);
}

function offsetText(minutes: number): string {
  const sign = minutes >= 0 ? '+' : '-';
  const a = Math.abs(minutes);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** The instant as local ISO date-time with its offset in that zone: 2026-03-01T10:00:00+01:00. */
export function isoWithOffset(d: Date, zone: string = DEFAULT_TIME_ZONE): string {
  const p = partsIn(d, zone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${offsetText(offsetMinutes(d, zone))}`;
}

/** dd/mm/yyyy hh:mm of the instant in that zone (the interface and the PDF print the same). */
export function formatDateTimeIn(d: Date | string, zone: string = DEFAULT_TIME_ZONE): string {
  const date = typeof d === 'string' ? new Date(d) : d;
  if (Number.isNaN(date.getTime())) return String(d);
  const p = partsIn(date, zone);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** Today's date (yyyy-mm-dd) in that zone. */
export function todayIn(zone: string = DEFAULT_TIME_ZONE, now: Date = new Date()): string {
  const p = partsIn(now, zone);
  return `${p.year}-${p.month}-${p.day}`;
}

export type TimeParse = { ok: true; hour: number; minute: number } | { ok: false; reason: 'empty' | 'invalid' };

/** A time of day as typed: hh:mm, h:mm or hh.mm (24 h). */
export function parseClinicalTime(text: string): TimeParse {
  const v = text.trim();
  if (!v) return { ok: false, reason: 'empty' };
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(v);
  if (!m) return { ok: false, reason: 'invalid' };
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  return hour < 24 && minute < 60 ? { ok: true, hour, minute } : { ok: false, reason: 'invalid' };
}

/** Now as hh:mm in that zone (what a record form starts with). */
export function nowTimeIn(zone: string = DEFAULT_TIME_ZONE, now: Date = new Date()): string {
  const p = partsIn(now, zone);
  return `${p.hour}:${p.minute}`;
}

/**
 * A wall-clock date (yyyy-mm-dd) and time in that zone as the instant with its offset
 * (2026-03-15 10:30 in Europe/Rome → 2026-03-15T10:30:00+01:00). The offset is the zone's at
 * that wall time; in the hour skipped by the spring change the later offset is taken.
 */
export function instantIn(date: string, hour: number, minute: number, zone: string = DEFAULT_TIME_ZONE): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, mo - 1, d, hour, minute);
  let at = new Date(wall - offsetMinutes(new Date(wall), zone) * 60_000);
  at = new Date(wall - offsetMinutes(at, zone) * 60_000);
  return isoWithOffset(at, zone);
}

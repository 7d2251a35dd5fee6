/**
 * Wall-clock times to instants with an offset, in a named IANA time zone (Europe/Rome by
 * default: the documents and devices a doctor receives are Italian). A CDA time stamp without a
 * zone, a device export's "15/03/2024 08:30": both are local times, and a series needs the
 * instant (DASHBOARD.md §5: the importer needs an explicit format and time zone). Uses Intl only,
 * so it runs in the renderer and in Node alike.
 */
export const DEFAULT_TIME_ZONE = 'Europe/Rome';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Minutes east of UTC of `timeZone` at the instant `utcMs`. */
function offsetAt(utcMs: number, timeZone: string): number {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(utcMs)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function formatOffset(minutes: number): string {
  const a = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Valid calendar date and time of day (no 31/02, no 25:00). */
export function isValidWallClock(w: WallClock): boolean {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day));
  return d.getUTCFullYear() === w.year && d.getUTCMonth() === w.month - 1 && d.getUTCDate() === w.day
    && w.hour >= 0 && w.hour < 24 && w.minute >= 0 && w.minute < 60 && w.second >= 0 && w.second < 60;
}

/**
 * The ISO date-time with offset of a local wall-clock time in `timeZone`
 * (e.g. 2024-03-15 08:30 in Europe/Rome → 2024-03-15T08:30:00+01:00). In the hour skipped when
 * clocks go forward the earlier offset is used; in the repeated hour, the first occurrence.
 */
export function zonedDateTime(w: WallClock, timeZone = DEFAULT_TIME_ZONE): string {
  const local = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  let offset = offsetAt(local, timeZone);
  const second = offsetAt(local - offset * 60_000, timeZone);
  if (second !== offset && offsetAt(local - second * 60_000, timeZone) === second) offset = second;
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${formatOffset(offset)}`;
}

/**
 * HL7 TS (yyyy[mm[dd[HH[MM[SS[.s]]]]]][±ZZZZ]) to a record instant: a date at the precision
 * given, or a date-time with offset when the time is there. A time without a zone is the
 * sender's local time (Italian documents: Europe/Rome), converted explicitly.
 */
import type { RecordInstant } from '../../../domain/record/provenance.ts';
import { DEFAULT_TIME_ZONE, isValidWallClock, zonedDateTime } from '../../../import/zoned-time.ts';

const TS = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:\.\d+)?([+-]\d{4})?$/;

export function instantFromTs(ts: string | undefined, timeZone = DEFAULT_TIME_ZONE): RecordInstant | undefined {
  const m = ts ? TS.exec(ts.trim()) : null;
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, zone] = m;
  if (!mo) return y;
  if (!d) return `${y}-${mo}`;
  const w = { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h ?? 0), minute: Number(mi ?? 0), second: Number(s ?? 0) };
  if (!isValidWallClock(w)) return undefined;
  if (!h) return `${y}-${mo}-${d}`;
  if (zone) {
    const hh = zone.slice(1, 3);
    const mm = zone.slice(3, 5);
    if (Number(hh) > 14 || Number(mm) > 59) return undefined;
    return `${y}-${mo}-${d}T${h}:${mi ?? '00'}:${s ?? '00'}${zone[0]}${hh}:${mm}`;
  }
  return zonedDateTime(w, timeZone);
}

/** The calendar date of an instant (yyyy-mm-dd or shorter), as the sender wrote it. */
export function dateOf(instant: RecordInstant): string {
  return instant.slice(0, 10);
}

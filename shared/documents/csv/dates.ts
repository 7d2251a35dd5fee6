/**
 * Explicit date formats for CSV imports (DASHBOARD.md §5: day-month and month-day orders vary
 * between exports, so the importer never guesses): tokens DD, MM, YYYY, YY, HH, mm, ss, any
 * other character taken literally. Times are wall-clock times in the given IANA time zone.
 */
import { DEFAULT_TIME_ZONE, isValidWallClock, zonedDateTime, type WallClock } from '../../import/zoned-time.ts';

export const DATE_FORMATS = ['DD/MM/YYYY HH:mm', 'DD/MM/YYYY', 'DD-MM-YYYY HH:mm', 'MM-DD-YYYY HH:mm', 'MM/DD/YYYY HH:mm', 'YYYY-MM-DD HH:mm', 'YYYY-MM-DD HH:mm:ss', 'YYYY-MM-DD', 'DD.MM.YYYY HH:mm'] as const;

const TOKENS: Record<string, { re: string; key: keyof WallClock | 'yy' }> = {
  YYYY: { re: '(\\d{4})', key: 'year' },
  YY: { re: '(\\d{2})', key: 'yy' },
  DD: { re: '(\\d{1,2})', key: 'day' },
  MM: { re: '(\\d{1,2})', key: 'month' },
  HH: { re: '(\\d{1,2})', key: 'hour' },
  mm: { re: '(\\d{2})', key: 'minute' },
  ss: { re: '(\\d{2})', key: 'second' },
};

export interface CompiledFormat {
  format: string;
  hasTime: boolean;
  parse(text: string): WallClock | undefined;
}

export function compileDateFormat(format: string): CompiledFormat {
  const keys: Array<keyof WallClock | 'yy'> = [];
  let re = '';
  for (let i = 0; i < format.length;) {
    const tok = ['YYYY', 'YY', 'DD', 'MM', 'HH', 'mm', 'ss'].find((t) => format.startsWith(t, i));
    if (tok) {
      re += TOKENS[tok]!.re;
      keys.push(TOKENS[tok]!.key);
      i += tok.length;
    } else {
      const c = format[i]!;
      re += c === ' ' ? '\\s+' : c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
      i++;
    }
  }
  const rx = new RegExp(`^${re}$`);
  return {
    format,
    hasTime: keys.includes('hour'),
    parse(text) {
      const m = rx.exec(text.trim());
      if (!m) return undefined;
      const w: WallClock = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
      keys.forEach((k, i) => {
        const v = Number(m[i + 1]);
        if (k === 'yy') w.year = 2000 + v;
        else w[k] = v;
      });
      return isValidWallClock(w) ? w : undefined;
    },
  };
}

/** The instant of a CSV date (and time column, when apart) in the format and zone given. */
export function csvInstant(f: CompiledFormat, date: string, time: string | undefined, timeZone = DEFAULT_TIME_ZONE): string | undefined {
  const text = time && !f.hasTime ? `${date} ${time}` : date;
  const w = f.parse(text) ?? (time && !f.hasTime ? (compileDateFormat(`${f.format} HH:mm`).parse(text) ?? compileDateFormat(`${f.format} HH:mm:ss`).parse(text)) : undefined);
  if (!w) return undefined;
  if (!f.hasTime && !time) return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
  return zonedDateTime(w, timeZone);
}

/**
 * Calendar days as numbers, the way R's `Date` stores them: days since 1970-01-01 (UTC).
 * A day may carry a fraction: AdhereR adds fractional supplies and carry-overs to dates
 * (CMA8's lagged window start, episode ends after a dosage change), and those fractions take
 * part in later comparisons, so they are kept rather than rounded away.
 */
export type Day = number;

export type TimeUnit = 'days' | 'weeks' | 'months' | 'years';

const MS_PER_DAY = 86_400_000;

export function dayFromYmd(year: number, month: number, day: number): Day {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** The calendar date of a day (its fraction dropped, as R prints a fractional Date). */
export function ymdOfDay(day: Day): { year: number; month: number; day: number } {
  const d = new Date(Math.floor(day) * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** yyyy-mm-dd, as R formats a Date. */
export function formatIsoDay(day: Day): string {
  const { year, month, day: d } = ymdOfDay(day);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * R's `round()` to an integer: IEC 60559 rounding, half to even (round(0.5) = 0,
 * round(2.5) = 2). AdhereR rounds every window duration and offset with it.
 */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Calendar addition of whole months; a day that does not exist in the target month rolls to
 * the first of the next month (lubridate's `add_with_rollback(roll_to_first = TRUE)`, which
 * AdhereR uses for "months" and "years": 31 January + 1 month = 1 March).
 */
function addMonths(day: Day, months: number): Day {
  const { year, month, day: d } = ymdOfDay(day);
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  const fraction = day - Math.floor(day);
  if (d > daysInMonth(y, m)) return dayFromYmd(y, m + 1, 1) + fraction;
  return dayFromYmd(y, m, d) + fraction;
}

/**
 * A date plus a number of units, as AdhereR's `.add.time.interval.to.date`: the amount is
 * rounded (half to even) first; days and weeks are plain arithmetic, months and years follow
 * the calendar.
 */
export function addInterval(day: Day, amount: number, unit: TimeUnit): Day {
  switch (unit) {
    case 'days':
      return day + roundHalfEven(amount);
    case 'weeks':
      return day + roundHalfEven(amount * 7);
    case 'months':
      return addMonths(day, roundHalfEven(amount));
    case 'years':
      return addMonths(day, 12 * roundHalfEven(amount));
  }
}

const TOKEN = /%[dmYy]|yyyy|yy|mm|dd/g;

/**
 * A date parser for a pattern given either as R's `strptime` codes (`%m/%d/%Y`, the
 * default of AdhereR's CMA functions) or as letters (`mm/dd/yyyy`). Months and days take one
 * or two digits, as strptime accepts; an impossible date (30 February) gives null.
 */
export function dateParser(format: string): (text: string) => Day | null {
  const parts: ('y' | 'yy' | 'm' | 'd')[] = [];
  let source = '^\\s*';
  let last = 0;
  for (const match of format.matchAll(TOKEN)) {
    source += escapeRegExp(format.slice(last, match.index));
    const t = match[0];
    if (t === '%Y' || t === 'yyyy') {
      parts.push('y');
      source += '(\\d{1,4})';
    } else if (t === '%y' || t === 'yy') {
      parts.push('yy');
      source += '(\\d{2})';
    } else if (t === '%m' || t === 'mm') {
      parts.push('m');
      source += '(\\d{1,2})';
    } else {
      parts.push('d');
      source += '(\\d{1,2})';
    }
    last = match.index + t.length;
  }
  source += `${escapeRegExp(format.slice(last))}\\s*$`;
  if (!parts.includes('m') || !parts.includes('d') || !(parts.includes('y') || parts.includes('yy'))) {
    throw new Error(`date format '${format}' needs a day, a month and a year`);
  }
  const re = new RegExp(source);
  return (text: string) => {
    const m = re.exec(text);
    if (!m) return null;
    let year = 0;
    let month = 0;
    let day = 0;
    parts.forEach((p, i) => {
      const v = Number(m[i + 1]);
      if (p === 'y') year = v;
      else if (p === 'yy') year = v < 69 ? 2000 + v : 1900 + v; // strptime's %y pivot
      else if (p === 'm') month = v;
      else day = v;
    });
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
    return dayFromYmd(year, month, day);
  };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

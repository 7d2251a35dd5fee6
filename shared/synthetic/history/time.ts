/** Days and instants for the synthetic histories: UTC day numbers, Italian local times with their offset. */

const DAY = 86_400_000;

export function dayOf(date: string): number {
  return Math.floor(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / DAY);
}

const dates = new Map<number, string>();

export function dateOf(day: number): string {
  let d = dates.get(day);
  if (d === undefined) {
    d = new Date(day * DAY).toISOString().slice(0, 10);
    if (dates.size < 100_000) dates.set(day, d);
  }
  return d;
}

function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return Math.floor(last.getTime() / DAY) - last.getUTCDay();
}

/** The Europe/Rome offset on that day (CEST from the last Sunday of March to the last Sunday of October). */
const summers = new Map<number, [number, number]>();

export function romeOffset(day: number): '+01:00' | '+02:00' {
  const y = Number(dateOf(day).slice(0, 4));
  let s = summers.get(y);
  if (!s) summers.set(y, (s = [lastSunday(y, 2), lastSunday(y, 9)]));
  return day >= s[0] && day < s[1] ? '+02:00' : '+01:00';
}

/** A local time on that day as an ISO date-time with the Rome offset; `minutes` after midnight. */
export function romeInstant(day: number, minutes: number): string {
  const h = String(Math.floor(minutes / 60)).padStart(2, '0');
  const m = String(minutes % 60).padStart(2, '0');
  return `${dateOf(day)}T${h}:${m}:00${romeOffset(day)}`;
}

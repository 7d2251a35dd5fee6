/**
 * A seasonal series (influenza): in each season from the minimum age up to the last age, one
 * dose, or two at least 4 weeks apart in the first season a child is vaccinated (under the
 * first-season age limit). Rows for the current season, or the coming one outside the season.
 */
import { addDays } from '../../domain/iso-date.ts';
import { addDuration, earliest, latest } from '../../domain/duration.ts';
import type { CalendarSeries } from './calendar.ts';
import type { CountedDose } from './history.ts';
import type { CalendarDoseResult } from './result.ts';

function seasonOf(rule: NonNullable<CalendarSeries['seasonal']>, today: string): { start: string; end: string; label: string } {
  const y = Number(today.slice(0, 4));
  const span = (startYear: number) => {
    const endYear = rule.season.to < rule.season.from ? startYear + 1 : startYear;
    return { start: `${startYear}-${rule.season.from}`, end: `${endYear}-${rule.season.to}`, label: endYear === startYear ? `${startYear}` : `${startYear}/${endYear}` };
  };
  for (const s of [span(y - 1), span(y), span(y + 1)]) if (today <= s.end) return s;
  return span(y + 1);
}

export function seasonalRows(series: CalendarSeries, birthDate: string, today: string, doses: readonly CountedDose[]): CalendarDoseResult[] {
  const rule = series.seasonal!;
  const fromAge = addDuration(birthDate, rule.fromAge);
  const untilAge = addDuration(birthDate, rule.untilAge);
  if (today >= untilAge) return [];
  // The season running today or the next one; the child's first eligible season if later.
  let season = seasonOf(rule, today);
  while (season.end < fromAge) season = seasonOf(rule, addDays(season.end, 1));
  if (season.start >= untilAge) return [];
  const before = doses.filter((d) => d.date === undefined || d.date < season.start);
  const inSeason = doses.filter((d) => d.date !== undefined && d.date >= season.start && d.date <= season.end);
  const firstSeasonAgeOk = !rule.firstSeasonBeforeAge || season.start < addDuration(birthDate, rule.firstSeasonBeforeAge);
  const needed = before.length === 0 && firstSeasonAgeOk ? rule.firstSeasonDoses : 1;
  const rows: CalendarDoseResult[] = [];
  const base = { seriesId: series.id, label: series.label, antigens: series.antigens, confirmedBy: series.confirmedBy, season: season.label };
  for (let k = 1; k <= needed; k++) {
    const given = inSeason[k - 1];
    if (given) {
      rows.push({ ...base, dose: k, status: 'done', date: given.date!, administrations: given.administration === undefined ? [] : [given.administration] });
      continue;
    }
    const previous = k > 1 ? inSeason[k - 2] : undefined;
    const waiting = k > 1 && !previous;
    const from = latest(season.start, fromAge, previous?.date ? addDuration(previous.date, rule.minInterval) : undefined)!;
    const window = { earliest: from, from, overdueFrom: addDays(season.end, 1), until: earliest(season.end, addDays(untilAge, -1))! };
    const status = waiting || today < from ? 'next' : 'due';
    rows.push({ ...base, dose: k, status, window, ...(waiting ? { waitingFor: [{ seriesId: series.id, dose: k - 1 }] } : {}) });
  }
  return rows;
}

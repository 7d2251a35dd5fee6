/**
 * The vaccination calendar for one child on one day: per calendar dose, done / due / overdue /
 * next / missed, or the recorded refusal, exemption or postponement, with the dates that apply.
 *
 * Windows, for a dose not yet given (all dates from birth or from the previous dose of the same
 * antigens):
 *   earliest    = max(birth + minAge, previous + minInterval)   the first date a dose counts
 *   from        = max(birth + at, previous + interval, earliest) due from (a late previous dose
 *                 moves it; a postponement moves it to its end date)
 *   overdueFrom = from + grace
 *   until       = birth + (maxAge of the dose, else of the series, else catch-up age: 18 years)
 * A dose whose previous dose of some antigen is not given is "next", waiting for it, with
 * `from` counted as if that dose were given today.
 */
import { addDays } from '../../domain/iso-date.ts';
import { addDuration, earliest, latest } from '../../domain/duration.ts';
import type { CalendarDose, CalendarSeries, VaccinationCalendar } from './calendar.ts';
import { countDoses, ruleKey, type CountedDose, type DoseRules, type NotCounted } from './history.ts';
import type { ScheduleInput, VaccinationDecision } from './input.ts';
import { DOSE_STATUSES, type CalendarDoseResult, type DoseStatus, type ScheduleResult } from './result.ts';
import { seasonalRows } from './seasonal.ts';
import { selectVariants } from './variants.ts';
import type { VaccineIndex } from './vaccines.ts';

interface Decided {
  decision: VaccinationDecision;
  antigens: readonly string[];
}

export function evaluateSchedule(calendar: VaccinationCalendar, vaccines: VaccineIndex, input: ScheduleInput): ScheduleResult {
  const birth = input.birthDate.slice(0, 10);
  const today = input.today.slice(0, 10);
  const unrecognised: number[] = [];
  const given = input.administrations.map((admin, index) => {
    const antigens = vaccines.antigensOf(admin.vaccine);
    if (!antigens) unrecognised.push(index);
    return { index, admin, antigens: antigens ?? [], atc: vaccines.atcOf(admin.vaccine) };
  });
  const decisions: Decided[] = (input.decisions ?? [])
    .filter((d) => d.date.slice(0, 10) <= today)
    .map((decision) => ({ decision, antigens: vaccines.antigensOf(decision.vaccine) ?? [] }));

  const forSex = calendar.series.filter((s) => !s.sex || s.sex === input.sex);
  const selected = selectVariants(forSex, birth, today, given);
  const series = forSex.filter((s) => selected.has(s.id));

  const rules = new Map<string, { seriesId: string; dose: CalendarDose }>();
  for (const s of series) for (const d of s.doses ?? []) for (const a of s.antigens) rules.set(ruleKey(a, d.dose), { seriesId: s.id, dose: d });

  const notCounted: NotCounted[] = [];
  const history = new Map<string, CountedDose[]>();
  const antigens = new Set(series.flatMap((s) => s.antigens));
  for (const a of antigens) {
    history.set(a, countDoses(a, given.filter((g) => g.antigens.includes(a)), birth, today, rules, notCounted));
  }

  const doses: CalendarDoseResult[] = [];
  for (const s of series) {
    if (s.seasonal) doses.push(...seasonalRows(s, birth, today, history.get(s.antigens[0]!) ?? []));
    else for (const d of s.doses ?? []) doses.push(evaluateDose(calendar, s, d, { birth, today, history, rules, decisions }));
  }

  const counts = Object.fromEntries(DOSE_STATUSES.map((k) => [k, 0])) as Record<DoseStatus, number>;
  for (const d of doses) counts[d.status]++;
  const upcoming = doses.filter((d) => d.status === 'next' && d.window && !d.waitingFor);
  const nextDate = earliest(...upcoming.map((d) => d.window!.from));
  return {
    calendarId: calendar.id,
    regions: calendar.regions ?? [],
    doses,
    notCounted,
    unrecognised,
    ...(nextDate
      ? { next: { date: nextDate, doses: upcoming.filter((d) => d.window!.from === nextDate).map((d) => ({ seriesId: d.seriesId, dose: d.dose })) } }
      : {}),
    counts,
  };
}

interface Context {
  birth: string;
  today: string;
  history: ReadonlyMap<string, CountedDose[]>;
  rules: DoseRules;
  decisions: readonly Decided[];
}

function evaluateDose(calendar: VaccinationCalendar, s: CalendarSeries, d: CalendarDose, c: Context): CalendarDoseResult {
  const base = { seriesId: s.id, label: s.label, dose: d.dose, confirmedBy: s.confirmedBy };
  const givenAt = (a: string, ordinal: number) => c.history.get(a)?.[ordinal - 1];
  const decided = (kind: VaccinationDecision['kind'], a: string) => c.decisions.filter((x) => x.decision.kind === kind && x.antigens.includes(a));

  const exempt = s.antigens.filter((a) => decided('exemption', a).length > 0 && !givenAt(a, d.dose));
  const notNeeded = s.antigens.filter((a) => {
    const limit = s.antigenUntil?.[a];
    return limit !== undefined && !givenAt(a, d.dose) && c.today >= addDuration(c.birth, limit);
  });
  const required = s.antigens.filter((a) => !exempt.includes(a) && !notNeeded.includes(a));
  if (required.length === 0) {
    const ex = exempt.length > 0 ? decided('exemption', exempt[0]!)[0]!.decision : undefined;
    return { ...base, antigens: [], status: ex ? 'exempt' : 'missed', ...(ex ? { decision: decisionOf(ex) } : {}) };
  }

  const doneDoses = required.map((a) => givenAt(a, d.dose));
  const missing = required.filter((_, i) => !doneDoses[i]);
  if (missing.length === 0) {
    const dates = doneDoses.map((x) => x!.date);
    const date = dates.includes(undefined) ? undefined : latest(...dates);
    const administrations = [...new Set(doneDoses.flatMap((x) => (x!.administration === undefined ? [] : [x!.administration])))].sort((a, b) => a - b);
    return { ...base, antigens: required, status: 'done', ...(date ? { date } : {}), administrations };
  }
  const partial = missing.length < required.length ? { missingAntigens: missing } : {};

  const until = addDays(earliest(...[d.maxAge, s.maxAge, calendar.catchUpUntil].map((x) => (x ? addDuration(c.birth, x) : undefined)))!, -1);
  const previous = d.dose > 1 ? missing.map((a) => givenAt(a, d.dose - 1)) : [];
  const waitingAntigens = d.dose > 1 ? missing.filter((_, i) => !previous[i]) : [];
  // Intervals run from the previous dose; while it is missing, as if it were given today.
  const reference = waitingAntigens.length > 0 ? c.today : latest(...previous.map((p) => p?.date));
  const earliestDate = latest(c.birth, d.minAge ? addDuration(c.birth, d.minAge) : undefined, reference && d.minInterval ? addDuration(reference, d.minInterval) : undefined)!;
  const interval = d.interval ?? d.minInterval;
  let from = latest(addDuration(c.birth, d.at), reference && interval ? addDuration(reference, interval) : undefined, earliestDate)!;

  const refusal = missing.flatMap((a) => decided('refusal', a))[0]?.decision;
  const postponement = missing
    .flatMap((a) => decided('postponement', a))
    .map((x) => x.decision)
    .filter((x) => x.until !== undefined)
    .sort((a, b) => (a.until! < b.until! ? 1 : -1))[0];
  if (postponement?.until) from = latest(from, postponement.until)!;
  const window = { earliest: earliestDate, from, overdueFrom: addDuration(from, d.grace), until };

  const waitingFor = [...new Set(waitingAntigens.map((a) => c.rules.get(ruleKey(a, d.dose - 1))?.seriesId ?? s.id))].map((seriesId) => ({ seriesId, dose: d.dose - 1 }));
  const common = { ...base, antigens: required, window, ...partial, ...(waitingFor.length > 0 ? { waitingFor } : {}) };
  if (c.today > until) return { ...common, status: 'missed' };
  if (refusal) return { ...common, status: 'refused', decision: decisionOf(refusal) };
  if (postponement?.until && c.today < postponement.until) return { ...common, status: 'postponed', decision: decisionOf(postponement) };
  let status: DoseStatus;
  if (waitingFor.length > 0 || c.today < from) status = 'next';
  else if (c.today < window.overdueFrom) status = 'due';
  else status = 'overdue';
  return { ...common, status, ...(postponement ? { decision: decisionOf(postponement) } : {}) };
}

function decisionOf(d: VaccinationDecision): NonNullable<CalendarDoseResult['decision']> {
  return { kind: d.kind, date: d.date, ...(d.until ? { until: d.until } : {}), ...(d.id ? { id: d.id } : {}) };
}


/**
 * A vaccination calendar as data (resources/vaccination/, NOTICE.md there): the national PNPV
 * 2023-2025 calendar and, on top, a region's additions file that adds, replaces or removes series.
 *
 * A series is what a doctor reads as one line of the calendar ("Esavalente", "MPRV"); its
 * antigens are what counts: dose n of a series is the n-th valid dose of each of its antigens,
 * whatever product gave it (a pentavalent plus a hepatitis B dose count like a hexavalent).
 * Alternatives (rotavirus 2 or 3 doses by product, HPV 2 or 3 doses by age at the first dose)
 * are series of one variant group; the seasonal influenza series has a season rule instead of doses.
 */
import { z } from 'zod';
import { Duration } from '../../domain/duration.ts';

const Text = z.object({ it: z.string().min(1), en: z.string().min(1) });
const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'identificativo (a-z, 0-9, -)');
const MonthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'MM-DD');

export const CalendarDose = z
  .object({
    /** Ordinal of each antigen of the series (4 = fourth dose of diphtheria, tetanus, …). */
    dose: z.number().int().min(1).max(20),
    /** Recommended age. */
    at: Duration,
    /** How long the dose stays "due" before it is "overdue". */
    grace: Duration,
    /** Youngest age at which a dose counts. */
    minAge: Duration.optional(),
    /** Recommended interval after the previous dose of the same antigens. */
    interval: Duration.optional(),
    /** Shortest interval after which a dose counts. */
    minInterval: Duration.optional(),
    /** Oldest age at which the dose is still offered (else the series' or the calendar's limit). */
    maxAge: Duration.optional(),
    /** Where the numbers come from. */
    basis: z.string().optional(),
  })
  .strict();
export type CalendarDose = z.infer<typeof CalendarDose>;

export const SeasonalRule = z
  .object({
    fromAge: Duration,
    /** First age no longer offered. */
    untilAge: Duration,
    season: z.object({ from: MonthDay, to: MonthDay }).strict(),
    /** Doses in the first season a child is vaccinated (2 for influenza). */
    firstSeasonDoses: z.number().int().min(1).max(3),
    /** The first-season doses apply only under this age at the season's start. */
    firstSeasonBeforeAge: Duration.optional(),
    minInterval: Duration,
    basis: z.string().optional(),
  })
  .strict();
export type SeasonalRule = z.infer<typeof SeasonalRule>;

export const VariantRule = z
  .object({
    group: Id,
    /** Taken when no variant's condition holds. */
    default: z.boolean().optional(),
    /** Conditions on the first dose of the group (or on today's age when none was given). */
    when: z
      .object({
        atc: z.array(z.string().regex(/^J07[A-Z0-9]*$/)).optional(),
        startBefore: Duration.optional(),
        startFrom: Duration.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type VariantRule = z.infer<typeof VariantRule>;

export const Confirmation = z.enum(['iss-epicentro', 'secondary', 'regional']);

export const CalendarSeries = z
  .object({
    id: Id,
    label: Text,
    antigens: z.array(Id).min(1),
    /** How the row is sourced (PAEDIATRICS.md §2): ISS EpiCentro, secondary pages, a region's file. */
    confirmedBy: Confirmation,
    sex: z.enum(['M', 'F']).optional(),
    maxAge: Duration.optional(),
    /** Antigens no longer needed from an age (Hib from 5 years): dropped from a dose not yet given. */
    antigenUntil: z.record(Id, Duration).optional(),
    variant: VariantRule.optional(),
    doses: z.array(CalendarDose).min(1).optional(),
    seasonal: SeasonalRule.optional(),
    note: z.string().optional(),
  })
  .strict()
  .refine((s) => (s.doses === undefined) !== (s.seasonal === undefined), 'a series has either doses or a seasonal rule');
export type CalendarSeries = z.infer<typeof CalendarSeries>;

export const VaccinationCalendar = z
  .object({
    format: z.literal('cartella-vaccination-calendar/1'),
    id: Id,
    title: Text,
    source: z.record(z.string(), z.string()),
    /** Calendar vaccines not received stay offered up to this age (PNPV: 18 years). */
    catchUpUntil: Duration,
    series: z.array(CalendarSeries).min(1),
    /** Regions applied on top, in order (set by applyCalendarAdditions). */
    regions: z.array(z.string()).optional(),
  })
  .strict();
export type VaccinationCalendar = z.infer<typeof VaccinationCalendar>;

/**
 * A region's file: series with a new id are added, with an existing id replace the national
 * one, ids in `remove` are dropped. Its series are marked confirmedBy "regional".
 */
export const CalendarAdditions = z
  .object({
    format: z.literal('cartella-vaccination-calendar-additions/1'),
    extends: Id,
    region: z.object({ code: z.string().optional(), name: z.string().min(1) }).strict(),
    source: z.record(z.string(), z.string()),
    series: z.array(CalendarSeries).default([]),
    remove: z.array(Id).default([]),
  })
  .strict();
export type CalendarAdditions = z.infer<typeof CalendarAdditions>;

export function applyCalendarAdditions(calendar: VaccinationCalendar, additions: CalendarAdditions): VaccinationCalendar {
  if (additions.extends !== calendar.id) throw new Error(`additions for ${additions.region.name} extend ${additions.extends}, not ${calendar.id}`);
  const unknown = additions.remove.filter((id) => !calendar.series.some((s) => s.id === id));
  if (unknown.length > 0) throw new Error(`additions for ${additions.region.name} remove unknown series: ${unknown.join(', ')}`);
  const replacing = new Map(additions.series.map((s) => [s.id, { ...s, confirmedBy: 'regional' as const }]));
  const series = calendar.series
    .filter((s) => !additions.remove.includes(s.id))
    .map((s) => replacing.get(s.id) ?? s);
  for (const s of replacing.values()) if (!calendar.series.some((c) => c.id === s.id)) series.push(s);
  const out = { ...calendar, series, regions: [...(calendar.regions ?? []), additions.region.name] };
  const problems = calendarProblems(out);
  if (problems.length > 0) throw new Error(`additions for ${additions.region.name}: ${problems.join('; ')}`);
  return out;
}

/**
 * Consistency a calendar must have for the evaluation to be unambiguous: unique series ids,
 * doses in ascending order, one variant group per default, and each (antigen, dose number)
 * defined by one series only (variants of one group may share them: only one is selected).
 */
export function calendarProblems(calendar: VaccinationCalendar, knownAntigens?: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const owner = new Map<string, { series: string; group: string | undefined }>();
  const defaults = new Map<string, number>();
  for (const s of calendar.series) {
    if (ids.has(s.id)) problems.push(`series ${s.id} appears twice`);
    ids.add(s.id);
    if (knownAntigens) for (const a of s.antigens) if (!knownAntigens.has(a)) problems.push(`series ${s.id}: unknown antigen ${a}`);
    if (s.variant?.default) defaults.set(s.variant.group, (defaults.get(s.variant.group) ?? 0) + 1);
    const doses = s.doses ?? [];
    doses.forEach((d, i) => {
      if (i > 0 && d.dose <= doses[i - 1]!.dose) problems.push(`series ${s.id}: doses not in ascending order`);
      for (const a of s.antigens) {
        const key = `${a}#${d.dose}`;
        const prev = owner.get(key);
        if (prev && !(prev.group !== undefined && prev.group === s.variant?.group)) problems.push(`dose ${d.dose} of ${a} defined by both ${prev.series} and ${s.id}`);
        else owner.set(key, { series: s.id, group: s.variant?.group });
      }
    });
  }
  const groups = new Set(calendar.series.flatMap((s) => (s.variant ? [s.variant.group] : [])));
  for (const g of groups) if ((defaults.get(g) ?? 0) !== 1) problems.push(`variant group ${g} needs exactly one default`);
  return problems;
}

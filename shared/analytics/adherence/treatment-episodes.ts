/**
 * Treatment episodes as AdhereR 0.8.1's `compute.treatment.episodes` builds them
 * (R/adherer.R). Gaps are computed over the follow-up window (the observation window set to
 * it, no carry-over from before), then an episode ends:
 * - after an event whose gap exceeds the maximum permissible gap (a number of days, or a
 *   percentage of that event's duration), or
 * - when the medication class changes, if `medicationChangeMeansNewEpisode`.
 * An episode's duration is the next episode's start minus its start minus the gap after it
 * (plus the permissible gap itself when `appendPermissibleGap`); the last episode runs to the
 * end of the follow-up window less its final gap when that gap is at least the permissible
 * gap. AdhereR's `dosage.change.means.new.treatment.episode` compares a column name with
 * itself and never splits, so it is not offered here.
 */
import { type Day, type TimeUnit } from './days.ts';
import type { GapOptions } from './event-intervals.ts';
import type { CarryOptions, MedicationEvent, PatientId, WindowSpec } from './types.ts';
import { AdherenceComputationError, groupByPatient, unitIntervals, type CmaUnit } from './units.ts';
import { validateEvents } from './validate-events.ts';

export interface EpisodeOptions extends CarryOptions {
  followUp: WindowSpec;
  /** AdhereR's default for compute.treatment.episodes is true. */
  carryWithin?: boolean;
  medicationChangeMeansNewEpisode?: boolean;
  maximumPermissibleGap?: number;
  maximumPermissibleGapUnit?: TimeUnit | 'percent';
  appendPermissibleGap?: boolean;
}

export interface TreatmentEpisode<E extends MedicationEvent = MedicationEvent> {
  patientId: PatientId;
  /** 1, 2, ... per patient. */
  episodeId: number;
  start: Day;
  /** The gap days after the episode's last event, truncated to an integer as AdhereR prints them. */
  endGapDays: number;
  /** Days; may be fractional. */
  duration: number;
  end: Day;
  events: E[];
}

const GAP_UNIT_DAYS: Record<TimeUnit, number> = { days: 1, weeks: 7, months: 30, years: 365 };

/** compute.treatment.episodes' defaults: carry-over within, same medication only, dosage change, 90 days. */
export function resolveEpisodeOptions(o: EpisodeOptions) {
  const unit = o.maximumPermissibleGapUnit ?? 'days';
  const raw = o.maximumPermissibleGap ?? 90;
  const asPercent = unit === 'percent';
  const gap = Math.max(0, asPercent ? raw / 100 : raw * GAP_UNIT_DAYS[unit]);
  const gaps: GapOptions = {
    carryWithin: o.carryWithin ?? true,
    carryInto: false,
    carryOnlyForSameMedication: o.carryOnlyForSameMedication ?? true,
    considerDosageChange: o.considerDosageChange ?? true,
  };
  return {
    gaps,
    permissibleGap: (e: MedicationEvent) => (asPercent ? gap * e.duration : gap),
    medicationChange: o.medicationChangeMeansNewEpisode ?? true,
    append: o.appendPermissibleGap ?? false,
  };
}

export function computeTreatmentEpisodes<E extends MedicationEvent>(events: readonly E[], options: EpisodeOptions): TreatmentEpisode<E>[] {
  validateEvents(events);
  const o = resolveEpisodeOptions(options);
  if (o.gaps.carryOnlyForSameMedication && !o.gaps.carryWithin) {
    throw new RangeError('cannot carry over only for the same medication when no carry-over is considered');
  }
  if (o.medicationChange && events.some((e) => e.medicationClass === undefined)) {
    throw new RangeError('a medication change can start a new episode only if every event has a medication class');
  }
  const fu = options.followUp;
  const result: TreatmentEpisode<E>[] = [];
  const outside: PatientId[] = [];
  let anyInFollowUp = false;
  for (const [patientId, evs] of groupByPatient(events)) {
    const unit: CmaUnit<E> = {
      id: patientId,
      events: evs,
      windows: { followUp: fu, observation: { start: { offset: 0, unit: 'days' }, duration: fu.duration, unit: fu.unit ?? 'days' } },
    };
    let info;
    try {
      info = unitIntervals(unit, o.gaps);
    } catch (e) {
      if (e instanceof AdherenceComputationError) {
        outside.push(patientId);
        continue;
      }
      throw e;
    }
    const rows = info.rows.filter((r) => !Number.isNaN(r.interval) && !Number.isNaN(r.gap));
    if (rows.length === 0) continue;
    anyInFollowUp = true;
    result.push(...episodesOfPatient(patientId, rows, info.windows.fuEnd, o));
  }
  if (outside.length > 0) {
    throw new AdherenceComputationError('OBSERVATION_WINDOW_OUTSIDE_FOLLOW_UP', outside, `the observation window is not within the follow-up window for ${outside.join(', ')}`);
  }
  if (events.length > 0 && !anyInFollowUp) throw new AdherenceComputationError('NO_EVENTS_IN_WINDOWS', [], 'no event falls within the follow-up window');
  return result;
}

function episodesOfPatient<E extends MedicationEvent>(
  patientId: PatientId,
  rows: { event: E; gap: number }[],
  fuEnd: Day,
  o: ReturnType<typeof resolveEpisodeOptions>,
): TreatmentEpisode<E>[] {
  const n = rows.length;
  const mpg = rows.map((r) => o.permissibleGap(r.event));
  const gap = rows.map((r) => r.gap);
  // Indices (0-based) of the events that end an episode.
  const ends: number[] = [];
  for (let i = 0; i < n; i++) {
    let ends_here = gap[i]! > mpg[i]!;
    if (o.medicationChange && n > 1) ends_here ||= i === n - 1 || rows[i]!.event.medicationClass !== rows[i + 1]!.event.medicationClass;
    if (ends_here) ends.push(i);
  }
  const last = n - 1;
  let starts: number[];
  let lastIndices: number[];
  if (n === 1 || ends.length === 0 || (ends.length === 1 && ends[0] === last)) {
    starts = [0];
    lastIndices = [last];
  } else if (ends[ends.length - 1] !== last) {
    starts = [0, ...ends.map((i) => i + 1)];
    lastIndices = [...ends, last];
  } else {
    starts = [0, ...ends.slice(0, -1).map((i) => i + 1)];
    lastIndices = ends;
  }
  const single = starts.length === 1;
  const startDays = starts.map((i) => rows[i]!.event.date);
  const count = starts.length;
  return starts.map((startIndex, k) => {
    const endIndex = lastIndices[k]!;
    const endGap = gap[endIndex]!;
    const isLast = k === count - 1;
    const span = isLast ? fuEnd - startDays[k]! : startDays[k + 1]! - startDays[k]!;
    let duration: number;
    if (single) {
      // AdhereR adds (not subtracts) the appended permissible gap here, unlike below.
      duration = span - (endGap < mpg[last]! ? 0 : endGap + (o.append ? mpg[last]! : 0));
    } else if (o.append) {
      const smaller = endGap <= mpg[endIndex]!;
      duration = span - (smaller ? 0 : endGap - mpg[endIndex]!);
    } else if (isLast) {
      duration = span - (endGap < mpg[last]! ? 0 : endGap);
    } else {
      duration = span - endGap;
    }
    const eventsOfEpisode = rows.slice(startIndex, (isLast ? last : starts[k + 1]! - 1) + 1).map((r) => r.event);
    return {
      patientId,
      episodeId: k + 1,
      start: startDays[k]!,
      endGapDays: Math.trunc(endGap),
      duration,
      end: startDays[k]! + duration,
      events: eventsOfEpisode,
    };
  });
}

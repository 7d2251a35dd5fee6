/**
 * The supply of one dispensation that needs more than a division (AdhereR 0.8.1
 * R/matching_function.R, process_dispensing_events): one that outlasts its prescription
 * episode, falls in a treatment interruption (daily dose 0) or meets a hospital stay. The
 * supply is spent episode by episode at each episode's dose: what is left at an episode's end
 * becomes a dose carried into the next episode, which starts a new piece. A supply during an
 * interruption follows `treatmentInterruption`: continue at the previous dose, discard it, or
 * carry it over to the next prescribed episode.
 */
import type { Day } from '../days.ts';
import type { PatientId } from '../types.ts';
import { type Na } from './na.ts';
import type { EpisodeRow } from './prescription-episodes.ts';
import { splitSupplyByStays, type Stay } from './special-intervals.ts';
import type { SpecialPeriodMethod } from './types.ts';

export interface SupplyRow {
  eventId: Na<number>;
  dispStart: Na<Day>;
  duration: Na<number>;
  dailyDose: Na<number>;
  specialDuration: Na<number>;
  carryoverDuration: Na<number>;
  episodeStart: Na<Day>;
  episodeEnd: Na<Day>;
}

export interface MedicationContext {
  patientId: PatientId;
  episodes: readonly EpisodeRow[];
  firstPrescriptionDate: Day;
  stays: readonly Stay[];
  treatmentInterruption: SpecialPeriodMethod;
  splitOnDosageChange: boolean;
  carryover: boolean;
}

/** State the carry-over option threads from one dispensation to the next. */
export interface CarryState {
  lastSupplyEnd: Na<Day>;
  outOfPrescription: boolean;
}

function row(fields: Partial<SupplyRow>): SupplyRow {
  return { eventId: null, dispStart: null, duration: null, dailyDose: null, specialDuration: null, carryoverDuration: null, episodeStart: null, episodeEnd: null, ...fields };
}

/** Episodes of positive dose from the dispensation on, merged into one (split = FALSE). */
function mergePositiveEpisodes(episodes: readonly EpisodeRow[], dispensed: Day): EpisodeRow[] {
  const rows = episodes.map((e) => ({ ...e, positive: (e.end === null || dispensed < e.end) && e.dailyDose > 0 }));
  const runs: (typeof rows)[] = [];
  rows.forEach((r, i) => {
    if (i === 0 || r.positive !== rows[i - 1]!.positive) runs.push([]);
    runs[runs.length - 1]!.push(r);
  });
  for (const run of runs) {
    if (!run[0]!.positive) continue;
    const start = run[0]!.start;
    const end = run[run.length - 1]!.end;
    const dose = run[0]!.dailyDose;
    for (const r of run) Object.assign(r, { start, end, dailyDose: dose });
  }
  // unique(by = start, end, fromLast = TRUE): the last row of each (start, end).
  const keyOf = (r: EpisodeRow) => `${r.start}|${r.end}`;
  const lastIndex = new Map<string, number>();
  rows.forEach((r, i) => lastIndex.set(keyOf(r), i));
  return rows.filter((r, i) => lastIndex.get(keyOf(r)) === i);
}

export function supplyOfDispensation(dispensed: Day, totalDose: number, ctx: MedicationContext, carry: CarryState): SupplyRow[] {
  if (dispensed < ctx.firstPrescriptionDate) return [row({ dispStart: dispensed, duration: 0 })];
  let dispStart = dispensed;
  let episodes = ctx.episodes;
  const after = (d: Day) => episodes.flatMap((e, i) => (e.end === null || d < e.end ? [i] : []));
  let candidates = after(dispensed);
  if (ctx.carryover && carry.lastSupplyEnd !== null && carry.lastSupplyEnd > dispStart) {
    dispStart = carry.lastSupplyEnd;
    candidates = after(dispStart);
  }
  if (candidates.length === 0 || carry.outOfPrescription) return [row({ dispStart: dispensed })];
  if (!ctx.splitOnDosageChange) {
    episodes = mergePositiveEpisodes(episodes, dispensed);
    candidates = after(dispensed);
  }

  const out: SupplyRow[] = [];
  let total = totalDose;
  let stop = false;
  let eventId = 0;
  const lastCandidate = candidates[candidates.length - 1]!;
  for (const index of candidates) {
    let episode = index;
    eventId++;
    const current = episodes[episode]!;
    let dose = current.dailyDose;
    let startEpisode = current.start;
    let endEpisode = current.end;
    if (dose === 0) {
      if (ctx.treatmentInterruption === 'continue') {
        const previous = episodes[episode - 1];
        if (previous === undefined) throw new Error('a treatment interruption cannot be the first prescription episode');
        dose = previous.dailyDose;
        startEpisode = previous.start;
        endEpisode = previous.end;
        stop = true;
      } else if (ctx.treatmentInterruption === 'discard') {
        if (out.length === 0) out.push(row({ eventId, dispStart, duration: 0 }));
        break;
      } else {
        continue;
      }
    }
    if (current.end !== null && dispStart >= current.end) continue;
    if (episode !== candidates[0]) dispStart = current.start;
    const duration = total / dose;
    const supplyEnd = dispStart + duration;

    if (ctx.stays.length > 0 && !Number.isNaN(duration)) {
      const stays = ctx.stays.filter((s) => (endEpisode === null || s.start <= endEpisode) && s.end > startEpisode);
      if (stays.length > 0) {
        const pieces = splitSupplyByStays(stays, { patientId: ctx.patientId, dispStart, episodeStart: startEpisode, episodeEnd: endEpisode, duration, eventId });
        eventId = pieces[pieces.length - 1]!.eventId;
        const used = pieces.reduce((s, p) => s + p.duration, 0);
        for (const p of pieces) {
          out.push(row({ eventId: p.eventId, dispStart: p.dispStart, duration: p.duration, specialDuration: p.specialDuration, carryoverDuration: p.carryoverDuration, dailyDose: dose, episodeStart: startEpisode, episodeEnd: endEpisode }));
        }
        const lastPiece = pieces[pieces.length - 1]!;
        if (lastPiece.method === 'discard' || duration === used) break;
        if (endEpisode === null) {
          out[out.length - 1]!.duration = lastPiece.duration + (duration - used);
          break;
        }
        total = dose * (duration - used);
        continue;
      }
    }

    if (current.end === null && episode !== lastCandidate) {
      // AdhereR stops with "missing value where TRUE/FALSE needed" here.
      throw new Error('an open-ended prescription episode is followed by another');
    }
    if (episode === lastCandidate || supplyEnd < current.end!) {
      stop = true;
    } else {
      episode++;
      const nextDose = episodes[episode]!.dailyDose;
      if (nextDose === 0 && ctx.treatmentInterruption === 'continue') stop = true;
      if (nextDose !== 0 && nextDose !== dose && !ctx.splitOnDosageChange) stop = true;
    }
    if (stop) {
      out.push(row({ eventId, dispStart, duration, episodeStart: startEpisode, episodeEnd: endEpisode, dailyDose: dose, specialDuration: 0 }));
      break;
    }
    // The supply outlasts the episode: this piece ends with it, the rest goes on at the next dose.
    const pieceDuration = endEpisode! - dispStart;
    total = dose * (supplyEnd - endEpisode!);
    out.push(row({ eventId, dispStart, duration: pieceDuration, episodeStart: startEpisode, episodeEnd: endEpisode, dailyDose: dose, specialDuration: 0 }));
  }
  return out;
}

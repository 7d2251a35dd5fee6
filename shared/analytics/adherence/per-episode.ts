/**
 * A CMA per treatment episode, as AdhereR 0.8.1's `CMA_per_episode` (R/adherer.R):
 * 1. episodes over the follow-up window, with the carry-over the chosen CMA uses (none for
 *    CMA1-CMA4, within the window for CMA5-CMA9);
 * 2. each episode is intersected with the patient's observation window; episodes with
 *    nothing inside it are dropped;
 * 3. the CMA runs once per episode on all the patient's events, with the episode as the
 *    follow-up window (start, full duration rounded) and the intersection as the observation
 *    window.
 * The rows report the intersection's start and end but the episode's full duration, as
 * AdhereR's do.
 */
import { cmaForUnits, gapOptionsFor } from './cma/compute.ts';
import type { Day } from './days.ts';
import { computeTreatmentEpisodes, type EpisodeOptions } from './treatment-episodes.ts';
import type { CmaKind, MedicationEvent, PatientId, WindowSpec } from './types.ts';
import { checkedWindows, groupByPatient, type CmaUnit } from './units.ts';
import { fixedWindow, validateWindowSpec } from './windows.ts';

export interface PerEpisodeParams extends Omit<EpisodeOptions, 'carryWithin'> {
  cma: CmaKind;
  observation: WindowSpec;
}

export interface EpisodeCma {
  patientId: PatientId;
  episodeId: number;
  /** Start and end of the episode's part inside the observation window. */
  start: Day;
  end: Day;
  endGapDays: number;
  /** The whole episode's duration in days. */
  episodeDuration: number;
  cma: number | null;
}

export function computeCmaPerEpisode(events: readonly MedicationEvent[], params: PerEpisodeParams): EpisodeCma[] {
  validateWindowSpec(params.followUp, params.observation);
  const kind = params.cma;
  const carry = kind <= 4 ? { carryOnlyForSameMedication: false, considerDosageChange: false } : params;
  const gaps = gapOptionsFor(kind, carry);
  const episodes = computeTreatmentEpisodes(events, {
    ...params,
    carryWithin: gaps.carryWithin,
    carryOnlyForSameMedication: gaps.carryOnlyForSameMedication,
    considerDosageChange: gaps.considerDosageChange,
  });
  const byPatient = groupByPatient(events);
  const observationOf = new Map<PatientId, { owStart: Day; owEnd: Day }>();
  for (const [id, evs] of byPatient) {
    observationOf.set(id, checkedWindows({ id, events: evs, windows: { followUp: params.followUp, observation: params.observation } }));
  }

  const kept: { unit: CmaUnit; row: Omit<EpisodeCma, 'cma'> }[] = [];
  for (const ep of episodes) {
    const ow = observationOf.get(ep.patientId)!;
    const start = Math.max(ep.start, ow.owStart);
    const end = Math.min(ep.end, ow.owEnd);
    if (!(start < end)) continue;
    const episodeDuration = ep.end - ep.start;
    const id = `${String(ep.patientId)}*${ep.episodeId}`;
    kept.push({
      unit: {
        id,
        events: byPatient.get(ep.patientId)!,
        windows: {
          followUp: { start: { date: ep.start }, duration: episodeDuration, unit: params.followUp.unit ?? 'days' },
          observation: fixedWindow(start, end - start),
        },
      },
      row: { patientId: ep.patientId, episodeId: ep.episodeId, start, end, endGapDays: ep.endGapDays, episodeDuration },
    });
  }
  if (kept.length === 0) return [];
  const values = cmaForUnits(kind, kept.map((k) => k.unit), carry);
  return kept.map((k) => ({ ...k.row, cma: values.get(k.unit.id) ?? null }));
}

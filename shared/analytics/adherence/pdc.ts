/**
 * PDC, proportion of days covered, as PQA defines it (DOMAIN.md §2.1), per patient and drug
 * class:
 * - the treatment period runs from the index date (the first fill of the class in the
 *   measurement period) to the period's end, or to the patient's own end (death, transfer);
 * - a day counts when any drug of the class covers it; an early refill of the same drug
 *   starts the day after the previous supply runs out, fills of different drugs of the class
 *   are not shifted; supply past the period's end is cut off;
 * - hospital stays (the CMS adjustment) leave the denominator and the supply is not used
 *   during them: it resumes at discharge and pushes the later fills of that drug;
 * - a patient is in the measure with fills on two different dates and a treatment period of
 *   at least 91 days; adherent at PDC >= the class threshold (80 %, 90 % for antiretrovirals).
 * A stay runs from admission to discharge as in compute_event_durations' special periods: the
 * discharge day is a day at home, so a stay removes discharge - admission days.
 */
import { durationMethodsOf } from './cma/index.ts';
import type { Day } from './days.ts';
import type { SpecialPeriod } from './event-durations/types.ts';
import { daysWithin, mergeSpans, shiftedSupplies, type Span } from './supply-timeline.ts';
import type { DurationMethod, MedicationEvent, PatientId } from './types.ts';
import { comparePatientIds } from './units.ts';

/** A dispensation with its supply, the drug (same active substance: ATC level 5) and its class. */
export interface ClassFill extends Pick<MedicationEvent, 'patientId' | 'date' | 'duration' | 'durationMethod'> {
  drug: string;
  drugClass: string;
}

/** A period of calendar days, first and last included. */
export interface DayRange {
  first: Day;
  last: Day;
}

export interface PdcParams {
  /** The measurement period (PQA: a calendar year). */
  period: DayRange;
  /** A patient's last day in the panel (death, transfer) when it falls inside the period. */
  lastDayOf?: (patientId: PatientId) => Day | undefined;
  /** Hospital stays, for the CMS adjustment. */
  stays?: readonly Pick<SpecialPeriod, 'patientId' | 'start' | 'end'>[];
  /** The adherence threshold of a class; PQA's 0.8 by default. */
  thresholdOf?: (drugClass: string) => number;
}

export type PdcExclusion = 'FEWER_THAN_TWO_FILL_DATES' | 'TREATMENT_PERIOD_UNDER_91_DAYS';

export interface PdcResult {
  patientId: PatientId;
  drugClass: string;
  indexDate: Day;
  /** Last day of the treatment period. */
  lastDay: Day;
  /** The denominator: days of the treatment period less the days in hospital. */
  daysInPeriod: number;
  daysCovered: number;
  hospitalDays: number;
  /** null when the whole treatment period was spent in hospital. */
  pdc: number | null;
  /** Why PQA leaves the patient out of the measure, or null. */
  exclusion: PdcExclusion | null;
  threshold: number;
  adherent: boolean;
  durationMethods: DurationMethod[];
}

/** PQA: the treatment period must last at least 91 days. */
export const PQA_MINIMUM_TREATMENT_DAYS = 91;
export const PQA_THRESHOLD = 0.8;

function byKey<T>(items: readonly T[], key: (t: T) => string | PatientId): Map<string | PatientId, T[]> {
  const m = new Map<string | PatientId, T[]>();
  for (const t of items) {
    const k = key(t);
    let g = m.get(k);
    if (!g) m.set(k, (g = []));
    g.push(t);
  }
  return m;
}

export function computePdc(fills: readonly ClassFill[], params: PdcParams): PdcResult[] {
  const staysOf = byKey(params.stays ?? [], (s) => s.patientId);
  const out: PdcResult[] = [];
  const patients = byKey(fills, (f) => f.patientId);
  for (const patientId of [...patients.keys()].sort((a, b) => comparePatientIds(a, b))) {
    const own = params.lastDayOf?.(patientId);
    const lastDay = own === undefined ? params.period.last : Math.min(own, params.period.last);
    const inPeriod = patients.get(patientId)!.filter((f) => f.date >= params.period.first && f.date <= lastDay);
    const stays = mergeSpans((staysOf.get(patientId) ?? []).map((s) => ({ start: s.start, end: s.end })));
    const classes = byKey(inPeriod, (f) => f.drugClass);
    for (const drugClass of [...classes.keys()].map(String).sort()) {
      const classFills = classes.get(drugClass)!;
      out.push(classPdc(patientId, drugClass, classFills, lastDay, stays, params.thresholdOf?.(drugClass) ?? PQA_THRESHOLD));
    }
  }
  return out;
}

function classPdc(patientId: PatientId, drugClass: string, fills: ClassFill[], lastDay: Day, stays: Span[], threshold: number): PdcResult {
  const indexDate = Math.min(...fills.map((f) => f.date));
  const window: Span = { start: indexDate, end: lastDay + 1 };
  const used = [...byKey(fills, (f) => f.drug).values()].flatMap((drugFills) => shiftedSupplies(drugFills, stays));
  const daysCovered = daysWithin(mergeSpans(used), window);
  const hospitalDays = daysWithin(stays, window);
  const daysInPeriod = window.end - window.start - hospitalDays;
  const pdc = daysInPeriod > 0 ? daysCovered / daysInPeriod : null;
  const fillDates = new Set(fills.map((f) => f.date)).size;
  const exclusion: PdcExclusion | null =
    fillDates < 2 ? 'FEWER_THAN_TWO_FILL_DATES' : window.end - window.start < PQA_MINIMUM_TREATMENT_DAYS ? 'TREATMENT_PERIOD_UNDER_91_DAYS' : null;
  return {
    patientId,
    drugClass,
    indexDate,
    lastDay,
    daysInPeriod,
    daysCovered,
    hospitalDays,
    pdc,
    exclusion,
    threshold,
    adherent: pdc !== null && pdc >= threshold,
    durationMethods: durationMethodsOf(fills),
  };
}

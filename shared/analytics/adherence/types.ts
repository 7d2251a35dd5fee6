/**
 * The adherence engine's inputs and outputs (DOMAIN.md §2). The engine is pure: callers turn
 * whatever they hold (a CSV in AdhereR's columns, the record's dispensations) into these.
 */
import type { Day, TimeUnit } from './days.ts';

export type PatientId = string | number;

/**
 * How an event's days of supply were obtained (DOMAIN.md §2.4): given with the event
 * (`days-supply`, as in AdhereR's med.events or a US claim), derived from the prescribed
 * posology and the pack (`posology`, compute_event_durations), or from the DDD (`ddd`, as
 * AIFA OsMed does). Every figure shown says which.
 */
export type DurationMethod = 'days-supply' | 'posology' | 'ddd';

/** One medication event: a dispensation (or prescription) with its supply in days. */
export interface MedicationEvent {
  patientId: PatientId;
  /** Start of the supply. */
  date: Day;
  /** Days of supply; strictly positive (AdhereR refuses zero or missing durations). */
  duration: number;
  /** Daily dose, used only by `considerDosageChange`. */
  dailyDose?: number;
  /** Medication class or type, used by `carryOnlyForSameMedication` and treatment episodes. */
  medicationClass?: string;
  durationMethod: DurationMethod;
}

/**
 * Where a window starts. For the follow-up window an offset counts from the patient's first
 * event; for the observation window it counts from the follow-up window's start. A date is
 * the same calendar day for every patient.
 */
export type WindowStart = { offset: number; unit?: TimeUnit } | { date: Day };

export interface WindowSpec {
  start: WindowStart;
  duration: number;
  /** Defaults to days. */
  unit?: TimeUnit;
}

/** The carry-over refinements of CMA5-CMA9 (the "b" variants and the dose adjustment). */
export interface CarryOptions {
  /** Supply left over from one medication is not carried into the next if the class changes. */
  carryOnlyForSameMedication?: boolean;
  /** Left-over days are rescaled by the ratio of the daily doses (old / new). */
  considerDosageChange?: boolean;
}

export type CmaKind = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export interface CmaParams extends CarryOptions {
  cma: CmaKind;
  followUp: WindowSpec;
  observation: WindowSpec;
}

/**
 * One patient's measure. `cma` is null where AdhereR gives NA (too few events, no event in
 * the window); it can be NaN or Infinity where AdhereR divides by zero (first event on the
 * last day of the observation window). `durationMethods` lists how the durations of the
 * patient's events were obtained.
 */
export interface CmaResult {
  patientId: PatientId;
  cma: number | null;
  durationMethods: DurationMethod[];
}

/**
 * Inputs and output of the event-duration computation (AdhereR's compute_event_durations;
 * DOMAIN.md §2.4): Italian dispensing data carry a total dose but no days of supply, so the
 * supply is the total dose over the prescribed daily dose. An Italian record maps onto these
 * as: the AIC's ATC code, pharmaceutical form and dose unit identify the drug; a
 * dispensation's total dose is packs x units per pack (packUnitCount) x strength; a
 * prescription's daily dose is the posology in the same unit; hospital stays from discharge
 * letters are the special periods.
 */
import type { Day } from '../days.ts';
import type { PatientId } from '../types.ts';
import type { Na } from './na.ts';

/** What matches a dispensation to its prescriptions; `matchOn` picks the fields compared. */
export interface DrugIdentity {
  atc: string;
  unit?: string;
  form?: string;
}

export type DrugField = keyof DrugIdentity;

export interface DispensingRecord {
  patientId: PatientId;
  date: Day;
  drug: DrugIdentity;
  /** Total dose dispensed, in the prescription's dose unit (e.g. 28 tablets x 20 mg = 560). */
  totalDose: number;
}

export interface PrescribingRecord {
  patientId: PatientId;
  date: Day;
  /** The visit's number; consecutive per patient. Derived from the dates when absent. */
  visit?: number;
  drug: DrugIdentity;
  /** Prescribed dose per day, in the dispensing's unit; 0 is not expected. */
  dailyDose: number;
  /** Days the prescription is meant for; null for an open-ended (chronic) prescription. */
  durationDays: number | null;
}

/** What happens to the supply during a hospital stay (DOMAIN.md §2.5). */
export type SpecialPeriodMethod = 'continue' | 'discard' | 'carryover';

export interface SpecialPeriod {
  patientId: PatientId;
  /** Admission and discharge. */
  start: Day;
  end: Day;
  /** Overrides the global method for this stay (AdhereR's custom column). */
  method?: SpecialPeriodMethod;
}

export interface EventDurationOptions {
  /** Drug fields that must agree between a dispensation and a prescription; AdhereR's example uses all three. */
  matchOn?: readonly DrugField[];
  /** Split a supply at a dosage change and go on at the new dose (default true). */
  splitOnDosageChange?: boolean;
  /** Move an open-ended first prescription back to the first dispensation (default false). */
  forceInitialPrescription?: boolean;
  /** A visit without the drug interrupts its treatment (default false). */
  forcePrescriptionRenewal?: boolean;
  /** What happens to a supply dispensed during a treatment interruption (default continue). */
  treatmentInterruption?: SpecialPeriodMethod;
  /** The default method for hospital stays (default: the treatment interruption's). */
  specialPeriodsMethod?: SpecialPeriodMethod;
  /** Start a supply when the previous one runs out rather than at dispensing (default false). */
  carryover?: boolean;
}

/**
 * One row of AdhereR's event_durations table: a dispensation's supply, or a piece of it
 * (split at dosage changes or hospital stays), or an unmatched dispensation or prescription.
 * NA is null.
 */
export interface EventDurationRow {
  patientId: PatientId;
  drug: DrugIdentity;
  dispensingDate: Na<Day>;
  totalDose: Na<number>;
  dailyDose: Na<number>;
  eventId: Na<number>;
  dispStart: Na<Day>;
  duration: Na<number>;
  episodeStart: Na<Day>;
  episodeEnd: Na<Day>;
  specialDuration: Na<number>;
  totPrescInterruptions: Na<number>;
  totDosageChanges: Na<number>;
  carryoverDuration: Na<number>;
}

/** An episode of one prescribed dose, as AdhereR's prescription_episodes table. */
export interface PrescriptionEpisode {
  patientId: PatientId;
  drug: DrugIdentity;
  dailyDose: number;
  episodeId: number;
  start: Day;
  duration: Na<number>;
  end: Na<Day>;
}

export interface EventDurations {
  rows: EventDurationRow[];
  prescriptionEpisodes: PrescriptionEpisode[];
  /** The optional columns AdhereR's table has for these options and data, in its order. */
  optionalColumns: ('SPECIAL.DURATION' | 'tot.presc.interruptions' | 'tot.dosage.changes' | 'CARRYOVER.DURATION')[];
  /** How the durations were obtained: always from the prescribed posology here. */
  durationMethod: 'posology';
}

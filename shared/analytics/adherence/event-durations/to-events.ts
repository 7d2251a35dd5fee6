/**
 * The event-durations table turned into the medication events the CMAs and PDC take. A
 * supply from a prescription episode keeps its duration, marked `posology`. A dispensation
 * that no prescription covers (a drug never prescribed, dispensed before the first or after
 * the last prescription) has no posology: its duration comes from the DDD when the caller
 * knows one for the drug, marked `ddd` (DOMAIN.md §2.4), and otherwise it is listed as
 * unresolved. Supplies of zero days (discarded at an interruption or a stay) are left out,
 * as the CMAs refuse them.
 */
import { convert, dddDurationDays, type Quantity } from '../ddd.ts';
import type { MedicationEvent } from '../types.ts';
import type { DrugIdentity, EventDurationRow, EventDurations } from './types.ts';

export interface DurationEvent extends MedicationEvent {
  drug: DrugIdentity;
}

export interface EventsFromDurations {
  events: DurationEvent[];
  /** Dispensations with neither a posology nor a DDD to give them a duration. */
  unresolved: EventDurationRow[];
}

export function eventsFromDurations(result: EventDurations, dddOf?: (drug: DrugIdentity) => Quantity | undefined): EventsFromDurations {
  const events: DurationEvent[] = [];
  const unresolved: EventDurationRow[] = [];
  for (const r of result.rows) {
    if (r.totalDose === null || r.dispensingDate === null) continue; // a prescription never dispensed
    const base = { patientId: r.patientId, drug: r.drug, medicationClass: r.drug.atc };
    if (r.eventId !== null) {
      if (r.duration !== null && r.duration > 0 && r.dispStart !== null) {
        events.push({ ...base, date: r.dispStart, duration: r.duration, ...(r.dailyDose !== null ? { dailyDose: r.dailyDose } : {}), durationMethod: 'posology' });
      }
      continue;
    }
    const ddd = dddOf?.(r.drug);
    const unit = r.drug.unit;
    const days = ddd && unit !== undefined ? dddDurationDays({ value: r.totalDose, unit }, ddd) : null;
    // One DDD a day is the dose such a supply assumes (the dose the dosage-change option compares).
    const dailyDose = ddd && unit !== undefined ? convert(ddd, unit) : null;
    if (days !== null && days > 0 && dailyDose !== null) events.push({ ...base, date: r.dispensingDate, duration: days, dailyDose, durationMethod: 'ddd' });
    else unresolved.push(r);
  }
  return { events, unresolved };
}

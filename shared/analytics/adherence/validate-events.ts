/** The checks AdhereR makes on event data before any CMA (compute.event.int.gaps). */
import type { MedicationEvent } from './types.ts';

export function validateEvents(events: readonly MedicationEvent[]): void {
  let withDose = 0;
  events.forEach((e, i) => {
    if (!Number.isFinite(e.date)) throw new RangeError(`event ${i + 1}: the date is not a valid date`);
    if (!(e.duration > 0) || !Number.isFinite(e.duration)) throw new RangeError(`event ${i + 1}: the duration must be a strictly positive number of days`);
    if (e.dailyDose !== undefined) {
      if (!(e.dailyDose > 0) || !Number.isFinite(e.dailyDose)) throw new RangeError(`event ${i + 1}: the daily dose must be a strictly positive number`);
      withDose++;
    }
  });
  if (withDose !== 0 && withDose !== events.length) throw new RangeError('either every event has a daily dose or none has');
}

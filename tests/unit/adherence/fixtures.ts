/** The AdhereR example tables (tests/fixtures/adherence, GPL >= 2, see its README) read as the CLI reads them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDurationInputs, readMedicationEvents } from '../../../electron/cli/commands/adherence-inputs.ts';
import { dayFromYmd, type Day } from '../../../shared/analytics/adherence/days.ts';
import type { MedicationEvent } from '../../../shared/analytics/adherence/types.ts';

export const FIXTURES = join(import.meta.dirname, '../../fixtures/adherence');

export function fixture(name: string): string {
  return join(FIXTURES, name);
}

export function medEvents(): MedicationEvent[] {
  const file = fixture('med.events.csv');
  return readMedicationEvents(file, readFileSync(file, 'utf8'), 'mm/dd/yyyy');
}

export function durcomp() {
  const read = (n: string): [string, string] => [fixture(n), readFileSync(fixture(n), 'utf8')];
  return readDurationInputs(
    { dispensing: read('durcomp.dispensing.csv'), prescribing: read('durcomp.prescribing.csv'), hospitalisation: read('durcomp.hospitalisation.csv') },
    'yyyy-mm-dd',
  );
}

/** Day n after 1 January 2030, for hand-made event lists. */
export const D0 = dayFromYmd(2030, 1, 1);
export function day(n: number): Day {
  return D0 + n;
}

/** Events of one patient: [day, duration, class?, daily dose?]. */
export function events(id: number, rows: [number, number, string?, number?][]): MedicationEvent[] {
  return rows.map(([d, duration, medicationClass = 'A', dailyDose = 1]) => ({ patientId: id, date: day(d), duration, medicationClass, dailyDose, durationMethod: 'days-supply' }));
}

/** Follow-up and observation windows as day offsets (follow-up from the first event, observation from the follow-up start). */
export function windows(fuStart: number, fuDays: number, owStart: number, owDays: number) {
  return { followUp: { start: { offset: fuStart }, duration: fuDays }, observation: { start: { offset: owStart }, duration: owDays } };
}

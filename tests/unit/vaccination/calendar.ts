/** The calendar and vaccine catalogue as the application loads them, and a shorthand to evaluate. */
import { loadVaccinationCalendar } from '../../../electron/services/paediatrics/vaccination-resources.ts';
import { evaluateSchedule, type Administration, type ScheduleInput } from '../../../shared/analytics/vaccination-schedule/index.ts';

export const national = loadVaccinationCalendar();

export function evaluate(input: Partial<ScheduleInput> & { birthDate: string; today: string }, loaded = national) {
  return evaluateSchedule(loaded.calendar, loaded.vaccines, { sex: 'F', administrations: [], ...input });
}

export const given = (date: string, vaccine: Administration['vaccine'], doseNumber?: number): Administration => ({ date, vaccine, ...(doseNumber ? { doseNumber } : {}) });

export function status(result: ReturnType<typeof evaluate>, seriesId: string, dose: number) {
  const d = result.doses.find((x) => x.seriesId === seriesId && x.dose === dose);
  if (!d) throw new Error(`no ${seriesId} dose ${dose} in the result`);
  return d;
}

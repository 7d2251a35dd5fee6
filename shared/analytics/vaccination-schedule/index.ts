/** The national vaccination calendar (PNPV 2023-2025) with regional additions, evaluated per child. */
export { evaluateSchedule } from './evaluate.ts';
export {
  applyCalendarAdditions,
  calendarProblems,
  CalendarAdditions,
  CalendarSeries,
  VaccinationCalendar,
} from './calendar.ts';
export { VaccineCatalogue, VaccineIndex, type VaccineRef } from './vaccines.ts';
export type { Administration, ScheduleInput, VaccinationDecision } from './input.ts';
export { DOSE_STATUSES, type CalendarDoseResult, type DoseStatus, type DoseWindow, type ScheduleResult } from './result.ts';
export type { NotCounted, NotCountedReason } from './history.ts';

/**
 * Where the vaccination types' synthetic panels get the national calendar: shared code reads no
 * files (ARCHITECTURE.md §3), so the node side sets the source once at start-up
 * (electron/services/documents/vaccination-calendar-source.ts) and the types registered in
 * index.ts ask for it only when `synthetic` runs.
 */
import type { VaccinationCalendarSource } from '../../synthetic/vaccination-document.ts';

let source: (() => VaccinationCalendarSource) | undefined;

export function setVaccinationCalendarSource(fn: () => VaccinationCalendarSource): void {
  source = fn;
}

export function vaccinationCalendarSource(): VaccinationCalendarSource {
  if (!source) throw new Error('calendario vaccinale non caricato: serve setVaccinationCalendarSource (lato Node) prima dei documenti sintetici');
  return source();
}

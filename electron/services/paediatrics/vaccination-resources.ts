/**
 * Loads the vaccination calendar (resources/vaccination/, NOTICE.md there): the national PNPV
 * calendar, the vaccine catalogue and the region's additions files the doctor's settings name,
 * each checked against its schema and for consistency before use. A wrong file fails loudly
 * with its name: a silently wrong calendar would tell a doctor a child is up to date.
 */
import { join, resolve } from 'node:path';
import {
  applyCalendarAdditions,
  CalendarAdditions,
  calendarProblems,
  VaccinationCalendar,
  VaccineCatalogue,
  VaccineIndex,
} from '../../../shared/analytics/vaccination-schedule/index.ts';
import { resourcePath } from '../files/resources-dir.ts';
import { readCheckedJson } from './read-json.ts';

export const NATIONAL_CALENDAR_FILE = 'pnpv-2023-2025.json';

export function defaultVaccinationResourcesDir(): string {
  const env = process.env.CARTELLA_VACCINATION_RESOURCES;
  if (env) return resolve(env);
  return resourcePath('vaccination');
}

export interface LoadedVaccinationCalendar {
  calendar: VaccinationCalendar;
  vaccines: VaccineIndex;
}

/** The national calendar with the given regional additions files applied in order. */
export function loadVaccinationCalendar(options: { dir?: string; additions?: readonly string[] } = {}): LoadedVaccinationCalendar {
  const dir = options.dir ?? defaultVaccinationResourcesDir();
  const vaccines = new VaccineIndex(readCheckedJson(join(dir, 'vaccines.json'), VaccineCatalogue));
  let calendar = readCheckedJson(join(dir, NATIONAL_CALENDAR_FILE), VaccinationCalendar);
  const problems = calendarProblems(calendar, vaccines.antigenIds);
  if (problems.length > 0) throw new Error(`${NATIONAL_CALENDAR_FILE}: ${problems.join('; ')}`);
  for (const file of options.additions ?? []) {
    const additions = readCheckedJson(file, CalendarAdditions);
    calendar = applyCalendarAdditions(calendar, additions);
    const p = calendarProblems(calendar, vaccines.antigenIds);
    if (p.length > 0) throw new Error(`${file}: ${p.join('; ')}`);
  }
  return { calendar, vaccines };
}

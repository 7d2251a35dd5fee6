/**
 * Loads the vaccination calendar (resources/vaccination/, NOTICE.md there): the national PNPV
 * calendar, the vaccine catalogue and the region's additions files the doctor's settings name,
 * each checked against its schema and for consistency before use. A wrong file fails loudly
 * with its name: a silently wrong calendar would tell a doctor a child is up to date.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  applyCalendarAdditions,
  CalendarAdditions,
  calendarProblems,
  VaccinationCalendar,
  VaccineCatalogue,
  VaccineIndex,
} from '../../../shared/analytics/vaccination-schedule/index.ts';

export const NATIONAL_CALENDAR_FILE = 'pnpv-2023-2025.json';

export function defaultVaccinationResourcesDir(): string {
  const env = process.env.CARTELLA_VACCINATION_RESOURCES;
  if (env) return resolve(env);
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../resources/vaccination');
}

function readJson<T>(file: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const r = schema.safeParse(raw);
  if (!r.success) throw new Error(`${file}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

export interface LoadedVaccinationCalendar {
  calendar: VaccinationCalendar;
  vaccines: VaccineIndex;
}

/** The national calendar with the given regional additions files applied in order. */
export function loadVaccinationCalendar(options: { dir?: string; additions?: readonly string[] } = {}): LoadedVaccinationCalendar {
  const dir = options.dir ?? defaultVaccinationResourcesDir();
  const vaccines = new VaccineIndex(readJson(join(dir, 'vaccines.json'), VaccineCatalogue));
  let calendar = readJson(join(dir, NATIONAL_CALENDAR_FILE), VaccinationCalendar);
  const problems = calendarProblems(calendar, vaccines.antigenIds);
  if (problems.length > 0) throw new Error(`${NATIONAL_CALENDAR_FILE}: ${problems.join('; ')}`);
  for (const file of options.additions ?? []) {
    const additions = readJson(file, CalendarAdditions);
    calendar = applyCalendarAdditions(calendar, additions);
    const p = calendarProblems(calendar, vaccines.antigenIds);
    if (p.length > 0) throw new Error(`${file}: ${p.join('; ')}`);
  }
  return { calendar, vaccines };
}

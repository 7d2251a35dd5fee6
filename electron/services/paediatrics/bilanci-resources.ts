/**
 * Loads the schedule of bilanci di salute: the default in resources/bilanci-salute/ (Marche,
 * ASL 3; NOTICE.md there) or a region's own file in the same format, checked before use.
 */
import { resolve } from 'node:path';
import { BilanciSchedule } from '../../../shared/analytics/bilanci-salute/index.ts';
import { resourcePath } from '../files/resources-dir.ts';
import { readCheckedJson } from './read-json.ts';

export function defaultBilanciScheduleFile(): string {
  const env = process.env.CARTELLA_BILANCI_SCHEDULE;
  if (env) return resolve(env);
  return resourcePath('bilanci-salute', 'marche-asl3.json');
}

export function loadBilanciSchedule(file = defaultBilanciScheduleFile()): BilanciSchedule {
  return readCheckedJson(file, BilanciSchedule);
}

/**
 * Loads the WHO LMS tables from resources/growth/ (NOTICE.md there) once per process and hands
 * them, parsed, to shared/analytics/growth. CARTELLA_GROWTH_RESOURCES overrides the folder (as
 * CARTELLA_CDA_RESOURCES does for the validator's resources).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseGrowthTables, type GrowthTables } from '../../../shared/analytics/growth/index.ts';
import { resourcePath } from '../files/resources-dir.ts';

export function defaultGrowthResourcesDir(): string {
  const env = process.env.CARTELLA_GROWTH_RESOURCES;
  if (env) return resolve(env);
  return resourcePath('growth');
}

const cache = new Map<string, GrowthTables>();

export function loadGrowthTables(dir = defaultGrowthResourcesDir()): GrowthTables {
  let tables = cache.get(dir);
  if (!tables) {
    tables = parseGrowthTables((file) => readFileSync(join(dir, file), 'utf8'));
    cache.set(dir, tables);
  }
  return tables;
}

/**
 * Display names of the FSE antigen list (target diseases, OID 2.16.840.1.113883.2.9.6.1.56.4,
 * resources/cda/terminology), read once: a vaccination entry carries them by code and name.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultCdaResourcesDir } from '../validation/resources.ts';

export const TARGET_DISEASE_OID = '2.16.840.1.113883.2.9.6.1.56.4';

let cache: Map<string, string> | undefined;

export function targetDiseaseNames(file = join(defaultCdaResourcesDir(), 'terminology', `${TARGET_DISEASE_OID}.csv`)): ReadonlyMap<string, string> {
  if (cache) return cache;
  const out = new Map<string, string>();
  if (existsSync(file)) {
    const [header, ...lines] = readFileSync(file, 'utf8').split(/\r?\n/);
    const cols = (header ?? '').split(',');
    const [iCode, iDesc] = [cols.indexOf('code'), cols.indexOf('description')];
    for (const line of lines) {
      // The table's descriptions have no commas; a quoted empty version is the first field.
      const f = line.split(',');
      const code = (f[iCode] ?? '').trim();
      if (/^\d{2}$/.test(code)) out.set(code, (f[iDesc] ?? '').replace(/^"|"$/g, '').trim() || code);
    }
  }
  return (cache = out);
}

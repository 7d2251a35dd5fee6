/**
 * The AIFA catalogue's package description of each AIC (resources/terms/aic-equivalenti.csv,
 * column `groupDisplay`: "RAMIPRIL 2,5MG 28 UNITA' USO ORALE"), the pack size and strength that
 * adherence derives durations from (shared/analytics/adherence/record). Read once, on first use;
 * without the file every AIC is unknown (durations then come from the dispensation's own text).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitLine } from '../../../shared/documents/csv/table.ts';
import type { PackDescriptionOf } from '../../../shared/analytics/adherence/record/record-fills.ts';
import { defaultCdaResourcesDir } from '../validation/resources.ts';

let table: Map<string, string> | undefined;

export function aicPackDescriptions(file = join(defaultCdaResourcesDir(), '..', 'terms', 'aic-equivalenti.csv')): PackDescriptionOf {
  if (!table) {
    table = new Map();
    if (existsSync(file)) {
      const lines = readFileSync(file, 'utf8').split(/\r?\n/);
      const header = splitLine(lines[0] ?? '', ',');
      const iCode = header.indexOf('code');
      const iPack = header.indexOf('groupDisplay');
      for (const line of lines.slice(1)) {
        if (!line) continue;
        const f = splitLine(line, ',');
        if (f[iCode] && f[iPack]) table.set(f[iCode]!, f[iPack]!);
      }
    }
  }
  const t = table;
  return (aic) => t.get(aic);
}

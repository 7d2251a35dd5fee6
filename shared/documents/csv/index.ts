/**
 * A received CSV: a dispensation list, a device export of a built-in shape, or one the doctor's
 * saved mapping reads. Anything else is refused with the columns found (CSV_COLUMNS), so the
 * doctor can map them once.
 */
import type { ReceivedContent } from '../../import/content.ts';
import { refuse } from '../../import/refusal.ts';
import type { AtcLookup } from '../cda/erf/index.ts';
import { type DeviceCsvOptions, readDeviceCsv } from './device.ts';
import { isDispensationHeader, readDispensationCsv } from './dispensations.ts';
import { PRESETS } from './presets.ts';
import { readCsv } from './table.ts';

export interface CsvOptions extends DeviceCsvOptions {
  atcOf?: AtcLookup | undefined;
}

export function parseReceivedCsv(text: string, title: string, options: CsvOptions = {}): ReceivedContent {
  const known = (cells: string[]) => cells.length >= 2 && (isDispensationHeader(cells) || PRESETS.some((p) => p.mappingFor(cells)));
  const table = readCsv(text, known) ?? readCsv(text, (cells) => cells.length >= 2);
  if (!table || table.header.length < 2) throw refuse('CSV_COLUMNS');
  if (isDispensationHeader(table.header)) return readDispensationCsv(table, title, options);
  return readDeviceCsv(table, title, options);
}

/**
 * A home-device CSV to points of the record's series (source `device`): the built-in shape its
 * header matches (LibreView, OMRON connect), else the doctor's saved mapping, with the date
 * format and time zone explicit (the caller's, else the shape's default, shown in the preview).
 * Unknown columns or an unreadable date refuse the whole file: nothing half-imported.
 */
import type { Observation } from '../../domain/record/observation.ts';
import { type ReceivedContent, emptyContent } from '../../import/content.ts';
import { refuse } from '../../import/refusal.ts';
import { compileDateFormat, csvInstant } from './dates.ts';
import type { DeviceCsvMapping } from './mapping.ts';
import { PRESETS } from './presets.ts';
import { type CsvTable, columnIndex } from './table.ts';

export interface DeviceCsvOptions {
  /** The doctor's saved mappings for generic exports (the first whose columns are all there reads it). */
  mappings?: DeviceCsvMapping[] | undefined;
  /** Overrides of the shape's date format and time zone (the preview's choice). */
  dateFormat?: string | undefined;
  timeZone?: string | undefined;
}

export function printedDecimal(s: string): number | undefined {
  const t = s.trim().replace(/\s/g, '');
  if (!/^[+-]?\d+([.,]\d+)?$/.test(t)) return undefined;
  return Number(t.replace(',', '.'));
}

/** The mapping that reads this header: a built-in shape, or the saved one when its columns are all there. */
export function mappingFor(table: CsvTable, saved: DeviceCsvMapping[]): { shape: 'libreview' | 'omron' | 'mapping'; mapping: DeviceCsvMapping & { recordType?: { column: string; keep: string[] } } } | undefined {
  for (const p of PRESETS) {
    const m = p.mappingFor(table.header);
    if (m) return { shape: p.id, mapping: m };
  }
  for (const m of saved) {
    const cols = [m.dateColumn, ...(m.timeColumn ? [m.timeColumn] : []), ...m.measures.map((x) => x.column)];
    if (cols.every((c) => columnIndex(table.header, c) >= 0)) return { shape: 'mapping', mapping: m };
  }
  return undefined;
}

export function readDeviceCsv(table: CsvTable, title: string, options: DeviceCsvOptions): ReceivedContent {
  const found = mappingFor(table, options.mappings ?? []);
  if (!found) throw refuse('CSV_COLUMNS', table.header.join(', '), table.header);
  const mapping = { ...found.mapping, ...(options.dateFormat ? { dateFormat: options.dateFormat } : {}), ...(options.timeZone ? { timeZone: options.timeZone } : {}) };
  const format = compileDateFormat(mapping.dateFormat);
  const iDate = columnIndex(table.header, mapping.dateColumn);
  const iTime = mapping.timeColumn ? columnIndex(table.header, mapping.timeColumn) : -1;
  const iType = found.mapping.recordType ? columnIndex(table.header, found.mapping.recordType.column) : -1;
  const measures = mapping.measures.map((m) => ({ ...m, index: columnIndex(table.header, m.column) }));
  const observations: Observation[] = [];
  let n = 0;
  for (const { line, cells } of table.rows) {
    if (iType >= 0 && !found.mapping.recordType!.keep.includes(cells[iType] ?? '')) continue;
    const values = measures.map((m) => ({ m, raw: cells[m.index] ?? '' })).filter((v) => v.raw !== '');
    if (values.length === 0) continue;
    const effective = csvInstant(format, cells[iDate] ?? '', iTime >= 0 ? cells[iTime] : undefined, mapping.timeZone);
    if (!effective) throw refuse('CSV_VALUES', `riga ${line}: «${[cells[iDate], iTime >= 0 ? cells[iTime] : ''].filter(Boolean).join(' ')}» non è una data nel formato ${mapping.dateFormat}`);
    const bp = values.some((v) => v.m.code === '8480-6') && values.some((v) => v.m.code === '8462-4');
    const panelId = bp ? `g${line}` : undefined;
    for (const { m, raw } of values) {
      const value = printedDecimal(raw);
      if (value === undefined) throw refuse('CSV_VALUES', `riga ${line}: «${raw}» non è un numero (${m.column})`);
      observations.push({
        id: `o${++n}`,
        source: 'device',
        code: m.code,
        display: m.display,
        effective,
        value: { type: 'quantity', value, unit: m.unit },
        status: 'final',
        ...(panelId && (m.code === '8480-6' || m.code === '8462-4') ? { panelId } : {}),
        device: mapping.name,
      });
    }
  }
  const dates = observations.map((o) => o.effective).sort();
  const content = emptyContent({ kind: 'DEVICE', title: title.slice(0, 300), ...(dates.length ? { documentDate: dates[dates.length - 1]! } : {}) });
  content.observations = observations;
  content.text = `${observations.length} misurazioni (${mapping.name})${dates.length ? ` dal ${dates[0]!.slice(0, 10)} al ${dates[dates.length - 1]!.slice(0, 10)}` : ''}`;
  content.csv = { shape: found.shape, header: table.header, dateFormat: mapping.dateFormat, timeZone: mapping.timeZone, name: mapping.name };
  if (observations.length === 0) content.warnings.push('Il file non contiene misurazioni con un valore.');
  return content;
}

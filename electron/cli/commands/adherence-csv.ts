/**
 * CSV in and out for `cartella adherence`: the tables AdhereR's examples use (med.events,
 * durcomp.*), read by column name, and results written so that a checker reading them with R
 * or Python gets the same numbers: full double precision (the shortest text that reads back
 * as the same double), NA for missing, dates as yyyy-mm-dd.
 */
import { formatIsoDay, type Day } from '../../../shared/analytics/adherence/days.ts';

export interface CsvTable {
  header: string[];
  rows: string[][];
  /** Which cells were quoted: a quoted "NA" is text, an unquoted NA is missing (as read.csv). */
  quoted: boolean[][];
}

export function parseCsv(text: string): CsvTable {
  const records: { cells: string[]; quoted: boolean[] }[] = [];
  let cells: string[] = [];
  let quoted: boolean[] = [];
  let cell = '';
  let wasQuoted = false;
  let inQuotes = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endCell = () => {
    cells.push(cell);
    quoted.push(wasQuoted);
    cell = '';
    wasQuoted = false;
  };
  const endRecord = () => {
    endCell();
    if (!(cells.length === 1 && cells[0] === '' && !quoted[0])) records.push({ cells, quoted });
    cells = [];
    quoted = [];
  };
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else inQuotes = false;
      } else cell += c;
    } else if (c === '"') {
      inQuotes = true;
      wasQuoted = true;
    } else if (c === ',') endCell();
    else if (c === '\n') endRecord();
    else if (c !== '\r') cell += c;
  }
  if (inQuotes) throw new Error('CSV: a quoted field is not closed');
  if (cell !== '' || cells.length > 0) endRecord();
  const [head, ...body] = records;
  if (!head) throw new Error('CSV: the file is empty');
  body.forEach((r, n) => {
    if (r.cells.length !== head.cells.length) throw new Error(`CSV: row ${n + 2} has ${r.cells.length} fields, the header ${head.cells.length}`);
  });
  return { header: head.cells.map((h) => h.trim()), rows: body.map((r) => r.cells), quoted: body.map((r) => r.quoted) };
}

/** Column accessor that names the file and row in its errors. */
export function columns(table: CsvTable, file: string) {
  const index = (name: string): number => {
    const i = table.header.indexOf(name);
    if (i < 0) throw new Error(`${file}: column ${name} is missing (found ${table.header.join(', ')})`);
    return i;
  };
  const has = (name: string) => table.header.includes(name);
  const isNa = (row: number, col: number) => !table.quoted[row]![col] && (table.rows[row]![col]!.trim() === 'NA' || table.rows[row]![col]!.trim() === '');
  const text = (row: number, name: string): string => table.rows[row]![index(name)]!;
  const number = (row: number, name: string): number | null => {
    const col = index(name);
    if (isNa(row, col)) return null;
    const raw = table.rows[row]![col]!.trim();
    const v = Number(raw);
    if (raw === '' || !Number.isFinite(v)) throw new Error(`${file}: row ${row + 2}, ${name}: '${raw}' is not a number`);
    return v;
  };
  const required = (row: number, name: string): number => {
    const v = number(row, name);
    if (v === null) throw new Error(`${file}: row ${row + 2}, ${name}: a value is required`);
    return v;
  };
  return { has, text, number, required, count: table.rows.length };
}

/** Patient IDs as R reads them: numbers when every ID is an integer, text otherwise. */
export function patientIds(raw: readonly string[]): (string | number)[] {
  const allIntegers = raw.every((r) => /^\s*-?\d+\s*$/.test(r));
  return raw.map((r) => (allIntegers ? Number(r) : r));
}

export function formatNumber(v: number | null): string {
  if (v === null || Number.isNaN(v)) return 'NA';
  if (v === Infinity) return 'Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

export function formatDay(v: Day | null): string {
  return v === null || !Number.isFinite(v) ? 'NA' : formatIsoDay(v);
}

export function csvField(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\n`;
}

/**
 * CSV as exported by home devices and pharmacy systems: delimiter found from the header
 * (comma, semicolon or tab; Italian exports use ';'), RFC 4180 quoting, a BOM tolerated, and
 * metadata rows above the header (LibreView prints one) skipped by looking for the header.
 */
export interface CsvTable {
  delimiter: string;
  /** 1-based line of the header in the file. */
  headerLine: number;
  header: string[];
  /** Data rows with their 1-based line numbers. */
  rows: Array<{ line: number; cells: string[] }>;
}

export function splitLine(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (c === '"') quoted = false; else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) { out.push(cur.trim()); cur = ''; } else cur += c;
  }
  out.push(cur.trim());
  return out;
}

function detectDelimiter(lines: string[]): string {
  const score = (d: string) => lines.slice(0, 5).reduce((n, l) => n + (splitLine(l, d).length - 1), 0);
  return [';', ',', '\t'].sort((a, b) => score(b) - score(a))[0]!;
}

/**
 * Reads the table whose header satisfies `isHeader` (the first row that does, within the first
 * 10 lines); by default the first non-empty line.
 */
export function readCsv(text: string, isHeader: (cells: string[]) => boolean = () => true): CsvTable | undefined {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const nonEmpty = lines.map((l, i) => ({ l, i })).filter((x) => x.l.trim() !== '');
  if (nonEmpty.length === 0) return undefined;
  const delimiter = detectDelimiter(nonEmpty.map((x) => x.l));
  const head = nonEmpty.slice(0, 10).find((x) => isHeader(splitLine(x.l, delimiter)));
  if (!head) return undefined;
  const header = splitLine(head.l, delimiter);
  const rows = nonEmpty.filter((x) => x.i > head.i).map((x) => ({ line: x.i + 1, cells: splitLine(x.l, delimiter) }));
  return { delimiter, headerLine: head.i + 1, header, rows };
}

/** Header cells compared without case, accents, spaces and punctuation. */
export function normHeader(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '');
}

export function columnIndex(header: string[], name: string): number {
  const n = normHeader(name);
  return header.findIndex((h) => normHeader(h) === n);
}

import { saveBlob } from '../signing/files.ts';

/**
 * CSV for a spreadsheet as Italian offices open it: ';' between fields (the comma is the
 * decimal separator), RFC 4180 quoting, a UTF-8 BOM so accents survive, CRLF line ends.
 */
export function csvText(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  const cell = (v: string) => (/[";\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `\uFEFF${rows.map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
}

/** Offers `text` as a file download named `name`. */
export function saveText(name: string, text: string, type = 'text/csv;charset=utf-8'): void {
  saveBlob(name, new Blob([text], { type }));
}

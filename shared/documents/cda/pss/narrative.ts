/**
 * Narrative blocks (CDA NarrativeBlock.xsd) generated from the same data as the entries:
 * a table per section, one row per entry with an ID the entry references, and `content`
 * elements with IDs for the coded values' originalText.
 */
import { el, type XmlChild, type XmlElement } from '../../xml/writer.ts';

/** A cell: plain text, or text wrapped in `<content ID>` so an entry can point at it. */
export type Cell = string | { id: string; text: string };

export function cell(c: Cell): XmlElement {
  if (typeof c === 'string') return el('td', null, c === '' ? '-' : c);
  return el('td', null, el('content', { ID: c.id }, c.text === '' ? '-' : c.text));
}

export function table(headers: readonly string[], rows: ReadonlyArray<{ id: string; cells: readonly Cell[] }>): XmlElement {
  return el(
    'table',
    { border: '1', width: '100%' },
    el('thead', null, el('tr', null, headers.map((h) => el('th', null, h)))),
    el('tbody', null, rows.map((r) => el('tr', { ID: r.id }, r.cells.map(cell)))),
  );
}

export function paragraph(id: string | undefined, ...children: XmlChild[]): XmlElement {
  return el('paragraph', id ? { ID: id } : null, ...children);
}

/** Italian date for the narrative: dd/mm/yyyy, mm/yyyy or yyyy, as precise as the data. */
export function itDate(d: string | undefined): string {
  if (!d) return '';
  const [y, m, day] = d.split('-');
  if (day) return `${day}/${m}/${y}`;
  if (m) return `${m}/${y}`;
  return y ?? '';
}

export function itPeriod(start: string | undefined, end: string | undefined): string {
  if (start && end) return `${itDate(start)} – ${itDate(end)}`;
  if (start) return `dal ${itDate(start)}`;
  if (end) return `fino al ${itDate(end)}`;
  return '';
}

export function codeLabel(display: string, code: string): string {
  return `${display} (${code})`;
}

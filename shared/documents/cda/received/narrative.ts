/**
 * The human-readable part of a received CDA (section/text, CDA R2 narrative block): plain text
 * for the timeline, and its tables read as rows, to compare with the coded entries.
 */
import { type El, all, attr, kid, kids } from '../pss/parse/dom.ts';

export function cellText(e: El | undefined): string {
  return (e?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export interface NarrativeTable {
  /** The header cells of the header row with the most cells (several thead rows are common). */
  header: string[];
  rows: string[][];
}

export function tablesOf(text: El | undefined): NarrativeTable[] {
  if (!text) return [];
  return all(text, 'table').map((t) => {
    const headRows = [...kids(kid(t, 'thead'), 'tr'), ...kids(t, 'tr').filter((r) => kids(r, 'th').length > 0)];
    const header = headRows.map((r) => kids(r, 'th').map(cellText)).sort((a, b) => b.length - a.length)[0] ?? [];
    const bodyRows = [...kids(t, 'tbody').flatMap((b) => kids(b, 'tr')), ...kids(t, 'tr').filter((r) => kids(r, 'td').length > 0)];
    return { header, rows: bodyRows.map((r) => kids(r, 'td').map(cellText)) };
  });
}

/** Elements carrying an ID attribute (narrative targets of `reference/@value`), by ID. */
export function narrativeTargets(root: El): Map<string, El> {
  const out = new Map<string, El>();
  for (const e of all(root, '*')) {
    const id = attr(e, 'ID');
    if (id) out.set(id, e);
  }
  return out;
}

/** Every section of the structured body, depth first. */
export function sectionsOf(root: El): El[] {
  const out: El[] = [];
  const walk = (parent: El | undefined) => {
    for (const c of kids(parent, 'component')) {
      const s = kid(c, 'section');
      if (!s) continue;
      out.push(s);
      walk(s);
    }
  };
  walk(kid(root, 'component', 'structuredBody'));
  return out;
}

export function sectionCode(s: El | undefined): string | undefined {
  return attr(kid(s, 'code'), 'code');
}

const BLOCK = new Set(['paragraph', 'tr', 'item', 'caption', 'thead', 'tbody', 'list', 'table']);

/** Narrative block text with its structure kept: one line per paragraph, row or list item, cells apart. */
export function blockText(e: El | undefined): string {
  if (!e) return '';
  let out = '';
  const walk = (n: El) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3 || c.nodeType === 4) out += (c.nodeValue ?? '').replace(/\s+/g, ' ');
      else if (c.nodeType === 1) {
        const name = (c as El).localName ?? '';
        if (name === 'br') { out += '\n'; continue; }
        if (BLOCK.has(name)) out += '\n';
        walk(c as El);
        if (name === 'td' || name === 'th') out += ' | ';
        if (BLOCK.has(name)) out += '\n';
      }
    }
  };
  walk(e);
  return out.split('\n').map((l) => l.replace(/\s*\|\s*/g, ' | ').replace(/(\s*\|\s*)+$/, '').trim()).filter(Boolean).join('\n');
}

/** Titles and narrative of every section, "Title\ntext", capped for the timeline. */
export function documentText(root: El, max = 20_000): string {
  const parts: string[] = [];
  for (const s of sectionsOf(root)) {
    const title = cellText(kid(s, 'title'));
    const body = blockText(kid(s, 'text'));
    if (title || body) parts.push([title, body].filter(Boolean).join('\n'));
  }
  const text = parts.join('\n\n');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The coded value against the document's own narrative table (the lab prints a table per leaf
 * section; its "Risultato" column is what the doctor reads on paper). The official LAB example
 * prints 20 mg/L where the coded entry says 16.00 (DASHBOARD.md §4): the coded value is
 * imported and the disagreement flagged on the point, so the doctor sees both.
 *
 * The row of an observation: the one its text/reference points at; else the row whose test
 * name matches the observation's names (LOINC display, local display, original text); else, in
 * a section of a single test, its single row.
 */
import type { Observation } from '../../../domain/record/observation.ts';
import { type El, attr, kid, kids } from '../pss/parse/dom.ts';
import { type NarrativeTable, cellText, tablesOf } from '../received/narrative.ts';

interface Row {
  cells: string[];
  name: string;
  result: string | undefined;
  unit: string | undefined;
}

const words = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

/** Most words of the shorter name start a word of the other ("Microalbumin" ~ "Microalbumina"). */
export function sameTestName(a: string, b: string): boolean {
  const [x, y] = [words(a), words(b)].sort((p, q) => p.length - q.length) as [string[], string[]];
  if (x.length === 0) return false;
  const hits = x.filter((w) => y.some((v) => v.startsWith(w) || w.startsWith(v))).length;
  return hits / x.length >= 0.8;
}

function column(header: string[], re: RegExp): number {
  return header.findIndex((h) => re.test(h));
}

function rowsOf(t: NarrativeTable): Row[] {
  const iRes = column(t.header, /risultat|esito|valore|result/i);
  const iUnit = column(t.header, /unit/i);
  const iName = Math.max(0, column(t.header, /esame|analisi|test|prestazione|parametro/i));
  return t.rows.map((cells) => ({
    cells,
    name: cells[iName] ?? '',
    result: iRes >= 0 ? cells[iRes] : undefined,
    unit: iUnit >= 0 ? cells[iUnit] : undefined,
  }));
}

/** A number as printed in Italian or English ("16,00", "1.234,5", "< 5" → 5). */
export function printedNumber(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const t = s.replace(/^[<>≤≥=]+\s*/, '').replace(/\s/g, '');
  if (!/^[+-]?\d[\d.,]*$/.test(t)) return undefined;
  const normal = t.includes(',') ? t.replace(/\.(?=\d{3}(\D|$))/g, '').replace(',', '.') : t;
  const n = Number(normal);
  return Number.isFinite(n) ? n : undefined;
}

function namesOf(o: El): string[] {
  const code = kid(o, 'code');
  return [attr(code, 'displayName'), ...kids(code, 'translation').map((t) => attr(t, 'displayName')), cellText(kid(code, 'originalText'))].filter(
    (n): n is string => !!n && !/^x+$/i.test(n),
  );
}

/**
 * Flags each quantity observation of one section whose narrative row prints another number.
 * `elements[i]` is the CDA observation `observations[i]` was read from.
 */
export function checkNarrative(section: El, pairs: Array<{ element: El; observation: Observation }>, targets: Map<string, El>): Array<{ observationId: string; message: string }> {
  const rows = tablesOf(kid(section, 'text')).flatMap(rowsOf);
  if (rows.length === 0) return [];
  const quantities = pairs.filter((p) => p.observation.value.type === 'quantity');
  const singleTest = rows.length === 1 && new Set(quantities.map((p) => p.observation.code)).size === 1;
  const flags: Array<{ observationId: string; message: string }> = [];
  for (const { element, observation } of quantities) {
    const value = observation.value;
    if (value.type !== 'quantity') continue;
    const ref = attr(kid(element, 'text', 'reference'), 'value')?.replace(/^#/, '');
    const target = ref ? targets.get(ref) : undefined;
    let row: Row | undefined;
    if (target && (target.localName === 'tr' || target.localName === 'td')) {
      const tr = target.localName === 'tr' ? target : (target.parentNode as El);
      const cells = kids(tr, 'td').map(cellText);
      row = rows.find((r) => r.cells.join('\u0000') === cells.join('\u0000'));
    }
    row ??= rows.find((r) => namesOf(element).some((n) => sameTestName(n, r.name)));
    if (!row && singleTest) row = rows[0];
    const printed = printedNumber(row?.result);
    if (row?.result === undefined || printed === undefined) continue;
    if (Math.abs(printed - value.value) <= 1e-9 * Math.max(1, Math.abs(value.value))) continue;
    const coded = `${attr(kid(element, 'value'), 'value') ?? value.value} ${value.unit}`;
    const narrative = `${row.result}${row.unit ? ` ${row.unit}` : ''}`;
    flags.push({
      observationId: observation.id,
      message: `Il testo del referto riporta ${narrative}, il dato codificato ${coded}: importato il valore codificato.`.slice(0, 300),
    });
  }
  return flags;
}

/**
 * A dispensation list as CSV (farmaci erogati, e.g. exported from the pharmacy or the regional
 * portal): one row per dispensed package group with date, AIC (ATC optional: the AIFA list
 * supplies it), number of packs and, optionally, the medicine's name. Header names are
 * matched in Italian or English; the date format is explicit (default DD/MM/YYYY).
 */
import type { Dispensation } from '../../domain/record/dispensation.ts';
import type { AtcLookup } from '../cda/erf/index.ts';
import { type ReceivedContent, emptyContent } from '../../import/content.ts';
import { refuse } from '../../import/refusal.ts';
import { compileDateFormat, csvInstant } from './dates.ts';
import { printedDecimal } from './device.ts';
import { type CsvTable, normHeader } from './table.ts';

const COLUMNS = {
  date: [/^data(erogazione|dispensazione)?$/, /^(dispense)?date$/],
  aic: [/^(codice)?aic$/, /^minsan$/],
  atc: [/^(codice)?atc$/],
  packs: [/^(n(umero)?)?confezioni$/, /^quantita$/, /^packs$/, /^quantity$/],
  name: [/^(farmaco|descrizione|prodotto|denominazione)$/, /^(medicine|product|description)$/],
};

function index(header: string[], patterns: RegExp[]): number {
  return header.findIndex((h) => patterns.some((p) => p.test(normHeader(h))));
}

export function isDispensationHeader(header: string[]): boolean {
  return index(header, COLUMNS.date) >= 0 && index(header, COLUMNS.aic) >= 0 && index(header, COLUMNS.packs) >= 0;
}

export function readDispensationCsv(table: CsvTable, title: string, o: { dateFormat?: string | undefined; atcOf?: AtcLookup | undefined }): ReceivedContent {
  const i = Object.fromEntries(Object.entries(COLUMNS).map(([k, p]) => [k, index(table.header, p)])) as Record<keyof typeof COLUMNS, number>;
  const dateFormat = o.dateFormat ?? 'DD/MM/YYYY';
  const format = compileDateFormat(dateFormat);
  const content = emptyContent({ kind: 'DISP', title: title.slice(0, 300) });
  for (const { line, cells } of table.rows) {
    const aic = (cells[i.aic] ?? '').replace(/^A/i, '').padStart(9, '0');
    const date = csvInstant(format, cells[i.date] ?? '', undefined);
    const packs = printedDecimal(cells[i.packs] ?? '');
    if (!date || date.length !== 10) throw refuse('CSV_VALUES', `riga ${line}: «${cells[i.date] ?? ''}» non è una data nel formato ${dateFormat}`);
    if (!/^\d{9}$/.test(aic)) throw refuse('CSV_VALUES', `riga ${line}: «${cells[i.aic] ?? ''}» non è un codice AIC`);
    if (packs === undefined || packs <= 0) throw refuse('CSV_VALUES', `riga ${line}: «${cells[i.packs] ?? ''}» non è un numero di confezioni`);
    const name = i.name >= 0 ? cells[i.name] : undefined;
    const atcCode = i.atc >= 0 ? cells[i.atc] : undefined;
    const atc = atcCode ? { code: atcCode, display: o.atcOf?.(aic)?.code === atcCode ? o.atcOf(aic)!.display : atcCode } : o.atcOf?.(aic);
    if (!atc) {
      content.warnings.push(`Riga ${line}: ATC non noto per l'AIC ${aic}, erogazione non importata.`);
      continue;
    }
    const d: Dispensation = {
      id: `d${content.dispensations.length + 1}`,
      date,
      atc: { code: atc.code.slice(0, 40), display: atc.display.slice(0, 300) },
      aic: { code: aic, display: (name || aic).slice(0, 300) },
      packs,
      source: 'csv',
    };
    content.dispensations.push(d);
  }
  const dates = content.dispensations.map((d) => d.date).sort();
  if (dates.length) content.header.documentDate = dates[dates.length - 1]!;
  content.text = `${content.dispensations.length} erogazioni${dates.length ? ` dal ${dates[0]} al ${dates[dates.length - 1]}` : ''}`;
  content.csv = { shape: 'dispensations', header: table.header, dateFormat, timeZone: 'Europe/Rome', name: 'Erogazioni' };
  return content;
}

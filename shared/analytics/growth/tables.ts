/**
 * The WHO LMS tables as parsed data. Shared code never reads files: the loader in
 * electron/services/growth/ reads resources/growth/ (see its NOTICE.md) and hands the text to
 * parseLmsTable; anything else (tests, a future renderer cache) can do the same.
 */
import type { Lms } from './lms.ts';

/**
 * What a table's first numeric column counts: whole days of age (WHO 2006), whole months
 * (WHO 2007) or length/height in tenths of a centimetre (weight-for-length/height, 0.1 cm steps).
 */
export type LmsKey = 'age-days' | 'age-months' | 'tenths-cm';

/** One sex's rows, at consecutive integer keys from `first`. */
export interface LmsSeries {
  first: number;
  l: Float64Array;
  m: Float64Array;
  s: Float64Array;
}

export interface LmsTable {
  key: LmsKey;
  boys: LmsSeries;
  girls: LmsSeries;
}

export interface GrowthTables {
  /** WHO Child Growth Standards 2006, 0-5 years. */
  who2006: { wfa: LmsTable; lhfa: LmsTable; wfl: LmsTable; wfh: LmsTable; bfa: LmsTable; hcfa: LmsTable };
  /** WHO Growth Reference 2007, 5-19 years. */
  who2007: { wfa: LmsTable; hfa: LmsTable; bfa: LmsTable };
}

type TableSlot = { [R in keyof GrowthTables]: { reference: R; name: keyof GrowthTables[R] } }[keyof GrowthTables];

/** The files of resources/growth/ and where each goes. */
export const GROWTH_TABLE_FILES: readonly (TableSlot & { file: string; key: LmsKey })[] = [
  { file: 'who2006/weianthro.txt', reference: 'who2006', name: 'wfa', key: 'age-days' },
  { file: 'who2006/lenanthro.txt', reference: 'who2006', name: 'lhfa', key: 'age-days' },
  { file: 'who2006/wflanthro.txt', reference: 'who2006', name: 'wfl', key: 'tenths-cm' },
  { file: 'who2006/wfhanthro.txt', reference: 'who2006', name: 'wfh', key: 'tenths-cm' },
  { file: 'who2006/bmianthro.txt', reference: 'who2006', name: 'bfa', key: 'age-days' },
  { file: 'who2006/hcanthro.txt', reference: 'who2006', name: 'hcfa', key: 'age-days' },
  { file: 'who2007/wfawho2007.txt', reference: 'who2007', name: 'wfa', key: 'age-months' },
  { file: 'who2007/hfawho2007.txt', reference: 'who2007', name: 'hfa', key: 'age-months' },
  { file: 'who2007/bfawho2007.txt', reference: 'who2007', name: 'bfa', key: 'age-months' },
];

/** Assemble GrowthTables from the text of each file in GROWTH_TABLE_FILES. */
export function parseGrowthTables(read: (file: string) => string): GrowthTables {
  const out: Record<string, Record<string, LmsTable>> = { who2006: {}, who2007: {} };
  for (const f of GROWTH_TABLE_FILES) out[f.reference]![f.name] = parseLmsTable(read(f.file), f.key, f.file);
  return out as unknown as GrowthTables;
}

/**
 * Parse one WHO table: tab-separated, header `sex <age|length|height> l m s [loh|lorh]`, rows
 * sorted by sex then key, with no gap (checked: a gap would make a lookup silently wrong).
 */
export function parseLmsTable(text: string, key: LmsKey, name = 'table'): LmsTable {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').split('\t').map((h) => h.trim().toLowerCase());
  const col = (h: string) => header.indexOf(h);
  const iSex = col('sex');
  const iKey = [col('age'), col('length'), col('height')].find((i) => i >= 0) ?? -1;
  const [iL, iM, iS] = [col('l'), col('m'), col('s')];
  if ([iSex, iKey, iL, iM, iS].some((i) => i < 0)) throw new Error(`${name}: header must have sex, age|length|height, l, m, s`);
  const rows: Record<1 | 2, { k: number; l: number; m: number; s: number }[]> = { 1: [], 2: [] };
  for (let n = 1; n < lines.length; n++) {
    const f = (lines[n] as string).split('\t');
    const sex = Number(f[iSex]);
    const raw = Number(f[iKey]);
    const k = key === 'tenths-cm' ? Math.round(raw * 10) : raw;
    const l = Number(f[iL]);
    const m = Number(f[iM]);
    const s = Number(f[iS]);
    if ((sex !== 1 && sex !== 2) || !Number.isInteger(k) || ![l, m, s].every(Number.isFinite)) {
      throw new Error(`${name}: line ${n + 1} is not a table row`);
    }
    rows[sex].push({ k, l, m, s });
  }
  const series = (sex: 1 | 2): LmsSeries => {
    const r = rows[sex];
    if (r.length === 0) throw new Error(`${name}: no rows for sex ${sex}`);
    const first = r[0]!.k;
    r.forEach((row, i) => {
      if (row.k !== first + i) throw new Error(`${name}: sex ${sex}, key ${row.k} out of sequence (expected ${first + i})`);
    });
    return {
      first,
      l: Float64Array.from(r, (x) => x.l),
      m: Float64Array.from(r, (x) => x.m),
      s: Float64Array.from(r, (x) => x.s),
    };
  };
  return { key, boys: series(1), girls: series(2) };
}

/** The row at an integer key, or undefined outside the table. */
export function lmsAt(table: LmsTable, sex: 'M' | 'F', k: number): Lms | undefined {
  const t = sex === 'M' ? table.boys : table.girls;
  const i = k - t.first;
  if (!Number.isInteger(i) || i < 0 || i >= t.m.length) return undefined;
  return { l: t.l[i]!, m: t.m[i]!, s: t.s[i]! };
}

/** First and last key of a sex's rows. */
export function lmsRange(table: LmsTable, sex: 'M' | 'F'): [number, number] {
  const t = sex === 'M' ? table.boys : table.girls;
  return [t.first, t.first + t.m.length - 1];
}

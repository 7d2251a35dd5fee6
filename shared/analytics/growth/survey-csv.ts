/**
 * The survey CSV of `cartella growth` (one child measurement per line, WHO anthro style):
 *   in:  id,sex,age_days,age_months,weight_kg,length_cm,measure,oedema,head_cm
 *        sex 1 boy / 2 girl; one of age_days, age_months; measure l (recumbent) or h (standing);
 *        oedema y / n; any cell may be empty
 *   out: id,z_wfa,z_lhfa,z_wflh,z_bfa,z_hcfa,flag_wfa,flag_lhfa,flag_wflh,flag_bfa,flag_hcfa
 *        z rounded to 2 decimals and printed as R prints it (0.24, -3.29, 1.1); flag 1 or 0;
 *        both empty where the indicator does not apply.
 * Columns are found by name, in any order; WHO's alternative codes are accepted too (sex m/f,
 * oedema 1/2, upper case), and a decimal comma in a quoted cell.
 */
import { AppError } from '../../errors/index.ts';
import { splitCsvLine } from '../../validation/cda/select.ts';
import { GROWTH_INDICATORS } from './indicators.ts';
import type { GrowthMeasurement } from './measurement.ts';
import type { GrowthResult } from './zscores.ts';

export const SURVEY_INPUT_COLUMNS = ['id', 'sex', 'age_days', 'age_months', 'weight_kg', 'length_cm', 'measure', 'oedema', 'head_cm'] as const;
export const SURVEY_OUTPUT_COLUMNS = [
  'id',
  ...GROWTH_INDICATORS.map((i) => `z_${i}`),
  ...GROWTH_INDICATORS.map((i) => `flag_${i}`),
] as const;

export interface SurveyRow {
  /** 1-based line number in the file. */
  line: number;
  id: string;
  /** Undefined when sex is missing or not 1/2: nothing is computed for that child. */
  measurement: GrowthMeasurement | undefined;
}

export interface SurveyProblem {
  line: number;
  column: string;
  message: string;
}

function number(cell: string, line: number, column: string, problems: SurveyProblem[]): number | undefined {
  const v = cell.trim();
  if (v === '' || v === 'NA' || v === '.') return undefined;
  const n = Number(v.replace(',', '.'));
  if (!Number.isFinite(n)) {
    problems.push({ line, column, message: `not a number: ${JSON.stringify(v)}` });
    return undefined;
  }
  return n;
}

export function parseSurveyCsv(text: string): { rows: SurveyRow[]; problems: SurveyProblem[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.trim().toLowerCase());
  const missing = SURVEY_INPUT_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    const message = `missing column(s): ${missing.join(', ')} (expected ${SURVEY_INPUT_COLUMNS.join(',')})`;
    throw new AppError('INVALID_INPUT', message, { issues: missing.map((c) => ({ path: c, message: 'missing column' })) });
  }
  const at = Object.fromEntries(SURVEY_INPUT_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof SURVEY_INPUT_COLUMNS)[number], number>;
  const rows: SurveyRow[] = [];
  const problems: SurveyProblem[] = [];
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i] as string;
    if (raw.trim() === '') continue;
    const line = i + 1;
    const f = splitCsvLine(raw);
    const cell = (c: keyof typeof at) => (f[at[c]] ?? '').trim();
    const sexCode = cell('sex').toLowerCase();
    const sex = sexCode === '1' || sexCode === 'm' ? 'M' : sexCode === '2' || sexCode === 'f' ? 'F' : undefined;
    if (!sex) problems.push({ line, column: 'sex', message: sexCode === '' ? 'missing: no z-score' : `not 1 or 2: ${JSON.stringify(sexCode)}` });
    const measureCode = cell('measure').toLowerCase();
    if (measureCode !== '' && measureCode !== 'l' && measureCode !== 'h') problems.push({ line, column: 'measure', message: `not l or h: ${JSON.stringify(measureCode)}` });
    const oedemaCode = cell('oedema').toLowerCase();
    const num = (c: keyof typeof at) => number(cell(c), line, c, problems);
    const measurement: GrowthMeasurement | undefined = sex && {
      sex,
      ageDays: num('age_days'),
      ageMonths: num('age_months'),
      weightKg: num('weight_kg'),
      lengthCm: num('length_cm'),
      measure: measureCode === 'l' ? 'recumbent' : measureCode === 'h' ? 'standing' : undefined,
      oedema: oedemaCode === 'y' || oedemaCode === '1',
      headCm: num('head_cm'),
    };
    rows.push({ line, id: cell('id'), measurement });
  }
  return { rows, problems };
}

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** One output line (no newline) for a row and its result (undefined: nothing computed). */
export function formatSurveyResult(id: string, result: GrowthResult | undefined): string {
  const s = result?.scores ?? {};
  const z = GROWTH_INDICATORS.map((i) => (s[i] ? String(s[i].z) : ''));
  const flags = GROWTH_INDICATORS.map((i) => (s[i] ? (s[i].flagged ? '1' : '0') : ''));
  return [csvCell(id), ...z, ...flags].join(',');
}

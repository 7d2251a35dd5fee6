/**
 * The editable parts of an indicator definition (DOMAIN.md §3.4: windows, targets and code
 * lists differ by region and ASL) as a flat list of fields, each with its path in the
 * definition, so the editor is one list whatever the criterion's shape.
 */
import type { Criterion, IndicatorDef } from '../../../../shared/api/cruscotto-definitions.ts';

export type FieldKind = 'int' | 'decimal' | 'percent' | 'codes';
export type Path = ReadonlyArray<string | number>;

export interface DefinitionField {
  path: Path;
  /** i18n key under cruscotto.defs.field. */
  name: string;
  kind: FieldKind;
  unit?: string | undefined;
  /** The group it belongs to: the register, the target, or a part of it. */
  group: 'register' | 'where' | 'done';
  part?: number | undefined;
}

const NUMBERS: Record<string, FieldKind> = {
  months: 'int', monthsBefore: 'int', monthsAfter: 'int', atLeast: 'int', systolicMax: 'int', diastolicMax: 'int',
  max: 'decimal', above: 'decimal', below: 'decimal', minPdc: 'percent',
};
const CODES = ['loinc', 'orders', 'atc'] as const;
const UNITS: Record<string, string> = { months: 'mesi', monthsBefore: 'mesi', monthsAfter: 'mesi', systolicMax: 'mmHg', diastolicMax: 'mmHg', minPdc: '%' };

function criterionFields(c: Criterion, path: Path, group: DefinitionField['group'], part?: number): DefinitionField[] {
  if (c.kind === 'allOf') return c.of.flatMap((x, i) => criterionFields(x, [...path, 'of', i], group, i + 1));
  const out: DefinitionField[] = [];
  const o = c as unknown as Record<string, unknown>;
  for (const code of CODES) if (code in o) out.push({ path: [...path, code], name: code, kind: 'codes', group, part });
  // Code lists that may be added where the criterion reads observations or orders.
  if ((c.kind === 'recorded' || c.kind === 'aroundDiagnosis') && !('loinc' in o)) out.push({ path: [...path, 'loinc'], name: 'loinc', kind: 'codes', group, part });
  for (const [k, kind] of Object.entries(NUMBERS)) if (typeof o[k] === 'number') out.push({ path: [...path, k], name: k, kind, unit: UNITS[k], group, part });
  return out;
}

export function definitionFields(d: IndicatorDef): DefinitionField[] {
  const r = d.register;
  const reg: DefinitionField[] = [];
  if (r.problems) reg.push({ path: ['register', 'problems'], name: 'problems', kind: 'codes', group: 'register' });
  for (const k of ['minAge', 'maxAge', 'excludeDiagnosedWithinMonths'] as const) if (r[k] !== undefined) reg.push({ path: ['register', k], name: k, kind: 'int', group: 'register' });
  if (r.measuredFor) reg.push({ path: ['register', 'measuredFor', 'months'], name: 'months', kind: 'int', unit: 'mesi', group: 'register' });
  return [...reg, ...(r.where ? criterionFields(r.where, ['register', 'where'], 'where') : []), ...criterionFields(d.done, ['done'], 'done')];
}

export function getAt(obj: unknown, path: Path): unknown {
  return path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string | number, unknown>)[k] : undefined), obj);
}

/** A copy of `obj` with the value at `path` replaced. */
export function setAt<T>(obj: T, path: Path, value: unknown): T {
  const copy = structuredClone(obj);
  let o = copy as unknown as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  o[path.at(-1)!] = value;
  return copy;
}

/** "4548-4, 17856-6" as a list; empty items dropped. */
export function parseCodes(text: string): string[] {
  return text.split(/[,;\s]+/).map((x) => x.trim()).filter(Boolean);
}

/**
 * The indicator definitions in force: the defaults (resources/cruscotto/indicators.json, read by
 * electron/services/cruscotto/definitions-file.ts) with the doctor's overrides on top, because
 * windows, targets and code lists differ by region and ASL (DOMAIN.md §3.4). A bad file or a bad
 * override is refused whole, with a typed INVALID_INPUT that says where: nothing half-applied.
 */
import type { z } from 'zod';
import { IndicatorDef, IndicatorsFile, type Criterion, type DefinitionItem } from '../../api/cruscotto-definitions.ts';
import { AppError } from '../../errors/index.ts';

function refused(prefix: string, error: z.ZodError): AppError<'INVALID_INPUT'> {
  const issues = error.issues.map((i) => ({ path: [prefix, ...i.path].filter((x) => x !== '').join('.'), message: i.message }));
  return new AppError('INVALID_INPUT', 'Invalid cruscotto definitions', { issues });
}

/** The defaults file, checked: valid JSON, every definition valid, ids and numbers unique. */
export function parseIndicatorsFile(text: string): IndicatorDef[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new AppError('INVALID_INPUT', 'The cruscotto definitions are not JSON', { issues: [{ path: 'indicators.json', message: e instanceof Error ? e.message : String(e) }] });
  }
  const parsed = IndicatorsFile.safeParse(json);
  if (!parsed.success) throw refused('indicators.json', parsed.error);
  const defs = parsed.data.indicators;
  const issues: Array<{ path: string; message: string }> = [];
  defs.forEach((d, i) => {
    if (defs.findIndex((x) => x.id === d.id) !== i) issues.push({ path: `indicators.${i}.id`, message: `id ripetuto: ${d.id}` });
    if (defs.findIndex((x) => x.number === d.number) !== i) issues.push({ path: `indicators.${i}.number`, message: `numero ripetuto: ${d.number}` });
  });
  if (issues.length) throw new AppError('INVALID_INPUT', 'Invalid cruscotto definitions', { issues });
  return defs;
}

/** Canonical JSON (keys sorted), so an override equal to its default is recognised as none. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

export function sameDefinition(a: IndicatorDef, b: IndicatorDef): boolean {
  return canonical(a) === canonical(b);
}

/**
 * Overrides checked against the defaults: each a valid definition of a known indicator, with
 * its id, number and condition unchanged. Those equal to their default are dropped. Refused
 * whole (INVALID_INPUT, path `overrides.N...`) otherwise.
 */
export function checkOverrides(defaults: readonly IndicatorDef[], overrides: readonly unknown[]): IndicatorDef[] {
  const out: IndicatorDef[] = [];
  const issues: Array<{ path: string; message: string }> = [];
  const seen = new Set<string>();
  overrides.forEach((o, i) => {
    const parsed = IndicatorDef.safeParse(o);
    if (!parsed.success) {
      issues.push(...refused(`overrides.${i}`, parsed.error).data!.issues);
      return;
    }
    const d = parsed.data;
    const base = defaults.find((x) => x.id === d.id);
    if (!base) issues.push({ path: `overrides.${i}.id`, message: `indicatore sconosciuto: ${d.id}` });
    else if (base.number !== d.number || base.condition !== d.condition) issues.push({ path: `overrides.${i}.number`, message: 'numero e condizione non si cambiano' });
    else if (seen.has(d.id)) issues.push({ path: `overrides.${i}.id`, message: `indicatore ripetuto: ${d.id}` });
    else if (!sameDefinition(base, d)) out.push(d);
    seen.add(d.id);
  });
  if (issues.length) throw new AppError('INVALID_INPUT', 'Invalid cruscotto definitions', { issues });
  return out;
}

/** The definitions in force: each default, or its override. */
export function definitionsInForce(defaults: readonly IndicatorDef[], overrides: readonly IndicatorDef[]): DefinitionItem[] {
  return defaults.map((d) => {
    const o = overrides.find((x) => x.id === d.id);
    return { definition: o ?? d, defaults: d, overridden: !!o };
  });
}

function emptyCodeList(c: Criterion): boolean {
  switch (c.kind) {
    case 'recorded':
    case 'aroundDiagnosis':
      return !(c.loinc?.length || c.orders?.length);
    case 'lastValue':
      return !c.loinc.length;
    case 'dispensed':
    case 'adherence':
      return !c.atc.length;
    case 'allOf':
      return c.of.some(emptyCodeList);
    default:
      return false;
  }
}

/** The code lists still to set: the definition's own names, while one of its criteria has no code to count with. */
export function codesToConfigure(d: IndicatorDef): string[] {
  return emptyCodeList(d.done) ? [...(d.codesToConfigure ?? [])] : [];
}

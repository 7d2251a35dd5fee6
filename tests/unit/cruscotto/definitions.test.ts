/**
 * The indicator definitions as data (DOMAIN.md §3.2, §3.4): the defaults file is read and checked
 * at start; a file that is not JSON, or not valid, and an override that breaks the schema, names an
 * unknown indicator or renumbers one are refused with a typed INVALID_INPUT that says where.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOverrides, codesToConfigure, definitionsInForce, parseIndicatorsFile } from '../../../shared/analytics/cruscotto/definitions.ts';
import { defaultIndicatorsFile, loadIndicatorDefinitions } from '../../../electron/services/cruscotto/definitions-file.ts';
import { AppError } from '../../../shared/errors/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'cartella-defs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const defaults = loadIndicatorDefinitions();
const byId = (id: string) => defaults.find((d) => d.id === id)!;

function refusal(fn: () => unknown): AppError<'INVALID_INPUT'> {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('INVALID_INPUT');
    return e as AppError<'INVALID_INPUT'>;
  }
  throw new Error('not refused');
}

describe('the defaults file', () => {
  it('holds the fifteen indicators, numbered 1-15; the unconfirmed of DOMAIN.md §3.4 say so', () => {
    expect(defaults.map((d) => d.number)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(defaults.filter((d) => !d.confirmed).map((d) => d.number)).toEqual(expect.arrayContaining([1, 2, 10]));
    expect(byId('dm-hba1c-control').done).toMatchObject({ kind: 'lastValue', max: 58, months: 12 });
    expect(codesToConfigure(byId('dm-foot'))).toEqual(['foot']);
    expect(codesToConfigure(byId('dm-acr'))).toEqual([]);
  });

  it('a file that is not JSON is refused, naming the file', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "version": 1, "indicators": [');
    expect(refusal(() => loadIndicatorDefinitions(file)).data!.issues[0]!.path).toBe('indicators.json');
  });

  it('a definition that breaks the schema, or a repeated id, is refused with its path', () => {
    const json = JSON.parse(readFileSync(defaultIndicatorsFile(), 'utf8')) as { indicators: Array<Record<string, unknown>> };
    const bad = structuredClone(json);
    (bad.indicators[1]!.done as Record<string, unknown>).months = 0;
    expect(refusal(() => parseIndicatorsFile(JSON.stringify(bad))).data!.issues.map((i) => i.path)).toContain('indicators.json.indicators.1.done.months');
    const unknownKind = structuredClone(json);
    (unknownKind.indicators[0]!.done as Record<string, unknown>).kind = 'guess';
    refusal(() => parseIndicatorsFile(JSON.stringify(unknownKind)));
    const twice = structuredClone(json);
    twice.indicators[2]!.id = twice.indicators[1]!.id;
    expect(refusal(() => parseIndicatorsFile(JSON.stringify(twice))).data!.issues).toEqual([{ path: 'indicators.2.id', message: expect.stringContaining('ripetuto') }]);
  });
});

describe('overrides', () => {
  const control = byId('dm-hba1c-control');

  it('a changed target is kept; one equal to its default is dropped', () => {
    const raised = { ...control, done: { ...control.done, max: 64 } };
    const kept = checkOverrides(defaults, [raised, byId('dm-acr')]);
    expect(kept).toEqual([raised]);
    const inForce = definitionsInForce(defaults, kept);
    expect(inForce.find((x) => x.definition.id === control.id)).toMatchObject({ overridden: true, definition: { done: { max: 64 } }, defaults: { done: { max: 58 } } });
    expect(inForce.filter((x) => x.overridden)).toHaveLength(1);
  });

  it('bad values, unknown ids, a changed number or condition, and repeats are refused whole', () => {
    expect(refusal(() => checkOverrides(defaults, [{ ...control, done: { ...control.done, months: 0 } }])).data!.issues[0]!.path).toBe('overrides.0.done.months');
    expect(refusal(() => checkOverrides(defaults, [{ ...control, done: { ...control.done, loinc: ['4548-4', 'not a code!'] } }])).data!.issues[0]!.path).toBe('overrides.0.done.loinc.1');
    expect(refusal(() => checkOverrides(defaults, [{ ...control, id: 'dm-unknown' }])).data!.issues[0]!.path).toBe('overrides.0.id');
    expect(refusal(() => checkOverrides(defaults, [{ ...control, number: 3 }])).data!.issues[0]!.path).toBe('overrides.0.number');
    expect(refusal(() => checkOverrides(defaults, [{ ...control, condition: 'copd' }])).data!.issues[0]!.path).toBe('overrides.0.number');
    const raised = { ...control, done: { ...control.done, max: 64 } };
    expect(refusal(() => checkOverrides(defaults, [raised, raised])).data!.issues[0]!.path).toBe('overrides.1.id');
    expect(refusal(() => checkOverrides(defaults, [{ ...byId('htn-bp-under-80'), register: { ...byId('htn-bp-under-80').register, minAge: 90, maxAge: 79 } }])).data!.issues[0]!.path).toBe('overrides.0.register.minAge');
    expect(refusal(() => checkOverrides(defaults, ['nonsense'])).code).toBe('INVALID_INPUT');
  });
});

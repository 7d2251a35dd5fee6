/**
 * The vaccine catalogue and the calendar files of resources/vaccination/: every code is one of
 * the official tables the validator already ships (ATC, antigen list OID ...6.1.56.4), every
 * calendar antigen is reachable from some vaccine, and the files are consistent.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calendarProblems } from '../../../shared/analytics/vaccination-schedule/index.ts';
import { splitCsvLine } from '../../../shared/validation/cda/select.ts';
import { national } from './calendar.ts';

const TERMS = resolve(import.meta.dirname, '../../../resources/cda/terminology');
const codes = (oid: string) => new Set(readFileSync(join(TERMS, `${oid}.csv`), 'utf8').split(/\r?\n/).slice(1).filter(Boolean).map((l) => splitCsvLine(l)[1]!));
const atcTable = codes('2.16.840.1.113883.6.73');
const antigenList = codes('2.16.840.1.113883.2.9.6.1.56.4');
const { calendar, vaccines } = national;

describe('vaccine catalogue', () => {
  it('uses only ATC codes of the official table and target diseases of the antigen list', () => {
    for (const e of vaccines.catalogue.atc) {
      expect(atcTable.has(e.code), e.code).toBe(true);
      for (const t of e.targetDiseases) expect(antigenList.has(t), `${e.code} → ${t}`).toBe(true);
      for (const a of e.antigens) expect(vaccines.antigenIds.has(a), `${e.code} → ${a}`).toBe(true);
    }
    for (const n of [...vaccines.catalogue.names, ...vaccines.catalogue.products]) expect(vaccines.antigensOf({ atc: n.atc }), n.atc).toBeDefined();
  });

  it('reaches every antigen of the calendar from some ATC code', () => {
    const covered = new Set(vaccines.catalogue.atc.flatMap((e) => e.antigens));
    for (const s of calendar.series) for (const a of s.antigens) expect(covered.has(a), `${s.id}: ${a}`).toBe(true);
  });

  it('resolves ATC codes, common names and product names (also at the start of an AIC description)', () => {
    expect(vaccines.antigensOf({ atc: 'J07CA09' })).toEqual(['diphtheria', 'hib', 'pertussis', 'polio', 'tetanus', 'hepatitis-b']);
    expect(vaccines.antigensOf({ name: 'Esavalente' })).toEqual(vaccines.antigensOf({ atc: 'J07CA09' }));
    expect(vaccines.antigensOf({ name: 'MPRV' })).toEqual(['measles', 'mumps', 'rubella', 'varicella']);
    expect(vaccines.antigensOf({ name: 'dTpa-IPV' })).toEqual(['diphtheria', 'pertussis', 'polio', 'tetanus']);
    expect(vaccines.atcOf({ name: 'PRIORIX TETRA*1FL+1SIR 0,5ML' })).toBe('J07BD54');
    expect(vaccines.atcOf({ name: 'PRIORIX*1FL+1SIR' })).toBe('J07BD52');
    expect(vaccines.atcOf({ atc: ' j07ah09 ' })).toBe('J07AH09');
    expect(vaccines.antigensOf({ name: 'vaccino sconosciuto' })).toBeUndefined();
    expect(vaccines.antigensOf({ atc: 'J07BB02', antigens: ['influenza'] })).toEqual(['influenza']);
  });

  it('gives the target-disease codes a vaccination document carries', () => {
    expect(vaccines.targetDiseasesOf({ name: 'MPRV' })).toEqual(['23', '28', '35', '40']);
    expect(vaccines.targetDiseasesOf({ atc: 'J07AH08' })).toEqual(['17']);
    expect(vaccines.antigenLabel('men-b', 'it')).toBe('Meningococco B');
  });
});

describe('national calendar file', () => {
  it('names its source and is consistent', () => {
    expect(calendar.source['publication']).toContain('21 agosto 2023');
    expect(calendarProblems(calendar, vaccines.antigenIds)).toEqual([]);
  });

  it('marks the hexavalent and PCV rows as confirmed by ISS EpiCentro, the others as secondary', () => {
    const by = Object.fromEntries(calendar.series.map((s) => [s.id, s.confirmedBy]));
    expect(by['hexavalent']).toBe('iss-epicentro');
    expect(by['pcv']).toBe('iss-epicentro');
    expect(Object.entries(by).filter(([, c]) => c === 'iss-epicentro').map(([id]) => id).sort()).toEqual(['hexavalent', 'pcv']);
  });

  it('reports a calendar where two series define the same dose of an antigen', () => {
    const bad = { ...calendar, series: [...calendar.series, { ...calendar.series[0]!, id: 'copy' }] };
    expect(calendarProblems(bad).join('\n')).toMatch(/dose 1 of diphtheria defined by both hexavalent and copy/);
  });
});

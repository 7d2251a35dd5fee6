import { describe, expect, it } from 'vitest';
import { bodyMassIndex, parseVitalsLine, type VitalsLineItem } from '../../../shared/domain/record/vitals-line.ts';

const values = (items: VitalsLineItem[]) => items.map((i) => (i.kind === 'blood-pressure' ? [i.kind, i.systolic, i.diastolic] : [i.kind, i.value, i.unit]));

describe('the vitals line', () => {
  it('reads the line a doctor types, with the BMI from weight and height', () => {
    const r = parseVitalsLine('PA 135/85, peso 82, FC 70, sat 97, glicemia 110, vita 94, h 172');
    expect(r.problems).toEqual([]);
    expect(values(r.items)).toEqual([
      ['blood-pressure', 135, 85], ['weight', 82, 'kg'], ['heart-rate', 70, '/min'], ['spo2', 97, '%'], ['glucose', 110, 'mg/dL'],
      ['waist', 94, 'cm'], ['height', 172, 'cm'], ['bmi', 27.7, 'kg/m2'],
    ]);
    expect(r.items.at(-1)).toMatchObject({ computed: true });
  });

  it('accepts "," and "." as the decimal mark; a comma followed by a space separates', () => {
    expect(values(parseVitalsLine('peso 82,5, temp 37.2; FC 64').items)).toEqual([['weight', 82.5, 'kg'], ['temperature', 37.2, 'Cel'], ['heart-rate', 64, '/min']]);
    expect(values(parseVitalsLine('peso 82.5 h 1,72').items)).toEqual([['weight', 82.5, 'kg'], ['height', 172, 'cm'], ['bmi', 27.9, 'kg/m2']]);
  });

  it('knows the Italian abbreviations and long forms, upper or lower case, with units after the value', () => {
    const r = parseVitalsLine('P.A. 140/90 mmHg  Peso: 70 kg  altezza 1.65 m  frequenza cardiaca 88 bpm  SpO2 95%  circonferenza vita 102 cm  HGT 180');
    expect(r.problems).toEqual([]);
    expect(values(r.items)).toEqual([
      ['blood-pressure', 140, 90], ['weight', 70, 'kg'], ['height', 165, 'cm'], ['heart-rate', 88, '/min'], ['spo2', 95, '%'], ['waist', 102, 'cm'],
      ['glucose', 180, 'mg/dL'], ['bmi', 25.7, 'kg/m2'],
    ]);
    expect(values(parseVitalsLine('pressione 120/80 polso 60 sat 98 cc 45').items)).toEqual([['blood-pressure', 120, 80], ['heart-rate', 60, '/min'], ['spo2', 98, '%'], ['head-circumference', 45, 'cm']]);
  });

  it('reads a child\'s recumbent length (LOINC 8306-3) apart from a standing height, with the BMI from it', () => {
    expect(values(parseVitalsLine('peso 12,5 lunghezza 86,2 cc 47').items)).toEqual([['weight', 12.5, 'kg'], ['length', 86.2, 'cm'], ['head-circumference', 47, 'cm'], ['bmi', 16.8, 'kg/m2']]);
    expect(values(parseVitalsLine('lungh 60').items)).toEqual([['length', 60, 'cm']]);
    expect(parseVitalsLine('lunghezza 190').problems).toMatchObject([{ code: 'out-of-range', kind: 'length' }]);
  });

  it('computes the BMI with the last recorded height when the line has only the weight; a typed BMI wins', () => {
    expect(values(parseVitalsLine('peso 90', { knownHeightCm: 180 }).items)).toEqual([['weight', 90, 'kg'], ['bmi', 27.8, 'kg/m2']]);
    expect(values(parseVitalsLine('peso 90').items)).toEqual([['weight', 90, 'kg']]);
    expect(values(parseVitalsLine('peso 90 bmi 28,1', { knownHeightCm: 180 }).items)).toEqual([['weight', 90, 'kg'], ['bmi', 28.1, 'kg/m2']]);
    expect(bodyMassIndex(82, 172)).toBe(27.7);
  });

  it('says what it could not read, where, and why', () => {
    const line = 'PA 135/85, colesterolo 200, FC, peso 80, peso 81, sat 140, PA 80/120';
    const r = parseVitalsLine(line);
    expect(values(r.items)).toEqual([['blood-pressure', 135, 85], ['weight', 80, 'kg']]);
    expect(r.problems.map((p) => [p.code, line.slice(...p.span)])).toEqual([
      ['unknown', 'colesterolo 200'], ['missing-value', 'FC'], ['duplicate', 'peso 81'], ['out-of-range', 'sat 140'], ['duplicate', 'PA 80/120'],
    ]);
    expect(parseVitalsLine('PA 80/120').problems.map((p) => p.code)).toEqual(['systolic-not-above-diastolic']);
    expect(parseVitalsLine('PA 20/300').problems.map((p) => p.code)).toEqual(['out-of-range']);
    expect(parseVitalsLine('').items).toEqual([]);
    expect(parseVitalsLine('  ,  ').problems).toEqual([]);
  });

  it('spans point at the characters each value came from (instant feedback under the field)', () => {
    const line = 'peso 82,5 FC 70';
    const r = parseVitalsLine(line);
    expect(r.items.map((i) => line.slice(...i.span))).toEqual(['peso 82,5', 'FC 70']);
  });
});

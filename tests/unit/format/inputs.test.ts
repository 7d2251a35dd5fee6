/** The one number parser, the one date parser/formatter and the plausibility table (pure). */
import { describe, expect, it } from 'vitest';
import { checkValue, interpretation, labResultIssues, measureFor, VITAL_MEASURES, vitalSignIssues } from '../../../shared/clinical/plausibility.ts';
import { formatClinicalDate, parseClinicalDate } from '../../../shared/format/clinical-date.ts';
import { isoWithOffset } from '../../../shared/format/clinical-time.ts';
import { formatDecimal, parseDecimal } from '../../../shared/format/decimal.ts';
import { italianAtcDescription, looksEnglish } from '../../../shared/terminology/atc-italian.ts';

describe('parseDecimal / formatDecimal', () => {
  it('reads "," and "." as the decimal mark and refuses what it cannot read whole', () => {
    expect(parseDecimal('12,5')).toEqual({ ok: true, value: 12.5 });
    expect(parseDecimal('8.1')).toEqual({ ok: true, value: 8.1 });
    expect(parseDecimal(' ,5 ')).toEqual({ ok: true, value: 0.5 });
    for (const bad of ['12,5,3', '1.234,5', '12a', '1 2', '--1', ',']) expect(parseDecimal(bad).ok, bad).toBe(false);
    expect(parseDecimal('12,5', { integer: true })).toEqual({ ok: false, reason: 'not-integer' });
    expect(formatDecimal(12.5)).toBe('12,5');
    expect(formatDecimal(0.1 + 0.2)).toBe('0,3');
  });
});

describe('parseClinicalDate / formatClinicalDate', () => {
  const today = new Date('2026-06-01T12:00:00Z');
  it('accepts gg/mm/aaaa, gg/mm/aa, mm/aaaa, aaaa and ISO; refuses dates that do not exist', () => {
    expect(parseClinicalDate('15/03/2024')).toEqual({ ok: true, iso: '2024-03-15' });
    expect(parseClinicalDate('5.3.24', { today })).toEqual({ ok: true, iso: '2024-03-05' });
    expect(parseClinicalDate('15/03/80', { today })).toEqual({ ok: true, iso: '1980-03-15' });
    expect(parseClinicalDate('03/2021')).toEqual({ ok: true, iso: '2021-03' });
    expect(parseClinicalDate('1998')).toEqual({ ok: true, iso: '1998' });
    expect(parseClinicalDate('15032024')).toEqual({ ok: true, iso: '2024-03-15' });
    expect(parseClinicalDate('2024-02-30').ok).toBe(false);
    expect(parseClinicalDate('31/02/2024').ok).toBe(false);
    expect(parseClinicalDate('13/2024').ok).toBe(false);
    expect(['2024-03-15', '2021-03', '1998'].map(formatClinicalDate)).toEqual(['15/03/2024', '03/2021', '1998']);
  });
});

describe('isoWithOffset', () => {
  it('writes Rome wall-clock time with its offset, summer and winter', () => {
    expect(isoWithOffset(new Date('2026-01-15T06:19:00Z'), 'Europe/Rome')).toBe('2026-01-15T07:19:00+01:00');
    expect(isoWithOffset(new Date('2026-07-15T06:19:00Z'), 'Europe/Rome')).toBe('2026-07-15T08:19:00+02:00');
    expect(isoWithOffset(new Date('2026-01-15T06:19:00Z'), 'America/New_York')).toBe('2026-01-15T01:19:00-05:00');
  });
});

describe('plausibility', () => {
  it('20/300 mmHg is impossible, 150/95 above the reference, 300 kg unusual; units from the table', () => {
    expect(vitalSignIssues({ kind: 'blood-pressure', systolic: 20, diastolic: 300 }).filter((i) => i.severity === 'error').map((i) => i.code)).toEqual(['IMPOSSIBLE', 'IMPOSSIBLE', 'BP_ORDER']);
    expect(vitalSignIssues({ kind: 'blood-pressure', systolic: 150, diastolic: 95 })).toEqual([]);
    expect(interpretation(150, VITAL_MEASURES.systolic)).toBe('H');
    expect(checkValue(VITAL_MEASURES.weight, 300)[0]).toMatchObject({ severity: 'warning', code: 'IMPLAUSIBLE' });
    expect(VITAL_MEASURES.bmi.unit).toBe('kg/m2');
    expect(VITAL_MEASURES['heart-rate'].unit).toBe('/min');
    expect(measureFor('8480-6')).toBe(VITAL_MEASURES.systolic);
    expect(labResultIssues({ loinc: { code: '4548-4' }, value: 81, unit: '%' })[0]?.code).toBe('IMPOSSIBLE');
    expect(labResultIssues({ loinc: { code: '2345-7' }, value: 5.5, unit: 'mmol/L' })[0]?.code).toBe('UNIT');
    expect(interpretation(45, measureFor('2085-9'), { low: 50, high: undefined })).toBe('L');
  });
});

describe('Italian ATC descriptions', () => {
  it('translates the English rows and leaves the Italian ones alone', () => {
    expect(italianAtcDescription('LANSOPRAZOLE, AMOXICILLIN AND LEVOFLOXACIN')).toBe('LANSOPRAZOLO, AMOXICILLINA E LEVOFLOXACINA');
    expect(italianAtcDescription('BEMPEDOIC ACID AND EZETIMIBE')).toBe('ACIDO BEMPEDOICO E EZETIMIBE');
    expect(looksEnglish('PENICILLINE AD AMPIO SPETTRO')).toBe(false);
    expect(looksEnglish('LANSOPRAZOLO, AMOXICILLINA E METRONIDAZOLO')).toBe(false);
  });
});

/**
 * Device and dispensation CSV: LibreView (Italian and English, metadata row above the header,
 * only glucose record types), OMRON connect, a generic export read by a saved mapping, the
 * explicit date format and time zone, and the refusals (unknown columns, dates in another order).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReceivedCsv } from '../../../shared/documents/csv/index.ts';
import type { DeviceCsvMapping } from '../../../shared/documents/csv/mapping.ts';
import { AppError } from '../../../shared/errors/index.ts';
import { ReceivedContent } from '../../../shared/import/content.ts';

const csv = (f: string) => readFileSync(`tests/fixtures/import/csv/${f}`, 'utf8');
const read = (f: string, o: Parameters<typeof parseReceivedCsv>[2] = {}) => ReceivedContent.parse(parseReceivedCsv(csv(f), f, o));
const refusal = (fn: () => unknown): { reason: string; detail?: string; columns?: string[] } => {
  try { fn(); } catch (e) { if (e instanceof AppError) return e.data as { reason: string; detail?: string; columns?: string[] }; throw e; }
  throw new Error('not refused');
};

const SCALE: DeviceCsvMapping = {
  name: 'Bilancia', dateColumn: 'Giorno', dateFormat: 'DD/MM/YYYY HH:mm', timeZone: 'Europe/Rome',
  measures: [{ column: 'Peso kg', code: '29463-7', display: 'Peso corporeo', unit: 'kg' }],
};

describe('device CSV', () => {
  it('LibreView in Italian: historic and scan glucose only, day-month dates in Europe/Rome, CGM LOINC', () => {
    const c = read('libreview-it.csv');
    expect(c.csv).toMatchObject({ shape: 'libreview', dateFormat: 'DD-MM-YYYY HH:mm', timeZone: 'Europe/Rome' });
    expect(c.observations.map((o) => o.value.type === 'quantity' && o.value.value)).toEqual([112, 118, 121, 131, 64]);
    expect(c.observations[0]).toMatchObject({ code: '99504-3', effective: '2024-03-13T07:02:00+01:00', value: { unit: 'mg/dL' }, source: 'device', device: 'LibreView' });
  });

  it('LibreView in English reads month-day; the same file read day-month is refused, not misread', () => {
    expect(read('libreview-en.csv').observations[2]!.effective).toBe('2024-03-14T23:47:00+01:00');
    expect(refusal(() => read('libreview-en.csv', { dateFormat: 'DD-MM-YYYY HH:mm' }))).toMatchObject({ reason: 'CSV_VALUES', detail: expect.stringContaining('03-13-2024') });
  });

  it('another time zone moves the instants', () => {
    expect(read('libreview-it.csv', { timeZone: 'UTC' }).observations[0]!.effective).toBe('2024-03-13T07:02:00+00:00');
  });

  it('OMRON connect: systolic and diastolic as one panel, pulse', () => {
    const c = read('omron.csv');
    expect(c.csv?.shape).toBe('omron');
    expect(c.observations).toHaveLength(9);
    const first = c.observations.filter((o) => o.effective === '2024-03-10T07:45:00+01:00');
    expect(first.map((o) => o.code).sort()).toEqual(['8462-4', '8480-6', '8867-4']);
    expect(new Set(first.filter((o) => o.panelId).map((o) => o.panelId)).size).toBe(1);
  });

  it('a generic export: refused with its columns until a mapping is saved, then read with Italian decimals', () => {
    expect(refusal(() => read('generic-scale.csv'))).toMatchObject({ reason: 'CSV_COLUMNS', detail: 'Giorno, Peso kg, Note', columns: ['Giorno', 'Peso kg', 'Note'] });
    const c = read('generic-scale.csv', { mappings: [SCALE] });
    expect(c.csv?.shape).toBe('mapping');
    expect(c.observations.map((o) => o.value.type === 'quantity' && o.value.value)).toEqual([82.4, 81.9, 81.2]);
    expect(refusal(() => read('unknown-columns.csv', { mappings: [SCALE] }))).toMatchObject({ reason: 'CSV_COLUMNS' });
  });
});

describe('dispensation CSV', () => {
  it('reads dates, AIC, packs; the ATC from the column or the AIFA lookup', () => {
    const c = read('dispensations.csv', { atcOf: (aic) => (aic === '033007016' ? { code: 'C10AA05', display: 'ATORVASTATINA' } : undefined) });
    expect(c.header.kind).toBe('DISP');
    expect(c.dispensations.map((d) => `${d.date} ${d.aic?.code} ${d.atc.code} ${d.packs}`)).toEqual([
      '2024-01-05 037701238 C08CA01 2', '2024-02-02 037701238 C08CA01 2', '2024-03-10 033007016 C10AA05 1',
    ]);
    expect(c.dispensations.every((d) => d.source === 'csv')).toBe(true);
  });
});

/** Wall-clock times to instants in a named zone (both DST changes), HL7 TS, and file sniffing. */
import { describe, expect, it } from 'vitest';
import { zonedDateTime } from '../../../shared/import/zoned-time.ts';
import { instantFromTs } from '../../../shared/documents/cda/received/time.ts';
import { sniffFormat } from '../../../shared/import/sniff.ts';
import { AppError } from '../../../shared/errors/index.ts';

const w = (s: string) => {
  const [d, t] = s.split(' ');
  const [year, month, day] = d!.split('-').map(Number);
  const [hour, minute] = t!.split(':').map(Number);
  return { year: year!, month: month!, day: day!, hour: hour!, minute: minute!, second: 0 };
};

describe('zoned times', () => {
  it('Europe/Rome winter, summer and both changes of 2024', () => {
    expect(zonedDateTime(w('2024-01-15 08:30'))).toBe('2024-01-15T08:30:00+01:00');
    expect(zonedDateTime(w('2024-07-15 08:30'))).toBe('2024-07-15T08:30:00+02:00');
    expect(zonedDateTime(w('2024-03-31 03:30'))).toBe('2024-03-31T03:30:00+02:00');
    expect(zonedDateTime(w('2024-10-27 02:30'))).toMatch(/^2024-10-27T02:30:00\+0[12]:00$/);
    expect(zonedDateTime(w('2024-07-15 08:30'), 'America/New_York')).toBe('2024-07-15T08:30:00-04:00');
  });

  it('HL7 TS at every precision', () => {
    expect(instantFromTs('2022')).toBe('2022');
    expect(instantFromTs('202203')).toBe('2022-03');
    expect(instantFromTs('20220330')).toBe('2022-03-30');
    expect(instantFromTs('20220330112426+0100')).toBe('2022-03-30T11:24:26+01:00');
    expect(instantFromTs('20220330112426.123-0500')).toBe('2022-03-30T11:24:26-05:00');
    expect(instantFromTs('200905080900')).toBe('2009-05-08T09:00:00+02:00');
    expect(instantFromTs('20220231')).toBeUndefined();
    expect(instantFromTs('[DATA]')).toBeUndefined();
  });

  it('sniffs PDF, DER .p7m, XML (UTF-8 and UTF-16), JSON, CSV; refuses empty and unknown files', () => {
    const b = (s: string) => new TextEncoder().encode(s);
    expect(sniffFormat(b('%PDF-1.7\n'))).toBe('pdf');
    // A ContentInfo whose contentType is signedData (1.2.840.113549.1.7.2).
    expect(sniffFormat(new Uint8Array([0x30, 0x82, 0x01, 0x00, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]))).toBe('p7m');
    // A PDF wrapped in an enveloping CMS is the CMS (a .pdf.p7m), not a PDF.
    expect(sniffFormat(new Uint8Array([0x30, 0x80, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02, ...b('%PDF-1.7')]))).toBe('p7m');
    expect(sniffFormat(b('\uFEFF<?xml version="1.0"?><ClinicalDocument/>'))).toBe('xml');
    expect(sniffFormat(new Uint8Array([0xff, 0xfe, 0x3c, 0x00]))).toBe('xml');
    expect(sniffFormat(b(' {"resourceType":"Bundle"}'))).toBe('json');
    expect(sniffFormat(b('a;b;c\n1;2;3\n'))).toBe('csv');
    for (const bad of [new Uint8Array(), b('hello world')]) {
      let e: unknown;
      try { sniffFormat(bad); } catch (x) { e = x; }
      expect((e as AppError).code).toBe('IMPORT_REFUSED');
    }
  });
});

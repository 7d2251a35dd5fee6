/**
 * FHIR: the ministry's Bundles of the received types (the same facts as their CDA) and
 * telemonitoring Observations in the HL7 Italia IG's shapes (category not relied upon).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ReceivedContent } from '../../../shared/import/content.ts';
import { parseFhirJson } from '../../../shared/documents/fhir/received/index.ts';
import { parseReceivedCda } from '../../../shared/import/parse-cda.ts';
import { AppError } from '../../../shared/errors/index.ts';

const read = (f: string) => ReceivedContent.parse(parseFhirJson(readFileSync(`tests/fixtures/import/fhir/${f}`, 'utf8')));

describe('FHIR document Bundles', () => {
  it('LAB: the same point as the CDA, with the same document id (one document in two formats)', () => {
    const f = read('LAB.json');
    const cda = parseReceivedCda(readFileSync('tests/fixtures/cda/official-examples/LAB.xml', 'utf8'));
    expect(f.header.kind).toBe('LAB');
    expect(f.header.cdaId).toBe(cda.header.cdaId);
    expect(f.observations).toHaveLength(1);
    const [a, b] = [f.observations[0]!, cda.observations[0]!];
    for (const k of ['code', 'effective', 'value', 'interpretation', 'specimen'] as const) expect(a[k], k).toEqual(b[k]);
    expect(a.referenceRange).toMatchObject({ low: 0, high: 20 });
  });

  it('LDO: discharge diagnosis, therapy, allergy and stay as proposals', () => {
    const c = read('LDO.json');
    expect(c.problems.map((p) => p.diagnosis.code)).toEqual(['428.0']);
    expect(c.therapy).toEqual([expect.objectContaining({ atc: expect.objectContaining({ code: 'C08CA01' }), route: 'PO', periodHours: 12 })]);
    expect(c.allergies).toEqual([expect.objectContaining({ agent: expect.objectContaining({ kind: 'substance', code: '260152009' }) })]);
    expect(c.encounters).toEqual([expect.objectContaining({ start: '2022-03-17', end: '2022-04-17' })]);
  });

  it('VPS: the vital-signs panel members; RSA: the text', () => {
    expect(read('VPS.json').observations).toEqual([expect.objectContaining({ code: '70962-6', value: { type: 'quantity', value: 10, unit: 'kg' } })]);
    const rsa = read('RSA.json');
    expect(rsa.header.kind).toBe('RSA');
    expect(rsa.text!.length).toBeGreaterThan(200);
  });
});

describe('telemonitoring', () => {
  it('reads a measurement report: every reading, blood pressure as a panel of two, the device by name, UCUM codes', () => {
    const c = read('telemonitoring-report.json');
    expect(c.header).toMatchObject({ kind: 'DEVICE', title: 'Report Rilevazione di Telemonitoraggio' });
    expect(c.header.patient?.ids).toEqual([{ root: '2.16.840.1.113883.2.9.4.3.2', extension: 'GTWGWY82B42G920M' }]);
    const byCode = Object.fromEntries(c.observations.map((o) => [o.code, o]));
    expect(Object.keys(byCode).sort()).toEqual(['2708-6', '29463-7', '8462-4', '8480-6', '8867-4']);
    expect(byCode['29463-7']!.value).toEqual({ type: 'quantity', value: 62.1, unit: 'kg' });
    expect(byCode['8480-6']!.panelId).toBe(byCode['8462-4']!.panelId);
    expect(byCode['8480-6']!.device).toBe('Sfigmomanometro automatico da braccio');
    expect(c.observations.every((o) => o.source === 'device')).toBe(true);
  });

  it('reads a single Observation, its patient from subject.identifier', () => {
    const c = read('telemonitoring-observation.json');
    expect(c.header.patient?.ids[0]?.extension).toBe('GTWGWY82B42G920M');
    expect(c.header.cdaId).toBe('2.16.840.1.113883.2.9.2.120.4.99^TM-PA-2025-11-12-0800');
    expect(c.observations.map((o) => `${o.code}=${o.value.type === 'quantity' ? o.value.value : ''}`)).toEqual(['8480-6=142', '8462-4=91']);
  });

  it('refuses JSON that is not a FHIR resource it reads', () => {
    for (const bad of ['{"resourceType":"Patient"}', '{not json', '{"resourceType":"Bundle","entry":[]}']) {
      let e: unknown;
      try { parseFhirJson(bad); } catch (x) { e = x; }
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).data).toMatchObject({ reason: 'FHIR' });
    }
  });
});

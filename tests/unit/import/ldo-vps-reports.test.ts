/**
 * LDO (discharge diagnoses, discharge therapy, allergies, hospital stay), VPS (vital signs) and
 * the narrative reports (RSA, RAD, RAP: the document with its text) on the official examples and
 * the accreditation cases.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ReceivedContent } from '../../../shared/import/content.ts';
import { parseReceivedCda } from '../../../shared/import/parse-cda.ts';

const read = (f: string) => ReceivedContent.parse(parseReceivedCda(readFileSync(f, 'utf8')));
const OK = 'tests/fixtures/cda/accreditamento-ok';

describe('LDO reader', () => {
  it('proposes the discharge diagnosis, the discharge therapy, the allergy and the hospital stay of the official example', () => {
    const c = read('tests/fixtures/cda/official-examples/LDO.xml');
    expect(c.header.kind).toBe('LDO');
    expect(c.problems).toEqual([expect.objectContaining({ diagnosis: { code: '428.0', display: 'Insufficienza cardiaca' }, source: 'specialist', status: 'active', onset: '2022-04-17' })]);
    expect(c.therapy).toEqual([expect.objectContaining({ atc: { code: 'C08CA01', display: 'AMLODIPINA' }, aic: expect.objectContaining({ code: '043348022' }), route: 'PO', periodHours: 12, start: '2022-04-20' })]);
    expect(c.allergies).toEqual([expect.objectContaining({ type: 'OINT', agent: { kind: 'substance', code: '260152009', display: 'Peli di gatto' }, criticality: 'M', reaction: expect.objectContaining({ code: '477.2' }) })]);
    expect(c.encounters).toEqual([expect.objectContaining({ encounterType: { code: 'IMP', display: 'Ricovero' }, start: '2022-03-17', end: '2022-04-17', facility: expect.stringContaining("Sant'Eugenio"), dischargeDiagnosis: { code: '428.0', display: 'Insufficienza cardiaca' } })]);
    // Eight medicines in words, one coded: the rest stays in the document, and the preview says so.
    expect(c.warnings.join(' ')).toContain('8 voci nel testo, 1 codificata');
  });

  it('reads every accreditation LDO case into a stay and at least one diagnosis', () => {
    for (const f of readdirSync(`${OK}/Casi_OK_Lettera_di_Dimissione`)) {
      const c = read(`${OK}/Casi_OK_Lettera_di_Dimissione/${f}`);
      expect(c.encounters, f).toHaveLength(1);
      expect(c.problems.length, f).toBeGreaterThan(0);
    }
  });
});

describe('VPS reader', () => {
  it('turns the vital signs section into points of their series, dated by the performer when the observation has no time', () => {
    const c = read('tests/fixtures/cda/official-examples/VPS.xml');
    expect(c.header.kind).toBe('VPS');
    expect(c.observations).toEqual([expect.objectContaining({ code: '70962-6', value: { type: 'quantity', value: 10, unit: 'kg' }, effective: '2022-04-21T10:10:10+01:00' })]);
    expect(c.observations[0]!.note).toContain('B');
  });
});

describe('narrative reports', () => {
  it.each(['RSA', 'RAD', 'RAP'])('%s: the document, its metadata and its text, nothing structured', (k) => {
    const c = read(`tests/fixtures/cda/official-examples/${k}.xml`);
    expect(c.header.kind).toBe(k);
    expect(c.header.title.length).toBeGreaterThan(3);
    expect(c.header.documentDate).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(c.text!.length).toBeGreaterThan(200);
    expect([c.observations, c.problems, c.therapy, c.dispensations].every((x) => x.length === 0)).toBe(true);
  });
});

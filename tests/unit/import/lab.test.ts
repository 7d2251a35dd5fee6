/**
 * LAB CDA reader on the official example and the accreditation cases: every coded observation
 * with a value becomes one point, with unit, range, interpretation, specimen and local code; the
 * chart date rule; the official example's narrative (20) against its coded value (16.00).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ReceivedContent } from '../../../shared/import/content.ts';
import { parseReceivedCda } from '../../../shared/import/parse-cda.ts';
import { checkNarrative, printedNumber, sameTestName } from '../../../shared/documents/cda/lab/narrative-check.ts';

const OFFICIAL = readFileSync('tests/fixtures/cda/official-examples/LAB.xml', 'utf8');
const CASES = 'tests/fixtures/cda/accreditamento-ok/Casi_OK_Referto_di_Medicina_di_Laboratorio';
const read = (xml: string) => ReceivedContent.parse(parseReceivedCda(xml));

/** Observations with a value, counted in the XML itself (independent of the reader). */
function codedValues(xml: string): number {
  return [...xml.matchAll(/<observation\b[\s\S]*?<\/observation>/g)].filter((m) => /<value\b[^>]*xsi:type="(PQ|CE|CD|ST|IVL_PQ)"/.test(m[0].replace(/<referenceRange>[\s\S]*?<\/referenceRange>/g, ''))).length;
}

describe('LAB reader', () => {
  it('reads the official example: one point with unit, range, interpretation, specimen, regional code and the document header', () => {
    const c = read(OFFICIAL);
    expect(c.header).toMatchObject({ kind: 'LAB', typeCode: '11502-2', cdaId: expect.stringContaining('OQlvTq1J'), organizationName: 'SAN RAFFAELE NOMENTANA' });
    expect(c.header.patient?.ids).toEqual([{ root: '2.16.840.1.113883.2.9.4.3.2', extension: 'GTWGWY82B42G920M' }]);
    expect(c.observations).toHaveLength(1);
    expect(c.observations[0]).toMatchObject({
      code: '14957-5', value: { type: 'quantity', value: 16, unit: 'mg/L' }, interpretation: 'N', specimen: 'Urine', source: 'document',
      referenceRange: { low: 0, high: 20 }, localCode: { code: '0090334.02', codeSystem: '2.16.840.1.113883.2.9.2.30.6.11' },
      effective: '2022-03-30T11:24:26+01:00',
    });
  });

  it('flags the narrative disagreement of the official example and imports the coded value', () => {
    const c = read(OFFICIAL);
    expect(c.flags).toHaveLength(1);
    expect(c.flags[0]!.message).toContain('20 mg/L');
    expect(c.flags[0]!.message).toContain('16.00 mg/L');
    expect(c.observations[0]!.flag).toBe(c.flags[0]!.message);
    // With the narrative corrected to the coded value there is nothing to flag.
    const agreed = OFFICIAL.replace('<td>20</td>', '<td>16,00</td>');
    expect(read(agreed).flags).toEqual([]);
  });

  it('every coded value of every accreditation case lands once', () => {
    for (const f of readdirSync(CASES)) {
      const xml = readFileSync(`${CASES}/${f}`, 'utf8');
      const c = read(xml);
      expect(c.observations.length, f).toBe(codedValues(xml));
      expect(new Set(c.observations.map((o) => o.id)).size, f).toBe(c.observations.length);
    }
  });

  it('takes the chart date from the observation, else from its exam, else from the document; a time without zone is Europe/Rome', () => {
    const edit = (xml: string, from: RegExp, to: string) => {
      const out = xml.replace(from, to);
      expect(out).not.toBe(xml);
      return out;
    };
    // The document dated apart from the observation, so each rule is seen.
    const dated = edit(OFFICIAL, /(<\/title>\s*<sdtc:statusCode code="active"\/>\s*)<effectiveTime value="20220330112426\+0100"\/>/, '$1<effectiveTime value="20220401090000+0200"/>');
    expect(read(dated).observations[0]!.effective).toBe('2022-03-30T11:24:26+01:00');
    const noOwn = edit(dated, /(<statusCode code="completed"\/>\s*)<effectiveTime value="20220330112426\+0100"\/>(\s*<value)/, '$1$2');
    expect(read(noOwn).observations[0]!.effective).toBe('2022-04-01T09:00:00+02:00');
    const withAct = edit(noOwn, /(<act moodCode="EVN" classCode="ACT">\s*<code code="14957-5"[^>]*\/>\s*<statusCode code="active"\/>)/, '$1<effectiveTime value="20220328"/>');
    expect(read(withAct).observations[0]!.effective).toBe('2022-03-28');
    const c5 = read(readFileSync(`${CASES}/LAB_-_Caso_di_Test_5.xml`, 'utf8'));
    expect(c5.observations[0]!.effective).toBe('2009-05-08T10:30:00+02:00');
    // Case 5 codes glucose only locally: kept, in a series of its own, and said.
    expect(c5.observations[0]!.code).toBe('1135.154');
    expect(c5.warnings.join(' ')).toContain('codice locale 1135.154');
  });

  it('keeps coded and text values, and an interpretation the record has no code for as a note', () => {
    const c4 = read(readFileSync(`${CASES}/LAB_-_Caso_di_Test_4.xml`, 'utf8'));
    expect(c4.observations.map((o) => o.value.type).sort()).toEqual(['coded', 'text']);
    expect(c4.observations.find((o) => o.value.type === 'text')!.note).toContain('R');
  });

  it('matches narrative rows by test name and reads printed numbers in Italian', () => {
    expect(sameTestName('Microalbumina massa/volume in urine', 'Microalbumin Massa/Volume in Urine')).toBe(true);
    expect(sameTestName('Emoglobina (HGB)', 'Glucosio')).toBe(false);
    expect(printedNumber('16,00')).toBe(16);
    expect(printedNumber('1.234,5')).toBe(1234.5);
    expect(printedNumber('< 5')).toBe(5);
    expect(printedNumber('negativo')).toBeUndefined();
    expect(typeof checkNarrative).toBe('function');
  });
});

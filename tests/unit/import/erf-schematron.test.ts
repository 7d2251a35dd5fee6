/**
 * Erogazione farmaceutica: no official example exists, so the test documents are ours; the
 * project's validator (XSD + schematronFSE_ErF_1.1.sch, as the gateway) accepts them and refuses
 * them when a rule is broken, so the fixtures are proven against the official rules. The reader
 * turns each supply into a dispensation, the ATC from the AIFA list when only the AIC is given.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CdaValidator } from '../../../electron/services/validation/cda-validator.ts';
import { TermIndex } from '../../../electron/services/terms/term-index.ts';
import { parseReceivedCda } from '../../../shared/import/parse-cda.ts';

const ERF1 = readFileSync('tests/fixtures/import/erf/ERF-1.xml', 'utf8');
const validator = CdaValidator.create();
const enc = (s: string) => new TextEncoder().encode(s);

describe('Erogazione farmaceutica', () => {
  it.each(['ERF-1.xml', 'ERF-2.xml'])('%s passes the XSD and the ErF schematron with no failed assert', async (f) => {
    const r = await validator.validateXml(enc(readFileSync(`tests/fixtures/import/erf/${f}`, 'utf8')));
    expect(r.schematron.file).toBe('schematronFSE_ErF_1.1.sch');
    expect(r.xsd.valid).toBe(true);
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.valid).toBe(true);
  }, 60_000);

  it('the schematron bites: a section without its template and a supply without quantity are refused', async () => {
    const broken = ERF1.replace('<templateId root="2.16.840.1.113883.3.1937.777.63.10.294"/>', '').replace('<quantity value="1"/>', '');
    const r = await validator.validateXml(enc(broken));
    expect(r.valid).toBe(false);
    expect(r.issues.map((i) => i.code).sort()).toEqual(['ERRORE-b1', 'ERRORE-b8']);
  }, 60_000);

  it('reads each supply as a dispensation, the ATC from the translation or from the AIFA list', () => {
    const terms = new TermIndex();
    const c = parseReceivedCda(ERF1, { atcOf: (aic) => terms.lookup('aic', aic)?.atc });
    expect(c.header.kind).toBe('ERF');
    expect(c.dispensations).toEqual([
      expect.objectContaining({ date: '2024-03-15', packs: 2, atc: { code: 'C08CA01', display: 'AMLODIPINA' }, aic: expect.objectContaining({ code: '037701238' }), source: 'document' }),
      expect.objectContaining({ date: '2024-03-15', packs: 1, atc: expect.objectContaining({ code: 'C10AA05' }), aic: expect.objectContaining({ code: '033007016' }) }),
    ]);
    // Without the list, an AIC-only supply cannot be a dispensation (adherence needs the ATC): said.
    const bare = parseReceivedCda(ERF1);
    expect(bare.dispensations).toHaveLength(1);
    expect(bare.warnings.join(' ')).toContain('033007016');
  });
});

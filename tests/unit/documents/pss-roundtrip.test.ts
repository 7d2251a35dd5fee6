/**
 * parsePssCda: our documents read back into the same record, and the official IG example
 * reads into a record that rebuilds into a CDA passing XSD + schematron v4.0 (the round trip the PSS must survive).
 */
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ClinicalRecord } from '../../../shared/domain/clinical-record.ts';
import { buildPssCda } from '../../../shared/documents/cda/pss/index.ts';
import { parsePssCda } from '../../../shared/documents/cda/pss/parse/index.ts';
import { CdaValidator } from '../../../electron/services/validation/cda-validator.ts';
import { emptyInput, fullInput, syntheticInputs } from './pss-inputs.ts';

/** Normalises what the CDA groups differently (labs by date) or defaults (absence statements). */
function comparable(r: ClinicalRecord): unknown {
  const c = structuredClone(r);
  c.labResults.sort((a, b) => a.id.localeCompare(b.id));
  // An empty mandatory section without a statement is written as "no information".
  if (c.problems.length === 0) c.noProblems ??= 'no-problem-info';
  if (c.allergies.length === 0) c.noAllergies ??= 'no-allergy-info';
  if (c.medications.length === 0) c.noMedications ??= 'no-medication-info';
  return JSON.parse(JSON.stringify(c));
}

describe('PSS CDA → record', () => {
  let validator: CdaValidator;
  beforeAll(() => { validator = CdaValidator.create(); });

  it('reads our documents back into the record they were built from', () => {
    for (const input of [fullInput(), emptyInput(), ...syntheticInputs()]) {
      const { record, warnings } = parsePssCda(buildPssCda(input));
      expect(warnings).toEqual([]);
      const same = isDeepStrictEqual(comparable(record), comparable(ClinicalRecord.parse(input.record)));
      if (!same) expect(comparable(record)).toEqual(comparable(ClinicalRecord.parse(input.record)));
      expect(same).toBe(true);
    }
  });

  it('reads the official IG example, reports what it cannot hold, and rebuilds a valid PSS', async () => {
    const xml = readFileSync(new URL('../../fixtures/pss/official-PSS.xml', import.meta.url), 'utf8');
    const { record, warnings } = parsePssCda(xml);
    expect(ClinicalRecord.safeParse(record).success).toBe(true);
    expect(warnings.join('\n')).toContain('Q13.1');
    expect(record.allergies[0]).toMatchObject({ type: 'ALG', agent: { kind: 'substance', code: '260152009' }, criticality: 'M', reaction: { code: '493.9' } });
    expect(record.medications[0]).toMatchObject({ aic: { code: '035606033' }, atc: { code: 'B01AX05' }, route: 'SQ', periodHours: 6, status: 'completed' });
    expect(record.vaccinations[0]).toMatchObject({ doseNumber: 3, route: 'IM', adverseReaction: { code: '787.02' } });
    expect(record.familyHistory[0]).toMatchObject({ relationship: 'FTH', deceasedAge: 50 });
    expect(record.vitalSigns.map((v) => v.kind)).toEqual(['blood-pressure', 'height']);
    expect(record.exemptions[0]).toMatchObject({ exemption: { code: '02' }, status: 'active' });
    expect(record.careNetworks).toHaveLength(1);
    // Its planned procedure carries a LOINC code: kept as text, not passed off as ICD-9-CM.
    expect(record.carePlans.map((p) => p.kind)).toEqual(['exam', 'therapy', 'other', 'visit', 'other']);
    expect(warnings.join('\n')).toContain('attività pianificata 68692-3 (sistema 2.16.840.1.113883.6.1): importata come testo');

    const rebuilt = buildPssCda({ ...fullInput(), record });
    const r = await validator.validateXml(new TextEncoder().encode(rebuilt));
    expect(r.xsd.valid).toBe(true);
    expect(r.schematron.failedAsserts).toBe(0);
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
  }, 60_000);
});

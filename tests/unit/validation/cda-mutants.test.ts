/**
 * The referee's broken samples of CDA-VALIDATION.md §5 (copies of official samples with the
 * edits named there): the validator must find exactly the failed asserts the referee found,
 * including the RAP message whose path comes from an XSLT-bodied <let>.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CdaValidator } from '../../../electron/services/validation/cda-validator.ts';

const EX = join(import.meta.dirname, '../../fixtures/cda/official-examples');
const read = (f: string): string => readFileSync(join(EX, f), 'utf8');
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
function edit(text: string, from: string | RegExp, to: string): string {
  const out = text.replace(from, to);
  expect(out, `edit ${String(from)} must apply`).not.toBe(text);
  return out;
}

let v: CdaValidator;
beforeAll(() => {
  v = CdaValidator.create({ skipXsd: true });
});

const errors = async (xml: string): Promise<string[]> =>
  (await v.validateXml(enc(xml))).issues.filter((i) => i.source === 'schematron' && i.severity === 'error').map((i) => i.code);

describe('referee mutants (CDA-VALIDATION.md §5)', () => {
  it('PSS without realmCode, LOINC 11111-1, gender codeSystem …5.999: ERRORE-1, -2, -5, -16', async () => {
    let pss = edit(read('PSS.xml'), '<realmCode code="IT"/>', '');
    pss = edit(pss, '<code code="60591-5"', '<code code="11111-1"');
    pss = edit(pss, /(<administrativeGenderCode code="F" codeSystem=")2\.16\.840\.1\.113883\.5\.1"/, '$12.16.840.1.113883.5.999"');
    const r = await v.validateXml(enc(pss));
    expect(r.schematron.failedAsserts).toBe(4);
    expect(await errors(pss)).toEqual(['ERRORE-1', 'ERRORE-2', 'ERRORE-5', 'ERRORE-16']);
    const e16 = r.issues.find((i) => i.code === 'ERRORE-16');
    expect(e16?.message).toContain("'2.16.840.1.113883.5.999' non è corretto");
    // The 999 arc is also block-listed by the terminology step.
    expect(r.issues.some((i) => i.source === 'terminology' && i.code === 'DIZ_CODESYSTEM_BLOCKED')).toBe(true);
  });

  it('SING_VACC without realmCode: ERRORE-1 and ERRORE-2', async () => {
    expect(await errors(edit(read('SING_VACC.xml'), '<realmCode code="IT"/>', ''))).toEqual(['ERRORE-1', 'ERRORE-2']);
  });

  it('RAP with the author given name removed: ERRORE-39 with the computed path', async () => {
    const r = await v.validateXml(enc(edit(read('RAP.xml'), '<given>Matteo</given>', '')));
    expect(r.schematron.failedAsserts).toBe(1);
    const e39 = r.issues.find((i) => i.code === 'ERRORE-39');
    expect(e39?.message).toContain('Path: ClinicalDocument/author/assignedAuthor/assignedPerson.');
  });
});

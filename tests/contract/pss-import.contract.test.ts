/**
 * pss.importPreview / pss.importApply (existing documents seed the record): the
 * official IG example PSS into its patient's record, over both transports.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Patient } from '../../shared/domain/patient.ts';
import { syntheticPatients } from '../../shared/synthetic/patients.ts';
import { transports, type ContractFixture } from './transports.ts';
import { rejection } from '../helpers/rejection.ts';

// Official test data (tests/fixtures/pss/README.md): patient RSSMRA22A01A399Z of the IG example.
const OFFICIAL = readFileSync('tests/fixtures/pss/official-PSS.xml', 'utf8');
const b64 = (text: string): string => Buffer.from(text).toString('base64');


describe.each(transports)('PSS import over %s', (_name, make) => {
  let f: ContractFixture;
  let owner: Patient;
  let other: Patient;
  beforeAll(async () => {
    f = await make();
    owner = await f.client.call('patients.create', { surname: 'Rossi', givenName: 'Mario', sex: 'M', birthDate: '1922-01-01', identifierKind: 'CF', identifier: 'RSSMRA22A01A399Z' });
    other = await f.client.call('patients.create', syntheticPatients({ count: 1, seed: 5 })[0]!);
  }, 60_000);
  afterAll(() => f.dispose());

  it('previews what the official example adds, writes nothing, then applies it once; a second import adds nothing', async () => {
    const preview = await f.client.call('pss.importPreview', { patientId: owner.id, fileBase64: b64(OFFICIAL) });
    expect(preview.add).toBeGreaterThan(5);
    expect(preview.duplicates).toBe(0);
    expect(preview.document.effectiveDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(preview.sections.map((s) => s.section)).toEqual(expect.arrayContaining(['allergies', 'medications', 'vaccinations']));
    expect(preview.sections.reduce((n, s) => n + s.entries.length, 0)).toBe(preview.add);
    expect((await f.client.call('record.get', { patientId: owner.id })).meta).toHaveLength(0);
    expect(preview.cleared).toEqual([]);

    // "No known allergies" in the record, and the document brings an allergy: the finding wins.
    await f.client.call('record.setStatement', { patientId: owner.id, key: 'noAllergies', value: 'no-known-allergies' });
    expect((await f.client.call('pss.importPreview', { patientId: owner.id, fileBase64: b64(OFFICIAL) })).cleared).toEqual(['noAllergies']);

    const applied = await f.client.call('pss.importApply', { patientId: owner.id, fileBase64: b64(OFFICIAL) });
    expect(applied.add).toBe(preview.add);
    expect(applied.cleared).toEqual(['noAllergies']);
    const view = await f.client.call('record.get', { patientId: owner.id });
    expect(view.record.noAllergies).toBeUndefined();
    for (const s of preview.sections) expect(view.record[s.section]).toHaveLength(s.entries.length);

    const again = await f.client.call('pss.importApply', { patientId: owner.id, fileBase64: b64(OFFICIAL) });
    expect(again.add).toBe(0);
    expect(again.duplicates).toBe(preview.add);
    expect((await f.client.call('record.get', { patientId: owner.id })).meta).toHaveLength(view.meta.length);

    // The imported record builds into a PSS the validator accepts (warnings allowed)…
    const built = await f.client.call('pss.preview', { patientId: owner.id });
    expect(built.issues.filter((i) => i.severity === 'error').map((i) => `${i.code} ${i.location} ${i.message}`)).toEqual([]);
    // …and that PDF (CDA attached) imported back adds nothing: every entry is already there.
    const fromPdf = await f.client.call('pss.importPreview', { patientId: owner.id, fileBase64: built.pdfBase64! });
    expect(fromPdf.add).toBe(0);
    expect(fromPdf.duplicates).toBe(preview.add);
  }, 120_000);

  it("refuses another patient's document, a non-PSS and malformed XML, with typed errors and nothing written", async () => {
    const e1 = await rejection(f.client.call('pss.importPreview', { patientId: other.id, fileBase64: b64(OFFICIAL) }));
    expect(e1.code).toBe('CONFLICT');
    expect(e1.data).toMatchObject({ entity: 'patient', field: 'identifier' });
    const notPss = OFFICIAL.replace('code="60591-5"', 'code="11488-4"');
    const e2 = await rejection(f.client.call('pss.importApply', { patientId: owner.id, fileBase64: b64(notPss) }));
    expect(e2.code).toBe('VALIDATION_FAILED');
    expect(e2.data).toMatchObject({ issues: [{ code: 'NOT_PSS' }] });
    const e3 = await rejection(f.client.call('pss.importApply', { patientId: other.id, fileBase64: b64(OFFICIAL.slice(0, 2000)) }));
    expect(e3.code).toBe('VALIDATION_FAILED');
    expect(e3.data).toMatchObject({ issues: [{ code: 'XML' }] });
    const e4 = await rejection(f.client.call('pss.importPreview', { patientId: owner.id, fileBase64: b64('%PDF-1.7\n%%EOF\n') }));
    expect(e4.code).toBe('VALIDATION_FAILED');
    expect(e4.data).toMatchObject({ issues: [{ code: 'NO_CDA' }] });
    expect((await f.client.call('record.get', { patientId: other.id })).meta).toHaveLength(0);
  });
});

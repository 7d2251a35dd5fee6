/**
 * import.preview / import.apply and the read side of received documents, over both transports,
 * per import kind on the official examples and the accreditation cases: what the preview says,
 * that it writes nothing, that confirming writes it once (every coded LAB value once, LDO
 * proposals only as confirmed), that a second import adds nothing and that bad input is refused
 * with a typed reason and writes nothing.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Patient } from '../../shared/domain/patient.ts';
import { syntheticPatients } from '../../shared/synthetic/patients.ts';
import { parseReceivedCda } from '../../shared/import/parse-cda.ts';
import { transports, type ContractFixture } from './transports.ts';
import { rejection } from '../helpers/rejection.ts';

const file = (path: string) => ({ fileName: path.split('/').pop()!, fileBase64: readFileSync(path).toString('base64') });
const text = (name: string, body: string) => ({ fileName: name, fileBase64: Buffer.from(body).toString('base64') });
const OFFICIAL = 'tests/fixtures/cda/official-examples';
const LAB_CASES = 'tests/fixtures/cda/accreditamento-ok/Casi_OK_Referto_di_Medicina_di_Laboratorio';
// The ministry's test patient, with demographics its codice fiscale encodes (the panel checks them).
const TEST_PATIENT = { surname: 'Gatwa', givenName: 'Gawy', sex: 'F' as const, birthDate: '1982-02-02', identifierKind: 'CF' as const, identifier: 'GTWGWY82B42G920M' };

describe.each(transports)('import of received documents over %s', (_name, make) => {
  let f: ContractFixture;
  let owner: Patient;
  let other: Patient;
  beforeAll(async () => {
    f = await make();
    owner = await f.client.call('patients.create', TEST_PATIENT);
    other = await f.client.call('patients.create', syntheticPatients({ count: 1, seed: 7 })[0]!);
  }, 60_000);
  afterAll(() => f.dispose());

  const list = (patientId: string) => f.client.call('received.list', { patientId });

  it('LAB: the preview shows the value, its flag and the verdicts and writes nothing; confirming adds it once; again, and as signed PDF or FHIR, adds nothing', async () => {
    const preview = await f.client.call('import.preview', { patientId: owner.id, ...file(`${OFFICIAL}/LAB.xml`) });
    expect(preview.document).toMatchObject({ kind: 'LAB', format: 'cda', typeCode: '11502-2' });
    expect(preview.observations.add).toEqual([expect.objectContaining({ code: '14957-5', value: { type: 'quantity', value: 16, unit: 'mg/L' }, flag: expect.stringContaining('20 mg/L') })]);
    expect(preview.flags).toHaveLength(1);
    expect(preview.validation.verdict).toBe('valid');
    expect(preview.signature.verdict).toBe('not-applicable');
    expect(preview.added).toEqual({ documents: 1, observations: 1 });
    expect(preview.applied).toBe(false);
    expect((await list(owner.id)).total).toBe(0);

    const applied = await f.client.call('import.apply', { patientId: owner.id, ...file(`${OFFICIAL}/LAB.xml`) });
    expect(applied).toMatchObject({ applied: true, documentId: preview.documentId, added: { documents: 1, observations: 1 } });
    const got = await f.client.call('received.get', { patientId: owner.id, documentId: applied.documentId });
    expect(got.document).toMatchObject({ kind: 'LAB', title: 'REFERTO DI LABORATORIO', validation: { verdict: 'valid' } });
    expect(got.derived.observations).toEqual([expect.objectContaining({ documentId: applied.documentId, value: { type: 'quantity', value: 16, unit: 'mg/L' } })]);
    expect(got.text).toContain('Albumina nelle Urine');
    const opened = await f.client.call('received.open', { patientId: owner.id, documentId: applied.documentId });
    expect(Buffer.from(opened.fileBase64, 'base64').equals(readFileSync(`${OFFICIAL}/LAB.xml`))).toBe(true);
    expect(opened.mediaType).toBe('application/xml');

    for (const again of [file(`${OFFICIAL}/LAB.xml`), file('tests/fixtures/signing/LAB.pdf'), file('tests/fixtures/import/fhir/LAB.json')]) {
      const r = await f.client.call('import.apply', { patientId: owner.id, ...again });
      expect(r.duplicate, again.fileName).not.toBeNull();
      expect(r.added, again.fileName).toEqual({});
    }
    expect((await list(owner.id)).total).toBe(1);
  }, 120_000);

  it('a signed PDF (PAdES): the CDA it carries is imported and the signature verdict stored', async () => {
    const p = await f.client.call('patients.create', syntheticPatients({ count: 1, seed: 11 })[0]!);
    // The ministry's signed LAB (tests/fixtures/signing/LAB.pdf) names GTWGWY82B42G920M: its own patient.
    const r = await f.client.call('import.preview', { patientId: owner.id, ...file('tests/fixtures/signing/LAB.pdf') });
    expect(r.document.format).toBe('pdf-signed');
    expect(r.signature.verdict).not.toBe('not-applicable');
    expect(r.signature.signer).toBeTruthy();
    const e = await rejection(f.client.call('import.preview', { patientId: p.id, ...file('tests/fixtures/signing/LAB.pdf') }));
    expect(e).toMatchObject({ code: 'IMPORT_REFUSED', data: { reason: 'OTHER_PATIENT' } });
  }, 60_000);

  it('every coded value of the accreditation LAB cases lands once, in its own patient', async () => {
    const patients = syntheticPatients({ count: 8, seed: 21 });
    let i = 0;
    for (const name of readdirSync(LAB_CASES)) {
      const p = await f.client.call('patients.create', patients[i++]!);
      const xml = readFileSync(`${LAB_CASES}/${name}`, 'utf8').replace(/(<patientRole[^>]*>\s*<id [^>]*extension=")PROVAX00X00X000Y/, `$1${p.identifier}`);
      const expected = parseReceivedCda(xml).observations.length;
      const r = await f.client.call('import.apply', { patientId: p.id, ...text(name, xml) });
      expect(r.added.observations ?? 0, name).toBe(expected);
      const got = await f.client.call('received.get', { patientId: p.id, documentId: r.documentId });
      expect(got.derived.observations, name).toHaveLength(expected);
      const again = await f.client.call('import.apply', { patientId: p.id, ...text(name, xml) });
      expect(again.added, name).toEqual({});
    }
  }, 120_000);

  it('LDO: diagnoses, allergy, stay and therapy are proposed, not written, until confirmed; confirmed as the doctor chose', async () => {
    const p = owner;
    const preview = await f.client.call('import.preview', { patientId: p.id, ...file(`${OFFICIAL}/LDO.xml`) });
    expect(preview.problems).toEqual([expect.objectContaining({ entry: expect.objectContaining({ diagnosis: { code: '428.0', display: 'Insufficienza cardiaca' } }), include: true, already: false })]);
    expect(preview.allergies).toHaveLength(1);
    expect(preview.encounters).toEqual([expect.objectContaining({ entry: expect.objectContaining({ encounterType: { code: 'IMP', display: 'Ricovero' }, start: '2022-03-17', end: '2022-04-17' }) })]);
    expect(preview.therapy).toEqual([expect.objectContaining({ key: 'new:t1', action: 'start', actions: ['start', 'skip'] })]);
    const before = await f.client.call('record.get', { patientId: p.id });
    expect(before.record.problems).toHaveLength(0);
    expect(before.record.encounters).toHaveLength(0);

    const allergyId = preview.allergies[0]!.entry.id.split('.').pop()!;
    const applied = await f.client.call('import.apply', {
      patientId: p.id, ...file(`${OFFICIAL}/LDO.xml`),
      decisions: { include: { [allergyId]: false }, therapy: { 'new:t1': { action: 'skip' } } },
    });
    expect(applied.added).toEqual({ documents: 1, problems: 1, encounters: 1 });
    const after = await f.client.call('record.get', { patientId: p.id });
    expect(after.record.problems.map((x) => x.diagnosis.code)).toEqual(['428.0']);
    expect(after.record.encounters.map((x) => [x.encounterType.code, x.start, x.end])).toEqual([['IMP', '2022-03-17', '2022-04-17']]);
    expect(after.record.allergies).toHaveLength(0);
    const got = await f.client.call('received.get', { patientId: p.id, documentId: applied.documentId });
    expect(got.derived.entries.map((e) => e.section).sort()).toEqual(['encounters', 'problems']);
    expect(got.derived.therapyPlans).toHaveLength(0);
  }, 60_000);

  it('LDO with the defaults (the CLI\'s): the discharge medicine becomes a therapy plan carrying the letter\'s id', async () => {
    const p = await f.client.call('patients.create', syntheticPatients({ count: 1, seed: 31 })[0]!);
    const xml = readFileSync(`${OFFICIAL}/LDO.xml`, 'utf8').replace(/(<patientRole[^>]*>\s*<id [^>]*extension=")GTWGWY82B42G920M/, `$1${p.identifier}`);
    const r = await f.client.call('import.apply', { patientId: p.id, ...text('LDO.xml', xml) });
    expect(r.added).toMatchObject({ problems: 1, allergies: 1, encounters: 1, therapies: 1 });
    const got = await f.client.call('received.get', { patientId: p.id, documentId: r.documentId });
    expect(got.derived.therapyPlans).toEqual([expect.objectContaining({ atc: expect.objectContaining({ code: 'C08CA01' }), status: 'active', route: 'PO', documentId: r.documentId, source: 'specialist' })]);
  }, 60_000);

  it('LDO reconciliation against the current therapies: change one to the letter\'s dosage, stop one the letter omits', async () => {
    const p = await f.client.call('patients.create', syntheticPatients({ count: 1, seed: 33 })[0]!);
    const base = { source: 'doctor' as const, route: 'PO' as const, status: 'active' as const };
    await f.client.call('record.upsertEntry', { patientId: p.id, section: 'medications', entry: { ...base, id: 'AML', atc: { code: 'C08CA01', display: 'AMLODIPINA' }, dosageText: '1 cp ore 8' } });
    await f.client.call('record.upsertEntry', { patientId: p.id, section: 'medications', entry: { ...base, id: 'MET', atc: { code: 'A10BA02', display: 'METFORMINA' }, dosageText: '1 cp x 2' } });
    const xml = readFileSync(`${OFFICIAL}/LDO.xml`, 'utf8').replace(/(<patientRole[^>]*>\s*<id [^>]*extension=")GTWGWY82B42G920M/, `$1${p.identifier}`);
    const preview = await f.client.call('import.preview', { patientId: p.id, ...text('LDO.xml', xml) });
    expect(preview.therapy.map((r) => [r.key, r.action])).toEqual([['plan:AML', 'change'], ['plan:MET', 'keep']]);
    expect((await f.client.call('record.get', { patientId: p.id })).record.medications.map((m) => m.dosageText)).toEqual(['1 cp ore 8', '1 cp x 2']);
    await f.client.call('import.apply', { patientId: p.id, ...text('LDO.xml', xml), decisions: { include: {}, therapy: { 'plan:MET': { action: 'stop' } } } });
    const meds = (await f.client.call('record.get', { patientId: p.id })).record.medications;
    expect(meds.find((m) => m.id === 'AML')).toMatchObject({ dosageText: preview.therapy[0]!.medicine!.dosageText, aic: { code: '043348022' }, status: 'active' });
    expect(meds.find((m) => m.id === 'MET')).toMatchObject({ status: 'completed', end: '2022-04-17' });
  }, 60_000);

  it('VPS, RSA, RAD, RAP, ERF, FHIR telemonitoring, device and dispensation CSV: each kind once, the second time nothing', async () => {
    const p = owner;
    const cases: Array<[ReturnType<typeof file>, Record<string, number>]> = [
      [file(`${OFFICIAL}/VPS.xml`), { documents: 1, observations: 1 }],
      [file(`${OFFICIAL}/RSA.xml`), { documents: 1 }],
      [file(`${OFFICIAL}/RAD.xml`), { documents: 1 }],
      [file('tests/fixtures/import/erf/ERF-1.xml'), { documents: 1, dispensations: 2 }],
      [file('tests/fixtures/import/fhir/telemonitoring-report.json'), { documents: 1, observations: 5 }],
      [file('tests/fixtures/import/csv/libreview-it.csv'), { documents: 1, observations: 5 }],
      [file('tests/fixtures/import/csv/omron.csv'), { documents: 1, observations: 9 }],
      [file('tests/fixtures/import/csv/dispensations.csv'), { documents: 1, dispensations: 3 }],
    ];
    for (const [input, added] of cases) {
      const r = await f.client.call('import.apply', { patientId: p.id, ...input });
      expect(r.added, input.fileName).toEqual(added);
      expect((await f.client.call('import.apply', { patientId: p.id, ...input })).added, input.fileName).toEqual({});
    }
    // The English LibreView export of overlapping days: only readings not yet in the record are added.
    const en = await f.client.call('import.apply', { patientId: p.id, ...file('tests/fixtures/import/csv/libreview-en.csv') });
    expect(en.observations).toMatchObject({ already: 3, add: [] });
    const rap = await f.client.call('patients.create', syntheticPatients({ count: 1, seed: 41 })[0]!);
    const rapXml = readFileSync(`${OFFICIAL}/RAP.xml`, 'utf8').replace(/(<patientRole[^>]*>\s*<id [^>]*extension=")PROVAX00X00X000Y/, `$1${rap.identifier}`);
    expect((await f.client.call('import.apply', { patientId: rap.id, ...text('RAP.xml', rapXml) })).added).toEqual({ documents: 1 });
  }, 120_000);

  it('a generic device CSV is refused with its columns until the doctor saves a mapping, then read with it', async () => {
    const p = await f.client.call('patients.create', syntheticPatients({ count: 1, seed: 51 })[0]!);
    const input = { patientId: p.id, ...file('tests/fixtures/import/csv/generic-scale.csv') };
    expect(await rejection(f.client.call('import.preview', input))).toMatchObject({ code: 'IMPORT_REFUSED', data: { reason: 'CSV_COLUMNS', detail: 'Giorno, Peso kg, Note' } });
    await f.client.call('import.saveCsvMapping', {
      name: 'Bilancia', dateColumn: 'Giorno', dateFormat: 'DD/MM/YYYY HH:mm', timeZone: 'Europe/Rome',
      measures: [{ column: 'Peso kg', code: '29463-7', display: 'Peso corporeo', unit: 'kg' }],
    });
    expect((await f.client.call('import.csvMappings', {})).map((m) => m.name)).toEqual(['Bilancia']);
    const r = await f.client.call('import.apply', input);
    expect(r.added).toEqual({ documents: 1, observations: 3 });
    expect(r.csv).toMatchObject({ shape: 'mapping', dateFormat: 'DD/MM/YYYY HH:mm', timeZone: 'Europe/Rome' });
  }, 60_000);

  it('refuses malformed XML, a PDF without a CDA, another patient\'s document, unknown CSV columns and an unknown file, with a reason, writing nothing', async () => {
    const lab = readFileSync(`${OFFICIAL}/LAB.xml`, 'utf8');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ patientId: other.id, ...text('LAB.xml', lab.slice(0, 3000)) }, 'XML'],
      [{ patientId: other.id, ...text('nota.xml', '<?xml version="1.0"?><nota>ciao</nota>') }, 'NOT_CDA'],
      [{ patientId: other.id, ...file('tests/fixtures/cda/pdf/Test.pdf') }, 'NO_CDA'],
      [{ patientId: other.id, ...file(`${OFFICIAL}/LAB.xml`) }, 'OTHER_PATIENT'],
      [{ patientId: other.id, ...file('tests/fixtures/import/csv/unknown-columns.csv') }, 'CSV_COLUMNS'],
      [{ patientId: other.id, ...text('x.bin', 'nient\'altro che testo') }, 'UNSUPPORTED'],
      [{ patientId: other.id, ...text('vuoto.xml', '') }, 'INVALID_INPUT'],
      [{ ...file(`${OFFICIAL}/PSS.xml`) }, 'UNKNOWN_PATIENT'],
      [{ ...file('tests/fixtures/import/csv/omron.csv') }, 'NO_PATIENT'],
    ];
    for (const [input, reason] of cases) {
      for (const method of ['import.preview', 'import.apply'] as const) {
        const e = await rejection(f.client.call(method, input as never));
        if (reason === 'INVALID_INPUT') expect(e.code).toBe('INVALID_INPUT');
        else expect(e, `${method} ${reason}`).toMatchObject({ code: 'IMPORT_REFUSED', data: { reason } });
      }
    }
    expect((await list(other.id)).total).toBe(0);
    const view = await f.client.call('record.get', { patientId: other.id });
    expect(view.meta).toHaveLength(0);
    expect((await f.client.call('patients.search', { text: '', limit: 100 })).items.some((x) => x.identifier === 'RSSMRA22A01A399Z')).toBe(false);
  }, 60_000);

  it('createPatient registers the document\'s patient from recordTarget', async () => {
    const r = await f.client.call('import.apply', { ...file(`${OFFICIAL}/PSS.xml`), createPatient: true });
    expect(r.patient).toMatchObject({ identifier: 'RSSMRA22A01A399Z', create: true });
    expect(r.added).toMatchObject({ documents: 1 });
    expect(r.added.entries).toBeGreaterThan(5);
    const found = await f.client.call('patients.search', { text: 'RSSMRA22A01A399Z', limit: 5 });
    expect(found.items.map((x) => x.id)).toEqual([r.patient.id]);
  }, 60_000);
});

/**
 * importDicom and `cartella imaging import` from paths: a CD copy whose names changed case,
 * a folder, single files; the patient given, or registered from the codice fiscale in the files.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDicomSource } from '../../../electron/cli/imaging-import.ts';
import { importDicom } from '../../../electron/services/imaging/import-dicom.ts';
import { encodeCodiceFiscale } from '../../../shared/domain/codice-fiscale.ts';
import type { Patient } from '../../../shared/domain/patient.ts';
import { syntheticSeries } from '../../helpers/dicom-writer.ts';
import { tempDir, tempServices } from '../../helpers/temp-services.ts';
import { FIXTURES } from '../dicom/helpers.ts';

describe('importDicom from paths', () => {
  let s: Awaited<ReturnType<typeof tempServices>>;
  let media: ReturnType<typeof tempDir>;
  let doe: Patient;
  const call = async <T>(method: string, params: unknown): Promise<T> => {
    const r = await s.dispatcher.dispatch(method, params, { actor: 'test', transport: 'in-process' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value as T;
  };

  beforeAll(async () => {
    s = await tempServices();
    media = tempDir();
    doe = await call<Patient>('patients.create', { surname: 'Doe', givenName: 'Peter', sex: 'M', birthDate: '1960-05-05', identifierKind: 'STP', identifier: 'STP0000000000009' });
    // The sample CD as a lower-casing mount shows it, with a viewer program beside it.
    const cd = join(media.path, 'cd');
    cpSync(join(FIXTURES, 'pydicom-test_files/dicomdirtests'), cd, { recursive: true });
    renameSync(join(cd, 'DICOMDIR'), join(cd, 'dicomdir'));
    renameSync(join(cd, '98892003'), join(cd, 'tmp'));
    renameSync(join(cd, 'tmp'), join(cd, '98892003'.toLowerCase()));
    renameSync(join(cd, '98892003', 'MR700'), join(cd, '98892003', 'mr700'));
    writeFileSync(join(cd, 'viewer.exe'), Buffer.from('MZ'));
  }, 60_000);
  afterAll(async () => {
    await s.dispose();
    media.dispose();
  });

  it('a CD copy through its DICOMDIR (names in any case) into the given patient; refused without confirmation, then confirmed; nothing left in staging', async () => {
    const cd = join(media.path, 'cd');
    expect(await isDicomSource(cd)).toBe(true);
    expect(await isDicomSource(join(cd, 'viewer.exe'))).toBe(false);
    const refused = await importDicom(s, [cd], { patientId: doe.id });
    expect(refused.studies).toHaveLength(6);
    expect(refused.studies.every((x) => x.error?.code === 'CONFLICT')).toBe(true);
    expect(refused.problems).toEqual([]);
    const done = await importDicom(s, [cd], { patientId: doe.id, confirmOtherPatient: true });
    expect(done.studies.reduce((n, x) => n + (x.added ?? 0), 0)).toBe(31);
    expect(done.studies.every((x) => x.patientId === doe.id && x.matchedBy === 'confirmed')).toBe(true);
    const again = await importDicom(s, [join(cd, 'dicomdir')], { patientId: doe.id });
    expect(again.studies.map((x) => [x.added, x.error])).toEqual(done.studies.map(() => [0, undefined]));
    const staging = join(s.dataDir, 'imaging', 'staging');
    expect(existsSync(staging) ? readdirSync(staging) : []).toEqual([]);
  });

  it('createPatient: the patient the files name by codice fiscale is registered once, then found', async () => {
    const cf = encodeCodiceFiscale({ surname: 'Russo', givenName: 'Chiara', birthDate: '1988-11-23', sex: 'F', belfiore: 'A662' });
    const folder = join(media.path, 'usb');
    mkdirSync(folder);
    for (const f of syntheticSeries('2.25.9100', 4, { patientName: 'RUSSO CHIARA', patientId: cf, studyDescription: 'ECO addome' })) writeFileSync(join(folder, f.name), f.bytes);
    const first = await importDicom(s, [folder], { createPatient: true });
    expect(first.createdPatients).toHaveLength(1);
    const created = await call<Patient>('patients.get', { id: first.createdPatients[0] });
    expect(created).toMatchObject({ surname: 'Russo', givenName: 'Chiara', sex: 'F', birthDate: '1988-11-23', identifierKind: 'CF', identifier: cf });
    expect(first.studies[0]).toMatchObject({ patientId: created.id, matchedBy: 'codiceFiscale', added: 4, description: 'ECO addome', modalities: ['CT'] });
    const second = await importDicom(s, [folder], { createPatient: true });
    expect(second.createdPatients).toEqual([]);
    expect(second.studies[0]).toMatchObject({ patientId: created.id, added: 0, alreadyHere: 4 });
    // Files that name nobody and carry no codice fiscale: refused, nobody registered.
    const anonymous = join(media.path, 'anon');
    mkdirSync(anonymous);
    for (const f of syntheticSeries('2.25.9200', 1, { patientName: 'ANONYMOUS', patientId: '000' })) writeFileSync(join(anonymous, f.name), f.bytes);
    const refused = await importDicom(s, [anonymous], { createPatient: true });
    expect(refused.createdPatients).toEqual([]);
    expect(refused.studies[0]!.error?.code).toBe('CONFLICT');
  });

  it('cartella imaging import: one JSON line per study, then one per file not imported; exit 1 when any', async () => {
    const { runCli } = await import('../../../electron/cli/main.ts');
    const folder = join(media.path, 'cli');
    mkdirSync(folder);
    const files = syntheticSeries('2.25.9300', 3, { patientName: 'Doe^Peter', patientId: 'X', birthDate: '19600505', studyDescription: 'TC' });
    files.forEach((f, k) => writeFileSync(join(folder, f.name), k === 2 ? f.bytes.subarray(0, 500) : f.bytes));
    const out: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
    let code: number;
    try {
      code = await runCli(['imaging', 'import', folder, '--patient', doe.id, '--db', join(s.dataDir, 'cartella.db')]);
    } finally {
      process.stdout.write = write;
    }
    const lines = out.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(code).toBe(1);
    expect(lines[0]).toMatchObject({ studyUid: '2.25.9300.1', patientId: doe.id, description: 'TC', modalities: ['CT'], series: 1, instances: 2, added: 2, matchedBy: 'nameBirthDate' });
    expect(lines[1]).toMatchObject({ file: join(folder, files[2]!.name), error: { code: 'DICOM_INVALID', reason: 'truncated' } });
  });
  it('cartella import (the record\'s) hands a DICOM folder to the imaging importer: the study to the patient its files name', async () => {
    const { runCli } = await import('../../../electron/cli/main.ts');
    const folder = join(media.path, 'record-cli');
    mkdirSync(folder);
    const files = syntheticSeries('2.25.9400', 2, { patientName: 'Doe^Peter', patientId: 'X', birthDate: '19600505', studyDescription: 'RX torace' });
    for (const f of files) writeFileSync(join(folder, f.name), f.bytes);
    const out: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
    let code: number;
    try {
      code = await runCli(['import', folder, '--db', join(s.dataDir, 'cartella.db')]);
    } finally {
      process.stdout.write = write;
    }
    const lines = out.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(code).toBe(0);
    expect(lines).toEqual([expect.objectContaining({ studyUid: '2.25.9400.1', patientId: doe.id, description: 'RX torace', added: 2, matchedBy: 'nameBirthDate' })]);
  });
});

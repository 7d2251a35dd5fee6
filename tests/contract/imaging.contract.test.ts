/**
 * Immagini over both transports: the DICOMDIR sample (DCMTK dcmmkdir, 2 patients, 6 studies,
 * 13 series, 31 images) into a patient as the UI sends it, single files, a folder with damaged
 * files, importing again, the patient named by codice fiscale or by name and birth date, and
 * another patient's study refused unless the doctor confirms it. Files are read back byte for
 * byte, and at rest they are unreadable.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Patient } from '../../shared/domain/patient.ts';
import { encodeCodiceFiscale } from '../../shared/domain/codice-fiscale.ts';
import { transports, type ContractFixture } from './transports.ts';
import { rejection } from '../helpers/rejection.ts';
import { folderSources, stageForPatient, upload } from '../helpers/imaging-upload.ts';
import { syntheticDicom, syntheticSeries } from '../helpers/dicom-writer.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/dicom');
const DICOMDIR_FOLDER = join(FIXTURES, 'pydicom-test_files/dicomdirtests');
const fixture = (rel: string) => new Uint8Array(readFileSync(join(FIXTURES, rel)));

const CF_BIANCHI = encodeCodiceFiscale({ surname: 'Bianchi', givenName: 'Laura', birthDate: '1975-04-12', sex: 'F', belfiore: 'H501' });

describe.each(transports)('Immagini over %s', (_name, make) => {
  let f: ContractFixture;
  let doe: Patient;
  let bianchi: Patient;
  let verdi: Patient;
  beforeAll(async () => {
    f = await make();
    doe = await f.client.call('patients.create', { surname: 'Doe', givenName: 'Peter', sex: 'M', birthDate: '1960-05-05', identifierKind: 'STP', identifier: 'STP0000000000001' });
    bianchi = await f.client.call('patients.create', { surname: 'Bianchi', givenName: 'Laura', sex: 'F', birthDate: '1975-04-12', identifierKind: 'CF', identifier: CF_BIANCHI });
    verdi = await f.client.call('patients.create', { surname: 'Verdi', givenName: 'Giuseppe', sex: 'M', birthDate: '1950-10-10', identifierKind: 'STP', identifier: 'STP0000000000002' });
  }, 60_000);
  afterAll(() => f.dispose());

  it('the DICOMDIR sample: listed, previewed with the patients the files name, imported when confirmed, read back byte for byte; again adds nothing', async () => {
    const sources = folderSources(DICOMDIR_FOLDER);
    const { sessionId } = await f.client.call('imaging.importStart', { patientId: doe.id });
    const sent: string[] = [];
    await upload(f.client, sessionId, sources, 'folder', sent);
    // The DICOMDIR first, then exactly its 31 files (the README beside them is never sent).
    expect(sent[0]).toBe('dicomdirtests/DICOMDIR');
    expect(sent).toHaveLength(32);
    expect(sent).not.toContain('dicomdirtests/README.txt');

    const preview = await f.client.call('imaging.importPreview', { sessionId });
    expect(preview.dicomdir).toEqual({ patients: 2, studies: 6, series: 13, instances: 31 });
    expect(preview.files).toEqual({ instances: 31, dicomdir: 1, skipped: 0 });
    expect(preview.problems).toEqual([]);
    expect(preview.studies).toHaveLength(6);
    expect(preview.studies.reduce((n, s) => n + s.series.length, 0)).toBe(13);
    expect(preview.studies.every((s) => s.newInstances === s.instances && s.alreadyHere === 0)).toBe(true);
    // Doe^Peter has no birth date in the files: his name alone cannot tell; Archibald is someone else.
    const peter = preview.studies.filter((s) => s.dicomPatient.name?.raw === 'Doe^Peter');
    const archibald = preview.studies.filter((s) => s.dicomPatient.name?.raw === 'Doe^Archibald');
    expect([peter.length, archibald.length]).toEqual([4, 2]);
    expect(new Set(peter.map((s) => s.agreement))).toEqual(new Set(['unknown']));
    expect(new Set(archibald.map((s) => s.agreement))).toEqual(new Set(['different']));
    expect(await f.client.call('imaging.studies', { patientId: doe.id })).toEqual({ studies: [] });

    // Not confirmed: refused, nothing written, the session still open.
    const refused = await rejection(f.client.call('imaging.importApply', { sessionId, studies: [{ studyUid: peter[0]!.studyUid }] }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.data).toEqual({ entity: 'imagingStudy', field: 'patient' });
    expect((await f.client.call('imaging.studies', { patientId: doe.id })).studies).toHaveLength(0);

    const events: { phase: string; done: number; total: number }[] = [];
    const stop = f.client.subscribe('imaging.importProgress', (e) => e.sessionId === sessionId && events.push(e));
    const applied = await f.client.call('imaging.importApply', { sessionId, studies: peter.map((s) => ({ studyUid: s.studyUid, confirmed: true })) });
    stop();
    expect(applied.studies.map((s) => [s.added, s.matchedBy])).toEqual(peter.map((s) => [s.instances, 'confirmed']));
    expect(events.at(-1)).toMatchObject({ phase: 'saving', done: 24, total: 24 });
    // The session ended with the apply.
    expect((await rejection(f.client.call('imaging.importPreview', { sessionId }))).code).toBe('NOT_FOUND');

    const { studies } = await f.client.call('imaging.studies', { patientId: doe.id });
    expect(studies.map((s) => s.date)).toEqual(['2003-05-05', '2003-05-05', '2003-05-05', '2001-01-01']); // newest first
    expect(studies.reduce((n, s) => n + s.instances, 0)).toBe(24);
    // The studies are in the patient's timeline, on their study dates, opening by Study Instance UID.
    const { items } = await f.client.call('timeline.list', { patientId: doe.id, kinds: ['imaging'], limit: 10 });
    // Newest first; on one day by id, descending (the timeline's one order over every kind).
    const byTimeline = [...studies].sort((a, b) => (a.date !== b.date ? ((b.date ?? '') < (a.date ?? '') ? -1 : 1) : b.studyUid < a.studyUid ? -1 : 1));
    expect(items.map((i) => [i.kind, i.at.slice(0, 10), i.ref])).toEqual(byTimeline.map((s) => ['imaging', s.date, s.studyUid]));
    expect(items.find((i) => i.ref === studies.find((s) => s.description === 'Brain-MRA')!.studyUid)?.tag).toBe('MR');
    const mra = studies.find((s) => s.description === 'Brain-MRA')!;
    expect(mra).toMatchObject({ modalities: ['MR'], series: 3, instances: 11, images: 11, otherObjects: 0, matchedBy: 'confirmed' });

    const detail = await f.client.call('imaging.study', { patientId: doe.id, studyUid: mra.studyUid });
    expect(detail.series.map((s) => s.number)).toEqual([1, 2, 700]);
    expect(detail.dicomPatient.name?.raw).toBe('Doe^Peter');
    const mr700 = detail.series[2]!;
    expect(mr700.instances).toHaveLength(7);
    // Stack order: along the slices' normal, whatever order the files had.
    const positions = mr700.instances.map((i) => i.position!);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));

    // Byte for byte: each instance equals the file on the sample CD.
    const bySop = new Map<string, string>();
    for (const file of readdirSync(DICOMDIR_FOLDER, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name !== 'DICOMDIR' && !e.name.endsWith('.txt'))) {
      const path = join(file.parentPath, file.name);
      const bytes = readFileSync(path);
      bySop.set(bytes.toString('latin1'), path);
    }
    for (const i of mr700.instances) {
      const { dataBase64 } = await f.client.call('imaging.instanceFile', { patientId: doe.id, sopInstanceUid: i.sopInstanceUid });
      expect(bySop.has(Buffer.from(dataBase64, 'base64').toString('latin1'))).toBe(true);
    }
    // Another patient cannot read it.
    expect((await rejection(f.client.call('imaging.instanceFile', { patientId: verdi.id, sopInstanceUid: mr700.instances[0]!.sopInstanceUid }))).code).toBe('NOT_FOUND');

    // The same CD again: Peter's studies are all here; nothing to add, nothing to confirm.
    const again = await stageForPatient(f.client, doe.id, sources, 'folder');
    const second = await f.client.call('imaging.importPreview', { sessionId: again });
    const peter2 = second.studies.filter((s) => s.dicomPatient.name?.raw === 'Doe^Peter');
    expect(peter2.map((s) => [s.newInstances, s.alreadyHere])).toEqual(peter.map((s) => [0, s.instances]));
    const none = await f.client.call('imaging.importApply', { sessionId: again, studies: peter2.map((s) => ({ studyUid: s.studyUid })) });
    expect(none.studies.map((s) => s.added)).toEqual([0, 0, 0, 0]);
    expect((await f.client.call('imaging.studies', { patientId: doe.id })).studies.reduce((n, s) => n + s.instances, 0)).toBe(24);
  }, 120_000);

  it('single files whose Patient ID is the codice fiscale: matched without confirmation; an SR listed as a non-image object', async () => {
    const series = syntheticSeries('2.25.7001', 3, { patientName: 'BIANCHI^LAURA', patientId: CF_BIANCHI, studyDate: '20240315', studyDescription: 'TC torace', pixelSpacing: [0.7, 0.7] });
    const sources = [...series.map((s) => ({ name: s.name, file: s.bytes })), { name: 'reportsi.dcm', file: fixture('pydicom-test_files/reportsi.dcm') }];
    const sessionId = await stageForPatient(f.client, bianchi.id, sources, 'files');
    const preview = await f.client.call('imaging.importPreview', { sessionId });
    const tc = preview.studies.find((s) => s.description === 'TC torace')!;
    expect(tc).toMatchObject({ agreement: 'same', matchBy: 'codiceFiscale', instances: 3, newInstances: 3 });
    expect(tc.namedPatient).toBeUndefined();
    const sr = preview.studies.find((s) => s.series.some((r) => r.kinds.includes('sr')))!;
    expect(sr.agreement).toBe('different'); // "Last Name^First Name" is not Laura Bianchi
    const result = await f.client.call('imaging.importApply', { sessionId, studies: [{ studyUid: tc.studyUid }, { studyUid: sr.studyUid, confirmed: true }] });
    expect(result.studies.map((s) => [s.added, s.matchedBy])).toEqual([[3, 'codiceFiscale'], [1, 'confirmed']]);
    const studies = (await f.client.call('imaging.studies', { patientId: bianchi.id })).studies;
    expect(studies.find((s) => s.studyUid === sr.studyUid)).toMatchObject({ images: 0, otherObjects: 1 });
    const detail = await f.client.call('imaging.study', { patientId: bianchi.id, studyUid: sr.studyUid });
    expect(detail.series[0]!.instances[0]).toMatchObject({ kind: 'sr', frames: 0 });

    // A file chosen on its own that is not DICOM is reported, not ignored.
    const s2 = await stageForPatient(f.client, bianchi.id, [{ name: 'referto.txt', file: new TextEncoder().encode('referto in testo') }], 'files');
    expect((await f.client.call('imaging.importPreview', { sessionId: s2 })).problems).toEqual([{ file: 'referto.txt', reason: 'not-dicom' }]);
    await f.client.call('imaging.importCancel', { sessionId: s2 });
  }, 60_000);

  it('a folder with a truncated and a damaged file: each reported, the rest of the study imported; non-DICOM files skipped', async () => {
    const series = syntheticSeries('2.25.7002', 5, { patientName: 'Verdi^Giuseppe', patientId: 'H123', birthDate: '19501010', studyDescription: 'RM encefalo' });
    const truncated = series[1]!.bytes.subarray(0, series[1]!.bytes.length - 300);
    const damaged = series[3]!.bytes.slice();
    damaged.set([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], 132); // the file meta's first element
    const sources = [
      { name: 'usb/a/IMG1', file: series[0]!.bytes },
      { name: 'usb/a/IMG2', file: truncated },
      { name: 'usb/a/IMG3', file: series[2]!.bytes },
      { name: 'usb/a/IMG4', file: damaged },
      { name: 'usb/a/IMG5', file: series[4]!.bytes },
      { name: 'usb/viewer/autorun.inf', file: new TextEncoder().encode('[autorun]\nopen=viewer.exe\n') },
      { name: 'usb/viewer/viewer.exe', file: new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff]) },
    ];
    const sessionId = await stageForPatient(f.client, verdi.id, sources, 'folder');
    const preview = await f.client.call('imaging.importPreview', { sessionId });
    expect(preview.files).toEqual({ instances: 3, dicomdir: 0, skipped: 2 });
    expect(preview.problems).toEqual([
      { file: 'usb/a/IMG2', reason: 'truncated' },
      { file: 'usb/a/IMG4', reason: expect.stringMatching(/^(malformed|not-dicom)$/) },
    ]);
    // Hospital record number, name written the Italian way and the birth date: the same person.
    expect(preview.studies).toHaveLength(1);
    expect(preview.studies[0]).toMatchObject({ agreement: 'same', matchBy: 'nameBirthDate', instances: 3 });
    const result = await f.client.call('imaging.importApply', { sessionId, studies: [{ studyUid: preview.studies[0]!.studyUid }] });
    expect(result.studies[0]).toMatchObject({ added: 3, matchedBy: 'nameBirthDate' });
    expect(result.problems).toHaveLength(2);
  });

  it("another patient's study (codice fiscale in the files) is refused unless confirmed; the owner then sees it is elsewhere", async () => {
    const files = syntheticSeries('2.25.7003', 2, { patientName: 'Bianchi^Laura', patientId: CF_BIANCHI, studyDescription: 'RX ginocchio' }).map((s) => ({ name: s.name, file: s.bytes }));
    const sessionId = await stageForPatient(f.client, verdi.id, files, 'files');
    const preview = await f.client.call('imaging.importPreview', { sessionId });
    expect(preview.studies[0]).toMatchObject({ agreement: 'different', namedPatient: { id: bianchi.id, surname: 'Bianchi' } });
    const before = (await f.client.call('imaging.studies', { patientId: verdi.id })).studies.length;
    const e = await rejection(f.client.call('imaging.importApply', { sessionId, studies: [{ studyUid: preview.studies[0]!.studyUid, confirmed: false }] }));
    expect(e.code).toBe('CONFLICT');
    expect((await f.client.call('imaging.studies', { patientId: verdi.id })).studies).toHaveLength(before);
    await f.client.call('imaging.importApply', { sessionId, studies: [{ studyUid: preview.studies[0]!.studyUid, confirmed: true }] });
    expect((await f.client.call('imaging.studies', { patientId: verdi.id })).studies).toHaveLength(before + 1);

    // Into its real owner: the instances are already held by Verdi, never copied twice.
    const s2 = await stageForPatient(f.client, bianchi.id, files, 'files');
    const p2 = await f.client.call('imaging.importPreview', { sessionId: s2 });
    expect(p2.studies[0]).toMatchObject({ agreement: 'same', newInstances: 0, elsewhere: [{ patientId: verdi.id, instances: 2 }] });
    // Removed from Verdi (attached by mistake), it can go to Bianchi.
    const removed = await f.client.call('imaging.removeStudy', { patientId: verdi.id, studyUid: p2.studies[0]!.studyUid });
    expect(removed.instances).toBe(2);
    const r = await f.client.call('imaging.importApply', { sessionId: s2, studies: [{ studyUid: p2.studies[0]!.studyUid }] });
    expect(r.studies[0]).toMatchObject({ added: 2, matchedBy: 'codiceFiscale' });
  });

  it('a large file comes in parts; a part out of order and an unknown session are typed errors', async () => {
    const big = syntheticDicom({ patientName: 'Bianchi^Laura', patientId: CF_BIANCHI, studyUid: '2.25.7004', seriesUid: '2.25.7004.1', sopInstanceUid: '2.25.7004.1.1', rows: 512, columns: 512, frames: 14 });
    expect(big.length).toBeGreaterThan(7 * 1024 * 1024);
    const sessionId = await stageForPatient(f.client, bianchi.id, [{ name: 'cine.dcm', file: big }], 'files');
    const preview = await f.client.call('imaging.importPreview', { sessionId });
    expect(preview.studies[0]).toMatchObject({ instances: 1, agreement: 'same' });
    await f.client.call('imaging.importApply', { sessionId, studies: [{ studyUid: '2.25.7004' }] });
    const back = await f.client.call('imaging.instanceFile', { patientId: bianchi.id, sopInstanceUid: '2.25.7004.1.1' });
    expect(Buffer.from(back.dataBase64, 'base64').equals(Buffer.from(big))).toBe(true);

    const { sessionId: s2 } = await f.client.call('imaging.importStart', { patientId: bianchi.id });
    const e = await rejection(f.client.call('imaging.importFile', { sessionId: s2, name: 'x', dataBase64: 'AAAA', part: 1, parts: 3 }));
    expect(e.code).toBe('INVALID_INPUT');
    await f.client.call('imaging.importCancel', { sessionId: s2 });
    expect((await rejection(f.client.call('imaging.importFile', { sessionId: s2, name: 'x', dataBase64: 'AAAA' }))).code).toBe('NOT_FOUND');
    expect((await rejection(f.client.call('imaging.importStart', { patientId: 'nobody' }))).code).toBe('NOT_FOUND');
  });
  it('a study is linked to its report: the patient\'s received referto di radiologia of that day or the 30 days after, the nearest', async () => {
    // The official RAD example (30/03/2022) into its own patient, registered from the document.
    const rad = await f.client.call('import.apply', { fileName: 'RAD.xml', fileBase64: readFileSync(join(import.meta.dirname, '../fixtures/cda/official-examples/RAD.xml')).toString('base64'), createPatient: true });
    const patientId = rad.patient.id!;
    const study = (root: string, date: string) => syntheticSeries(root, 1, { patientName: 'X^Y', patientId: 'X', studyDate: date, studyDescription: `RX ${date}` }).map((x) => ({ name: `${root}.dcm`, file: x.bytes }));
    const sessionId = await stageForPatient(f.client, patientId, [...study('2.25.7301', '20220330'), ...study('2.25.7302', '20220310'), ...study('2.25.7303', '20220331'), ...study('2.25.7304', '20210330')], 'files');
    const preview = await f.client.call('imaging.importPreview', { sessionId });
    await f.client.call('imaging.importApply', { sessionId, studies: preview.studies.map((x) => ({ studyUid: x.studyUid, confirmed: true })) });
    const reports = Object.fromEntries((await f.client.call('imaging.studies', { patientId })).studies.map((x) => [x.date, x.report?.documentId]));
    // Studies on the report's day or 20 days before it: linked; the day after it, or a year before: not.
    expect(reports).toEqual({ '2022-03-30': rad.documentId, '2022-03-10': rad.documentId, '2022-03-31': undefined, '2021-03-30': undefined });
    const linked = (await f.client.call('imaging.studies', { patientId })).studies.find((x) => x.date === '2022-03-30')!;
    expect(linked.report!.title).toBe(rad.document.title);
    expect((await f.client.call('imaging.study', { patientId, studyUid: linked.studyUid })).report?.documentId).toBe(rad.documentId);
  }, 60_000);
});

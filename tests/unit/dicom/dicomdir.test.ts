/** The DICOMDIR sample (DCMTK dcmmkdir): 2 patients, 6 studies, 13 series, 31 images (dcmdump counts). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDicomdir, referencedPath } from '../../../shared/dicom/dicomdir.ts';
import { parseDicom } from '../../../shared/dicom/parse.ts';
import { TAG } from '../../../shared/dicom/tags.ts';
import { FIXTURES, fixtureBytes, openFixture } from './helpers.ts';

const DIR = 'pydicom-test_files/dicomdirtests';

describe('DICOMDIR', () => {
  it('lists patients, studies, series and instances, each instance naming an existing file of that series', async () => {
    const patients = readDicomdir(await parseDicom(fixtureBytes(`${DIR}/DICOMDIR`)));
    expect(patients.map((p) => [p.id, p.name?.raw])).toEqual([
      ['77654033', 'Doe^Archibald'],
      ['98890234', 'Doe^Peter'],
    ]);
    const studies = patients.flatMap((p) => p.studies);
    const series = studies.flatMap((s) => s.series);
    const instances = series.flatMap((s) => s.instances);
    expect([studies.length, series.length, instances.length]).toEqual([6, 13, 31]);
    for (const s of series) {
      for (const i of s.instances) {
        expect(i.recordType).toBe('IMAGE');
        expect(existsSync(join(FIXTURES, DIR, i.file!)), i.file).toBe(true);
        // The referenced file is that instance, in that series.
        const m = (await openFixture(`${DIR}/${i.file}`)).metadata;
        expect([m.sopInstanceUid, m.series.instanceUid]).toEqual([i.sopInstanceUid, s.instanceUid]);
      }
    }
  });

  it('falls back to the records\' order when the root offset leads nowhere', async () => {
    const parsed = await parseDicom(fixtureBytes(`${DIR}/DICOMDIR`));
    const root = parsed.dataSet.elements[TAG.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity]!;
    const byOffsets = readDicomdir(parsed);
    parsed.dataSet.byteArray.set([1, 0, 0, 0], root.dataOffset); // offset 1: no record there
    expect(readDicomdir(parsed)).toEqual(byOffsets);
  });

  it('refuses unsafe referenced paths and files that are not a DICOMDIR', async () => {
    expect(referencedPath(['A', 'B', 'C'])).toBe('A/B/C');
    for (const bad of [['..', 'x'], ['A', ''], ['/etc'], ['C:', 'x'], []]) expect(referencedPath(bad)).toBeUndefined();
    await expect(parseDicom(fixtureBytes('pydicom-test_files/CT_small.dcm')).then(readDicomdir)).rejects.toMatchObject({ code: 'DICOM_INVALID', data: { reason: 'malformed' } });
  });
});

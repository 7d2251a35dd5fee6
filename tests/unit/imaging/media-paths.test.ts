import { describe, expect, it } from 'vitest';
import { isDicomdirName, mediaName, resolveMediaPaths } from '../../../shared/dicom/media-paths.ts';

describe("a DICOMDIR's references on a mounted CD", () => {
  it('are found whatever the case, ISO 9660 version suffix or trailing dot the mount shows', () => {
    expect(mediaName('img0001.;1')).toBe('IMG0001');
    expect(mediaName('Img0001.dcm;1')).toBe('IMG0001.DCM');
    const available = ['dicom/st000001/se000001/img0001.', 'DICOM/ST000001/SE000001/IM0002;1', 'dicom/st000001/se000001/viewer.exe'];
    const found = resolveMediaPaths(['DICOM/ST000001/SE000001/IMG0001', 'DICOM/ST000001/SE000001/IM0002', 'DICOM/ST000001/SE000001/IM0003'], available);
    expect([...found]).toEqual([
      ['DICOM/ST000001/SE000001/IMG0001', 'dicom/st000001/se000001/img0001.'],
      ['DICOM/ST000001/SE000001/IM0002', 'DICOM/ST000001/SE000001/IM0002;1'],
    ]);
  });

  it('a DICOMDIR is one in any of those forms', () => {
    for (const n of ['DICOMDIR', 'dicomdir', 'cd/DicomDir.', 'DICOMDIR;1']) expect(isDicomdirName(n), n).toBe(true);
    for (const n of ['DICOMDIR.bak', 'dicomdir2', 'DICOMDIR/x']) expect(isDicomdirName(n), n).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { parseDicom } from '../../../shared/dicom/parse.ts';
import { instanceKind, sopClassName } from '../../../shared/dicom/sop-class.ts';
import { readMetadata } from '../../../shared/dicom/metadata.ts';
import { readStructuredReport, type SrItem } from '../../../shared/dicom/structured-report.ts';
import { fixtureBytes } from '../dicom/helpers.ts';

function lines(item: SrItem, depth = 0): string[] {
  const own = `${'  '.repeat(depth)}${[item.concept, item.value].filter(Boolean).join(': ')}`;
  return [own, ...item.children.flatMap((c) => lines(c, depth + 1))];
}

describe('objects without images', () => {
  it('an SR reads as its content tree: concept names and values by value type (DCMTK basic text SR sample)', async () => {
    const report = readStructuredReport(await parseDicom(fixtureBytes('pydicom-test_files/reportsi.dcm')))!;
    expect(report).toMatchObject({ completion: 'PARTIAL', verification: 'UNVERIFIED', truncated: false });
    expect(lines(report.root)).toEqual([
      'Document Title',
      '  Observation Context Mode: DIRECT',
      "  Recording Observer's Name: Enter text",
      "  Recording Observer's Organization Name: Enter text",
      '  Observation Context Mode: PATIENT',
      '  Section Heading',
      '    Report Text: Enter text',
      '      Image Reference: 0',
      '    Image Reference: 0',
    ]);
    expect(report.root.children[1]).toMatchObject({ relationship: 'HAS OBS CONTEXT', valueType: 'PNAME' });
  });

  it('each sample has the kind the viewer needs: images, SR, segmentation, RT dose, DICOMDIR', async () => {
    const kinds: [string, string, string | undefined][] = [
      ['pydicom-test_files/CT_small.dcm', 'image', 'CT Image'],
      ['pydicom-test_files/examples_ybr_color.dcm', 'image', 'Ultrasound Multi-frame Image'],
      ['pydicom-test_files/reportsi.dcm', 'sr', 'Basic Text SR'],
      ['pydicom-test_files/liver_1frame.dcm', 'seg', 'Segmentation'],
      ['pydicom-test_files/rtdose.dcm', 'rtdose', 'RT Dose'],
      ['pydicom-test_files/dicomdirtests/DICOMDIR', 'other', undefined],
    ];
    for (const [file, kind, name] of kinds) {
      const m = readMetadata(await parseDicom(fixtureBytes(file)));
      expect(instanceKind(m.sopClassUid, m.image !== undefined), file).toBe(kind);
      expect(sopClassName(m.sopClassUid), file).toBe(name);
    }
    expect(instanceKind('1.2.840.10008.5.1.4.1.1.104.1', false)).toBe('document');
    expect(instanceKind('1.2.840.10008.5.1.4.1.1.88.59', false)).toBe('other'); // key object selection
    expect(instanceKind('1.2.840.10008.5.1.4.1.1.11.1', false)).toBe('other');
  });
});

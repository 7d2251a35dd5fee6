/**
 * What kind of object a SOP class is (PS3.4 Annex B.5, the Storage SOP Classes), for the
 * viewer's one question: can it be drawn as a picture a doctor reads?
 * - 'image': the image storage classes (anything with pixel data not listed below);
 * - 'sr': structured reports (PS3.3 A.35), shown as text;
 * - 'document': encapsulated documents (PS3.3 A.45: PDF, CDA), shown as the document;
 * - 'seg': segmentations (A.51): a label map over other images, not an image of its own;
 * - 'rtdose': RT dose (A.18): a dose grid, not a diagnostic image;
 * - 'other': everything else without a picture (presentation states, key object selections,
 *   RT structure sets and plans, waveforms, raw data), listed with a message.
 */
export type InstanceKind = 'image' | 'sr' | 'document' | 'seg' | 'rtdose' | 'other';
export const INSTANCE_KINDS = ['image', 'sr', 'document', 'seg', 'rtdose', 'other'] as const satisfies readonly InstanceKind[];

const STORAGE = '1.2.840.10008.5.1.4.1.1.';

/** Names of the classes a patient's CD usually holds (PS3.6 Annex A), for the metadata panel. */
const NAMES: Record<string, string> = {
  '1': 'Computed Radiography Image',
  '1.1': 'Digital X-Ray Image (presentation)',
  '1.1.1': 'Digital X-Ray Image (processing)',
  '1.2': 'Digital Mammography X-Ray Image (presentation)',
  '1.2.1': 'Digital Mammography X-Ray Image (processing)',
  '2': 'CT Image',
  '2.1': 'Enhanced CT Image',
  '3.1': 'Ultrasound Multi-frame Image',
  '4': 'MR Image',
  '4.1': 'Enhanced MR Image',
  '6.1': 'Ultrasound Image',
  '7': 'Secondary Capture Image',
  '7.1': 'Multi-frame Single Bit Secondary Capture Image',
  '7.2': 'Multi-frame Grayscale Byte Secondary Capture Image',
  '7.3': 'Multi-frame Grayscale Word Secondary Capture Image',
  '7.4': 'Multi-frame True Color Secondary Capture Image',
  '12.1': 'X-Ray Angiographic Image',
  '12.2': 'X-Ray Radiofluoroscopic Image',
  '20': 'Nuclear Medicine Image',
  '128': 'Positron Emission Tomography Image',
  '481.1': 'RT Image',
  '481.2': 'RT Dose',
  '481.3': 'RT Structure Set',
  '481.5': 'RT Plan',
  '66.4': 'Segmentation',
  '88.11': 'Basic Text SR',
  '88.22': 'Enhanced SR',
  '88.33': 'Comprehensive SR',
  '88.34': 'Comprehensive 3D SR',
  '88.59': 'Key Object Selection Document',
  '88.67': 'X-Ray Radiation Dose SR',
  '104.1': 'Encapsulated PDF',
  '104.2': 'Encapsulated CDA',
  '11.1': 'Grayscale Softcopy Presentation State',
};

function storageSuffix(uid: string | undefined): string | undefined {
  return uid?.startsWith(STORAGE) ? uid.slice(STORAGE.length) : undefined;
}

/** The kind of an object, from its SOP class and whether it carries pixel data. */
export function instanceKind(sopClassUid: string | undefined, hasPixelData: boolean): InstanceKind {
  const s = storageSuffix(sopClassUid);
  if (s !== undefined) {
    // Key Object Selection (88.59) lives among the SR classes but carries only references.
    if (s.startsWith('88.')) return s === '88.59' ? 'other' : 'sr';
    if (s.startsWith('104.')) return 'document';
    if (s === '66.4' || s === '66.7') return 'seg';
    if (s === '481.2') return 'rtdose';
    if (s.startsWith('11.') || s.startsWith('9.') || s === '481.3' || s === '481.5' || s === '66') return 'other';
  }
  return hasPixelData ? 'image' : 'other';
}

/** The standard name of a SOP class when it is one of the common ones, else undefined. */
export function sopClassName(sopClassUid: string | undefined): string | undefined {
  const s = storageSuffix(sopClassUid);
  return s === undefined ? undefined : NAMES[s];
}

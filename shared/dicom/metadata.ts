/**
 * A parsed DICOM file → the facts Cartella shows and stores: patient, study, series and
 * instance identity (PS3.3 C.7.1–C.7.3, C.12.1), and for images the Image Pixel module
 * (C.7.6.3), Modality LUT (C.11.1), VOI LUT (C.11.2), Palette Color LUT (C.7.6.3.1.5–6),
 * pixel spacing (C.7.6.2, C.8.11.4 for projection radiographs) and plane geometry.
 * Enhanced multi-frame objects keep these in the functional groups (C.7.6.16): values are
 * taken from the top level, then the Shared, then the first Per-Frame group.
 * Plain data (no typed arrays but the LUTs): crosses a worker's postMessage and JSON alike.
 */
import type { ParsedDicom } from './parse.ts';
import { TAG } from './tags.ts';
import { isoDate, isoTime, personName, Values, type PersonName } from './values.ts';

export interface Lut {
  /** The stored value mapped to the first entry (LUT Descriptor value 2). */
  firstMapped: number;
  /** Bits per entry (LUT Descriptor value 3): 8 or 16 in practice. */
  bits: number;
  data: Uint16Array;
  explanation?: string;
}

export interface VoiWindow {
  center: number;
  width: number;
  explanation?: string;
}

export type Photometric =
  | 'MONOCHROME1'
  | 'MONOCHROME2'
  | 'PALETTE COLOR'
  | 'RGB'
  | 'YBR_FULL'
  | 'YBR_FULL_422'
  | 'YBR_PARTIAL_420'
  | 'YBR_ICT'
  | 'YBR_RCT';

export interface PixelSpacing {
  /** Millimetres between the centres of adjacent rows (first value) and columns (second). */
  row: number;
  column: number;
  /**
   * PixelSpacing is in the patient; ImagerPixelSpacing is at the detector (projection
   * radiography, C.8.11.4), so lengths from it are magnified by the source-object geometry
   * unless calibrated: the viewer says "misura al rivelatore" for it.
   */
  source: 'PixelSpacing' | 'ImagerPixelSpacing';
  calibrationType?: string;
}

export interface ImageMetadata {
  rows: number;
  columns: number;
  frames: number;
  samplesPerPixel: number;
  photometric: string;
  /** 0: colour-by-pixel (R1G1B1R2…), 1: colour-by-plane (R…G…B…). */
  planarConfiguration: 0 | 1;
  bitsAllocated: number;
  bitsStored: number;
  highBit: number;
  /** 0 unsigned, 1 two's complement. */
  pixelRepresentation: 0 | 1;
  rescale: { slope: number; intercept: number; type?: string };
  modalityLut?: Lut;
  windows: VoiWindow[];
  voiLuts: Lut[];
  voiLutFunction: 'LINEAR' | 'LINEAR_EXACT' | 'SIGMOID';
  presentationLutShape?: 'IDENTITY' | 'INVERSE';
  palette?: { red: Lut; green: Lut; blue: Lut };
  spacing?: PixelSpacing;
  sliceThickness?: number;
  sliceLocation?: number;
  imagePosition?: number[];
  imageOrientation?: number[];
  frameTimeMs?: number;
  lossyCompression?: boolean;
}

export interface DicomMetadata {
  transferSyntaxUid: string;
  sopClassUid?: string;
  sopInstanceUid?: string;
  modality?: string;
  specificCharacterSet?: string;
  patient: { id?: string; issuer?: string; name?: PersonName; birthDate?: string; sex?: string };
  study: {
    instanceUid?: string;
    id?: string;
    date?: string;
    time?: string;
    description?: string;
    accessionNumber?: string;
    referringPhysician?: PersonName;
    institution?: string;
  };
  series: { instanceUid?: string; number?: number; description?: string; bodyPart?: string; date?: string; manufacturer?: string };
  instance: { number?: number; imageType?: string[]; contentDate?: string };
  /** Absent for objects without pixel data (structured reports, DICOMDIR, …). */
  image?: ImageMetadata;
}

/** The first Values (top level, shared group, first per-frame group) where `tag` has a value. */
function functionalGroupsScopes(v: Values): Values[] {
  const shared = v.items(TAG.SharedFunctionalGroupsSequence)[0];
  const perFrame = v.items(TAG.PerFrameFunctionalGroupsSequence)[0];
  return [shared, perFrame].filter((x): x is Values => x !== undefined);
}

function fromGroups<T>(v: Values, macroTag: string, read: (item: Values) => T | undefined): T | undefined {
  for (const group of functionalGroupsScopes(v)) {
    const item = group.items(macroTag)[0];
    const value = item && read(item);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** LUT Descriptor + Data (PS3.3 C.11.1.1.1): entries 0 means 65536; first mapped is US or SS by context. */
function readLut(v: Values, descriptorTag: string, dataTag: string, signedFirst: boolean): Lut | undefined {
  const count = v.uint16(descriptorTag, 0);
  const first = v.uint16(descriptorTag, 1);
  const bits = v.uint16(descriptorTag, 2);
  const el = v.element(dataTag);
  if (count === undefined || first === undefined || bits === undefined || !el) return undefined;
  const entries = count === 0 ? 65536 : count;
  const bytes = v.dataSet.byteArray;
  const data = new Uint16Array(entries);
  // Entries are 16-bit words, except 8-bit LUTs stored one entry per byte (PS3.3 C.7.6.3.1.6).
  const perEntry = el.length >= entries * 2 ? 2 : el.length >= entries ? 1 : 0;
  if (perEntry === 0) return undefined;
  for (let i = 0; i < entries; i++) {
    data[i] = perEntry === 2 ? v.dataSet.byteArrayParser.readUint16(bytes, el.dataOffset + i * 2) : bytes[el.dataOffset + i]!;
  }
  return { firstMapped: signedFirst && first >= 0x8000 ? first - 0x10000 : first, bits: bits === 0 ? 16 : bits, data };
}

/** 16-bit words of an OW element, in the data set's byte order. */
function words(v: Values, tag: string): Uint16Array | undefined {
  const el = v.element(tag);
  if (!el) return undefined;
  const out = new Uint16Array(el.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = v.dataSet.byteArrayParser.readUint16(v.dataSet.byteArray, el.dataOffset + i * 2);
  return out;
}

/**
 * Segmented Palette Color LUT Data (PS3.3 C.7.9.2): discrete (opcode 0), linear (1) and
 * indirect (2) segments expanded to `entries` values. Indirect segments may not nest
 * (C.7.9.2.3), which also bounds the work on a corrupt table.
 */
export function expandSegmentedLut(data: Uint16Array, entries: number): Uint16Array | undefined {
  const out = new Uint16Array(entries);
  let n = 0;
  let last = 0;
  const run = (from: number, segments: number, nested: boolean): boolean => {
    let i = from;
    for (let s = 0; s < segments && i + 1 < data.length; s++) {
      const op = data[i]!;
      const len = data[i + 1]!;
      i += 2;
      if (op === 0) {
        for (let k = 0; k < len && i < data.length; k++, i++) if (n < entries) out[n++] = last = data[i]!;
      } else if (op === 1) {
        if (i >= data.length) return false;
        const end = data[i++]!;
        const start = last;
        for (let k = 1; k <= len; k++) if (n < entries) out[n++] = last = Math.round(start + ((end - start) * k) / len);
      } else if (op === 2) {
        if (nested || i + 1 >= data.length) return false;
        const offset = data[i]! | (data[i + 1]! << 16); // least significant word first
        i += 2;
        if (!run(offset, len, true)) return false;
      } else return false;
    }
    return true;
  };
  if (!run(0, Infinity, false)) return undefined;
  for (; n > 0 && n < entries; n++) out[n] = last;
  return n === 0 ? undefined : out;
}

function readSegmentedLut(v: Values, descriptorTag: string, dataTag: string, signedFirst: boolean): Lut | undefined {
  const count = v.uint16(descriptorTag, 0);
  const first = v.uint16(descriptorTag, 1);
  const bits = v.uint16(descriptorTag, 2);
  const data = words(v, dataTag);
  if (count === undefined || first === undefined || bits === undefined || !data) return undefined;
  const expanded = expandSegmentedLut(data, count === 0 ? 65536 : count);
  return expanded && { firstMapped: signedFirst && first >= 0x8000 ? first - 0x10000 : first, bits: bits === 0 ? 16 : bits, data: expanded };
}

function readWindows(v: Values): VoiWindow[] {
  const centers = v.numbers(TAG.WindowCenter) ?? [];
  const widths = v.numbers(TAG.WindowWidth) ?? [];
  const explanations = v.strings(TAG.WindowCenterWidthExplanation) ?? [];
  const windows: VoiWindow[] = [];
  for (let i = 0; i < Math.min(centers.length, widths.length); i++) {
    if (!(widths[i]! >= 1)) continue; // PS3.3 C.11.2.1.2: Window Width ≥ 1
    const w: VoiWindow = { center: centers[i]!, width: widths[i]! };
    if (explanations[i]) w.explanation = explanations[i];
    windows.push(w);
  }
  return windows;
}

function readImage(v: Values, pixelRepresentationSigned: boolean): ImageMetadata | undefined {
  const rows = v.uint16(TAG.Rows);
  const columns = v.uint16(TAG.Columns);
  const bitsAllocated = v.uint16(TAG.BitsAllocated);
  if (!rows || !columns || !bitsAllocated) return undefined;
  const bitsStored = v.uint16(TAG.BitsStored) ?? bitsAllocated;
  const samplesPerPixel = v.uint16(TAG.SamplesPerPixel) ?? 1;
  const photometric = v.string(TAG.PhotometricInterpretation) ?? (samplesPerPixel === 3 ? 'RGB' : 'MONOCHROME2');
  const frames = Math.max(1, Math.floor(v.number(TAG.NumberOfFrames) ?? 1));

  const slope = v.number(TAG.RescaleSlope) ?? fromGroups(v, TAG.PixelValueTransformationSequence, (i) => i.number(TAG.RescaleSlope));
  const intercept = v.number(TAG.RescaleIntercept) ?? fromGroups(v, TAG.PixelValueTransformationSequence, (i) => i.number(TAG.RescaleIntercept));
  const rescaleType = v.string(TAG.RescaleType) ?? fromGroups(v, TAG.PixelValueTransformationSequence, (i) => i.string(TAG.RescaleType));
  const doseScaling = v.number(TAG.DoseGridScaling);
  const rescale: ImageMetadata['rescale'] = {
    // RT Dose: Dose Grid Scaling maps stored values to Gy (PS3.3 C.8.8.3.4.3).
    slope: slope !== undefined && slope !== 0 ? slope : doseScaling ?? 1,
    intercept: intercept ?? 0,
  };
  if (rescaleType) rescale.type = rescaleType;
  else if (doseScaling !== undefined && slope === undefined) rescale.type = 'GY';

  let windows = readWindows(v);
  if (windows.length === 0) windows = fromGroups(v, TAG.FrameVOILUTSequence, (i) => { const w = readWindows(i); return w.length ? w : undefined; }) ?? [];
  const voiLuts = v.items(TAG.VOILUTSequence).flatMap((item) => {
    const lut = readLut(item, TAG.LUTDescriptor, TAG.LUTData, pixelRepresentationSigned);
    const explanation = item.string(TAG.LUTExplanation);
    return lut ? [explanation ? { ...lut, explanation } : lut] : [];
  });
  const modalityItem = v.items(TAG.ModalityLUTSequence)[0];
  const modalityLut = modalityItem && readLut(modalityItem, TAG.LUTDescriptor, TAG.LUTData, pixelRepresentationSigned);

  const fn = v.string(TAG.VOILUTFunction);
  const image: ImageMetadata = {
    rows,
    columns,
    frames,
    samplesPerPixel,
    photometric,
    planarConfiguration: v.uint16(TAG.PlanarConfiguration) === 1 ? 1 : 0,
    bitsAllocated,
    bitsStored,
    highBit: v.uint16(TAG.HighBit) ?? bitsStored - 1,
    pixelRepresentation: pixelRepresentationSigned ? 1 : 0,
    rescale,
    windows,
    voiLuts,
    voiLutFunction: fn === 'SIGMOID' || fn === 'LINEAR_EXACT' ? fn : 'LINEAR',
  };
  if (modalityLut) image.modalityLut = modalityLut;
  const shape = v.string(TAG.PresentationLUTShape);
  if (shape === 'IDENTITY' || shape === 'INVERSE') image.presentationLutShape = shape;

  if (photometric === 'PALETTE COLOR') {
    // Palette descriptors' first mapped value follows the pixel representation (C.7.6.3.1.5).
    const channel = (descriptor: string, data: string, segmented: string) =>
      readLut(v, descriptor, data, pixelRepresentationSigned) ?? readSegmentedLut(v, descriptor, segmented, pixelRepresentationSigned);
    const red = channel(TAG.RedPaletteColorLookupTableDescriptor, TAG.RedPaletteColorLookupTableData, TAG.SegmentedRedPaletteColorLookupTableData);
    const green = channel(TAG.GreenPaletteColorLookupTableDescriptor, TAG.GreenPaletteColorLookupTableData, TAG.SegmentedGreenPaletteColorLookupTableData);
    const blue = channel(TAG.BluePaletteColorLookupTableDescriptor, TAG.BluePaletteColorLookupTableData, TAG.SegmentedBluePaletteColorLookupTableData);
    if (red && green && blue) image.palette = { red, green, blue };
  }

  const spacingPatient = v.numbers(TAG.PixelSpacing) ?? fromGroups(v, TAG.PixelMeasuresSequence, (i) => i.numbers(TAG.PixelSpacing));
  const spacingImager = v.numbers(TAG.ImagerPixelSpacing);
  const pick = (values: number[] | undefined) => (values && values.length >= 2 && values[0]! > 0 && values[1]! > 0 ? values : undefined);
  const patient = pick(spacingPatient);
  const imager = pick(spacingImager);
  if (patient) image.spacing = { row: patient[0]!, column: patient[1]!, source: 'PixelSpacing' };
  else if (imager) image.spacing = { row: imager[0]!, column: imager[1]!, source: 'ImagerPixelSpacing' };
  const calibration = v.string(TAG.PixelSpacingCalibrationType);
  if (image.spacing && calibration) image.spacing.calibrationType = calibration;

  const thickness = v.number(TAG.SliceThickness) ?? fromGroups(v, TAG.PixelMeasuresSequence, (i) => i.number(TAG.SliceThickness));
  if (thickness !== undefined) image.sliceThickness = thickness;
  const location = v.number(TAG.SliceLocation);
  if (location !== undefined) image.sliceLocation = location;
  const position = v.numbers(TAG.ImagePositionPatient) ?? fromGroups(v, TAG.PlanePositionSequence, (i) => i.numbers(TAG.ImagePositionPatient));
  if (position?.length === 3) image.imagePosition = position;
  const orientation = v.numbers(TAG.ImageOrientationPatient);
  if (orientation?.length === 6) image.imageOrientation = orientation;
  const frameTime = v.number(TAG.FrameTime);
  if (frameTime !== undefined && frameTime > 0) image.frameTimeMs = frameTime;
  const lossy = v.string(TAG.LossyImageCompression);
  if (lossy !== undefined) image.lossyCompression = lossy === '01';
  return image;
}

function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/** The metadata of a parsed file. Never throws on missing or odd values: they are left out. */
export function readMetadata(parsed: ParsedDicom): DicomMetadata {
  const v = new Values(parsed.dataSet);
  const hasPixels = v.dataSet.elements[TAG.PixelData] !== undefined;
  const image = hasPixels ? readImage(v, v.uint16(TAG.PixelRepresentation) === 1) : undefined;
  const metadata: DicomMetadata = defined({
    transferSyntaxUid: parsed.transferSyntaxUid,
    sopClassUid: v.string(TAG.SOPClassUID) ?? v.string(TAG.MediaStorageSOPClassUID),
    sopInstanceUid: v.string(TAG.SOPInstanceUID) ?? v.string(TAG.MediaStorageSOPInstanceUID),
    modality: v.string(TAG.Modality),
    specificCharacterSet: v.string(TAG.SpecificCharacterSet),
    patient: defined({
      id: v.string(TAG.PatientID),
      issuer: v.string(TAG.IssuerOfPatientID),
      name: personName(v.string(TAG.PatientName)),
      birthDate: isoDate(v.string(TAG.PatientBirthDate)),
      sex: v.string(TAG.PatientSex),
    }),
    study: defined({
      instanceUid: v.string(TAG.StudyInstanceUID),
      id: v.string(TAG.StudyID),
      date: isoDate(v.string(TAG.StudyDate)),
      time: isoTime(v.string(TAG.StudyTime)),
      description: v.string(TAG.StudyDescription),
      accessionNumber: v.string(TAG.AccessionNumber),
      referringPhysician: personName(v.string(TAG.ReferringPhysicianName)),
      institution: v.string(TAG.InstitutionName),
    }),
    series: defined({
      instanceUid: v.string(TAG.SeriesInstanceUID),
      number: v.number(TAG.SeriesNumber),
      description: v.string(TAG.SeriesDescription),
      bodyPart: v.string(TAG.BodyPartExamined),
      date: isoDate(v.string(TAG.SeriesDate)),
      manufacturer: v.string(TAG.Manufacturer),
    }),
    instance: defined({
      number: v.number(TAG.InstanceNumber),
      imageType: v.strings(TAG.ImageType),
      contentDate: isoDate(v.string(TAG.ContentDate)),
    }),
    image,
  });
  return metadata;
}

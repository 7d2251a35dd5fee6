/**
 * A minimal DICOM Part 10 writer (PS3.10 §7: preamble, "DICM", file meta; PS3.5 §7.1.2
 * explicit VR little endian), for synthetic test and bench data: patients with a codice
 * fiscale in Patient ID, 100-slice series, a thousand instances. Synthetic data only, never a
 * real patient's. Elements are written in tag order; strings padded to even length (spaces,
 * NUL for UI), as PS3.5 §6.2 asks.
 */
export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
export const EXPLICIT_LE = '1.2.840.10008.1.2.1';

type Vr = 'AE' | 'CS' | 'DA' | 'DS' | 'IS' | 'LO' | 'PN' | 'SH' | 'TM' | 'UI' | 'US' | 'UL' | 'OB' | 'OW';
const LONG_VR = new Set<Vr>(['OB', 'OW']);

interface Element {
  tag: number;
  vr: Vr;
  value: Uint8Array;
}

function text(vr: Vr, value: string): Uint8Array {
  const bytes = new TextEncoder().encode(value);
  if (bytes.length % 2 === 0) return bytes;
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  out[bytes.length] = vr === 'UI' ? 0 : 0x20;
  return out;
}

function us(...values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 2);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setUint16(i * 2, v, true));
  return out;
}

function encode(elements: Element[]): Uint8Array {
  const sorted = [...elements].sort((a, b) => a.tag - b.tag);
  const size = sorted.reduce((n, e) => n + (LONG_VR.has(e.vr) ? 12 : 8) + e.value.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const e of sorted) {
    view.setUint16(at, e.tag >>> 16, true);
    view.setUint16(at + 2, e.tag & 0xffff, true);
    out[at + 4] = e.vr.charCodeAt(0);
    out[at + 5] = e.vr.charCodeAt(1);
    if (LONG_VR.has(e.vr)) {
      view.setUint32(at + 8, e.value.length, true);
      at += 12;
    } else {
      view.setUint16(at + 6, e.value.length, true);
      at += 8;
    }
    out.set(e.value, at);
    at += e.value.length;
  }
  return out;
}

export interface SyntheticInstance {
  patientName: string;
  patientId: string;
  birthDate?: string; // yyyymmdd
  sex?: string;
  studyUid: string;
  studyDate?: string; // yyyymmdd
  studyDescription?: string;
  seriesUid: string;
  seriesNumber?: number;
  seriesDescription?: string;
  sopInstanceUid: string;
  sopClassUid?: string;
  modality?: string;
  instanceNumber?: number;
  rows?: number;
  columns?: number;
  frames?: number;
  /** z of Image Position (Patient), with axial orientation. */
  z?: number;
  pixelSpacing?: [number, number];
  imagerPixelSpacing?: [number, number];
  window?: { center: number; width: number };
  /** 16-bit signed samples, rows × columns × frames; default: a disc whose size follows z. */
  pixels?: Int16Array;
}

/** A disc of 1000 HU on −1000 HU air, of a radius that changes with the slice, plus a gradient. */
export function phantom(rows: number, columns: number, frames: number, seed: number): Int16Array {
  const out = new Int16Array(rows * columns * frames);
  for (let f = 0; f < frames; f++) {
    const r = (Math.min(rows, columns) / 4) * (1 + 0.5 * Math.sin((seed + f) / 7));
    for (let y = 0; y < rows; y++) {
      for (let x = 0; x < columns; x++) {
        const d = Math.hypot(x - columns / 2, y - rows / 2);
        out[f * rows * columns + y * columns + x] = d < r ? 1000 : -1000 + Math.round((x / columns) * 200);
      }
    }
  }
  return out;
}

/** The bytes of one synthetic CT instance (explicit VR little endian, 16-bit signed, HU with intercept 0). */
export function syntheticDicom(i: SyntheticInstance): Uint8Array {
  const rows = i.rows ?? 16;
  const columns = i.columns ?? 16;
  const frames = i.frames ?? 1;
  const sopClass = i.sopClassUid ?? CT_IMAGE_STORAGE;
  const pixels = i.pixels ?? phantom(rows, columns, frames, i.instanceNumber ?? 0);
  const s = (tag: number, vr: Vr, value: string): Element => ({ tag, vr, value: text(vr, value) });
  const data: Element[] = [
    s(0x00080005, 'CS', 'ISO_IR 192'),
    s(0x00080016, 'UI', sopClass),
    s(0x00080018, 'UI', i.sopInstanceUid),
    s(0x00080060, 'CS', i.modality ?? 'CT'),
    s(0x00100010, 'PN', i.patientName),
    s(0x00100020, 'LO', i.patientId),
    s(0x0020000d, 'UI', i.studyUid),
    s(0x0020000e, 'UI', i.seriesUid),
    s(0x00200011, 'IS', String(i.seriesNumber ?? 1)),
    s(0x00200013, 'IS', String(i.instanceNumber ?? 1)),
    s(0x00280004, 'CS', 'MONOCHROME2'),
    { tag: 0x00280002, vr: 'US', value: us(1) },
    { tag: 0x00280010, vr: 'US', value: us(rows) },
    { tag: 0x00280011, vr: 'US', value: us(columns) },
    { tag: 0x00280100, vr: 'US', value: us(16) },
    { tag: 0x00280101, vr: 'US', value: us(16) },
    { tag: 0x00280102, vr: 'US', value: us(15) },
    { tag: 0x00280103, vr: 'US', value: us(1) },
    s(0x00281052, 'DS', '0'),
    s(0x00281053, 'DS', '1'),
    s(0x00281054, 'LO', 'HU'),
    { tag: 0x7fe00010, vr: 'OW', value: new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength) },
  ];
  if (i.birthDate) data.push(s(0x00100030, 'DA', i.birthDate));
  if (i.sex) data.push(s(0x00100040, 'CS', i.sex));
  if (i.studyDate) data.push(s(0x00080020, 'DA', i.studyDate));
  if (i.studyDescription) data.push(s(0x00081030, 'LO', i.studyDescription));
  if (i.seriesDescription) data.push(s(0x0008103e, 'LO', i.seriesDescription));
  if (frames > 1) data.push(s(0x00280008, 'IS', String(frames)), s(0x00181063, 'DS', '40'));
  if (i.z !== undefined) data.push(s(0x00200032, 'DS', `-100\\-100\\${i.z}`), s(0x00200037, 'DS', '1\\0\\0\\0\\1\\0'), s(0x00201041, 'DS', String(i.z)));
  if (i.pixelSpacing) data.push(s(0x00280030, 'DS', i.pixelSpacing.join('\\')));
  if (i.imagerPixelSpacing) data.push(s(0x00181164, 'DS', i.imagerPixelSpacing.join('\\')));
  if (i.window) data.push(s(0x00281050, 'DS', String(i.window.center)), s(0x00281051, 'DS', String(i.window.width)));
  const metaBody = encode([
    { tag: 0x00020001, vr: 'OB', value: new Uint8Array([0, 1]) },
    s(0x00020002, 'UI', sopClass),
    s(0x00020003, 'UI', i.sopInstanceUid),
    s(0x00020010, 'UI', EXPLICIT_LE),
    s(0x00020012, 'UI', '1.2.826.0.1.3680043.10.1472.1'),
  ]);
  const groupLength = encode([{ tag: 0x00020000, vr: 'UL', value: new Uint8Array(new Uint32Array([metaBody.length]).buffer) }]);
  const body = encode(data);
  const out = new Uint8Array(132 + groupLength.length + metaBody.length + body.length);
  out.set([0x44, 0x49, 0x43, 0x4d], 128);
  out.set(groupLength, 132);
  out.set(metaBody, 132 + groupLength.length);
  out.set(body, 132 + groupLength.length + metaBody.length);
  return out;
}

/** A series of `count` slices 2.5 mm apart, one instance each, UIDs under `root`. */
export function syntheticSeries(
  root: string,
  count: number,
  base: Omit<SyntheticInstance, 'studyUid' | 'seriesUid' | 'sopInstanceUid' | 'instanceNumber' | 'z'>,
): { name: string; bytes: Uint8Array }[] {
  return Array.from({ length: count }, (_, k) => ({
    name: `IMG${String(k + 1).padStart(5, '0')}`,
    bytes: syntheticDicom({ ...base, studyUid: `${root}.1`, seriesUid: `${root}.1.1`, sopInstanceUid: `${root}.1.1.${k + 1}`, instanceNumber: k + 1, z: k * 2.5 }),
  }));
}

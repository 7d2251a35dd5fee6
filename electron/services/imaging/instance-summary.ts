/**
 * What the importer keeps of one DICOM file: its identity (patient, study, series, instance
 * UIDs), what the index and the viewer's lists need, and where its encrypted copy is. UIDs a
 * file lacks (old exports without them) are derived from what it has, deterministically, as
 * PS3.5 B.2 UUID-derived UIDs ("2.25." + 128 bits in decimal): the same file imported twice
 * gets the same UIDs, so it is still recognised the second time.
 */
import { createHash } from 'node:crypto';
import type { DicomMetadata } from '../../../shared/dicom/metadata.ts';
import { instanceKind, type InstanceKind } from '../../../shared/dicom/sop-class.ts';
import { stackPosition } from '../../../shared/dicom/stack.ts';
import type { DicomPatientFacts } from '../../../shared/imaging/patient-match.ts';

export interface StagedInstance {
  /** The file's name as given (relative path in the chosen folder, or the path). */
  name: string;
  objectId: string;
  size: number;
  sha256: string;
  sopInstanceUid: string;
  sopClassUid: string;
  kind: InstanceKind;
  transferSyntax: string;
  frames: number;
  rows?: number;
  columns?: number;
  number?: number;
  position?: number;
  patient: DicomPatientFacts;
  study: { uid: string; date?: string; time?: string; description?: string; accessionNumber?: string; institution?: string };
  series: { uid: string; number?: number; modality?: string; description?: string; bodyPart?: string; date?: string };
}

/** A valid UID of at most 64 characters (PS3.5 §9.1), else undefined. */
function uid(value: string | undefined): string | undefined {
  return value && value.length <= 64 && /^[0-9]+(\.[0-9]+)*$/.test(value) ? value : undefined;
}

export function derivedUid(...parts: (string | number | undefined)[]): string {
  const digest = createHash('sha256').update(JSON.stringify(parts)).digest();
  return `2.25.${BigInt(`0x${digest.subarray(0, 16).toString('hex')}`).toString(10)}`;
}

function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

export function summarize(m: DicomMetadata, file: { name: string; objectId: string; size: number; sha256: string }): StagedInstance {
  const p = m.patient;
  const studyUid = uid(m.study.instanceUid) ?? derivedUid('study', p.id, p.name?.raw, m.study.date, m.study.id, m.study.accessionNumber);
  const seriesUid = uid(m.series.instanceUid) ?? derivedUid('series', studyUid, m.series.number, m.modality, m.series.description);
  const image = m.image;
  const position = stackPosition(image);
  return compact({
    name: file.name,
    objectId: file.objectId,
    size: file.size,
    sha256: file.sha256,
    sopInstanceUid: uid(m.sopInstanceUid) ?? derivedUid('instance', file.sha256),
    sopClassUid: m.sopClassUid ?? '',
    kind: instanceKind(m.sopClassUid, image !== undefined),
    transferSyntax: m.transferSyntaxUid,
    frames: image?.frames ?? 0,
    rows: image?.rows,
    columns: image?.columns,
    number: m.instance.number !== undefined && Number.isSafeInteger(m.instance.number) ? m.instance.number : undefined,
    position: position !== undefined && Number.isFinite(position) ? position : undefined,
    patient: compact({ id: p.id, name: p.name, birthDate: p.birthDate, sex: p.sex }),
    study: compact({
      uid: studyUid,
      date: m.study.date,
      time: m.study.time,
      description: m.study.description,
      accessionNumber: m.study.accessionNumber,
      institution: m.study.institution,
    }),
    series: compact({
      uid: seriesUid,
      number: m.series.number !== undefined && Number.isSafeInteger(m.series.number) ? m.series.number : undefined,
      modality: m.modality,
      description: m.series.description,
      bodyPart: m.series.bodyPart,
      date: m.series.date,
    }),
  });
}

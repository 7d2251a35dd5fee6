/**
 * A DICOMDIR (PS3.3 F.5 Basic Directory IOD, PS3.10 §8) → patients, studies, series and
 * their instances with the path of each referenced file. Records are linked by byte
 * offsets from the start of the file (F.3.2.1: Offset of the Next Directory Record,
 * Offset of Referenced Lower-Level Directory Entity); when the offsets are missing or
 * lead nowhere, the records' order in the sequence is used instead (PATIENT, then its
 * STUDY, SERIES and leaf records), as media writers that skip the offsets expect.
 * Referenced File IDs are path components (F.5.1.3 note: CS values, '\'-separated); a
 * record whose path is unsafe (empty, '..', absolute) is listed with `file` left out.
 */
import { dicomError } from './errors.ts';
import type { ParsedDicom } from './parse.ts';
import { TAG } from './tags.ts';
import { isoDate, isoTime, personName, Values, type PersonName } from './values.ts';

export interface DicomdirInstance {
  /** IMAGE, SR DOCUMENT, PRESENTATION, RT DOSE, ENCAP DOC, … (F.5.24). */
  recordType: string;
  /** Path relative to the DICOMDIR's folder, '/'-separated. */
  file?: string;
  sopClassUid?: string;
  sopInstanceUid?: string;
  transferSyntaxUid?: string;
  number?: number;
}

export interface DicomdirSeries {
  instanceUid?: string;
  modality?: string;
  number?: number;
  description?: string;
  instances: DicomdirInstance[];
}

export interface DicomdirStudy {
  instanceUid?: string;
  id?: string;
  date?: string;
  time?: string;
  description?: string;
  accessionNumber?: string;
  series: DicomdirSeries[];
}

export interface DicomdirPatient {
  id?: string;
  name?: PersonName;
  birthDate?: string;
  sex?: string;
  studies: DicomdirStudy[];
}

interface RecordNode {
  type: string;
  values: Values;
  offset: number;
  next: number;
  lower: number;
  children: RecordNode[];
}

function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/** '\'-separated components → a relative path, or undefined when unsafe. */
export function referencedPath(components: string[] | undefined): string | undefined {
  if (!components || components.length === 0) return undefined;
  const parts = components.map((c) => c.trim());
  if (parts.some((p) => p === '' || p === '.' || p === '..' || /[/:\\]/.test(p))) return undefined;
  return parts.join('/');
}

function instanceOf(node: RecordNode): DicomdirInstance {
  const v = node.values;
  return compact({
    recordType: node.type,
    file: referencedPath(v.strings(TAG.ReferencedFileID)),
    sopClassUid: v.string(TAG.ReferencedSOPClassUIDInFile),
    sopInstanceUid: v.string(TAG.ReferencedSOPInstanceUIDInFile),
    transferSyntaxUid: v.string(TAG.ReferencedTransferSyntaxUIDInFile),
    number: v.number(TAG.InstanceNumber),
  });
}

/** Links records by their offsets; false when the offsets do not describe a tree. */
function linkByOffsets(nodes: RecordNode[], rootOffset: number): RecordNode[] | undefined {
  const byOffset = new Map(nodes.map((n) => [n.offset, n]));
  const seen = new Set<RecordNode>();
  const chain = (offset: number): RecordNode[] | undefined => {
    const out: RecordNode[] = [];
    for (let at = offset; at !== 0; ) {
      const node = byOffset.get(at);
      if (!node || seen.has(node)) return undefined;
      seen.add(node);
      out.push(node);
      at = node.next;
    }
    return out;
  };
  const roots = chain(rootOffset);
  if (!roots) return undefined;
  const stack = [...roots];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.lower === 0) continue;
    const children = chain(node.lower);
    if (!children) return undefined;
    node.children = children;
    stack.push(...children);
  }
  return roots;
}

const LEVEL: Record<string, number> = { PATIENT: 0, STUDY: 1, SERIES: 2 };

/** Links records by sequence order: each record belongs to the last record one level up. */
function linkByOrder(nodes: RecordNode[]): RecordNode[] {
  const roots: RecordNode[] = [];
  const open: (RecordNode | undefined)[] = [];
  for (const node of nodes) {
    const level = LEVEL[node.type] ?? 3;
    node.children = [];
    const parent = level === 0 ? undefined : open[level - 1];
    if (parent) parent.children.push(node);
    else if (level === 0) roots.push(node);
    open[level] = node;
    open.length = level + 1;
  }
  return roots;
}

/** The patients of a parsed DICOMDIR. Throws DICOM_INVALID when the file is not one. */
export function readDicomdir(parsed: ParsedDicom): DicomdirPatient[] {
  const v = new Values(parsed.dataSet);
  const seq = parsed.dataSet.elements[TAG.DirectoryRecordSequence];
  if (!seq) throw dicomError('malformed', 'no Directory Record Sequence (0004,1220): not a DICOMDIR');
  // Offsets count from the file's first byte; a file read without its preamble had 132 bytes prepended.
  const base = parsed.layout === 'meta-without-preamble' ? 132 : 0;
  const nodes: RecordNode[] = (seq.items ?? []).flatMap((item) => {
    if (!item.dataSet) return [];
    const values = new Values(item.dataSet);
    return [
      {
        type: values.string(TAG.DirectoryRecordType) ?? '',
        values,
        offset: item.dataOffset - 8 - base,
        next: values.uint32(TAG.OffsetOfTheNextDirectoryRecord) ?? 0,
        lower: values.uint32(TAG.OffsetOfReferencedLowerLevelDirectoryEntity) ?? 0,
        children: [],
      },
    ];
  });
  const root = v.uint32(TAG.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity) ?? 0;
  const roots = (root !== 0 && linkByOffsets(nodes, root)) || linkByOrder(nodes);

  const leaves = (node: RecordNode): DicomdirInstance[] =>
    node.children.flatMap((c) => (LEVEL[c.type] === undefined ? [instanceOf(c), ...leaves(c)] : []));
  return roots
    .filter((p) => p.type === 'PATIENT')
    .map((p) =>
      compact({
        id: p.values.string(TAG.PatientID),
        name: personName(p.values.string(TAG.PatientName)),
        birthDate: isoDate(p.values.string(TAG.PatientBirthDate)),
        sex: p.values.string(TAG.PatientSex),
        studies: p.children
          .filter((s) => s.type === 'STUDY')
          .map((s) =>
            compact({
              instanceUid: s.values.string(TAG.StudyInstanceUID),
              id: s.values.string(TAG.StudyID),
              date: isoDate(s.values.string(TAG.StudyDate)),
              time: isoTime(s.values.string(TAG.StudyTime)),
              description: s.values.string(TAG.StudyDescription),
              accessionNumber: s.values.string(TAG.AccessionNumber),
              series: s.children
                .filter((r) => r.type === 'SERIES')
                .map((r) =>
                  compact({
                    instanceUid: r.values.string(TAG.SeriesInstanceUID),
                    modality: r.values.string(TAG.Modality),
                    number: r.values.number(TAG.SeriesNumber),
                    description: r.values.string(TAG.SeriesDescription),
                    instances: leaves(r),
                  }),
                ),
            }),
          ),
      }),
    );
}

/**
 * From the files an import session read to what the doctor is shown before anything is kept:
 * the studies found (grouped by Study Instance UID, series by Series Instance UID), the patient
 * each study's files name against the patient imported into, what is already imported here or
 * for someone else (by SOP Instance UID), and the files a DICOMDIR names that were not found.
 * Pure: the session, the database lookups and the target patient come in as data.
 */
import type { FileProblem, PreviewStudy } from '../../../shared/api/imaging.ts';
import { mediaPath, resolveMediaPaths } from '../../../shared/dicom/media-paths.ts';
import type { InstanceKind } from '../../../shared/dicom/sop-class.ts';
import type { PatientSummary } from '../../../shared/domain/patient.ts';
import { agreement, codiceFiscaleIn, matchPatient, type DicomPatientFacts } from '../../../shared/imaging/patient-match.ts';
import type { StagedInstance } from './instance-summary.ts';

export interface StudyGroup {
  uid: string;
  study: StagedInstance['study'];
  patient: DicomPatientFacts;
  series: Map<string, { series: StagedInstance['series']; instances: StagedInstance[] }>;
  instances: StagedInstance[];
}

/** The session's instances by study, then series, in the order they were read. */
export function groupStudies(instances: Iterable<StagedInstance>): StudyGroup[] {
  const studies = new Map<string, StudyGroup>();
  for (const i of instances) {
    let g = studies.get(i.study.uid);
    if (!g) {
      g = { uid: i.study.uid, study: i.study, patient: i.patient, series: new Map(), instances: [] };
      studies.set(i.study.uid, g);
    }
    g.instances.push(i);
    const s = g.series.get(i.series.uid) ?? { series: i.series, instances: [] };
    s.instances.push(i);
    g.series.set(i.series.uid, s);
  }
  return [...studies.values()];
}

/** What the database must be asked for the candidates: codici fiscali and birth dates the files give. */
export function candidateKeys(groups: readonly StudyGroup[]): { codiciFiscali: string[]; birthDates: string[] } {
  const cf = new Set<string>();
  const dates = new Set<string>();
  for (const g of groups) {
    const c = codiceFiscaleIn(g.patient.id);
    if (c) cf.add(c);
    else if (g.patient.birthDate) dates.add(g.patient.birthDate);
  }
  return { codiciFiscali: [...cf], birthDates: [...dates] };
}

export interface Existing {
  sopInstanceUid: string;
  patient: PatientSummary;
}

function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

export function planStudy(g: StudyGroup, target: PatientSummary, candidates: readonly PatientSummary[], existing: ReadonlyMap<string, PatientSummary>): PreviewStudy {
  const a = agreement(g.patient, target);
  const named = a.verdict === 'same' ? undefined : matchPatient(g.patient, candidates);
  const namedPatient = named && named.patientId !== target.id ? candidates.find((c) => c.id === named.patientId) : undefined;
  let alreadyHere = 0;
  const elsewhere = new Map<string, { patient: PatientSummary; instances: number }>();
  for (const i of g.instances) {
    const owner = existing.get(i.sopInstanceUid);
    if (!owner) continue;
    if (owner.id === target.id) alreadyHere++;
    else elsewhere.set(owner.id, { patient: owner, instances: (elsewhere.get(owner.id)?.instances ?? 0) + 1 });
  }
  const elsewhereCount = [...elsewhere.values()].reduce((n, e) => n + e.instances, 0);
  return compact({
    studyUid: g.uid,
    date: g.study.date,
    time: g.study.time,
    description: g.study.description,
    accessionNumber: g.study.accessionNumber,
    institution: g.study.institution,
    dicomPatient: g.patient,
    agreement: a.verdict,
    matchBy: a.verdict === 'same' ? a.by : undefined,
    namedPatient,
    series: [...g.series.values()]
      .sort((x, y) => (x.series.number ?? Infinity) - (y.series.number ?? Infinity))
      .map(({ series, instances }) =>
        compact({
          seriesUid: series.uid,
          number: series.number,
          modality: series.modality,
          description: series.description,
          instances: instances.length,
          kinds: [...new Set(instances.map((i) => i.kind))] as InstanceKind[],
        }),
      ),
    instances: g.instances.length,
    newInstances: g.instances.length - alreadyHere - elsewhereCount,
    alreadyHere,
    elsewhere: [...elsewhere.values()].map((e) => ({ patientId: e.patient.id, surname: e.patient.surname, givenName: e.patient.givenName, instances: e.instances })),
  });
}

/**
 * The files each DICOMDIR names that were neither read nor reported: `missing-file`.
 * `folder` is the DICOMDIR's folder in the same naming as `received` (relative or absolute).
 */
export function missingReferenced(dicomdirs: readonly { folder: string; referenced: readonly string[] }[], received: readonly string[]): FileProblem[] {
  const out: FileProblem[] = [];
  for (const d of dicomdirs) {
    const prefix = d.folder ? `${d.folder.replace(/\/+$/, '')}/` : '';
    const wanted = d.referenced.map((r) => prefix + r);
    const found = resolveMediaPaths(wanted, received);
    for (const w of wanted) if (!found.has(w)) out.push({ file: w, reason: 'missing-file' });
  }
  // The same file named by two DICOMDIRs is one problem.
  const seen = new Set<string>();
  return out.filter((p) => !seen.has(mediaPath(p.file)) && seen.add(mediaPath(p.file)));
}

/**
 * The imaging index (migration 008): studies, series and instances of each patient, and the
 * lookups the importer needs (patients a study's files may name, instances already imported).
 * The files themselves are in the object store; rows name them by `object_id`.
 */
import type { Db } from '../open.ts';
import { appendAudit } from './audit.ts';
import { toSummary, type PatientRow } from './patients.ts';
import type { InstanceEntry, SeriesEntry, StudyDetail, StudySummary } from '../../../../shared/api/imaging.ts';
import type { PatientSummary } from '../../../../shared/domain/patient.ts';
import type { InstanceKind } from '../../../../shared/dicom/sop-class.ts';
import { AppError } from '../../../../shared/errors/index.ts';

type MatchedBy = StudySummary['matchedBy'];

/** Patients a study's files may name: the codice fiscale in Patient ID, or the birth dates they give. */
export function imagingCandidates(db: Db, args: { codiciFiscali: string[]; birthDates: string[] }): PatientSummary[] {
  const rows = db
    .prepare(
      `SELECT * FROM patients
        WHERE (identifier_kind = 'CF' AND identifier IN (SELECT value FROM json_each(@cf)))
           OR birth_date IN (SELECT value FROM json_each(@dates))`,
    )
    .all({ cf: JSON.stringify(args.codiciFiscali), dates: JSON.stringify(args.birthDates) }) as PatientRow[];
  return rows.map(toSummary);
}

/** Which of these instances are already imported, and for whom. */
export function imagingExisting(db: Db, args: { sopInstanceUids: string[] }): { sopInstanceUid: string; patient: PatientSummary }[] {
  const rows = db
    .prepare(
      `SELECT i.sop_instance_uid AS sop, p.* FROM imaging_instances i JOIN patients p ON p.id = i.patient_id
        WHERE i.sop_instance_uid IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(args.sopInstanceUids)) as (PatientRow & { sop: string })[];
  return rows.map((r) => ({ sopInstanceUid: r.sop, patient: toSummary(r) }));
}

export interface IndexInstance {
  sopInstanceUid: string;
  sopClassUid: string;
  kind: InstanceKind;
  number?: number;
  frames: number;
  rows?: number;
  columns?: number;
  transferSyntax: string;
  position?: number;
  objectId: string;
  size: number;
  sha256: string;
  seriesUid: string;
}

export interface IndexStudy {
  actor: string;
  patientId: string;
  matchedBy: MatchedBy;
  dicomPatient: Record<string, unknown>;
  study: { uid: string; date?: string; time?: string; description?: string; accessionNumber?: string; institution?: string };
  series: { uid: string; number?: number; modality?: string; description?: string; bodyPart?: string; date?: string }[];
  instances: IndexInstance[];
}

/**
 * Indexes one study's instances for a patient, in the caller's transaction with its audit
 * entry. Instances already imported (for anyone) are skipped, not moved: the answer lists the
 * object ids actually indexed, so the caller can drop the files of the others.
 */
export function imagingIndexStudy(db: Db, args: IndexStudy): { indexed: string[] } {
  const now = new Date().toISOString();
  const s = args.study;
  db.prepare(
    `INSERT INTO imaging_studies (patient_id, study_uid, study_date, study_time, description, accession_number, institution, dicom_patient, matched_by, imported_at)
     VALUES (@patient_id, @uid, @date, @time, @description, @accession, @institution, @dicom_patient, @matched_by, @now)
     ON CONFLICT (patient_id, study_uid) DO NOTHING`,
  ).run({
    patient_id: args.patientId, uid: s.uid, date: s.date ?? null, time: s.time ?? null, description: s.description ?? null,
    accession: s.accessionNumber ?? null, institution: s.institution ?? null, dicom_patient: JSON.stringify(args.dicomPatient),
    matched_by: args.matchedBy, now,
  });
  const insertSeries = db.prepare(
    `INSERT INTO imaging_series (patient_id, study_uid, series_uid, number, modality, description, body_part, series_date)
     VALUES (@patient_id, @study_uid, @uid, @number, @modality, @description, @body_part, @date)
     ON CONFLICT (patient_id, series_uid) DO NOTHING`,
  );
  for (const r of args.series) {
    insertSeries.run({
      patient_id: args.patientId, study_uid: s.uid, uid: r.uid, number: r.number ?? null, modality: r.modality ?? null,
      description: r.description ?? null, body_part: r.bodyPart ?? null, date: r.date ?? null,
    });
  }
  const insertInstance = db.prepare(
    `INSERT INTO imaging_instances (sop_instance_uid, patient_id, series_uid, sop_class_uid, kind, number, frames, rows, columns,
       transfer_syntax, position, object_id, size, sha256, imported_at)
     VALUES (@sop, @patient_id, @series_uid, @sop_class, @kind, @number, @frames, @rows, @columns, @ts, @position, @object_id, @size, @sha256, @now)
     ON CONFLICT (sop_instance_uid) DO NOTHING`,
  );
  const indexed: string[] = [];
  for (const i of args.instances) {
    const r = insertInstance.run({
      sop: i.sopInstanceUid, patient_id: args.patientId, series_uid: i.seriesUid, sop_class: i.sopClassUid, kind: i.kind,
      number: i.number ?? null, frames: i.frames, rows: i.rows ?? null, columns: i.columns ?? null, ts: i.transferSyntax,
      position: i.position ?? null, object_id: i.objectId, size: i.size, sha256: i.sha256, now,
    });
    if (r.changes === 1) indexed.push(i.objectId);
  }
  appendAudit(db, {
    actor: args.actor,
    action: 'imaging.import',
    entity: 'patient',
    entityId: args.patientId,
    detail: { studyUid: s.uid, matchedBy: args.matchedBy, instances: indexed.length, skipped: args.instances.length - indexed.length },
  });
  return { indexed };
}

interface StudyRow {
  study_uid: string;
  study_date: string | null;
  study_time: string | null;
  description: string | null;
  accession_number: string | null;
  institution: string | null;
  dicom_patient: string;
  matched_by: MatchedBy;
  imported_at: string;
  modalities: string | null;
  series: number;
  instances: number;
  images: number | null;
  others: number;
  report_id: string | null;
  report_title: string | null;
}

function opt<T>(v: T | null): T | undefined {
  return v === null ? undefined : v;
}

function toStudySummary(r: StudyRow): StudySummary {
  const out: StudySummary = {
    studyUid: r.study_uid,
    modalities: r.modalities ? [...new Set(r.modalities.split(','))].sort() : [],
    series: r.series,
    instances: r.instances,
    images: r.images ?? 0,
    otherObjects: r.others,
    matchedBy: r.matched_by,
    importedAt: r.imported_at,
  };
  const fields = { date: opt(r.study_date), time: opt(r.study_time), description: opt(r.description), accessionNumber: opt(r.accession_number), institution: opt(r.institution) };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  if (r.report_id !== null) out.report = { documentId: r.report_id, title: r.report_title ?? '' };
  return out;
}

/**
 * The study's report, when the record has one: the patient's referto di radiologia (a received
 * RAD document) dated on the study's day or within the 30 days after it, the nearest first.
 * The RAD's order id is the prescription (NRE), not the accession number, so the date is what
 * ties them; a study without a date has none.
 */
const REPORT_OF_STUDY = `d.patient_id = s.patient_id AND d.kind = 'RAD' AND s.study_date IS NOT NULL AND d.document_date IS NOT NULL
      AND julianday(substr(d.document_date, 1, 10)) - julianday(s.study_date) BETWEEN 0 AND 30
    ORDER BY julianday(substr(d.document_date, 1, 10)) - julianday(s.study_date), d.received_at LIMIT 1`;

const STUDY_SELECT = `
  SELECT s.study_uid, s.study_date, s.study_time, s.description, s.accession_number, s.institution, s.dicom_patient, s.matched_by, s.imported_at,
    (SELECT group_concat(r.modality) FROM imaging_series r WHERE r.patient_id = s.patient_id AND r.study_uid = s.study_uid) AS modalities,
    (SELECT count(*) FROM imaging_series r WHERE r.patient_id = s.patient_id AND r.study_uid = s.study_uid) AS series,
    (SELECT count(*) FROM imaging_instances i JOIN imaging_series r ON r.patient_id = i.patient_id AND r.series_uid = i.series_uid
      WHERE r.patient_id = s.patient_id AND r.study_uid = s.study_uid) AS instances,
    (SELECT sum(i.frames) FROM imaging_instances i JOIN imaging_series r ON r.patient_id = i.patient_id AND r.series_uid = i.series_uid
      WHERE r.patient_id = s.patient_id AND r.study_uid = s.study_uid AND i.kind = 'image') AS images,
    (SELECT count(*) FROM imaging_instances i JOIN imaging_series r ON r.patient_id = i.patient_id AND r.series_uid = i.series_uid
      WHERE r.patient_id = s.patient_id AND r.study_uid = s.study_uid AND i.kind <> 'image') AS others,
    (SELECT d.id FROM received_documents d WHERE ${REPORT_OF_STUDY}) AS report_id,
    (SELECT d.title FROM received_documents d WHERE ${REPORT_OF_STUDY}) AS report_title
  FROM imaging_studies s`;

/** The patient's studies, newest first (undated last). */
export function imagingStudies(db: Db, args: { patientId: string }): StudySummary[] {
  const rows = db.prepare(`${STUDY_SELECT} WHERE s.patient_id = ? ORDER BY s.study_date IS NULL, s.study_date DESC, s.study_time DESC`).all(args.patientId) as StudyRow[];
  return rows.map(toStudySummary);
}

interface InstanceRow {
  sop_instance_uid: string;
  series_uid: string;
  sop_class_uid: string;
  kind: InstanceKind;
  number: number | null;
  frames: number;
  rows: number | null;
  columns: number | null;
  transfer_syntax: string;
  position: number | null;
  size: number;
}

/** A study with its series and their instances in stack order; the access is audited. */
export function imagingStudy(db: Db, args: { actor: string; patientId: string; studyUid: string }): StudyDetail {
  const row = db.prepare(`${STUDY_SELECT} WHERE s.patient_id = ? AND s.study_uid = ?`).get(args.patientId, args.studyUid) as StudyRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'No such study for this patient', { entity: 'imagingStudy', id: args.studyUid });
  const series = db
    .prepare(`SELECT series_uid, number, modality, description, body_part, series_date FROM imaging_series WHERE patient_id = ? AND study_uid = ? ORDER BY number IS NULL, number, series_uid`)
    .all(args.patientId, args.studyUid) as { series_uid: string; number: number | null; modality: string | null; description: string | null; body_part: string | null; series_date: string | null }[];
  // Stack order: position where the geometry gives one, then instance number (shared/dicom/stack.ts compareStack).
  const instances = db
    .prepare(
      `SELECT i.* FROM imaging_instances i JOIN imaging_series r ON r.patient_id = i.patient_id AND r.series_uid = i.series_uid
        WHERE r.patient_id = ? AND r.study_uid = ?
        ORDER BY i.series_uid, i.position IS NULL, i.position, i.number IS NULL, i.number, i.sop_instance_uid`,
    )
    .all(args.patientId, args.studyUid) as InstanceRow[];
  const bySeries = new Map<string, InstanceEntry[]>();
  for (const i of instances) {
    const entry: InstanceEntry = { sopInstanceUid: i.sop_instance_uid, sopClassUid: i.sop_class_uid, kind: i.kind, frames: i.frames, transferSyntax: i.transfer_syntax, size: i.size };
    if (i.number !== null) entry.number = i.number;
    if (i.rows !== null) entry.rows = i.rows;
    if (i.columns !== null) entry.columns = i.columns;
    if (i.position !== null) entry.position = i.position;
    bySeries.set(i.series_uid, [...(bySeries.get(i.series_uid) ?? []), entry]);
  }
  appendAudit(db, { actor: args.actor, action: 'imaging.view', entity: 'patient', entityId: args.patientId, detail: { studyUid: args.studyUid } });
  return {
    ...toStudySummary(row),
    dicomPatient: JSON.parse(row.dicom_patient) as StudyDetail['dicomPatient'],
    series: series.map((r) => {
      const out: SeriesEntry = { seriesUid: r.series_uid, instances: bySeries.get(r.series_uid) ?? [] };
      if (r.number !== null) out.number = r.number;
      if (r.modality !== null) out.modality = r.modality;
      if (r.description !== null) out.description = r.description;
      if (r.body_part !== null) out.bodyPart = r.body_part;
      if (r.series_date !== null) out.date = r.series_date;
      return out;
    }),
  };
}

/** The object holding one of the patient's instances. Errors: NOT_FOUND. */
export function imagingInstanceObject(db: Db, args: { patientId: string; sopInstanceUid: string }): { objectId: string } {
  const row = db.prepare('SELECT object_id FROM imaging_instances WHERE patient_id = ? AND sop_instance_uid = ?').get(args.patientId, args.sopInstanceUid) as
    | { object_id: string }
    | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'No such instance for this patient', { entity: 'imagingInstance', id: args.sopInstanceUid });
  return { objectId: row.object_id };
}

/** Removes a study from the patient's index; answers the object ids whose files the caller deletes. */
export function imagingRemoveStudy(db: Db, args: { actor: string; patientId: string; studyUid: string }): { objectIds: string[] } {
  const exists = db.prepare('SELECT 1 FROM imaging_studies WHERE patient_id = ? AND study_uid = ?').get(args.patientId, args.studyUid);
  if (!exists) throw new AppError('NOT_FOUND', 'No such study for this patient', { entity: 'imagingStudy', id: args.studyUid });
  const seriesOf = `SELECT series_uid FROM imaging_series WHERE patient_id = @patient AND study_uid = @study`;
  const params = { patient: args.patientId, study: args.studyUid };
  const objectIds = (db.prepare(`SELECT object_id FROM imaging_instances WHERE patient_id = @patient AND series_uid IN (${seriesOf})`).all(params) as { object_id: string }[]).map((r) => r.object_id);
  db.prepare(`DELETE FROM imaging_instances WHERE patient_id = @patient AND series_uid IN (${seriesOf})`).run(params);
  db.prepare('DELETE FROM imaging_series WHERE patient_id = @patient AND study_uid = @study').run(params);
  db.prepare('DELETE FROM imaging_studies WHERE patient_id = @patient AND study_uid = @study').run(params);
  appendAudit(db, { actor: args.actor, action: 'imaging.remove', entity: 'patient', entityId: args.patientId, detail: { studyUid: args.studyUid, instances: objectIds.length } });
  return { objectIds };
}

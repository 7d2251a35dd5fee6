/**
 * The one place that turns a fact of the longitudinal record into its row (migration 007) and
 * back: the body is the fact as its schema accepts it, the columns are derived from it here and
 * nowhere else, so the two never disagree. Every writer validates with the fact's schema; every
 * reader validates again, so a stored row always parses (as clinical-record.ts does for entries).
 */
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../open.ts';
import {
  Dispensation,
  Observation,
  Prescription,
  ReceivedDocument,
  TherapyPlan,
  Visit,
  instantSortKey,
} from '../../../../shared/domain/record/index.ts';

const statements = new WeakMap<Db, Map<string, Statement>>();

/** The prepared statement of `sql` on this connection, prepared once (seeding writes tens of thousands of rows). */
function statement(db: Db, sql: string): Statement {
  let byDb = statements.get(db);
  if (!byDb) statements.set(db, (byDb = new Map()));
  let s = byDb.get(sql);
  if (!s) byDb.set(sql, (s = db.prepare(sql)));
  return s;
}

export interface RowTimes {
  /** ISO time of the write (created_at for a new row, updated_at always). */
  now: string;
}

/** Inserts or replaces an observation; returns whether it was new. */
export function writeObservation(db: Db, patientId: string, input: Observation, t: RowTimes): 'create' | 'update' {
  const o = Observation.parse(input);
  const value = o.value.type === 'quantity' ? o.value.value : null;
  const r = statement(
      db,
      `INSERT INTO observations (patient_id, id, code, panel_id, effective_key, value_num, unit, ref_low, ref_high, interpretation, source, document_id, in_pss, author_id, body, created_at, updated_at)
       VALUES (@patient_id, @id, @code, @panel_id, @effective_key, @value_num, @unit, @ref_low, @ref_high, @interpretation, @source, @document_id, @in_pss, @author_id, @body, @now, @now)
       ON CONFLICT (patient_id, id) DO UPDATE SET code = excluded.code, panel_id = excluded.panel_id, effective_key = excluded.effective_key,
         value_num = excluded.value_num, unit = excluded.unit, ref_low = excluded.ref_low, ref_high = excluded.ref_high, interpretation = excluded.interpretation, source = excluded.source, document_id = excluded.document_id,
         in_pss = excluded.in_pss, author_id = excluded.author_id, body = excluded.body, updated_at = excluded.updated_at, version = version + 1
       RETURNING version`,
    )
    .get({
      patient_id: patientId, id: o.id, code: o.code, panel_id: o.panelId ?? null, effective_key: instantSortKey(o.effective),
      value_num: value, unit: o.value.type === 'quantity' ? o.value.unit : null, ref_low: o.referenceRange?.low ?? null, ref_high: o.referenceRange?.high ?? null,
      interpretation: o.interpretation ?? null, source: o.source, document_id: o.documentId ?? null,
      in_pss: o.inPss === undefined ? null : o.inPss ? 1 : 0, author_id: o.authorId ?? null, body: JSON.stringify(o), now: t.now,
    }) as { version: number };
  return r.version === 1 ? 'create' : 'update';
}

export function readObservation(row: { body: string }): Observation {
  return Observation.parse(JSON.parse(row.body));
}

export function writeVisit(db: Db, patientId: string, input: Visit, t: RowTimes): 'create' | 'update' {
  const v = Visit.parse(input);
  const r = statement(
      db,
      `INSERT INTO visits (patient_id, id, at_key, kind, author_id, body, created_at, updated_at)
       VALUES (@patient_id, @id, @at_key, @kind, @author_id, @body, @now, @now)
       ON CONFLICT (patient_id, id) DO UPDATE SET at_key = excluded.at_key, kind = excluded.kind, author_id = excluded.author_id,
         body = excluded.body, updated_at = excluded.updated_at, version = version + 1
       RETURNING version`,
    )
    .get({ patient_id: patientId, id: v.id, at_key: instantSortKey(v.at), kind: v.kind, author_id: v.authorId ?? null, body: JSON.stringify(v), now: t.now }) as { version: number };
  return r.version === 1 ? 'create' : 'update';
}

export function readVisit(row: { body: string }): Visit {
  return Visit.parse(JSON.parse(row.body));
}

export function writeTherapyPlan(db: Db, patientId: string, input: TherapyPlan, t: RowTimes): 'create' | 'update' {
  const p = TherapyPlan.parse(input);
  const r = statement(
      db,
      `INSERT INTO therapy_plans (patient_id, id, atc, aic, status, chronic, source, document_id, author_id, position, body, created_at, updated_at)
       VALUES (@patient_id, @id, @atc, @aic, @status, @chronic, @source, @document_id, @author_id,
         (SELECT coalesce(max(position), -1) + 1 FROM therapy_plans WHERE patient_id = @patient_id), @body, @now, @now)
       ON CONFLICT (patient_id, id) DO UPDATE SET atc = excluded.atc, aic = excluded.aic, status = excluded.status, chronic = excluded.chronic,
         source = excluded.source, document_id = excluded.document_id, author_id = excluded.author_id, body = excluded.body,
         updated_at = excluded.updated_at, version = version + 1
       RETURNING version`,
    )
    .get({
      patient_id: patientId, id: p.id, atc: p.atc.code, aic: p.aic?.code ?? null, status: p.status, chronic: p.chronic ? 1 : 0, source: p.source,
      document_id: p.documentId ?? null, author_id: p.authorId ?? null, body: JSON.stringify(p), now: t.now,
    }) as { version: number };
  return r.version === 1 ? 'create' : 'update';
}

export function readTherapyPlan(row: { body: string }): TherapyPlan {
  return TherapyPlan.parse(JSON.parse(row.body));
}

export function writePrescription(db: Db, patientId: string, input: Prescription, t: RowTimes): 'create' | 'update' {
  const p = Prescription.parse(input);
  const r = statement(
      db,
      `INSERT INTO prescriptions (patient_id, id, date, kind, code, plan_id, author_id, body, created_at, updated_at)
       VALUES (@patient_id, @id, @date, @kind, @code, @plan_id, @author_id, @body, @now, @now)
       ON CONFLICT (patient_id, id) DO UPDATE SET date = excluded.date, kind = excluded.kind, code = excluded.code, plan_id = excluded.plan_id,
         author_id = excluded.author_id, body = excluded.body, updated_at = excluded.updated_at, version = version + 1
       RETURNING version`,
    )
    .get({
      patient_id: patientId, id: p.id, date: p.date, kind: p.kind, code: p.kind === 'medicine' ? p.atc.code : p.service.code,
      plan_id: p.kind === 'medicine' ? (p.planId ?? null) : null, author_id: p.authorId ?? null, body: JSON.stringify(p), now: t.now,
    }) as { version: number };
  return r.version === 1 ? 'create' : 'update';
}

export function readPrescription(row: { body: string }): Prescription {
  return Prescription.parse(JSON.parse(row.body));
}

/** Dispensations are never edited: a second write of the same id is refused by the primary key. */
export function writeDispensation(db: Db, patientId: string, input: Dispensation, t: RowTimes): void {
  const d = Dispensation.parse(input);
  statement(
    db, `INSERT INTO dispensations (patient_id, id, date, atc, aic, source, document_id, body, created_at)
     VALUES (@patient_id, @id, @date, @atc, @aic, @source, @document_id, @body, @now)`,
  ).run({
    patient_id: patientId, id: d.id, date: d.date, atc: d.atc.code, aic: d.aic?.code ?? null, source: d.source,
    document_id: d.documentId ?? null, body: JSON.stringify(d), now: t.now,
  });
}

export function readDispensation(row: { body: string }): Dispensation {
  return Dispensation.parse(JSON.parse(row.body));
}

/**
 * Stores a received document and its bytes, as received. Never updated afterwards: a second
 * document with the same content (sha256) or the same ClinicalDocument id is refused by the
 * unique indexes, so callers check for duplicates first and report them.
 */
export function writeReceivedDocument(db: Db, input: ReceivedDocument, bytes: Uint8Array, createdBy: string | null): void {
  const d = ReceivedDocument.parse(input);
  statement(
    db, `INSERT INTO received_documents (patient_id, id, kind, format, title, cda_id, set_id, document_date, date_key, received_at, sha256, body, created_by)
     VALUES (@patient_id, @id, @kind, @format, @title, @cda_id, @set_id, @document_date, @date_key, @received_at, @sha256, @body, @created_by)`,
  ).run({
    patient_id: d.patientId, id: d.id, kind: d.kind, format: d.format, title: d.title, cda_id: d.cdaId ?? null, set_id: d.setId ?? null,
    document_date: d.documentDate ?? null, date_key: d.documentDate ? instantSortKey(d.documentDate) : null, received_at: d.receivedAt,
    sha256: d.sha256, body: JSON.stringify(d), created_by: createdBy,
  });
  statement(db, 'INSERT INTO received_document_files (patient_id, document_id, bytes) VALUES (?, ?, ?)').run(d.patientId, d.id, Buffer.from(bytes));
}

export function readReceivedDocument(row: { body: string }): ReceivedDocument {
  return ReceivedDocument.parse(JSON.parse(row.body));
}

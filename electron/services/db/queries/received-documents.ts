/**
 * Received documents in the database worker: the import (preview and confirmation run the same
 * planner, shared/import/plan.ts, on facts read here, so what the doctor confirmed is what is
 * written, in one transaction), the list, one document, its bytes (the access audited as
 * document.view, as the Garante's dossier guidelines ask for every access).
 *
 * Rows are written through record-rows.ts (the one writer per table) and, for the PSS sections,
 * through clinical-record.ts importEntries.
 */
import type { z } from 'zod';
import type { Db } from '../open.ts';
import { appendAudit } from './audit.ts';
import { getRecord, importEntries } from './clinical-record.ts';
import { insertPatient } from './patients.ts';
import {
  readDispensation, readObservation, readReceivedDocument, readTherapyPlan, writeDispensation, writeObservation, writeReceivedDocument, writeTherapyPlan,
} from './record-rows.ts';
import { ENTRY_SCHEMAS } from '../../../../shared/api/record.ts';
import type { ImportDecisions, ReceivedPlan, ReceivedSummary } from '../../../../shared/api/import.ts';
import { emptyClinicalRecord, type AllergyEntry, type EncounterEntry, type ProblemEntry } from '../../../../shared/domain/clinical-record.ts';
import { checkCodiceFiscale } from '../../../../shared/domain/codice-fiscale.ts';
import type { IdentifierKind, Patient } from '../../../../shared/domain/patient.ts';
import { type Dispensation, type Observation, type ReceivedDocument, type StoredVerdict, type TherapyPlan, instantSortKey } from '../../../../shared/domain/record/index.ts';
import type { ReceivedContent } from '../../../../shared/import/content.ts';
import { type RecordFacts, type ReceivedIdentity, dispensationKey, observationKey, planReceived } from '../../../../shared/import/plan.ts';
import { refuse } from '../../../../shared/import/refusal.ts';
import { AppError } from '../../../../shared/errors/index.ts';

/** recordTarget id roots of the Italian identifiers (IG header, schematron ERRORE-11). */
const KIND_BY_ROOT: Record<string, IdentifierKind> = {
  '2.16.840.1.113883.2.9.4.3.2': 'CF',
  '2.16.840.1.113883.2.9.4.3.17': 'STP',
  '2.16.840.1.113883.2.9.4.3.18': 'ENI',
  '2.16.840.1.113883.2.9.4.3.7': 'TEAM',
};

export interface ImportArgs {
  actor: string;
  /** The open record's patient; absent: the document's own. */
  patientId?: string | undefined;
  createPatient: boolean;
  content: ReceivedContent;
  identity: ReceivedIdentity;
  validation: StoredVerdict;
  signature: StoredVerdict;
  decisions?: ImportDecisions | undefined;
  /** Confirm (write) or only plan. */
  apply: boolean;
  bytes?: Uint8Array;
  /** The doctor profile importing (created_by). */
  createdBy?: string | undefined;
}

const upper = (s: string) => s.trim().toUpperCase();

function patientById(db: Db, id: string): Patient | undefined {
  const r = db.prepare('SELECT id, identifier, surname, given_name FROM patients WHERE id = ?').get(id) as { id: string; identifier: string; surname: string; given_name: string } | undefined;
  return r ? ({ id: r.id, identifier: r.identifier, surname: r.surname, givenName: r.given_name } as Patient) : undefined;
}

/** Whose record the document goes into, or why it cannot go anywhere (IMPORT_REFUSED). */
function resolvePatient(db: Db, a: ImportArgs): { plan: ReceivedPlan['patient']; create?: Parameters<typeof insertPatient>[1]['patient']; warnings: string[] } {
  const doc = a.content.header.patient;
  const ids = doc?.ids ?? [];
  if (a.patientId) {
    const p = patientById(db, a.patientId);
    if (!p) throw new AppError('NOT_FOUND', 'Patient not found', { entity: 'patient', id: a.patientId });
    if (ids.length > 0 && !ids.some((i) => upper(i.extension) === upper(p.identifier))) throw refuse('OTHER_PATIENT');
    return { plan: { id: p.id, identifier: p.identifier, name: `${p.surname} ${p.givenName}`, create: false }, warnings: [] };
  }
  if (ids.length === 0) throw refuse('NO_PATIENT');
  for (const i of ids) {
    const kind = KIND_BY_ROOT[i.root];
    if (!kind) continue;
    const r = db.prepare('SELECT id FROM patients WHERE identifier_kind = ? AND identifier = ?').get(kind, upper(i.extension)) as { id: string } | undefined;
    if (r) return resolvePatient(db, { ...a, patientId: r.id });
  }
  if (!a.createPatient) throw refuse('UNKNOWN_PATIENT');
  const cf = ids.find((i) => KIND_BY_ROOT[i.root] === 'CF');
  if (!cf || !doc?.surname || !doc.givenName || !doc.sex || !doc.birthDate) throw refuse('PATIENT_INVALID', 'servono codice fiscale, cognome, nome, sesso e data di nascita');
  const identifier = upper(cf.extension);
  const check = checkCodiceFiscale(identifier, {});
  if (!check.valid) throw refuse('PATIENT_INVALID', `codice fiscale: ${check.problems[0] ?? 'non valido'}`);
  // The FSE's document is the authority on who it is about; a codice fiscale that does not
  // match the demographics it prints (common in test data) is registered as given, with a warning.
  const full = checkCodiceFiscale(identifier, { birthDate: doc.birthDate, sex: doc.sex });
  const warnings = full.valid ? [] : ['Il codice fiscale del documento non corrisponde a data di nascita o sesso che il documento riporta: assistito registrato come indicato, da verificare.'];
  return {
    plan: { identifier, name: `${doc.surname} ${doc.givenName}`, create: true },
    create: { surname: doc.surname, givenName: doc.givenName, sex: doc.sex, birthDate: doc.birthDate, identifierKind: 'CF', identifier },
    warnings,
  };
}

function sectionEntries<T>(db: Db, patientId: string, section: 'problems' | 'allergies' | 'encounters'): T[] {
  const rows = db.prepare('SELECT body FROM clinical_entries WHERE patient_id = ? AND section = ?').all(patientId, section) as Array<{ body: string }>;
  return rows.map((r) => (ENTRY_SCHEMAS[section] as z.ZodType).parse(JSON.parse(r.body)) as T);
}

function gatherFacts(db: Db, patientId: string | undefined, a: ImportArgs): RecordFacts {
  const empty: RecordFacts = { duplicate: null, cdaIdTaken: false, observationKeys: new Set(), dispensationKeys: new Set(), problems: [], allergies: [], encounters: [], plans: [] };
  if (!patientId) return { ...empty, ...(a.content.pss ? { pssRecord: emptyClinicalRecord() } : {}) };
  const bySha = db.prepare('SELECT id, received_at FROM received_documents WHERE patient_id = ? AND sha256 = ?').get(patientId, a.identity.sha256) as { id: string; received_at: string } | undefined;
  let duplicate: RecordFacts['duplicate'] = bySha ? { documentId: bySha.id, by: 'content', receivedAt: bySha.received_at } : null;
  let cdaIdTaken = false;
  const cdaId = a.content.header.cdaId;
  if (!duplicate && cdaId) {
    const byId = db.prepare('SELECT id, kind, received_at FROM received_documents WHERE patient_id = ? AND cda_id = ?').get(patientId, cdaId) as { id: string; kind: string; received_at: string } | undefined;
    if (byId && byId.kind === a.content.header.kind) duplicate = { documentId: byId.id, by: 'id', receivedAt: byId.received_at };
    else if (byId) cdaIdTaken = true;
  }
  const observationKeys = new Set<string>();
  const obsStmt = db.prepare('SELECT body FROM observations WHERE patient_id = ? AND code = ? AND effective_key = ?');
  const seen = new Set<string>();
  for (const o of a.content.observations) {
    const k = `${o.code}|${instantSortKey(o.effective)}`;
    if (seen.has(k)) continue;
    seen.add(k);
    for (const r of obsStmt.all(patientId, o.code, instantSortKey(o.effective)) as Array<{ body: string }>) observationKeys.add(observationKey(readObservation(r)));
  }
  const dispensationKeys = new Set<string>();
  const dispStmt = db.prepare('SELECT body FROM dispensations WHERE patient_id = ? AND atc = ? AND date = ?');
  for (const d of a.content.dispensations) for (const r of dispStmt.all(patientId, d.atc.code, d.date) as Array<{ body: string }>) dispensationKeys.add(dispensationKey(readDispensation(r)));
  const plans = (db.prepare(`SELECT body FROM therapy_plans WHERE patient_id = ? AND status = 'active' ORDER BY position`).all(patientId) as Array<{ body: string }>).map(readTherapyPlan);
  return {
    duplicate, cdaIdTaken, observationKeys, dispensationKeys,
    problems: sectionEntries<ProblemEntry>(db, patientId, 'problems'),
    allergies: sectionEntries<AllergyEntry>(db, patientId, 'allergies'),
    encounters: sectionEntries<EncounterEntry>(db, patientId, 'encounters'),
    plans,
    ...(a.content.pss ? { pssRecord: getRecord(db, { patientId }).record } : {}),
  };
}

const today = () => new Date().toISOString().slice(0, 10);

/** Plans the import of a received document and, with `apply`, writes it (one transaction: the worker's). */
export function importReceived(db: Db, a: ImportArgs): ReceivedPlan {
  const who = resolvePatient(db, a);
  const facts = gatherFacts(db, who.plan.id, a);
  const content = who.warnings.length ? { ...a.content, warnings: [...who.warnings, ...a.content.warnings] } : a.content;
  const { plan, writes } = planReceived({ content, identity: a.identity, facts, patient: who.plan, validation: a.validation, signature: a.signature, decisions: a.decisions, today: today() });
  if (!a.apply || plan.duplicate) return plan;
  if (!a.bytes) throw new AppError('INTERNAL', 'import without the document bytes');

  const patientId = who.create ? insertPatient(db, { actor: a.actor, patient: who.create }).id : who.plan.id!;
  const now = new Date().toISOString();
  const h = content.header;
  const doc: ReceivedDocument = {
    id: a.identity.documentId, patientId, kind: h.kind, format: a.identity.format, title: h.title,
    ...(h.typeCode ? { typeCode: h.typeCode } : {}),
    ...(h.cdaId && !facts.cdaIdTaken ? { cdaId: h.cdaId } : {}),
    ...(h.setId ? { setId: h.setId } : {}),
    ...(h.versionNumber ? { versionNumber: h.versionNumber } : {}),
    ...(h.authorName ? { authorName: h.authorName } : {}),
    ...(h.authorId ? { authorId: h.authorId } : {}),
    ...(h.organizationName ? { organizationName: h.organizationName } : {}),
    ...(h.organizationId ? { organizationId: h.organizationId } : {}),
    ...(h.documentDate ? { documentDate: h.documentDate } : {}),
    receivedAt: a.identity.receivedAt, sha256: a.identity.sha256, size: a.identity.size,
    validation: a.validation, signature: a.signature, added: plan.added,
    warnings: plan.warnings.slice(0, 100).map((w) => w.slice(0, 500)),
  };
  writeReceivedDocument(db, doc, a.bytes, a.createdBy ?? null);
  for (const o of writes.observations) writeObservation(db, patientId, o, { now });
  for (const d of writes.dispensations) writeDispensation(db, patientId, d, { now });
  for (const p of writes.plans) writeTherapyPlan(db, patientId, p, { now });
  const entries = [...writes.entries, ...(writes.pss?.entries ?? [])];
  const statements = writes.pss?.statements ?? {};
  if (entries.length > 0 || Object.keys(statements).length > 0) {
    importEntries(db, { actor: a.actor, patientId, entries, statements });
    // The PSS-section entries read from this document carry its id (migration 007 column).
    const mark = db.prepare('UPDATE clinical_entries SET document_id = ? WHERE patient_id = ? AND section = ? AND entry_id = ?');
    for (const e of entries) mark.run(doc.id, patientId, e.section, e.entry.id);
  }
  appendAudit(db, {
    actor: a.actor, action: 'document.import', entity: 'received-document', entityId: patientId,
    detail: { documentId: doc.id, kind: doc.kind, format: doc.format, added: plan.added, createdPatient: !!who.create },
  });
  return { ...plan, patient: { ...plan.patient, id: patientId }, applied: true };
}

function summaryOf(d: ReceivedDocument): ReceivedSummary {
  const { id, patientId, kind, format, title, typeCode, documentDate, receivedAt, authorName, organizationName, size, validation, signature, added, warnings, cdaId } = d;
  return { id, patientId, kind, format, title, receivedAt, size, validation, signature, added, warnings, ...(typeCode ? { typeCode } : {}), ...(documentDate ? { documentDate } : {}), ...(authorName ? { authorName } : {}), ...(organizationName ? { organizationName } : {}), ...(cdaId ? { cdaId } : {}) };
}

export function listReceived(db: Db, args: { patientId: string; limit: number }): { items: ReceivedSummary[]; total: number } {
  if (!patientById(db, args.patientId)) throw new AppError('NOT_FOUND', 'Patient not found', { entity: 'patient', id: args.patientId });
  const rows = db
    .prepare('SELECT body FROM received_documents WHERE patient_id = ? ORDER BY coalesce(date_key, received_at) DESC, received_at DESC LIMIT ?')
    .all(args.patientId, args.limit) as Array<{ body: string }>;
  const total = (db.prepare('SELECT count(*) AS n FROM received_documents WHERE patient_id = ?').get(args.patientId) as { n: number }).n;
  return { items: rows.map((r) => summaryOf(readReceivedDocument(r))), total };
}

function documentRow(db: Db, patientId: string, documentId: string): ReceivedDocument {
  const r = db.prepare('SELECT body FROM received_documents WHERE patient_id = ? AND id = ?').get(patientId, documentId) as { body: string } | undefined;
  if (!r) throw new AppError('NOT_FOUND', 'Received document not found', { entity: 'received-document', id: documentId });
  return readReceivedDocument(r);
}

export interface DerivedFacts {
  observations: Observation[];
  entries: Array<{ section: string; entry: Record<string, unknown> }>;
  therapyPlans: TherapyPlan[];
  dispensations: Dispensation[];
}

/** Metadata, bytes (for the text) and every fact derived from the document (by its documentId). */
export function getReceived(db: Db, args: { patientId: string; documentId: string }): { document: ReceivedDocument; bytes: Uint8Array; derived: DerivedFacts } {
  const document = documentRow(db, args.patientId, args.documentId);
  const bytes = (db.prepare('SELECT bytes FROM received_document_files WHERE patient_id = ? AND document_id = ?').get(args.patientId, args.documentId) as { bytes: Buffer }).bytes;
  const rows = (sql: string) => db.prepare(sql).all(args.patientId, args.documentId) as Array<{ body: string; section?: string }>;
  return {
    document,
    bytes: new Uint8Array(bytes),
    derived: {
      observations: rows('SELECT body FROM observations WHERE patient_id = ? AND document_id = ? ORDER BY effective_key, id').map(readObservation),
      entries: rows('SELECT section, body FROM clinical_entries WHERE patient_id = ? AND document_id = ? ORDER BY section, position').map((r) => ({ section: r.section!, entry: JSON.parse(r.body) as Record<string, unknown> })),
      therapyPlans: rows('SELECT body FROM therapy_plans WHERE patient_id = ? AND document_id = ? ORDER BY position').map(readTherapyPlan),
      dispensations: rows('SELECT body FROM dispensations WHERE patient_id = ? AND document_id = ? ORDER BY date, id').map(readDispensation),
    },
  };
}

/** The bytes as received, with the access written to the audit log in the same transaction. */
export function openReceived(db: Db, args: { actor: string; patientId: string; documentId: string }): { document: ReceivedDocument; bytes: Uint8Array } {
  const { document, bytes } = getReceived(db, args);
  appendAudit(db, { actor: args.actor, action: 'document.view', entity: 'received-document', entityId: args.patientId, detail: { documentId: args.documentId, kind: document.kind } });
  return { document, bytes };
}

import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Db } from '../open.ts';
import { appendAudit } from './audit.ts';
import { ClinicalRecord, emptyClinicalRecord, pssPart } from '../../../../shared/domain/clinical-record.ts';
import { PatientChoices } from '../../../../shared/domain/document-header.ts';
import type { EntrySource } from '../../../../shared/domain/record/entry-base.ts';
import {
  ENTRY_SCHEMAS,
  STATEMENT_SCHEMAS,
  type EntryMeta,
  type EntrySection,
  type RecordView,
  type SetStatementInput,
  type StatementKey,
  type UpsertEntryInput,
} from '../../../../shared/api/record.ts';
import type { PssDocSummary } from '../../../../shared/api/pss.ts';
import { AppError } from '../../../../shared/errors/index.ts';
import { clearPssViews, isViewSection, readPssViews, removeViewEntry, writeViewEntry } from './pss-views.ts';

interface EntryRow {
  section: string;
  entry_id: string;
  body: string;
  source: EntrySource;
  updated_at: string;
  version: number;
}

export function patientExists(db: Db, patientId: string): void {
  if (!db.prepare('SELECT 1 FROM patients WHERE id = ?').get(patientId)) {
    throw new AppError('NOT_FOUND', 'Patient not found', { entity: 'patient', id: patientId });
  }
}

/** Today as yyyy-mm-dd in the machine's time zone (the PSS results window ends today). */
export function localToday(d = new Date()): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The record rebuilt from its rows; each body re-validated with its section's schema. Vital
 * signs, results and therapies are views of the longitudinal record (pss-views.ts), as of
 * `today` (default: the machine's date).
 */
export function getRecord(db: Db, args: { patientId: string; today?: string }): RecordView {
  patientExists(db, args.patientId);
  const rows = db
    .prepare('SELECT section, entry_id, body, source, updated_at, version FROM clinical_entries WHERE patient_id = ? ORDER BY section, position, created_at, entry_id')
    .all(args.patientId) as EntryRow[];
  const record = emptyClinicalRecord() as Record<string, unknown>;
  const meta: EntryMeta[] = [];
  for (const r of rows) {
    if (isViewSection(r.section)) continue;
    const body: unknown = JSON.parse(r.body);
    if (r.section in ENTRY_SCHEMAS) {
      const entry = (ENTRY_SCHEMAS[r.section as EntrySection] as z.ZodType).parse(body);
      // vaccinationDecisions is optional in the record: present only when there are some.
      ((record[r.section] ??= []) as unknown[]).push(entry);
    } else if (r.section in STATEMENT_SCHEMAS) {
      record[r.section] = (STATEMENT_SCHEMAS[r.section as StatementKey] as z.ZodType).parse(body);
    }
    meta.push({ section: r.section, id: r.entry_id, source: r.source, updatedAt: r.updated_at, version: r.version });
  }
  const views = readPssViews(db, args.patientId, args.today ?? localToday());
  record.vitalSigns = views.vitalSigns;
  record.labResults = views.labResults;
  record.medications = views.medications;
  return { patientId: args.patientId, record: ClinicalRecord.parse(record), meta: [...meta, ...views.meta] };
}

function writeEntry(
  db: Db, patientId: string, section: string, entryId: string, body: unknown, source: EntrySource, version: number | undefined, now: string, authorId?: string,
): 'create' | 'update' {
  if (isViewSection(section)) return writeViewEntry(db, patientId, section, body, { version, now, authorId });
  const existing = db
    .prepare('SELECT version FROM clinical_entries WHERE patient_id = ? AND section = ? AND entry_id = ?')
    .get(patientId, section, entryId) as { version: number } | undefined;
  if (existing) {
    if (version !== undefined && version !== existing.version) {
      throw new AppError('CONFLICT', 'Entry changed since it was loaded', { entity: 'clinical-entry', field: 'version' });
    }
    db.prepare(
      'UPDATE clinical_entries SET body = ?, source = ?, updated_at = ?, author_id = coalesce(author_id, ?), version = version + 1 WHERE patient_id = ? AND section = ? AND entry_id = ?',
    ).run(JSON.stringify(body), source, now, authorId ?? null, patientId, section, entryId);
    return 'update';
  }
  const pos = db
    .prepare('SELECT coalesce(max(position), -1) + 1 AS p FROM clinical_entries WHERE patient_id = ? AND section = ?')
    .get(patientId, section) as { p: number };
  db.prepare(
    `INSERT INTO clinical_entries (patient_id, section, entry_id, body, source, position, created_at, updated_at, author_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(patientId, section, entryId, JSON.stringify(body), source, pos.p, now, now, authorId ?? null);
  return 'create';
}

/** `authorId`: the doctor profile writing (kept on the entry; the first author stays on edits). */
export function upsertEntry(db: Db, args: { actor: string; input: UpsertEntryInput; authorId?: string }): RecordView {
  const { patientId, section } = args.input;
  patientExists(db, patientId);
  const entry = (ENTRY_SCHEMAS[section] as z.ZodType<{ id: string; source: EntrySource }>).parse(args.input.entry);
  const op = writeEntry(db, patientId, section, entry.id, entry, entry.source, args.input.version, new Date().toISOString(), args.authorId);
  appendAudit(db, { actor: args.actor, action: `record.${op}`, entity: 'clinical-entry', entityId: patientId, detail: { section, entryId: entry.id } });
  return getRecord(db, { patientId });
}

export function removeEntry(db: Db, args: { actor: string; patientId: string; section: EntrySection; entryId: string }): RecordView {
  patientExists(db, args.patientId);
  if (isViewSection(args.section)) {
    removeViewEntry(db, args.patientId, args.section, args.entryId, new Date().toISOString());
  } else {
    const r = db.prepare('DELETE FROM clinical_entries WHERE patient_id = ? AND section = ? AND entry_id = ?').run(args.patientId, args.section, args.entryId);
    if (r.changes === 0) throw new AppError('NOT_FOUND', 'Entry not found', { entity: 'clinical-entry', id: args.entryId });
  }
  appendAudit(db, { actor: args.actor, action: 'record.remove', entity: 'clinical-entry', entityId: args.patientId, detail: { section: args.section, entryId: args.entryId } });
  return getRecord(db, { patientId: args.patientId });
}

export function setStatement(db: Db, args: { actor: string; input: SetStatementInput }): RecordView {
  const { patientId, key, value } = args.input;
  patientExists(db, patientId);
  if (value === null) {
    db.prepare('DELETE FROM clinical_entries WHERE patient_id = ? AND section = ?').run(patientId, key);
  } else {
    const parsed = (STATEMENT_SCHEMAS[key] as z.ZodType).parse(value);
    const source = typeof parsed === 'object' && parsed && 'source' in parsed ? (parsed as { source: EntrySource }).source : 'doctor';
    writeEntry(db, patientId, key, key, parsed, source, undefined, new Date().toISOString());
  }
  appendAudit(db, { actor: args.actor, action: value === null ? 'record.clear' : 'record.set', entity: 'clinical-entry', entityId: patientId, detail: { section: key } });
  return getRecord(db, { patientId });
}

/**
 * Adds entries and statements read from a received document (pss.importApply): all or nothing,
 * one audit entry. The caller has already left out what the record holds; a statement given as
 * null (an absence statement the new entries contradict) is removed.
 */
export function importEntries(
  db: Db,
  args: { actor: string; patientId: string; entries: Array<{ section: EntrySection; entry: unknown }>; statements: Partial<Record<StatementKey, unknown>>; authorId?: string },
): number {
  patientExists(db, args.patientId);
  const now = new Date().toISOString();
  for (const { section, entry } of args.entries) {
    const e = (ENTRY_SCHEMAS[section] as z.ZodType<{ id: string; source: EntrySource }>).parse(entry);
    if (isViewSection(section)) {
      writeViewEntry(db, args.patientId, section, e, { now, authorId: args.authorId, createOnly: true });
    } else if (writeEntry(db, args.patientId, section, e.id, e, e.source, undefined, now, args.authorId) !== 'create') {
      throw new AppError('CONFLICT', 'Entry already in the record', { entity: 'clinical-entry', field: 'id' });
    }
  }
  for (const [key, value] of Object.entries(args.statements) as Array<[StatementKey, unknown]>) {
    if (value === null) {
      db.prepare('DELETE FROM clinical_entries WHERE patient_id = ? AND section = ?').run(args.patientId, key);
      continue;
    }
    const v = (STATEMENT_SCHEMAS[key] as z.ZodType).parse(value);
    writeEntry(db, args.patientId, key, key, v, typeof v === 'object' && v && 'source' in v ? (v as { source: EntrySource }).source : 'doctor', undefined, now);
  }
  appendAudit(db, { actor: args.actor, action: 'record.import', entity: 'clinical-entry', entityId: args.patientId, detail: { entries: args.entries.length, statements: Object.keys(args.statements) } });
  return args.entries.length;
}

/**
 * Replaces a whole PSS record (sandbox seeding, tests): one audit entry per patient. In the view
 * sections it replaces what the PSS shows (pss-views.ts clearPssViews); the rest of each series stays.
 */
export function replaceRecords(db: Db, args: { actor: string; records: Array<{ patientId: string; record: ClinicalRecord }> }): number {
  const now = new Date().toISOString();
  for (const { patientId, record } of args.records) {
    patientExists(db, patientId);
    const r = ClinicalRecord.parse(record);
    db.prepare('DELETE FROM clinical_entries WHERE patient_id = ?').run(patientId);
    clearPssViews(db, patientId, localToday());
    for (const section of Object.keys(ENTRY_SCHEMAS) as EntrySection[]) {
      for (const e of (r[section] ?? []) as Array<{ id: string; source: EntrySource }>) writeEntry(db, patientId, section, e.id, e, e.source, undefined, now);
    }
    for (const key of Object.keys(STATEMENT_SCHEMAS) as StatementKey[]) {
      const v = r[key];
      if (v !== undefined) writeEntry(db, patientId, key, key, v, typeof v === 'object' ? v.source : 'doctor', undefined, now);
    }
    appendAudit(db, { actor: args.actor, action: 'record.replace', entity: 'clinical-entry', entityId: patientId });
  }
  return args.records.length;
}

// ---------------------------------------------------------------- PSS versions

interface PssRow {
  id: string;
  patient_id: string;
  set_id: string;
  version_number: number;
  replaces_document_id: string | null;
  state: PssDocSummary['state'];
  cda: string;
  record: string;
  choices: string;
  confidentiality: 'N' | 'R' | 'V';
  errors: number;
  warnings: number;
  updated_at: string;
  document_id?: string | null;
  /** The doctor profile that wrote this version's CDA (migration 009). */
  author_id?: string | null;
}

function summary(r: PssRow, db?: Db): PssDocSummary {
  const out: PssDocSummary = {
    documentId: r.id, patientId: r.patient_id, state: r.state, versionNumber: r.version_number, setId: r.set_id,
    errors: r.errors, warnings: r.warnings, updatedAt: r.updated_at, ...(r.author_id ? { authorId: r.author_id } : {}),
  };
  // A signed version on its way to the FSE: where the outbox has it (in coda, inviato, pubblicato, rifiutato…).
  if (db && r.document_id) {
    const o = db.prepare('SELECT state, updated_at FROM outbox_entries WHERE document_id = ? ORDER BY created_at DESC LIMIT 1').get(r.document_id) as { state: string; updated_at: string } | undefined;
    if (o) Object.assign(out, { outboxState: o.state, outboxUpdatedAt: o.updated_at });
  }
  return out;
}

/** JSON with sorted keys: two snapshots of the same content compare equal whatever their key order. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Same record, choices and confidentiality: a new version would say nothing new. */
export function sameContent(a: { record: string; choices: string; confidentiality: string }, b: { record: string; choices: string; confidentiality: string }): boolean {
  return a.confidentiality === b.confidentiality && canonical(JSON.parse(a.choices)) === canonical(JSON.parse(b.choices)) && canonical(JSON.parse(a.record)) === canonical(JSON.parse(b.record));
}

const DEFAULT_CHOICES: PatientChoices = { obscured: false, hiddenFromGuardians: false, consentToFse: true };

function draftRow(db: Db, patientId: string): PssRow | undefined {
  return db.prepare(`SELECT * FROM pss_documents WHERE patient_id = ? AND state = 'draft'`).get(patientId) as PssRow | undefined;
}
function lastVersionRow(db: Db, patientId: string): PssRow | undefined {
  return db
    .prepare(`SELECT * FROM pss_documents WHERE patient_id = ? AND state <> 'draft' ORDER BY version_number DESC LIMIT 1`)
    .get(patientId) as PssRow | undefined;
}

/** The version before `exceptId` that is not a draft (the one a new version would replace). */
function previousVersionRow(db: Db, patientId: string, exceptId: string): PssRow | undefined {
  return db
    .prepare(`SELECT * FROM pss_documents WHERE patient_id = ? AND state <> 'draft' AND id <> ? ORDER BY version_number DESC LIMIT 1`)
    .get(patientId, exceptId) as PssRow | undefined;
}

/** A confirmed, unsigned version edited again goes back to draft (same id and number). */
function reopenConfirmed(db: Db, patientId: string, documentId: string, now: string): PssRow | undefined {
  const r = db.prepare(`SELECT * FROM pss_documents WHERE id = ? AND patient_id = ? AND state = 'confirmed'`).get(documentId, patientId) as PssRow | undefined;
  if (!r) return undefined;
  db.prepare(`UPDATE pss_documents SET state = 'draft', updated_at = ?, version = version + 1 WHERE id = ?`).run(now, r.id);
  return { ...r, state: 'draft' };
}

export interface PssStatusRow {
  draft: PssDocSummary | null;
  lastPublished: PssDocSummary | null;
  /** The record snapshot of lastPublished, for the diff. */
  lastPublishedRecord: ClinicalRecord | null;
  choices: PatientChoices;
  confidentiality: 'N' | 'R' | 'V';
  versions: PssDocSummary[];
  /** The id/setId/version the next draft carries. */
  next: { documentId: string; setId: string; versionNumber: number; replacesDocumentId?: string };
}

export function pssStatus(db: Db, args: { patientId: string }): PssStatusRow {
  patientExists(db, args.patientId);
  const draft = draftRow(db, args.patientId);
  const last = lastVersionRow(db, args.patientId);
  const versions = (db.prepare('SELECT * FROM pss_documents WHERE patient_id = ? ORDER BY version_number DESC').all(args.patientId) as PssRow[]).map((r) => summary(r, db));
  const source = draft ?? last;
  let next: PssStatusRow['next'];
  // A confirmed version not yet signed is edited in place (it goes back to draft): there is only
  // ever one version waiting to be signed, and what is previewed is what will be signed.
  const open = draft ?? (last?.state === 'confirmed' ? last : undefined);
  if (open) {
    next = { documentId: open.id, setId: open.set_id, versionNumber: open.version_number, ...(open.replaces_document_id ? { replacesDocumentId: open.replaces_document_id } : {}) };
  } else if (last) {
    const id = `PSS.${randomUUID()}`;
    next = { documentId: id, setId: last.set_id, versionNumber: last.version_number + 1, replacesDocumentId: last.id };
  } else {
    const id = `PSS.${randomUUID()}`;
    next = { documentId: id, setId: id, versionNumber: 1 };
  }
  return {
    draft: draft ? summary(draft) : null,
    lastPublished: last ? summary(last, db) : null,
    lastPublishedRecord: last ? ClinicalRecord.parse(JSON.parse(last.record)) : null,
    choices: source ? PatientChoices.parse(JSON.parse(source.choices)) : DEFAULT_CHOICES,
    confidentiality: source?.confidentiality ?? 'N',
    versions,
    next,
  };
}

export function pssSaveDraft(
  db: Db,
  args: {
    actor: string;
    patientId: string;
    version: { documentId: string; setId: string; versionNumber: number; replacesDocumentId?: string };
    cda: string;
    record: ClinicalRecord;
    choices: PatientChoices;
    confidentiality: 'N' | 'R' | 'V';
    errors: number;
    warnings: number;
    /** The doctor at work, whose name the CDA carries as author. */
    authorId?: string;
  },
): PssDocSummary {
  patientExists(db, args.patientId);
  const now = new Date().toISOString();
  const draft = draftRow(db, args.patientId);
  if (!draft) {
    // Nothing changed since the last version (confirmed, signed or published): no new draft,
    // and a confirmed version stays confirmed; saving or confirming again does nothing.
    const content = { record: JSON.stringify(pssPart(args.record)), choices: JSON.stringify(args.choices), confidentiality: args.confidentiality };
    const confirmed = db.prepare(`SELECT * FROM pss_documents WHERE id = ? AND patient_id = ? AND state = 'confirmed'`).get(args.version.documentId, args.patientId) as PssRow | undefined;
    const previous = confirmed ?? previousVersionRow(db, args.patientId, args.version.documentId);
    // A version confirmed by another doctor and not signed is theirs to sign: the doctor at work
    // who saves it takes it over (back to draft, with their name as author), even unchanged.
    const otherAuthor = previous?.state === 'confirmed' && (previous.author_id ?? null) !== (args.authorId ?? null);
    if (previous && sameContent(previous, content) && !otherAuthor) return summary(previous, db);
  }
  const existing = draft ?? reopenConfirmed(db, args.patientId, args.version.documentId, now);
  const cols = {
    cda: args.cda, record: JSON.stringify(pssPart(args.record)), choices: JSON.stringify(args.choices), confidentiality: args.confidentiality,
    errors: args.errors, warnings: args.warnings, now, author_id: args.authorId ?? null,
  };
  if (existing) {
    if (existing.id !== args.version.documentId) throw new AppError('CONFLICT', 'Another draft was created meanwhile', { entity: 'pss', field: 'documentId' });
    db.prepare(
      `UPDATE pss_documents SET cda=@cda, record=@record, choices=@choices, confidentiality=@confidentiality, errors=@errors,
         warnings=@warnings, author_id=@author_id, updated_at=@now, version=version+1 WHERE id=@id`,
    ).run({ ...cols, id: existing.id });
  } else {
    db.prepare(
      `INSERT INTO pss_documents (id, patient_id, set_id, version_number, replaces_document_id, state, cda, record, choices,
         confidentiality, errors, warnings, created_at, updated_at, author_id)
       VALUES (@id, @patient_id, @set_id, @version_number, @replaces, 'draft', @cda, @record, @choices, @confidentiality,
         @errors, @warnings, @now, @now, @author_id)`,
    ).run({
      ...cols, id: args.version.documentId, patient_id: args.patientId, set_id: args.version.setId,
      version_number: args.version.versionNumber, replaces: args.version.replacesDocumentId ?? null,
    });
  }
  appendAudit(db, {
    actor: args.actor, action: existing ? 'pss.draft.update' : 'pss.draft.create', entity: 'pss', entityId: args.version.documentId,
    detail: { patientId: args.patientId, versionNumber: args.version.versionNumber, errors: args.errors },
  });
  return summary(draftRow(db, args.patientId)!);
}

export function pssConfirm(db: Db, args: { actor: string; patientId: string }): PssDocSummary {
  const d = draftRow(db, args.patientId);
  if (!d) throw new AppError('NOT_FOUND', 'No PSS draft for the patient', { entity: 'pss', id: args.patientId });
  if (d.errors > 0) throw new AppError('CONFLICT', 'The draft has validation errors', { entity: 'pss', field: 'errors' });
  const previous = previousVersionRow(db, args.patientId, d.id);
  if (previous && sameContent(previous, d)) {
    // The same content as the version before: confirming would make a version that says nothing new.
    db.prepare('DELETE FROM pss_documents WHERE id = ?').run(d.id);
    appendAudit(db, { actor: args.actor, action: 'pss.draft.discard', entity: 'pss', entityId: d.id, detail: { patientId: args.patientId, reason: 'unchanged' } });
    throw new AppError('CONFLICT', `Nothing changed since version ${previous.version_number}`, { entity: 'pss', field: 'unchanged' });
  }
  const now = new Date().toISOString();
  db.prepare(`UPDATE pss_documents SET state = 'confirmed', updated_at = ?, version = version + 1 WHERE id = ?`).run(now, d.id);
  appendAudit(db, { actor: args.actor, action: 'pss.confirm', entity: 'pss', entityId: d.id, detail: { patientId: args.patientId, versionNumber: d.version_number } });
  return summary({ ...d, state: 'confirmed', updated_at: now });
}

/** Drafts and latest versions for many patients at once (the review queue). */
export function pssSummaries(db: Db, args: { patientIds: string[] }): Record<string, { draft: PssDocSummary | null; last: PssDocSummary | null }> {
  const out: Record<string, { draft: PssDocSummary | null; last: PssDocSummary | null }> = {};
  for (const id of args.patientIds) {
    const d = draftRow(db, id);
    const l = lastVersionRow(db, id);
    out[id] = { draft: d ? summary(d) : null, last: l ? summary(l) : null };
  }
  return out;
}

/** A stored version with what is needed to print and sign it again. */
export function pssVersion(db: Db, args: { documentId: string }): PssDocSummary & { cda: string; record: ClinicalRecord; choices: PatientChoices; confidentiality: 'N' | 'R' | 'V'; replacesDocumentId: string | null } {
  const r = db.prepare('SELECT * FROM pss_documents WHERE id = ?').get(args.documentId) as PssRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', 'PSS version not found', { entity: 'pss', id: args.documentId });
  return {
    ...summary(r), cda: r.cda, record: ClinicalRecord.parse(JSON.parse(r.record)), choices: PatientChoices.parse(JSON.parse(r.choices)),
    confidentiality: r.confidentiality, replacesDocumentId: r.replaces_document_id,
  };
}

export function pssMarkSigned(db: Db, args: { actor: string; documentId: string; outboxDocumentId?: string }): PssDocSummary {
  const r = db.prepare('SELECT * FROM pss_documents WHERE id = ?').get(args.documentId) as PssRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', 'PSS version not found', { entity: 'pss', id: args.documentId });
  if (r.state !== 'confirmed') throw new AppError('CONFLICT', 'Only a confirmed PSS can be marked signed', { entity: 'pss', field: 'state' });
  const now = new Date().toISOString();
  db.prepare(`UPDATE pss_documents SET state = 'signed', document_id = ?, updated_at = ?, version = version + 1 WHERE id = ?`).run(args.outboxDocumentId ?? null, now, r.id);
  appendAudit(db, { actor: args.actor, action: 'pss.sign', entity: 'pss', entityId: r.id, detail: { patientId: r.patient_id, outboxDocumentId: args.outboxDocumentId ?? null } });
  return summary({ ...r, state: 'signed', updated_at: now });
}

/** The stored CDA of a version (for signing and publication). */
export function pssCda(db: Db, args: { documentId: string }): string {
  const r = db.prepare('SELECT cda FROM pss_documents WHERE id = ?').get(args.documentId) as { cda: string } | undefined;
  if (!r) throw new AppError('NOT_FOUND', 'PSS version not found', { entity: 'pss', id: args.documentId });
  return r.cda;
}

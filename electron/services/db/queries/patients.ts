import { randomUUID } from 'node:crypto';
import type { Db } from '../open.ts';
import { appendAudit } from './audit.ts';
import type { Patient, PatientInput, PatientSummary } from '../../../../shared/domain/patient.ts';
import { prefixUpperBound, searchKey } from '../../../../shared/domain/search-key.ts';
import { AppError } from '../../../../shared/errors/index.ts';

export interface PatientRow {
  id: string;
  surname: string;
  given_name: string;
  sex: 'M' | 'F';
  birth_date: string;
  identifier_kind: Patient['identifierKind'];
  identifier: string;
  details: string;
  created_at: string;
  updated_at: string;
  version: number;
}

const DETAIL_FIELDS = ['teamCountry', 'birthPlace', 'address', 'phone', 'email', 'guardian'] as const;

export function toSummary(r: PatientRow): PatientSummary {
  return {
    id: r.id,
    surname: r.surname,
    givenName: r.given_name,
    sex: r.sex,
    birthDate: r.birth_date,
    identifierKind: r.identifier_kind,
    identifier: r.identifier,
  };
}

function toPatient(r: PatientRow): Patient {
  const details = JSON.parse(r.details) as Partial<PatientInput>;
  return { ...toSummary(r), ...details, createdAt: r.created_at, updatedAt: r.updated_at, version: r.version };
}

function columns(p: PatientInput) {
  const details: Record<string, unknown> = {};
  for (const f of DETAIL_FIELDS) if (p[f] !== undefined && p[f] !== '') details[f] = p[f];
  return {
    surname: p.surname,
    given_name: p.givenName,
    sex: p.sex,
    birth_date: p.birthDate,
    identifier_kind: p.identifierKind,
    identifier: p.identifier,
    details: JSON.stringify(details),
    surname_key: searchKey(p.surname),
    given_key: searchKey(p.givenName),
  };
}

function isUniqueViolation(e: unknown): boolean {
  return (e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export function insertPatient(db: Db, args: { actor: string; patient: PatientInput; id?: string }): Patient {
  const now = new Date().toISOString();
  const id = args.id ?? randomUUID();
  try {
    db.prepare(
      `INSERT INTO patients (id, surname, given_name, sex, birth_date, identifier_kind, identifier, details,
         surname_key, given_key, created_at, updated_at)
       VALUES (@id, @surname, @given_name, @sex, @birth_date, @identifier_kind, @identifier, @details,
         @surname_key, @given_key, @now, @now)`,
    ).run({ id, now, ...columns(args.patient) });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', 'Identifier already in the panel', { entity: 'patient', field: 'identifier' });
    throw e;
  }
  appendAudit(db, { actor: args.actor, action: 'patient.create', entity: 'patient', entityId: id });
  return getPatient(db, { id });
}

/** Bulk insert for the synthetic panel: one audit entry per patient, all in the caller's transaction. */
export function insertPatients(db: Db, args: { actor: string; patients: PatientInput[] }): number {
  let n = 0;
  for (const patient of args.patients) {
    insertPatient(db, { actor: args.actor, patient });
    n++;
  }
  return n;
}

export function updatePatient(db: Db, args: { actor: string; id: string; version: number; patient: PatientInput }): Patient {
  const before = getPatient(db, { id: args.id });
  if (before.version !== args.version) {
    throw new AppError('CONFLICT', 'Patient changed since it was loaded', { entity: 'patient', field: 'version' });
  }
  const cols = columns(args.patient);
  try {
    db.prepare(
      `UPDATE patients SET surname=@surname, given_name=@given_name, sex=@sex, birth_date=@birth_date,
         identifier_kind=@identifier_kind, identifier=@identifier, details=@details, surname_key=@surname_key,
         given_key=@given_key, updated_at=@now, version=version+1
       WHERE id=@id AND version=@version`,
    ).run({ ...cols, id: args.id, version: args.version, now: new Date().toISOString() });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', 'Identifier already in the panel', { entity: 'patient', field: 'identifier' });
    throw e;
  }
  const after = getPatient(db, { id: args.id });
  const changed = (Object.keys(args.patient) as (keyof PatientInput)[]).filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
  appendAudit(db, { actor: args.actor, action: 'patient.update', entity: 'patient', entityId: args.id, detail: { changed } });
  return after;
}

export function getPatient(db: Db, args: { id: string }): Patient {
  const row = db.prepare('SELECT * FROM patients WHERE id = ?').get(args.id) as PatientRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'No such patient', { entity: 'patient', id: args.id });
  return toPatient(row);
}

const SUMMARY = 'id, surname, given_name, sex, birth_date, identifier_kind, identifier';
const COUNT_CAP = 1000;

/** The three ways a word can match, each an index range in its own sort order. */
const BRANCHES = [
  { column: 'surname_key', order: 'surname_key, given_key' },
  { column: 'given_key', order: 'given_key, surname_key' },
  { column: 'identifier', order: 'identifier' },
] as const;

/**
 * Search as you type. Every word must be the start of the surname, the given name or the
 * identifier ("rossi ma", "mario rossi", "RSSMRA"). Results are ranked surname matches first
 * (by surname, name), then given-name matches, then identifier matches: each branch reads its
 * own index in order and stops at `limit`, so the cost does not grow with the panel. `total`
 * counts distinct matches up to 1,000, which is all a list needs to say.
 */
export function searchPatients(db: Db, args: { text: string; limit: number }): { items: PatientSummary[]; total: number } {
  const words = args.text.split(/\s+/).map(searchKey).filter((w) => w.length > 0);
  if (words.length === 0) {
    const items = db.prepare(`SELECT ${SUMMARY} FROM patients ORDER BY surname_key, given_key LIMIT ?`).all(args.limit) as PatientRow[];
    const total = (db.prepare('SELECT count(*) AS n FROM patients').get() as { n: number }).n;
    return { items: items.map(toSummary), total };
  }
  const [first, ...rest] = words as [string, ...string[]];
  const params: Record<string, string | number> = { lo: first, hi: prefixUpperBound(first), limit: args.limit, cap: COUNT_CAP };
  const extra = rest
    .map((w, i) => {
      params[`w${i}`] = w;
      params[`h${i}`] = prefixUpperBound(w);
      return ` AND (${BRANCHES.map((b) => `(${b.column} >= @w${i} AND ${b.column} < @h${i})`).join(' OR ')})`;
    })
    .join('');
  const where = (column: string) => `${column} >= @lo AND ${column} < @hi${extra}`;

  const seen = new Set<string>();
  const items: PatientSummary[] = [];
  for (const b of BRANCHES) {
    if (items.length >= args.limit) break;
    const rows = db.prepare(`SELECT ${SUMMARY} FROM patients WHERE ${where(b.column)} ORDER BY ${b.order} LIMIT @limit`).all(params) as PatientRow[];
    for (const r of rows) {
      if (items.length >= args.limit || seen.has(r.id)) continue;
      seen.add(r.id);
      items.push(toSummary(r));
    }
  }
  // rowid, not id: the count then reads only the indexes (covering), never the rows.
  const ids = BRANCHES.map((b) => `SELECT rid FROM (SELECT rowid AS rid FROM patients WHERE ${where(b.column)} LIMIT @cap)`).join(' UNION ');
  const total = (db.prepare(`SELECT min(count(*), @cap) AS n FROM (${ids})`).get(params) as { n: number }).n;
  return { items, total };
}

/**
 * Patients the sandbox created whose synthetic record was never written (the host stopped
 * between the two commits of the panel): the audit log says who created each patient and
 * whether its record was replaced, so a later start fills in exactly what is missing and
 * never touches a patient the doctor added.
 */
export function sandboxPatientsWithoutRecord(db: Db): PatientSummary[] {
  const rows = db
    .prepare(
      `SELECT ${SUMMARY} FROM patients p
       WHERE p.id IN (SELECT entity_id FROM audit_log WHERE actor = 'sandbox' AND action = 'patient.create')
         AND p.id NOT IN (SELECT entity_id FROM audit_log WHERE actor = 'sandbox' AND action = 'record.replace')
       ORDER BY p.surname_key, p.given_key, p.id`,
    )
    .all() as PatientRow[];
  return rows.map(toSummary);
}

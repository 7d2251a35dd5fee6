/**
 * The Riepilogo of one patient (UX.md screen 2, DASHBOARD.md §1) in one read: allergies first,
 * active problems, current therapies with their last prescription, the last vital signs and key
 * laboratory values with their recent trend, and what is due. Each part is read from an index
 * (series by code, prescriptions by plan), never by walking the whole history: a 20-year patient
 * answers as fast as a new one.
 */
import type { z } from 'zod';
import type { Db } from '../open.ts';
import { AllergyEntry, ClinicalRecord, NoAllergiesStatement, ProblemEntry, pssPart } from '../../../../shared/domain/clinical-record.ts';
import { KEY_LAB_CODES, VITAL_KINDS, type Interpretation } from '../../../../shared/domain/record/index.ts';
import { SUMMARY_TREND_POINTS, type DueItem, type PatientSummary, type SummaryMeasure } from '../../../../shared/api/chart.ts';
import { canonical, getRecord, localToday, patientExists } from './clinical-record.ts';
import { readObservation, readTherapyPlan } from './record-rows.ts';

const DAY_MS = 86_400_000;
/** Whole days from a date or UTC key to `today` (yyyy-mm-dd). */
export function daysBetween(from: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / DAY_MS);
}

const CRITICALITY_RANK = { H: 0, M: 1, L: 2 } as const;

function entries<S extends z.ZodType>(db: Db, patientId: string, section: string, schema: S): Array<z.infer<S>> {
  return (db.prepare('SELECT body FROM clinical_entries WHERE patient_id = ? AND section = ? ORDER BY position, created_at, entry_id').pluck().all(patientId, section) as string[])
    .map((b) => schema.parse(JSON.parse(b)) as z.infer<S>);
}

function allergies(db: Db, patientId: string) {
  return entries(db, patientId, 'allergies', AllergyEntry)
    .filter((a) => a.status === 'active')
    .sort((a, b) => CRITICALITY_RANK[a.criticality ?? 'L'] - CRITICALITY_RANK[b.criticality ?? 'L']);
}

function problems(db: Db, patientId: string) {
  return entries(db, patientId, 'problems', ProblemEntry)
    .filter((p) => p.status === 'active')
    .sort((a, b) => Number(b.chronic) - Number(a.chronic) || (b.onset ?? '').localeCompare(a.onset ?? ''));
}

function therapies(db: Db, patientId: string, today: string): PatientSummary['therapies'] {
  const last = db.prepare('SELECT max(date) FROM prescriptions WHERE patient_id = ? AND plan_id = ?').pluck();
  return (db.prepare(`SELECT id, body FROM therapy_plans WHERE patient_id = ? AND status = 'active' ORDER BY chronic DESC, position, created_at, id`).all(patientId) as Array<{ id: string; body: string }>)
    .map((r) => {
      const lastPrescribed = (last.get(patientId, r.id) as string | null) ?? null;
      return { plan: readTherapyPlan(r), lastPrescribed, daysSincePrescribed: lastPrescribed ? daysBetween(lastPrescribed, today) : null };
    });
}

const VITAL_ORDER = Object.values(VITAL_KINDS).map((k) => k.loinc);
const SHOWN = [...VITAL_ORDER, ...KEY_LAB_CODES];
const VITAL_SET = new Set<string>(VITAL_ORDER);

function abnormalOf(value: number, low: number | null, high: number | null, i: Interpretation | null): 'low' | 'high' | null {
  if (i === 'L' || i === 'LL') return 'low';
  if (i === 'H' || i === 'HH') return 'high';
  if (i === 'N') return null;
  if (low !== null && value < low) return 'low';
  if (high !== null && value > high) return 'high';
  return null;
}

type PointRow = [id: string, at: string, value: number | null, unit: string | null, low: number | null, high: number | null, interpretation: Interpretation | null];

function measures(db: Db, patientId: string, today: string): SummaryMeasure[] {
  // The last points of each shown code, newest first, from the covering series index.
  const recent = db
    .prepare(`SELECT id, effective_key, value_num, unit, ref_low, ref_high, interpretation FROM observations
              WHERE patient_id = ? AND code = ? AND value_num IS NOT NULL ORDER BY effective_key DESC, id DESC LIMIT ${SUMMARY_TREND_POINTS}`)
    .raw();
  const body = db.prepare('SELECT body FROM observations WHERE patient_id = ? AND id = ?');
  const out: SummaryMeasure[] = [];
  for (const code of SHOWN) {
    const rows = recent.all(patientId, code) as PointRow[];
    const head = rows[0];
    if (!head) continue;
    const [id, at, value, unit, low, high, interpretation] = head;
    const display = readObservation(body.get(patientId, id) as { body: string }).display;
    out.push({
      code, display, group: VITAL_SET.has(code) ? 'vital' : 'lab', value: value!, unit, at, ageDays: daysBetween(at, today), low, high, interpretation,
      abnormal: abnormalOf(value!, low, high, interpretation), trend: rows.map((r) => r[2]!).reverse(),
    });
  }
  return out;
}

interface PublishedRow { version_number: number; record: string; published_at: string }

/**
 * What is due about the PSS: never published, published more than 12 months ago, or the record
 * changed since (the record as the PSS editor would send it today against the published snapshot).
 * A version counts as published when the outbox says so (or the PSS row was marked published).
 */
function pssDue(db: Db, patientId: string, today: string): DueItem[] {
  const row = db
    .prepare(
      `SELECT p.version_number, p.record, coalesce(o.updated_at, p.updated_at) AS published_at FROM pss_documents p
       LEFT JOIN outbox_entries o ON o.document_id = p.document_id AND o.state = 'published'
       WHERE p.patient_id = ? AND (p.state = 'published' OR o.id IS NOT NULL)
       ORDER BY p.version_number DESC LIMIT 1`,
    )
    .get(patientId) as PublishedRow | undefined;
  if (!row) return [{ kind: 'pss-never-published' }];
  const due: DueItem[] = [];
  const since = row.published_at.slice(0, 10);
  const yearAgo = new Date(Date.parse(`${today}T00:00:00Z`));
  yearAgo.setUTCFullYear(yearAgo.getUTCFullYear() - 1);
  if (since < yearAgo.toISOString().slice(0, 10)) due.push({ kind: 'pss-stale', since, versionNumber: row.version_number });
  const now = pssPart(getRecord(db, { patientId, today }).record);
  if (canonical(now) !== canonical(ClinicalRecord.parse(JSON.parse(row.record)))) due.push({ kind: 'pss-changed', since, versionNumber: row.version_number });
  return due;
}

export function patientSummary(db: Db, args: { patientId: string; today?: string | undefined }): PatientSummary {
  patientExists(db, args.patientId);
  const today = args.today ?? localToday();
  const noAllergies = db.prepare(`SELECT body FROM clinical_entries WHERE patient_id = ? AND section = 'noAllergies'`).pluck().get(args.patientId) as string | undefined;
  return {
    patientId: args.patientId,
    today,
    allergies: allergies(db, args.patientId),
    noAllergies: noAllergies ? NoAllergiesStatement.parse(JSON.parse(noAllergies)) : null,
    problems: problems(db, args.patientId),
    therapies: therapies(db, args.patientId, today),
    measures: measures(db, args.patientId, today),
    due: pssDue(db, args.patientId, today),
  };
}

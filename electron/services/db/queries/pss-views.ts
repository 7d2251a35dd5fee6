/**
 * The PSS sections that are views of the longitudinal record (migration 007): vital signs and
 * results read from `observations`, therapies from `therapy_plans`. One source of truth: the
 * PSS editor reads and writes these rows, never a second copy in `clinical_entries`.
 *
 * The view rules (shared/domain/record/observation.ts `inPss`):
 * - vital signs: the latest observation of each vital kind the PSS prints (left-out ones,
 *   inPss false, do not count), plus every one pinned (inPss true);
 * - results: every observation pinned to the PSS, plus the latest of each laboratory code (any
 *   code that is not a vital sign) measured in the 12 months up to `today`, minus left-out ones;
 * - therapies: every chronic therapy plan, in the plans' order.
 * Entries come in the order they were written (created_at, then id), as the PSS sections were
 * before, so a record read back builds the same document.
 */
import type { Db } from '../open.ts';
import { AppError } from '../../../../shared/errors/index.ts';
import { LabResultEntry, MedicationEntry, VitalSignEntry } from '../../../../shared/domain/clinical-record.ts';
import type { EntrySource } from '../../../../shared/domain/record/entry-base.ts';
import {
  VITAL_KINDS,
  instantSortKey,
  vitalKindOf,
  type Observation,
  type RecordSource,
  type TherapyPlan,
} from '../../../../shared/domain/record/index.ts';
import type { EntryMeta } from '../../../../shared/api/record.ts';
import { readObservation, readTherapyPlan, writeObservation, writeTherapyPlan } from './record-rows.ts';

export type ViewSection = 'vitalSigns' | 'labResults' | 'medications';
export const VIEW_SECTIONS: readonly ViewSection[] = ['vitalSigns', 'labResults', 'medications'];

export function isViewSection(section: string): section is ViewSection {
  return (VIEW_SECTIONS as readonly string[]).includes(section);
}

/** The PSS vital kinds (VitalSignEntry) and their series; blood pressure is the systolic/diastolic pair. */
const PSS_SINGLE_KINDS = ['weight', 'height', 'bmi', 'heart-rate', 'waist'] as const;
type PssSingleKind = (typeof PSS_SINGLE_KINDS)[number];
const SYS = VITAL_KINDS.systolic.loinc;
const DIA = VITAL_KINDS.diastolic.loinc;
const VITAL_CODES = Object.values(VITAL_KINDS).map((k) => k.loinc);

/**
 * The PSS entry source of a record fact. A fact read from a received document is shown as the
 * specialist's (a lab, a hospital wrote it); a device reading as the patient's own measurement.
 */
export function pssSource(source: RecordSource): EntrySource {
  if (source === 'document') return 'specialist';
  if (source === 'device') return 'patient-declared';
  return source;
}

/** "Today" as yyyy-mm-dd in the machine's time zone, and the first day of the 12-month window. */
export function resultsWindow(today: string): { from: string; to: string } {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const from = new Date(Date.UTC(y - 1, m - 1, d));
  return { from: `${from.toISOString().slice(0, 10)}T00:00:00`, to: `${today}T23:59:59` };
}

interface ObsRow { id: string; code: string; panel_id: string | null; in_pss: number | null; effective_key: string; created_at: string; updated_at: string; version: number; body: string }
const OBS_COLS = 'id, code, panel_id, in_pss, effective_key, created_at, updated_at, version, body';
const LATEST = 'ORDER BY effective_key DESC, created_at DESC, id DESC LIMIT 1';

interface ViewEntry<E> { entry: E; meta: EntryMeta; order: [string, string] }

function meta(section: ViewSection, id: string, source: EntrySource, r: { updated_at: string; version: number }): EntryMeta {
  return { section, id, source, updatedAt: r.updated_at, version: r.version };
}

const day = (o: Observation): string => o.effective.slice(0, 10);

function quantity(o: Observation): number | undefined {
  return o.value.type === 'quantity' ? o.value.value : undefined;
}

function vitalFromRows(row: ObsRow, dia: ObsRow | undefined): ViewEntry<VitalSignEntry> | null {
  const o = readObservation(row);
  const base = { source: pssSource(o.source), ...(o.note ? { note: o.note } : {}), date: day(o) };
  let candidate: unknown;
  let id: string;
  if (row.code === SYS) {
    if (!dia || !row.panel_id) return null;
    const d = readObservation(dia);
    const s = quantity(o);
    const di = quantity(d);
    if (s === undefined || di === undefined) return null;
    id = row.panel_id;
    candidate = { id, ...base, kind: 'blood-pressure', systolic: Math.round(s), diastolic: Math.round(di) };
  } else {
    id = o.id;
    candidate = { id, ...base, kind: vitalKindOf(row.code), value: quantity(o) };
  }
  const parsed = VitalSignEntry.safeParse(candidate);
  if (!parsed.success) return null;
  return { entry: parsed.data, meta: meta('vitalSigns', id, parsed.data.source, row), order: [row.created_at, id] };
}

function vitalViews(db: Db, patientId: string): Array<ViewEntry<VitalSignEntry>> {
  const chosen = new Map<string, ObsRow>();
  const latest = db.prepare(`SELECT ${OBS_COLS} FROM observations WHERE patient_id = ? AND code = ? AND in_pss IS NOT 0 ${LATEST}`);
  const latestBp = db.prepare(`SELECT ${OBS_COLS} FROM observations WHERE patient_id = ? AND code = ? AND in_pss IS NOT 0 AND panel_id IS NOT NULL ${LATEST}`);
  for (const kind of PSS_SINGLE_KINDS) {
    const r = latest.get(patientId, VITAL_KINDS[kind].loinc) as ObsRow | undefined;
    if (r) chosen.set(r.id, r);
  }
  const bp = latestBp.get(patientId, SYS) as ObsRow | undefined;
  if (bp) chosen.set(bp.id, bp);
  const pinnedCodes = [...PSS_SINGLE_KINDS.map((k) => VITAL_KINDS[k].loinc), SYS];
  const pinned = db
    .prepare(`SELECT ${OBS_COLS} FROM observations WHERE patient_id = ? AND in_pss = 1 AND code IN (${pinnedCodes.map(() => '?').join(',')})`)
    .all(patientId, ...pinnedCodes) as ObsRow[];
  for (const r of pinned) chosen.set(r.id, r);
  const partner = db.prepare(`SELECT ${OBS_COLS} FROM observations WHERE patient_id = ? AND panel_id = ? AND code = ? ORDER BY id LIMIT 1`);
  const out: Array<ViewEntry<VitalSignEntry>> = [];
  for (const r of chosen.values()) {
    const v = vitalFromRows(r, r.code === SYS && r.panel_id ? (partner.get(patientId, r.panel_id, DIA) as ObsRow | undefined) : undefined);
    if (v) out.push(v);
  }
  return out;
}

const LAB_INTERPRETATION = { N: 'N', L: 'L', H: 'H', LL: 'L', HH: 'H', A: 'A', AA: 'A' } as const;

function labFromRow(row: ObsRow): ViewEntry<LabResultEntry> | null {
  const o = readObservation(row);
  if (o.value.type !== 'quantity') return null;
  const parsed = LabResultEntry.safeParse({
    id: o.id, source: pssSource(o.source), ...(o.note ? { note: o.note } : {}), loinc: { code: o.code, display: o.display },
    value: o.value.value, unit: o.value.unit,
    ...(o.referenceRange?.low !== undefined ? { referenceLow: o.referenceRange.low } : {}),
    ...(o.referenceRange?.high !== undefined ? { referenceHigh: o.referenceRange.high } : {}),
    ...(o.interpretation ? { interpretation: LAB_INTERPRETATION[o.interpretation] } : {}),
    date: day(o),
  });
  if (!parsed.success) return null;
  return { entry: parsed.data, meta: meta('labResults', o.id, parsed.data.source, row), order: [row.created_at, o.id] };
}

function labViews(db: Db, patientId: string, today: string): Array<ViewEntry<LabResultEntry>> {
  const w = resultsWindow(today);
  const notVital = `code NOT IN (${VITAL_CODES.map(() => '?').join(',')})`;
  // UNION drops the latest of a code when it is also pinned (same row).
  const rows = db
    .prepare(
      `SELECT ${OBS_COLS} FROM observations WHERE patient_id = ? AND in_pss = 1 AND ${notVital}
       UNION
       SELECT ${OBS_COLS} FROM (
         SELECT ${OBS_COLS}, row_number() OVER (PARTITION BY code ORDER BY effective_key DESC, created_at DESC, id DESC) AS n
         FROM observations WHERE patient_id = ? AND effective_key BETWEEN ? AND ? AND value_num IS NOT NULL AND in_pss IS NOT 0 AND ${notVital}
       ) WHERE n = 1`,
    )
    .all(patientId, ...VITAL_CODES, patientId, w.from, w.to, ...VITAL_CODES) as ObsRow[];
  return rows.map(labFromRow).filter((v): v is ViewEntry<LabResultEntry> => v !== null);
}

function medicationViews(db: Db, patientId: string): Array<ViewEntry<MedicationEntry>> {
  const rows = db
    .prepare('SELECT id, updated_at, version, body FROM therapy_plans WHERE patient_id = ? AND chronic = 1 ORDER BY position, created_at, id')
    .all(patientId) as Array<{ id: string; updated_at: string; version: number; body: string }>;
  return rows.map((r, i) => {
    const entry = MedicationEntry.parse(readTherapyPlan(r));
    return { entry, meta: meta('medications', r.id, entry.source, r), order: [String(i).padStart(9, '0'), r.id] };
  });
}

function byOrder<E>(a: ViewEntry<E>, b: ViewEntry<E>): number {
  return a.order[0] < b.order[0] ? -1 : a.order[0] > b.order[0] ? 1 : a.order[1] < b.order[1] ? -1 : a.order[1] > b.order[1] ? 1 : 0;
}

/** The three view sections of one patient's PSS record, with their entry metadata. */
export function readPssViews(db: Db, patientId: string, today: string): {
  vitalSigns: VitalSignEntry[]; labResults: LabResultEntry[]; medications: MedicationEntry[]; meta: EntryMeta[];
} {
  const v = vitalViews(db, patientId).sort(byOrder);
  const l = labViews(db, patientId, today).sort(byOrder);
  const m = medicationViews(db, patientId);
  return {
    vitalSigns: v.map((x) => x.entry), labResults: l.map((x) => x.entry), medications: m.map((x) => x.entry),
    meta: [...m, ...l, ...v].map((x) => x.meta),
  };
}

// ---------------------------------------------------------------- writes from the PSS editor

interface WriteOptions { version?: number | undefined; now: string; authorId?: string | undefined; /** refuse an existing id (import) */ createOnly?: boolean }

function obsRow(db: Db, patientId: string, id: string): ObsRow | undefined {
  return db.prepare(`SELECT ${OBS_COLS} FROM observations WHERE patient_id = ? AND id = ?`).get(patientId, id) as ObsRow | undefined;
}

function checkVersion(existing: { version: number } | undefined, o: WriteOptions): void {
  if (existing && o.createOnly) throw new AppError('CONFLICT', 'Entry already in the record', { entity: 'clinical-entry', field: 'id' });
  if (existing && o.version !== undefined && o.version !== existing.version) {
    throw new AppError('CONFLICT', 'Entry changed since it was loaded', { entity: 'clinical-entry', field: 'version' });
  }
}

/** Keeps what the PSS entry cannot say (document link, device, local code, pinning) from the stored observation. */
function mergeObservation(existing: Observation | undefined, next: Observation): Observation {
  if (!existing) return next;
  const source = pssSource(existing.source) === next.source ? existing.source : next.source;
  const { note: _n, ...kept } = existing;
  const authorId = existing.authorId ?? next.authorId;
  return { ...kept, ...next, source, ...(authorId ? { authorId } : {}) };
}

/** Whether a newer, not left-out observation of the same code exists (then this one needs pinning to show). */
function supersededBy(db: Db, patientId: string, code: string, effectiveKey: string, id: string): boolean {
  return Boolean(db.prepare(`SELECT 1 FROM observations WHERE patient_id = ? AND code = ? AND id <> ? AND in_pss IS NOT 0 AND effective_key > ? LIMIT 1`).get(patientId, code, id, effectiveKey));
}

function vitalObservation(id: string, kind: PssSingleKind | 'systolic' | 'diastolic', value: number, e: VitalSignEntry, panelId: string | undefined, authorId: string | undefined): Observation {
  const k = VITAL_KINDS[kind];
  return {
    id, source: e.source, ...(e.note ? { note: e.note } : {}), ...(authorId ? { authorId } : {}), code: k.loinc, display: k.display,
    ...(panelId ? { panelId } : {}), effective: e.date, value: { type: 'quantity', value, unit: k.unit }, status: 'final',
  };
}

function writeVital(db: Db, patientId: string, input: VitalSignEntry, o: WriteOptions): 'create' | 'update' {
  const e = VitalSignEntry.parse(input);
  const parts: Array<{ existing: ObsRow | undefined; next: Observation }> = [];
  if (e.kind === 'blood-pressure') {
    const find = db.prepare(`SELECT ${OBS_COLS} FROM observations WHERE patient_id = ? AND panel_id = ? AND code = ? ORDER BY id LIMIT 1`);
    const sys = (find.get(patientId, e.id, SYS) as ObsRow | undefined) ?? obsRow(db, patientId, `${e.id}.sys`);
    const dia = (find.get(patientId, e.id, DIA) as ObsRow | undefined) ?? obsRow(db, patientId, `${e.id}.dia`);
    checkVersion(sys, o);
    parts.push({ existing: sys, next: vitalObservation(sys?.id ?? `${e.id}.sys`, 'systolic', e.systolic, e, e.id, o.authorId) });
    parts.push({ existing: dia, next: vitalObservation(dia?.id ?? `${e.id}.dia`, 'diastolic', e.diastolic, e, e.id, o.authorId) });
  } else {
    const existing = obsRow(db, patientId, e.id);
    checkVersion(existing, o);
    parts.push({ existing, next: vitalObservation(e.id, e.kind, e.value, e, undefined, o.authorId) });
  }
  // What the doctor writes in the PSS editor appears in the PSS: pinned when a newer value would hide it.
  const first = parts[0]!;
  const pin = (first.existing && readObservation(first.existing).inPss === true) || supersededBy(db, patientId, first.next.code, instantSortKey(e.date), first.next.id);
  const ops = parts.map((p) => {
    const { inPss: _i, ...merged } = mergeObservation(p.existing ? readObservation(p.existing) : undefined, p.next);
    return writeObservation(db, patientId, pin ? { ...merged, inPss: true } : merged, { now: o.now });
  });
  return ops[0]!;
}

function writeLab(db: Db, patientId: string, input: LabResultEntry, o: WriteOptions): 'create' | 'update' {
  const l = LabResultEntry.parse(input);
  const existing = obsRow(db, patientId, l.id);
  checkVersion(existing, o);
  const range = l.referenceLow !== undefined || l.referenceHigh !== undefined
    ? { referenceRange: { ...(l.referenceLow !== undefined ? { low: l.referenceLow } : {}), ...(l.referenceHigh !== undefined ? { high: l.referenceHigh } : {}) } }
    : {};
  const prev = existing ? readObservation(existing) : undefined;
  const next: Observation = {
    id: l.id, source: l.source, ...(l.note ? { note: l.note } : {}), ...(o.authorId ? { authorId: o.authorId } : {}),
    code: l.loinc.code, display: l.loinc.display, effective: l.date, value: { type: 'quantity', value: l.value, unit: l.unit },
    ...range, ...(l.interpretation ? { interpretation: l.interpretation } : {}), status: prev?.status ?? 'final',
    // Results the doctor puts in the PSS stay in it (as the ones moved by migration 007).
    inPss: true,
  };
  const merged = mergeObservation(prev, next);
  if (!l.interpretation) delete merged.interpretation;
  if (!range.referenceRange) delete merged.referenceRange;
  return writeObservation(db, patientId, merged, { now: o.now });
}

function planRow(db: Db, patientId: string, id: string): { version: number; body: string } | undefined {
  return db.prepare('SELECT version, body FROM therapy_plans WHERE patient_id = ? AND id = ?').get(patientId, id) as { version: number; body: string } | undefined;
}

function writeMedication(db: Db, patientId: string, input: MedicationEntry, o: WriteOptions): 'create' | 'update' {
  const m = MedicationEntry.parse(input);
  const existing = planRow(db, patientId, m.id);
  checkVersion(existing, o);
  const prev = existing ? readTherapyPlan(existing) : undefined;
  // The plan keeps what the PSS entry cannot say: posology, problem, document, author, chronicity.
  const plan: TherapyPlan = prev
    ? { chronic: prev.chronic, ...(prev.posology ? { posology: prev.posology } : {}), ...(prev.problemId ? { problemId: prev.problemId } : {}), ...(prev.documentId ? { documentId: prev.documentId } : {}), ...(prev.authorId ? { authorId: prev.authorId } : {}), ...m }
    : { ...m, chronic: true, ...(o.authorId ? { authorId: o.authorId } : {}) };
  return writeTherapyPlan(db, patientId, plan, { now: o.now });
}

/** Writes one PSS entry of a view section to its table (the PSS editor, PSS import, whole-record replace). */
export function writeViewEntry(db: Db, patientId: string, section: ViewSection, entry: unknown, o: WriteOptions): 'create' | 'update' {
  if (section === 'vitalSigns') return writeVital(db, patientId, entry as VitalSignEntry, o);
  if (section === 'labResults') return writeLab(db, patientId, entry as LabResultEntry, o);
  return writeMedication(db, patientId, entry as MedicationEntry, o);
}

/**
 * Removes a PSS entry of a view section. An observation typed in the app is deleted; one read
 * from a received document or a device stays in its series and is left out of the PSS instead
 * (a received document is never edited, and what it says stays traceable).
 */
export function removeViewEntry(db: Db, patientId: string, section: ViewSection, entryId: string, now: string): void {
  if (section === 'medications') {
    const r = db.prepare('DELETE FROM therapy_plans WHERE patient_id = ? AND id = ?').run(patientId, entryId);
    if (r.changes === 0) throw new AppError('NOT_FOUND', 'Entry not found', { entity: 'clinical-entry', id: entryId });
    return;
  }
  const rows = section === 'vitalSigns'
    ? (db.prepare(`SELECT ${OBS_COLS} FROM observations WHERE patient_id = ? AND (panel_id = ? OR id = ?)`).all(patientId, entryId, entryId) as ObsRow[])
    : [obsRow(db, patientId, entryId)].filter((r): r is ObsRow => r !== undefined);
  if (rows.length === 0) throw new AppError('NOT_FOUND', 'Entry not found', { entity: 'clinical-entry', id: entryId });
  for (const r of rows) {
    const o = readObservation(r);
    if (o.documentId || o.source === 'document' || o.source === 'device') writeObservation(db, patientId, { ...o, inPss: false }, { now });
    else db.prepare('DELETE FROM observations WHERE patient_id = ? AND id = ?').run(patientId, r.id);
  }
}

/** Removes what the three view sections show now (whole-record replace): the rest of the series stays. */
export function clearPssViews(db: Db, patientId: string, today: string): void {
  const now = new Date().toISOString();
  const shown = readPssViews(db, patientId, today);
  for (const v of shown.vitalSigns) removeViewEntry(db, patientId, 'vitalSigns', v.id, now);
  for (const l of shown.labResults) removeViewEntry(db, patientId, 'labResults', l.id, now);
  db.prepare('DELETE FROM therapy_plans WHERE patient_id = ? AND chronic = 1').run(patientId);
}

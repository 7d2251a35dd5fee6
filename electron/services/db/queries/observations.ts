/**
 * Observations as time series: a series and the latest values come from the indexes of
 * migration 007 and the rows' columns; only the observations returned whole parse their body.
 */
import type { Db } from '../open.ts';
import { AppError } from '../../../../shared/errors/index.ts';
import type { SeriesPoint } from '../../../../shared/api/observations.ts';
import {
  VITAL_KINDS,
  parseVitalsLine,
  type Interpretation,
  type Observation,
  type RecordSource,
  type VitalsLine,
} from '../../../../shared/domain/record/index.ts';
import { patientExists } from './clinical-record.ts';
import { auditPatient, newRecordId } from './record-common.ts';
import { readObservation, writeObservation } from './record-rows.ts';
import { discardDraft } from './record-drafts.ts';

interface PointRow {
  id: string; effective_key: string; value_num: number | null; unit: string | null; ref_low: number | null; ref_high: number | null;
  interpretation: Interpretation | null; source: RecordSource; document_id: string | null; panel_id: string | null;
}

/** Every value of one code for one patient, oldest first (observations_series). */
export function observationSeries(db: Db, args: { patientId: string; code: string; from?: string | undefined; to?: string | undefined }) {
  patientExists(db, args.patientId);
  const rows = db
    .prepare(
      `SELECT id, effective_key, value_num, unit, ref_low, ref_high, interpretation, source, document_id, panel_id FROM observations
       WHERE patient_id = ? AND code = ? AND effective_key >= ? AND effective_key <= ? ORDER BY effective_key, id`,
    )
    .raw()
    .all(args.patientId, args.code, args.from ?? '', args.to ? `${args.to}\uffff` : '\uffff') as Array<[string, string, number | null, string | null, number | null, number | null, Interpretation | null, RecordSource, string | null, string | null]>;
  const points: SeriesPoint[] = rows.map((r) => ({
    id: r[0], at: `${r[1]}Z`, value: r[2], unit: r[3], low: r[4], high: r[5], interpretation: r[6], source: r[7], documentId: r[8], panelId: r[9],
  }));
  const last = rows.length ? (db.prepare('SELECT body FROM observations WHERE patient_id = ? AND id = ?').get(args.patientId, rows[rows.length - 1]![0]) as { body: string }) : undefined;
  return { code: args.code, display: last ? readObservation(last).display : null, points };
}

/** The latest observation of each code of a patient, with the series' length. */
export function latestObservations(db: Db, args: { patientId: string }): { items: Array<{ observation: Observation; count: number }> } {
  patientExists(db, args.patientId);
  // Walks the distinct codes through the series index (one seek per code, not a scan of the history).
  const codes = db
    .prepare(
      `WITH RECURSIVE c(code) AS (
         SELECT min(code) FROM observations WHERE patient_id = @p
         UNION ALL
         SELECT (SELECT min(code) FROM observations WHERE patient_id = @p AND code > c.code) FROM c WHERE c.code IS NOT NULL
       ) SELECT code FROM c WHERE code IS NOT NULL`,
    )
    .pluck()
    .all({ p: args.patientId }) as string[];
  const latest = db.prepare('SELECT body FROM observations WHERE patient_id = ? AND code = ? ORDER BY effective_key DESC, created_at DESC, id DESC LIMIT 1');
  const count = db.prepare('SELECT count(*) FROM observations WHERE patient_id = ? AND code = ?').pluck();
  return {
    items: codes.map((code) => ({
      observation: readObservation(latest.get(args.patientId, code) as { body: string }),
      count: count.get(args.patientId, code) as number,
    })),
  };
}

function ageYears(birthDate: string, today: Date): number {
  const b = new Date(`${birthDate}T00:00:00Z`);
  let a = today.getUTCFullYear() - b.getUTCFullYear();
  if (today.getUTCMonth() < b.getUTCMonth() || (today.getUTCMonth() === b.getUTCMonth() && today.getUTCDate() < b.getUTCDate())) a--;
  return a;
}

/** The adult patient's last height (cm), for the BMI of a line that gives only the weight; none for a growing child. */
function knownHeightCm(db: Db, patientId: string): number | undefined {
  const p = db.prepare('SELECT birth_date FROM patients WHERE id = ?').get(patientId) as { birth_date: string } | undefined;
  if (!p || ageYears(p.birth_date, new Date()) < 18) return undefined;
  const v = db
    .prepare(`SELECT value_num FROM observations WHERE patient_id = ? AND code = ? AND value_num IS NOT NULL ORDER BY effective_key DESC LIMIT 1`)
    .pluck()
    .get(patientId, VITAL_KINDS.height.loinc) as number | undefined;
  return v ?? undefined;
}

export function readVitalsLine(db: Db, args: { text: string; patientId?: string | undefined }): VitalsLine {
  if (args.patientId) patientExists(db, args.patientId);
  const h = args.patientId ? knownHeightCm(db, args.patientId) : undefined;
  return parseVitalsLine(args.text, h ? { knownHeightCm: h } : {});
}

/**
 * Writes a vitals line at `at`: one observation per value (`<lineId>.<kind>`), a blood pressure
 * as `<lineId>.bp.sys` and `.dia` sharing the panel id `<lineId>.bp`. Nothing is written when a
 * part cannot be read.
 */
export function recordVitals(
  db: Db,
  args: { actor: string; patientId: string; text: string; at: string; source: 'doctor' | 'patient-declared'; lineId?: string | undefined; authorId: string; completesDraft?: boolean },
): { observations: Observation[] } {
  const line = readVitalsLine(db, args);
  if (line.problems.length > 0 || line.items.length === 0) {
    const issues = line.problems.length
      ? line.problems.map((p) => ({ path: `text.${p.span[0]}-${p.span[1]}`, message: p.code }))
      : [{ path: 'text', message: 'empty' }];
    throw new AppError('INVALID_INPUT', 'The vitals line cannot be read', { issues });
  }
  const lineId = args.lineId ?? newRecordId('VL');
  const base = { source: args.source, authorId: args.authorId, effective: args.at, status: 'final' as const };
  const out: Observation[] = [];
  for (const item of line.items) {
    if (item.kind === 'blood-pressure') {
      const panelId = `${lineId}.bp`;
      for (const [part, value] of [['systolic', item.systolic], ['diastolic', item.diastolic]] as const) {
        const k = VITAL_KINDS[part];
        out.push({ ...base, id: `${panelId}.${part === 'systolic' ? 'sys' : 'dia'}`, code: k.loinc, display: k.display, panelId, value: { type: 'quantity', value, unit: k.unit } });
      }
    } else {
      const k = VITAL_KINDS[item.kind];
      out.push({ ...base, id: `${lineId}.${item.kind}`, code: k.loinc, display: k.display, value: { type: 'quantity', value: item.value, unit: k.unit } });
    }
  }
  const now = new Date().toISOString();
  for (const o of out) writeObservation(db, args.patientId, o, { now });
  if (args.completesDraft) discardDraft(db, { patientId: args.patientId, form: 'vitals' });
  auditPatient(db, { actor: args.actor, action: 'observations.record', entity: 'observation', patientId: args.patientId, detail: { lineId, count: out.length } });
  return { observations: out.map((o) => readObservation({ body: JSON.stringify(o) })) };
}

const VITAL_CODES = Object.values(VITAL_KINDS).map((k) => k.loinc);

/**
 * The last value of each vital sign for every patient of the panel, from observation_latest
 * (one row per patient and code, kept by the triggers of migration 007).
 */
export function panelVitals(db: Db, _args?: Record<string, never>): { items: Array<{ patientId: string; values: Array<{ code: string; value: number; unit: string | null; at: string }> }> } {
  const byPatient = new Map<string, Array<{ code: string; value: number; unit: string | null; at: string }>>();
  const rows = db
    .prepare(`SELECT patient_id, code, effective_key, value_num, unit FROM observation_latest WHERE code IN (${VITAL_CODES.map(() => '?').join(',')}) AND value_num IS NOT NULL`)
    .raw()
    .all(...VITAL_CODES) as Array<[string, string, string, number, string | null]>;
  for (const [patientId, code, k, value, unit] of rows) {
    let list = byPatient.get(patientId);
    if (!list) byPatient.set(patientId, (list = []));
    list.push({ code, value, unit, at: `${k}Z` });
  }
  return { items: [...byPatient].map(([patientId, values]) => ({ patientId, values })) };
}

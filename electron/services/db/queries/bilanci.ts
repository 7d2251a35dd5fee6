/**
 * Bilanci di salute (migration 011) and the growth measurements of a child: a bilancio's row
 * and its observations are written in one transaction, so a percentile on the chart always has
 * the visit it was taken at.
 */
import type { Db } from '../open.ts';
import type { Bilancio, GrowthMeasures } from '../../../../shared/api/growth.ts';
import { VITAL_KINDS, bodyMassIndex, type Observation } from '../../../../shared/domain/record/index.ts';
import { patientExists } from './clinical-record.ts';
import { auditPatient, newRecordId } from './record-common.ts';
import { writeObservation } from './record-rows.ts';

interface BilancioRow { id: string; patient_id: string; date: string; visit_id: string | null; body: string; updated_at: string }

function toBilancio(r: BilancioRow): Bilancio {
  const body = JSON.parse(r.body) as { measures: GrowthMeasures; notes: Record<string, string> };
  return { id: r.id, patientId: r.patient_id, date: r.date, visitId: r.visit_id, measures: body.measures, notes: body.notes, updatedAt: r.updated_at };
}

/** The child's bilanci, newest first. */
export function listBilanci(db: Db, args: { patientId: string }): Bilancio[] {
  patientExists(db, args.patientId);
  const rows = db.prepare('SELECT id, patient_id, date, visit_id, body, updated_at FROM bilanci WHERE patient_id = ? ORDER BY date DESC, id DESC').all(args.patientId) as BilancioRow[];
  return rows.map(toBilancio);
}

/** The growth codes (VITAL_KINDS): weight, standing height, recumbent length, head circumference. */
export const GROWTH_CODES = [VITAL_KINDS.weight.loinc, VITAL_KINDS.height.loinc, VITAL_KINDS.length.loinc, VITAL_KINDS['head-circumference'].loinc] as const;

/** The child's sex, birth date and every growth value, oldest first. */
export function growthObservations(db: Db, args: { patientId: string }): {
  sex: 'M' | 'F'; birthDate: string; rows: Array<{ id: string; code: string; key: string; value: number }>;
} {
  const p = db.prepare('SELECT sex, birth_date FROM patients WHERE id = ?').get(args.patientId) as { sex: 'M' | 'F'; birth_date: string } | undefined;
  if (!p) patientExists(db, args.patientId);
  const rows = db
    .prepare(`SELECT id, code, effective_key, value_num FROM observations WHERE patient_id = ? AND code IN (${GROWTH_CODES.map(() => '?').join(',')}) AND value_num IS NOT NULL ORDER BY effective_key, id`)
    .raw()
    .all(args.patientId, ...GROWTH_CODES) as Array<[string, string, string, number]>;
  return { sex: p!.sex, birthDate: p!.birth_date, rows: rows.map(([id, code, key, value]) => ({ id, code, key, value })) };
}

/**
 * Writes a bilancio (insert, or update with the same id) and its measurements as observations
 * `<id>.weight`, `<id>.length` or `<id>.height` (by position), `<id>.head-circumference` and
 * `<id>.bmi`; a measurement removed from the bilancio removes its observation.
 */
export function saveBilancio(db: Db, args: {
  actor: string; authorId: string; patientId: string; id?: string | undefined; date: string; visitId: string | null; measures: GrowthMeasures; notes: Record<string, string>;
}): Bilancio {
  patientExists(db, args.patientId);
  const id = args.id ?? newRecordId('BIL');
  const now = new Date().toISOString();
  const m = args.measures;
  const notes = Object.fromEntries(Object.entries(args.notes).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== ''));
  const body = JSON.stringify({ measures: m, notes });
  const before = db.prepare('SELECT 1 FROM bilanci WHERE patient_id = ? AND id = ?').get(args.patientId, id);
  db.prepare(
    `INSERT INTO bilanci (patient_id, id, date, visit_id, body, author_id, created_at, updated_at) VALUES (@p, @id, @date, @visit, @body, @author, @now, @now)
     ON CONFLICT (patient_id, id) DO UPDATE SET date = excluded.date, visit_id = excluded.visit_id, body = excluded.body, author_id = excluded.author_id, updated_at = excluded.updated_at, version = version + 1`,
  ).run({ p: args.patientId, id, date: args.date, visit: args.visitId, body, author: args.authorId, now });

  const lengthKind = m.measure === 'recumbent' ? 'length' : 'height';
  const wanted: Array<[string, number | undefined]> = [
    ['weight', m.weightKg],
    [lengthKind, m.lengthCm],
    ['head-circumference', m.headCm],
    ['bmi', m.weightKg !== undefined && m.lengthCm !== undefined ? bodyMassIndex(m.weightKg, m.lengthCm) : undefined],
  ];
  // A measurement left out (or the other position's, when the position changed) goes.
  const drop = db.prepare('DELETE FROM observations WHERE patient_id = ? AND id = ?');
  for (const kind of ['weight', 'length', 'height', 'head-circumference', 'bmi']) {
    if (!wanted.some(([w, v]) => w === kind && v !== undefined)) drop.run(args.patientId, `${id}.${kind}`);
  }
  for (const [kind, value] of wanted) {
    if (value === undefined) continue;
    const k = VITAL_KINDS[kind as keyof typeof VITAL_KINDS];
    const o: Observation = {
      id: `${id}.${kind}`, source: 'doctor', authorId: args.authorId, status: 'final', effective: args.date,
      code: k.loinc, display: k.display, value: { type: 'quantity', value, unit: k.unit },
    };
    writeObservation(db, args.patientId, o, { now });
  }
  auditPatient(db, { actor: args.actor, action: before ? 'bilancio.update' : 'bilancio.create', entity: 'bilancio', patientId: args.patientId, detail: { id, visitId: args.visitId } });
  return toBilancio(db.prepare('SELECT id, patient_id, date, visit_id, body, updated_at FROM bilanci WHERE patient_id = ? AND id = ?').get(args.patientId, id) as BilancioRow);
}

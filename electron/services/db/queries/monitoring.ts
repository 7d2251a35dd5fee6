/**
 * Telemonitoring plans, their readings and the acknowledgements of their alerts (migration 012).
 * The alerts themselves are computed by the services from these reads (shared/analytics/
 * monitoring/evaluate.ts), never stored.
 */
import type { Db } from '../open.ts';
import { AppError } from '../../../../shared/errors/index.ts';
import type { MonitoringPlan, MonitoringPlanInput } from '../../../../shared/api/monitoring.ts';
import type { MonitoringReading } from '../../../../shared/analytics/monitoring/evaluate.ts';
import { addDays } from '../../../../shared/domain/iso-date.ts';
import { patientExists } from './clinical-record.ts';
import { auditPatient, checkVersion, newRecordId, rowMeta, type MetaRow } from './record-common.ts';

type PlanRow = MetaRow & { patient_id: string; id: string; body: string };

function stored(r: PlanRow): MonitoringPlan {
  const body = JSON.parse(r.body) as Omit<MonitoringPlanInput, 'id'>;
  return { id: r.id, patientId: r.patient_id, ...body, meta: rowMeta(r) };
}

const PLAN_COLUMNS = 'patient_id, id, body, version, created_at, updated_at';

export function listMonitoringPlans(db: Db, args: { patientId: string }): { items: MonitoringPlan[] } {
  patientExists(db, args.patientId);
  const rows = db
    .prepare(`SELECT ${PLAN_COLUMNS} FROM monitoring_plans WHERE patient_id = ? ORDER BY start_date DESC, created_at DESC, id`)
    .all(args.patientId) as PlanRow[];
  return { items: rows.map(stored) };
}

/** The plans of the whole panel running on some day of [from, to]. */
export function runningMonitoringPlans(db: Db, args: { from: string; to: string }): { items: MonitoringPlan[] } {
  const rows = db
    .prepare(`SELECT ${PLAN_COLUMNS} FROM monitoring_plans WHERE end_date >= ? AND start_date <= ? ORDER BY patient_id, id`)
    .all(args.from, args.to) as PlanRow[];
  return { items: rows.map(stored) };
}

export function saveMonitoringPlan(db: Db, args: { actor: string; patientId: string; plan: MonitoringPlanInput; version?: number | undefined }): MonitoringPlan {
  patientExists(db, args.patientId);
  const { id: givenId, ...body } = args.plan;
  const id = givenId ?? newRecordId('MON');
  const existing = db.prepare('SELECT version FROM monitoring_plans WHERE patient_id = ? AND id = ?').get(args.patientId, id) as { version: number } | undefined;
  if (givenId && !existing) throw new AppError('NOT_FOUND', 'Monitoring plan not found', { entity: 'monitoring-plan', id });
  checkVersion('monitoring-plan', existing, args.version);
  const now = new Date().toISOString();
  if (existing) {
    db.prepare('UPDATE monitoring_plans SET start_date = ?, end_date = ?, body = ?, updated_at = ?, version = version + 1 WHERE patient_id = ? AND id = ?')
      .run(body.start, body.end, JSON.stringify(body), now, args.patientId, id);
  } else {
    db.prepare('INSERT INTO monitoring_plans (patient_id, id, start_date, end_date, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(args.patientId, id, body.start, body.end, JSON.stringify(body), now, now);
  }
  auditPatient(db, { actor: args.actor, action: existing ? 'monitoring.plan.update' : 'monitoring.plan.create', entity: 'monitoring-plan', patientId: args.patientId, detail: { planId: id } });
  return stored(db.prepare(`SELECT ${PLAN_COLUMNS} FROM monitoring_plans WHERE patient_id = ? AND id = ?`).get(args.patientId, id) as PlanRow);
}

/**
 * The readings of some codes of one patient around [from, to] (calendar days): the UTC sort key
 * is widened by a day each side, the caller keeps the ones whose local day falls inside.
 */
export function monitoringReadings(db: Db, args: { patientId: string; codes: string[]; from: string; to: string }): { items: MonitoringReading[] } {
  if (args.codes.length === 0) return { items: [] };
  const rows = db
    .prepare(
      `SELECT id, code, json_extract(body, '$.effective') AS effective, value_num, unit FROM observations
       WHERE patient_id = ? AND code IN (${args.codes.map(() => '?').join(',')}) AND effective_key >= ? AND effective_key < ?
       ORDER BY effective_key, id`,
    )
    .all(args.patientId, ...args.codes, `${addDays(args.from, -1)}T00:00:00`, `${addDays(args.to, 2)}T00:00:00`) as Array<{
    id: string; code: string; effective: string; value_num: number | null; unit: string | null;
  }>;
  return { items: rows.map((r) => ({ id: r.id, code: r.code, effective: r.effective, value: r.value_num, unit: r.unit })) };
}

export interface Acknowledgement {
  alertId: string;
  at: string;
  by: string;
  note: string | null;
}

export function monitoringAcknowledgements(db: Db, args: { patientIds: string[] }): { items: Array<Acknowledgement & { patientId: string }> } {
  if (args.patientIds.length === 0) return { items: [] };
  const out: Array<Acknowledgement & { patientId: string }> = [];
  const q = db.prepare('SELECT patient_id, alert_id, acknowledged_at, actor, note FROM monitoring_acknowledgements WHERE patient_id = ?');
  for (const id of new Set(args.patientIds)) {
    for (const r of q.all(id) as Array<{ patient_id: string; alert_id: string; acknowledged_at: string; actor: string; note: string | null }>) {
      out.push({ patientId: r.patient_id, alertId: r.alert_id, at: r.acknowledged_at, by: r.actor, note: r.note });
    }
  }
  return { items: out };
}

export function acknowledgeMonitoringAlert(db: Db, args: { actor: string; patientId: string; alertId: string; note?: string | undefined }): { acknowledged: true } {
  patientExists(db, args.patientId);
  const planId = args.alertId.split(':')[0] ?? '';
  if (!db.prepare('SELECT 1 FROM monitoring_plans WHERE patient_id = ? AND id = ?').get(args.patientId, planId)) {
    throw new AppError('NOT_FOUND', 'Monitoring alert not found', { entity: 'monitoring-alert', id: args.alertId });
  }
  db.prepare(
    `INSERT INTO monitoring_acknowledgements (patient_id, alert_id, plan_id, acknowledged_at, actor, note) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (patient_id, alert_id) DO NOTHING`,
  ).run(args.patientId, args.alertId, planId, new Date().toISOString(), args.actor, args.note ?? null);
  auditPatient(db, { actor: args.actor, action: 'monitoring.alert.acknowledge', entity: 'monitoring-alert', patientId: args.patientId, detail: { alertId: args.alertId } });
  return { acknowledged: true };
}

/** Names of the patients of the worklist (a page of alerts names a handful of patients). */
export function monitoringPatients(db: Db, args: { patientIds: string[] }): { items: Array<{ id: string; surname: string; givenName: string; identifier: string }> } {
  const q = db.prepare('SELECT id, surname, given_name, identifier FROM patients WHERE id = ?');
  const items = [...new Set(args.patientIds)].flatMap((id) => {
    const r = q.get(id) as { id: string; surname: string; given_name: string; identifier: string } | undefined;
    return r ? [{ id: r.id, surname: r.surname, givenName: r.given_name, identifier: r.identifier }] : [];
  });
  return { items };
}

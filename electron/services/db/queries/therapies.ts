/**
 * Therapy plans and prescriptions: a medicine prescription is a refill of its plan (planId);
 * "current therapies" are the active plans; tests and visits carry their catalogue code.
 */
import type { Db } from '../open.ts';
import { AppError } from '../../../../shared/errors/index.ts';
import type { PlanWithHistory, PrescriptionInput, StoredPlan, StoredPrescription, TherapyPlanInput } from '../../../../shared/api/therapies.ts';
import { posologyText, type Prescription, type TherapyPlan } from '../../../../shared/domain/record/index.ts';
import { localToday, patientExists } from './clinical-record.ts';
import { auditPatient, checkVersion, newRecordId, nextOffset, rowMeta, type MetaRow } from './record-common.ts';
import { readPrescription, readTherapyPlan, writePrescription, writeTherapyPlan } from './record-rows.ts';
import { discardDraft } from './record-drafts.ts';

type Row = MetaRow & { body: string };
const COLS = 'body, version, created_at, updated_at';

function planRow(db: Db, patientId: string, id: string): Row | undefined {
  return db.prepare(`SELECT ${COLS} FROM therapy_plans WHERE patient_id = ? AND id = ?`).get(patientId, id) as Row | undefined;
}
function rxRow(db: Db, patientId: string, id: string): Row | undefined {
  return db.prepare(`SELECT ${COLS} FROM prescriptions WHERE patient_id = ? AND id = ?`).get(patientId, id) as Row | undefined;
}
const storedPlan = (r: Row): StoredPlan => ({ ...readTherapyPlan(r), meta: rowMeta(r) });
const storedRx = (r: Row): StoredPrescription => ({ ...readPrescription(r), meta: rowMeta(r) });

function requirePlan(db: Db, patientId: string, planId: string): Row {
  const r = planRow(db, patientId, planId);
  if (!r) throw new AppError('NOT_FOUND', 'Therapy plan not found', { entity: 'therapy-plan', id: planId });
  return r;
}

const STATUS_RANK = { active: 0, suspended: 1, completed: 2 } as const;

export function listPlans(db: Db, args: { patientId: string; status?: Array<TherapyPlan['status']> | undefined }): { items: PlanWithHistory[] } {
  patientExists(db, args.patientId);
  const plans = (db.prepare(`SELECT ${COLS}, position FROM therapy_plans WHERE patient_id = ? ORDER BY position`).all(args.patientId) as Array<Row & { position: number }>)
    .map(storedPlan)
    .filter((p) => !args.status || args.status.includes(p.status));
  const refills = new Map<string, PlanWithHistory['refills']>();
  const rows = db.prepare(`SELECT plan_id, ${COLS} FROM prescriptions WHERE patient_id = ? AND plan_id IS NOT NULL ORDER BY date, created_at`).all(args.patientId) as Array<Row & { plan_id: string }>;
  for (const r of rows) {
    const rx = readPrescription(r);
    if (rx.kind !== 'medicine') continue;
    const list = refills.get(r.plan_id) ?? [];
    list.push({ id: rx.id, date: rx.date, packs: rx.packs });
    refills.set(r.plan_id, list);
  }
  plans.sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || (b.start ?? '').localeCompare(a.start ?? ''));
  return {
    items: plans.map((plan) => {
      const r = refills.get(plan.id) ?? [];
      return { plan, refills: r, lastPrescribed: r.at(-1)?.date ?? null };
    }),
  };
}

export function upsertPlan(db: Db, args: { actor: string; patientId: string; plan: TherapyPlanInput; version?: number | undefined; authorId: string }): StoredPlan {
  patientExists(db, args.patientId);
  const id = args.plan.id ?? newRecordId('PLN');
  const existing = planRow(db, args.patientId, id);
  checkVersion('therapy-plan', existing, args.version);
  const authorId = existing ? (readTherapyPlan(existing).authorId ?? args.authorId) : args.authorId;
  const op = writeTherapyPlan(db, args.patientId, { ...args.plan, id, authorId } as TherapyPlan, { now: new Date().toISOString() });
  auditPatient(db, { actor: args.actor, action: `therapy.${op}`, entity: 'therapy-plan', patientId: args.patientId, detail: { planId: id } });
  return storedPlan(planRow(db, args.patientId, id)!);
}

/** Stop (completed, ending `date`), suspend or resume a plan; its refills stay. */
export function setPlanStatus(
  db: Db,
  args: { actor: string; patientId: string; planId: string; status: TherapyPlan['status']; date?: string | undefined; version?: number | undefined },
): StoredPlan {
  patientExists(db, args.patientId);
  const row = requirePlan(db, args.patientId, args.planId);
  checkVersion('therapy-plan', row, args.version);
  const { end: _end, ...plan } = readTherapyPlan(row);
  const end = args.date ?? localToday();
  if (args.status === 'completed' && plan.start && end.slice(0, plan.start.length) < plan.start.slice(0, end.length)) {
    throw new AppError('INVALID_INPUT', 'End before start', { issues: [{ path: 'date', message: 'la data di fine precede quella di inizio' }] });
  }
  writeTherapyPlan(db, args.patientId, { ...plan, status: args.status, ...(args.status === 'completed' ? { end } : {}) }, { now: new Date().toISOString() });
  auditPatient(db, { actor: args.actor, action: `therapy.${args.status === 'active' ? 'resume' : args.status === 'completed' ? 'stop' : 'suspend'}`, entity: 'therapy-plan', patientId: args.patientId, detail: { planId: args.planId } });
  return storedPlan(planRow(db, args.patientId, args.planId)!);
}

export function listPrescriptions(db: Db, args: { patientId: string; kind?: Prescription['kind'] | undefined; planId?: string | undefined; limit: number; offset: number }) {
  patientExists(db, args.patientId);
  const where = ['patient_id = @patientId', ...(args.kind ? ['kind = @kind'] : []), ...(args.planId ? ['plan_id = @planId'] : [])].join(' AND ');
  const params = { patientId: args.patientId, kind: args.kind ?? null, planId: args.planId ?? null };
  const { n } = db.prepare(`SELECT count(*) AS n FROM prescriptions WHERE ${where}`).get(params) as { n: number };
  const rows = db.prepare(`SELECT ${COLS} FROM prescriptions WHERE ${where} ORDER BY date DESC, created_at DESC, id DESC LIMIT @limit OFFSET @offset`).all({ ...params, limit: args.limit, offset: args.offset }) as Row[];
  return { items: rows.map(storedRx), total: n, nextOffset: nextOffset(args.offset, rows.length, n) };
}

function activePlan(db: Db, patientId: string, planId: string): TherapyPlan {
  const plan = readTherapyPlan(requirePlan(db, patientId, planId));
  if (plan.status !== 'active') throw new AppError('CONFLICT', 'The therapy plan is not active', { entity: 'therapy-plan', field: 'status' });
  return plan;
}

function write(db: Db, actor: string, patientId: string, rx: Prescription): StoredPrescription {
  writePrescription(db, patientId, rx, { now: new Date().toISOString() });
  auditPatient(db, {
    actor, action: 'prescription.create', entity: 'prescription', patientId,
    detail: { prescriptionId: rx.id, kind: rx.kind, ...(rx.kind === 'medicine' && rx.planId ? { planId: rx.planId } : {}) },
  });
  return storedRx(rxRow(db, patientId, rx.id)!);
}

/** Writes a prescription (see prescriptions.create); a known id returns what is stored. */
export function createPrescription(
  db: Db,
  args: { actor: string; patientId: string; prescription: PrescriptionInput; asChronicPlan?: boolean; authorId: string; completesDraft?: boolean },
): { prescription: StoredPrescription; plan: StoredPlan | null } {
  patientExists(db, args.patientId);
  const id = args.prescription.id ?? newRecordId('RX');
  if (args.completesDraft) discardDraft(db, { patientId: args.patientId, form: 'prescription' });
  const known = rxRow(db, args.patientId, id);
  if (known) {
    const rx = readPrescription(known);
    const planId = rx.kind === 'medicine' ? rx.planId : undefined;
    return { prescription: storedRx(known), plan: planId && planRow(db, args.patientId, planId) ? storedPlan(planRow(db, args.patientId, planId)!) : null };
  }
  const rx = { ...args.prescription, id, authorId: args.authorId } as Prescription;
  let plan: StoredPlan | null = null;
  if (rx.kind === 'medicine') {
    if (rx.planId) {
      activePlan(db, args.patientId, rx.planId);
      plan = storedPlan(planRow(db, args.patientId, rx.planId)!);
    } else if (args.asChronicPlan) {
      const dosageText = rx.dosageText ?? (rx.posology ? posologyText(rx.posology) : undefined);
      if (!dosageText) throw new AppError('INVALID_INPUT', 'A chronic plan needs its posology', { issues: [{ path: 'prescription.posology', message: 'indicare la posologia' }] });
      plan = upsertPlan(db, {
        actor: args.actor, patientId: args.patientId, authorId: args.authorId,
        plan: {
          source: 'doctor', ...(rx.aic ? { aic: rx.aic } : {}), atc: rx.atc, dosageText, route: 'PO', status: 'active', start: rx.date, chronic: true,
          ...(rx.posology ? { posology: rx.posology } : {}), ...(rx.problemId ? { problemId: rx.problemId } : {}),
          ...(rx.posology && !rx.posology.asNeeded ? { dose: { value: rx.posology.unitsPerDose, unit: rx.posology.unit }, periodHours: Math.round((24 / rx.posology.dosesPerDay) * 100) / 100 } : {}),
        },
      });
      rx.planId = plan.id;
      if (!rx.dosageText) rx.dosageText = dosageText;
    }
  }
  return { prescription: write(db, args.actor, args.patientId, rx), plan };
}

/** "Ripeti": a refill of an active plan with its posology and the last refill's packs. */
export function repeatPlan(db: Db, args: { actor: string; patientId: string; planId: string; date?: string | undefined; id?: string | undefined; authorId: string }): StoredPrescription {
  patientExists(db, args.patientId);
  const id = args.id ?? newRecordId('RX');
  const known = rxRow(db, args.patientId, id);
  if (known) return storedRx(known);
  const plan = activePlan(db, args.patientId, args.planId);
  const lastRow = db.prepare(`SELECT ${COLS} FROM prescriptions WHERE patient_id = ? AND plan_id = ? ORDER BY date DESC, created_at DESC LIMIT 1`).get(args.patientId, args.planId) as Row | undefined;
  const last = lastRow ? readPrescription(lastRow) : undefined;
  const rx: Prescription = {
    id, kind: 'medicine', date: args.date ?? localToday(), ...(plan.aic ? { aic: plan.aic } : {}), atc: plan.atc,
    packs: last?.kind === 'medicine' ? last.packs : 1, ...(plan.posology ? { posology: plan.posology } : {}), dosageText: plan.dosageText,
    planId: plan.id, ...(last?.exemption ? { exemption: last.exemption } : {}), ...(plan.problemId ? { problemId: plan.problemId } : {}), authorId: args.authorId,
  };
  return write(db, args.actor, args.patientId, rx);
}

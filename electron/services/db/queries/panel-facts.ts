/**
 * The panel's coded facts for the cruscotto and the Aderenza page (shared/analytics/cruscotto/
 * panel-facts.ts), one query per table over the whole panel (or one patient): ICD-9-CM problems
 * and the hospital stays (PSS encounters IMP) from the PSS sections, the observations of the
 * indicators' LOINC codes and every test or visit ordered, the dispensations of the followed
 * drug classes and the therapy plans, whose posology (the plan in force on the dispensing date)
 * gives the durations: a refill repeats its plan's posology, a new dose is a new plan. The
 * per-patient queries walk the patients (CROSS JOIN fixes that order) and seek each one's rows in
 * the series indexes rather than scanning every patient's whole history; the orders are read from
 * the catalogue-code index.
 */
import type { Db } from '../open.ts';
import type { Dispensation, Posology, TherapyPlan } from '../../../../shared/domain/record/index.ts';
import type { PanelExit, PanelPatient } from '../../../../shared/analytics/cruscotto/panel-facts.ts';
import type { RecordDispensation, RecordPlan, RecordStay } from '../../../../shared/analytics/adherence/record/record-fills.ts';
import { DRUG_CLASSES } from '../../../../shared/analytics/adherence/record/drug-classes.ts';
import type { Criterion, IndicatorDef } from '../../../../shared/analytics/cruscotto/indicators.ts';
import { getSetting } from './settings.ts';

/** Where the panel exits are kept (settings, by patient id): see panel.setExit. */
export const PANEL_EXITS_KEY = 'panel.exits';

function criterionCodes(c: Criterion, windowed: Set<string>, anyTime: Set<string>): void {
  switch (c.kind) {
    case 'recorded':
    case 'lastValue':
      for (const x of c.loinc ?? []) windowed.add(x);
      break;
    case 'bloodPressure':
      windowed.add('8480-6');
      windowed.add('8462-4');
      break;
    case 'aroundDiagnosis':
      for (const x of c.loinc ?? []) anyTime.add(x);
      break;
    case 'allOf':
      for (const x of c.of) criterionCodes(x, windowed, anyTime);
      break;
    default:
  }
}

export interface IndicatorCodes {
  windowed: string[];
  anyTime: string[];
}

/** The LOINC codes read within the windows, and those read over the whole history (around a diagnosis), for these definitions. */
export function indicatorCodes(defs: readonly IndicatorDef[]): IndicatorCodes {
  const windowed = new Set<string>();
  const anyTime = new Set<string>();
  for (const d of defs) {
    criterionCodes(d.done, windowed, anyTime);
    if (d.register.where) criterionCodes(d.register.where, windowed, anyTime);
  }
  return { windowed: [...windowed].sort(), anyTime: [...anyTime].sort() };
}

const ATC_PREFIXES = DRUG_CLASSES.flatMap((c) => c.atc);

export function panelExits(db: Db): Record<string, PanelExit> {
  return (getSetting(db, { key: PANEL_EXITS_KEY })?.value ?? {}) as Record<string, PanelExit>;
}

/** Facts dated from `from` (yyyy-mm-dd) on, for every patient or one. */
export function readPanelFacts(db: Db, args: { from: string; codes: IndicatorCodes; patientId?: string | undefined }): PanelPatient[] {
  const CODES = args.codes;
  const one = args.patientId !== undefined;
  const patientFilter = one ? 'WHERE p.id = @patientId' : '';
  const params = { patientId: args.patientId ?? null, from: args.from };
  const exits = panelExits(db);
  const patients = new Map<string, PanelPatient>();
  // The medication record of each patient as it is filled (PanelPatient holds it read-only).
  const meds = new Map<string, { dispensations: RecordDispensation[]; plans: RecordPlan[]; prescribed: Map<string, Posology>; stays: RecordStay[] }>();
  const rows = db.prepare(`SELECT p.id, p.surname, p.given_name, p.birth_date, p.sex FROM patients p ${patientFilter} ORDER BY p.surname_key, p.given_key, p.id`).raw().all(params) as Array<[string, string, string, string, 'M' | 'F']>;
  for (const [id, surname, givenName, birthDate, sex] of rows) {
    const medication = { dispensations: [], plans: [], prescribed: new Map<string, Posology>(), stays: [] };
    meds.set(id, medication);
    patients.set(id, { id, surname, givenName, birthDate, sex, exit: exits[id], problems: [], observations: [], orders: [], medication });
  }

  const entries = db.prepare(`SELECT e.patient_id, e.section, e.body FROM patients p CROSS JOIN clinical_entries e ON e.patient_id = p.id AND e.section IN ('problems', 'encounters') ${patientFilter}`).raw().all(params) as Array<[string, string, string]>;
  for (const [pid, section, body] of entries) {
    const p = patients.get(pid)!;
    const e = JSON.parse(body) as { diagnosis?: { code: string }; status?: 'active' | 'resolved'; onset?: string; resolution?: string; encounterType?: { code: string }; start?: string; end?: string };
    if (section === 'problems' && e.diagnosis) p.problems.push({ code: e.diagnosis.code, onset: e.onset, status: e.status ?? 'active', resolution: e.resolution });
    else if (section === 'encounters' && e.encounterType?.code === 'IMP' && e.start) meds.get(pid)!.stays.push({ start: e.start, end: e.end });
  }

  const obs = (codes: string[], bounded: boolean) => {
    if (!codes.length) return;
    const list = codes.map((c) => `'${c.replace(/'/g, "''")}'`).join(',');
    const q = db.prepare(
      `SELECT o.patient_id, o.code, o.effective_key, o.value_num, o.unit FROM patients p
       CROSS JOIN observations o ON o.patient_id = p.id AND o.code IN (${list}) ${bounded ? 'AND o.effective_key >= @from' : ''} ${patientFilter}`,
    ).raw().all(params) as Array<[string, string, string, number | null, string | null]>;
    for (const [pid, code, key, value, unit] of q) patients.get(pid)!.observations.push({ code, date: key.slice(0, 10), value, unit });
  };
  obs(CODES.windowed, true);
  obs(CODES.anyTime.filter((c) => !CODES.windowed.includes(c)), false);
  for (const p of patients.values()) p.observations.sort((a, b) => a.date.localeCompare(b.date));

  const orders = db.prepare(`SELECT r.patient_id, r.code, r.date FROM patients p JOIN prescriptions r ON r.patient_id = p.id AND r.kind IN ('test', 'visit') ${patientFilter}`).raw().all(params) as Array<[string, string, string]>;
  for (const [pid, code, date] of orders) patients.get(pid)!.orders.push({ code, date });

  // Each body parsed once, in JS (every json_extract parses the whole body again). Over the
  // panel the ATC ranges of the class index are cheaper than a seek per patient.
  const atcRange = ATC_PREFIXES.map((a) => `(d.atc >= '${a}' AND d.atc < '${a}\uffff')`).join(' OR ');
  const disp = db.prepare(
    `SELECT d.patient_id, d.body FROM dispensations d WHERE d.date >= @from AND (${atcRange}) ${one ? 'AND d.patient_id = @patientId' : ''}`,
  ).raw().all(params) as Array<[string, string]>;
  for (const [pid, body] of disp) {
    const d = JSON.parse(body) as Dispensation;
    meds.get(pid)?.dispensations.push({ id: d.id, date: d.date, atc: d.atc.code, atcDisplay: d.atc.display, aic: d.aic?.code, aicDisplay: d.aic?.display, packs: d.packs, prescriptionId: d.prescriptionId });
  }

  const plans = db.prepare(`SELECT t.patient_id, t.body FROM patients p CROSS JOIN therapy_plans t ON t.patient_id = p.id ${patientFilter}`).raw().all(params) as Array<[string, string]>;
  for (const [pid, body] of plans) {
    const t = JSON.parse(body) as TherapyPlan;
    meds.get(pid)!.plans.push({ atc: t.atc.code, start: t.start, end: t.end, ...(t.posology ? { posology: t.posology } : {}) });
  }
  return [...patients.values()];
}

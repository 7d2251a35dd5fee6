/**
 * The Aderenza page and the cruscotto, computed in the worker from the panel's facts
 * (panel-facts.ts) by the pure code of shared/analytics: adherence per patient and class, a
 * patient's refill timeline, the fifteen indicators and an indicator's register. Panel exits
 * (deceased, transferred) are kept as a setting by patient id.
 */
import type { Db } from '../open.ts';
import { AppError } from '../../../../shared/errors/index.ts';
import { addInterval, formatIsoDay } from '../../../../shared/analytics/adherence/days.ts';
import { classAdherence, periodBefore, refillTimeline, type ClassAdherence } from '../../../../shared/analytics/adherence/record/panel-adherence.ts';
import { isoDay, recordFills, staySpans } from '../../../../shared/analytics/adherence/record/record-fills.ts';
import type { DrugClassId } from '../../../../shared/analytics/adherence/record/drug-classes.ts';
import { computeIndicators, evaluatePatient, preparePatient, yearBefore, type IndicatorResult } from '../../../../shared/analytics/cruscotto/evaluate.ts';
import { INDICATORS } from '../../../../shared/analytics/cruscotto/indicators.ts';
import type { PanelExit } from '../../../../shared/analytics/cruscotto/panel-facts.ts';
import { aicPackDescriptions } from '../../terms/aic-pack-descriptions.ts';
import { localToday, patientExists } from './clinical-record.ts';
import { auditPatient } from './record-common.ts';
import { PANEL_EXITS_KEY, panelExits, readPanelFacts } from './panel-facts.ts';
import { setSetting } from './settings.ts';

function reportingDate(asOf: string | undefined): string {
  const d = asOf ?? localToday();
  if (d.length !== 10) throw new AppError('INVALID_INPUT', 'The reporting date must be a whole date', { issues: [{ path: 'asOf', message: 'yyyy-mm-dd' }] });
  return d;
}

/** The facts of the last 28 months: two 12-month periods and the 15-month ACR window before the previous one, with a margin. */
function factsFrom(asOf: string): string {
  return formatIsoDay(addInterval(isoDay(asOf), -28, 'months'));
}

const span = (p: { first: number; last: number }) => ({ from: formatIsoDay(p.first), to: formatIsoDay(p.last) });

function rank(r: ClassAdherence): number {
  if (r.exclusion || r.pdc === null) return 2;
  return r.adherent ? 1 : 0;
}

export function adherencePanel(db: Db, args: { asOf?: string | undefined; drugClass?: DrugClassId | undefined }) {
  const asOf = reportingDate(args.asOf);
  const day = isoDay(asOf);
  const catalogue = aicPackDescriptions();
  const items = [];
  for (const f of readPanelFacts(db, { from: factsFrom(asOf) })) {
    if (f.exit && f.exit.date <= asOf) continue;
    const { fills } = recordFills(f.id, f.medication, catalogue);
    if (!fills.length) continue;
    const rows = classAdherence({ patientId: f.id, fills, stays: staySpans(f.id, f.medication.stays), lastDay: f.exit ? isoDay(f.exit.date) : undefined }, day);
    for (const r of rows) {
      if (args.drugClass && r.drugClass !== args.drugClass) continue;
      items.push({ ...r, patient: { id: f.id, surname: f.surname, givenName: f.givenName, birthDate: f.birthDate } });
    }
  }
  items.sort((a, b) => rank(a) - rank(b) || (a.pdc ?? 2) - (b.pdc ?? 2) || a.patient.surname.localeCompare(b.patient.surname, 'it') || a.drugClass.localeCompare(b.drugClass));
  return { asOf, period: span(periodBefore(day, 0)), previousPeriod: span(periodBefore(day, 1)), items };
}

export function adherencePatient(db: Db, args: { patientId: string; asOf?: string | undefined; from?: string | undefined }) {
  patientExists(db, args.patientId);
  const asOf = reportingDate(args.asOf);
  const day = isoDay(asOf);
  const from = args.from && args.from.length === 10 ? args.from : formatIsoDay(addInterval(day, -24, 'months'));
  const f = readPanelFacts(db, { from: factsFrom(from < asOf ? from : asOf), patientId: args.patientId })[0]!;
  const { fills, unmeasured } = recordFills(f.id, f.medication, aicPackDescriptions());
  const stays = staySpans(f.id, f.medication.stays);
  const m = { patientId: f.id, fills, stays, lastDay: f.exit ? isoDay(f.exit.date) : undefined };
  const fromDay = isoDay(from);
  return {
    asOf, from, period: span(periodBefore(day, 0)),
    classes: classAdherence(m, day),
    fills: refillTimeline(m, fromDay).filter((x) => x.date <= asOf),
    unmeasured: unmeasured.filter((u) => u.date >= fromDay && u.date <= day).map((u) => ({ ...u, date: formatIsoDay(u.date) })),
    stays: stays.filter((s) => s.end >= fromDay && s.start <= day).map((s) => ({ start: formatIsoDay(s.start), end: formatIsoDay(s.end) })),
  };
}

function row(r: IndicatorResult) {
  const { def } = r;
  return {
    id: def.id, number: def.number, condition: def.condition, numerator: r.numerator, denominator: r.denominator, percentage: r.percentage,
    previous: r.previous, source: def.source, confirmed: def.confirmed, note: def.note ?? null, codesToConfigure: [...(def.codesToConfigure ?? [])],
  };
}

function preparedPanel(db: Db, asOf: string) {
  const catalogue = aicPackDescriptions();
  return readPanelFacts(db, { from: factsFrom(asOf) }).map((f) => preparePatient(f, catalogue));
}

export function cruscottoIndicators(db: Db, args: { asOf?: string | undefined }) {
  const asOf = reportingDate(args.asOf);
  return { asOf, previousAsOf: yearBefore(asOf), items: computeIndicators(INDICATORS, preparedPanel(db, asOf), asOf).map(row) };
}

export function cruscottoPatients(db: Db, args: { indicatorId: string; asOf?: string | undefined; only: 'to-act' | 'all' }) {
  const def = INDICATORS.find((d) => d.id === args.indicatorId);
  if (!def) throw new AppError('NOT_FOUND', 'No such indicator', { entity: 'indicator', id: args.indicatorId });
  const asOf = reportingDate(args.asOf);
  const panel = preparedPanel(db, asOf);
  const identifiers = new Map((db.prepare('SELECT id, identifier FROM patients').raw().all() as Array<[string, string]>));
  const items = [];
  for (const p of panel) {
    const o = evaluatePatient(def, p, asOf);
    if (!o.inRegister || (args.only === 'to-act' && o.met)) continue;
    const f = p.facts;
    items.push({ patientId: f.id, surname: f.surname, givenName: f.givenName, birthDate: f.birthDate, identifier: identifiers.get(f.id) ?? '', met: o.met, evidence: o.evidence });
  }
  items.sort((a, b) => Number(a.met) - Number(b.met));
  const [result] = computeIndicators([def], panel, asOf);
  return { asOf, indicator: row(result!), items };
}

export function setPanelExit(db: Db, args: { actor: string; patientId: string; exit: PanelExit | null }) {
  patientExists(db, args.patientId);
  const exits = { ...panelExits(db) };
  if (args.exit) exits[args.patientId] = args.exit;
  else delete exits[args.patientId];
  setSetting(db, { actor: args.actor, key: PANEL_EXITS_KEY, value: exits });
  auditPatient(db, { actor: args.actor, action: 'panel.setExit', entity: 'patient', patientId: args.patientId, detail: { reason: args.exit?.reason ?? null } });
  return { patientId: args.patientId, exit: args.exit };
}

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
import { yearBefore, type IndicatorCount, type PatientOutcome } from '../../../../shared/analytics/cruscotto/evaluate.ts';
import { checkOverrides, codesToConfigure, definitionsInForce } from '../../../../shared/analytics/cruscotto/definitions.ts';
import type { IndicatorDef } from '../../../../shared/api/cruscotto-definitions.ts';
import { defaultIndicators } from '../../cruscotto/definitions-file.ts';
import { DEFINITIONS_KEY, panelOutcomes, preparedPanel } from './panel-cache.ts';
import type { PanelExit } from '../../../../shared/analytics/cruscotto/panel-facts.ts';
import { aicPackDescriptions } from '../../terms/aic-pack-descriptions.ts';
import { localToday, patientExists } from './clinical-record.ts';
import { auditPatient } from './record-common.ts';
import { PANEL_EXITS_KEY, panelExits, readPanelFacts } from './panel-facts.ts';
import { getSetting, setSetting } from './settings.ts';

function reportingDate(asOf: string | undefined): string {
  const d = asOf ?? localToday();
  if (d.length !== 10) throw new AppError('INVALID_INPUT', 'The reporting date must be a whole date', { issues: [{ path: 'asOf', message: 'yyyy-mm-dd' }] });
  return d;
}

/** The facts of the last 28 months: two 12-month periods and the 15-month ACR window before the previous one, with a margin. */
function factsFrom(asOf: string): string {
  return formatIsoDay(addInterval(isoDay(asOf), -28, 'months'));
}

/** The refill timeline reads the medication record only. */
const NO_OBSERVATIONS = { windowed: [], anyTime: [] };

const span = (p: { first: number; last: number }) => ({ from: formatIsoDay(p.first), to: formatIsoDay(p.last) });

function rank(r: ClassAdherence): number {
  if (r.exclusion || r.pdc === null) return 2;
  return r.adherent ? 1 : 0;
}

export function adherencePanel(db: Db, args: { asOf?: string | undefined; drugClass?: DrugClassId | undefined }) {
  const asOf = reportingDate(args.asOf);
  const day = isoDay(asOf);
  // The cruscotto's prepared panel (panel-cache.ts): the same facts window, the fills already derived.
  const panel = preparedPanel(db, factsFrom(asOf), definitionsInForce(defaultIndicators(), storedOverrides(db).overrides).map((x) => x.definition));
  const items = [];
  for (const id of panel.order) {
    const p = panel.patients.get(id);
    if (!p) continue;
    const f = p.facts;
    if (f.exit && f.exit.date <= asOf) continue;
    if (!p.fills.length) continue;
    const rows = classAdherence({ patientId: f.id, fills: p.fills, stays: p.stays, lastDay: f.exit ? isoDay(f.exit.date) : undefined }, day);
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
  const f = readPanelFacts(db, { from: factsFrom(from < asOf ? from : asOf), codes: NO_OBSERVATIONS, patientId: args.patientId })[0]!;
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

function params(d: IndicatorDef): Record<string, number> {
  const out: Record<string, number> = {};
  const c = d.done;
  if ('months' in c) out.months = c.months;
  switch (c.kind) {
    case 'lastValue':
      if (c.max !== undefined) out.max = c.max;
      if (c.above !== undefined) out.above = c.above;
      break;
    case 'bloodPressure':
      out.systolicMax = c.systolicMax;
      out.diastolicMax = c.diastolicMax;
      break;
    case 'aroundDiagnosis':
      out.monthsBefore = c.monthsBefore;
      out.monthsAfter = c.monthsAfter;
      if (c.below !== undefined) out.below = c.below;
      break;
    case 'adherence':
      out.minPdc = c.minPdc;
      break;
    case 'allOf': {
      const months = c.of.map((x) => ('months' in x ? x.months : undefined)).filter((x): x is number => x !== undefined);
      if (months.length && months.every((m) => m === months[0])) out.months = months[0]!;
      break;
    }
    default:
  }
  if (d.register.minAge !== undefined) out.minAge = d.register.minAge;
  if (d.register.maxAge !== undefined) out.maxAge = d.register.maxAge;
  return out;
}

function row(def: IndicatorDef, overridden: boolean, r: IndicatorCount & { previous: IndicatorCount }) {
  return {
    id: def.id, number: def.number, condition: def.condition, numerator: r.numerator, denominator: r.denominator, percentage: r.percentage,
    previous: r.previous, source: def.source, confirmed: def.confirmed, note: def.note ?? null, codesToConfigure: codesToConfigure(def), overridden, params: params(def),
  };
}

/** The doctor's overrides as stored (checked when written), and their key for the outcome cache. */
function storedOverrides(db: Db): { overrides: IndicatorDef[]; key: string } {
  const s = getSetting(db, { key: DEFINITIONS_KEY });
  const overrides = (s?.value ?? []) as IndicatorDef[];
  return { overrides, key: s ? `v${s.version}:${s.updatedAt}` : 'defaults' };
}

export function cruscottoDefinitions(db: Db, _args?: unknown) {
  return { items: definitionsInForce(defaultIndicators(), storedOverrides(db).overrides) };
}

export function setCruscottoDefinitions(db: Db, args: { actor: string; overrides: unknown[] }) {
  const checked = checkOverrides(defaultIndicators(), args.overrides);
  setSetting(db, { actor: args.actor, key: DEFINITIONS_KEY, value: checked });
  return cruscottoDefinitions(db);
}

/** The definitions in force, the panel brought up to date and every outcome at the date and a year before. */
function evaluated(db: Db, asOf: string) {
  const { overrides, key } = storedOverrides(db);
  const items = definitionsInForce(defaultIndicators(), overrides);
  const defs = items.map((x) => x.definition);
  const before = yearBefore(asOf);
  // The facts from 28 months before the reporting date serve both dates (factsFrom).
  const panel = preparedPanel(db, factsFrom(asOf), defs);
  const outcomes = panelOutcomes(panel, defs, key, asOf, before);
  return { items, defs, before, panel, outcomes };
}

function tally(list: readonly PatientOutcome[]): IndicatorCount {
  let numerator = 0;
  let denominator = 0;
  for (const o of list) {
    if (!o.inRegister) continue;
    denominator++;
    if (o.met) numerator++;
  }
  return { numerator, denominator, percentage: denominator ? (100 * numerator) / denominator : null };
}

function counts(e: ReturnType<typeof evaluated>, i: number) {
  const now: PatientOutcome[] = [];
  const prev: PatientOutcome[] = [];
  for (const id of e.panel.order) {
    const o = e.outcomes.byPatient.get(id);
    if (!o) continue;
    now.push(o.now[i]!);
    prev.push(o.before[i]!);
  }
  return { ...tally(now), previous: tally(prev) };
}

export function cruscottoIndicators(db: Db, args: { asOf?: string | undefined }) {
  const asOf = reportingDate(args.asOf);
  const e = evaluated(db, asOf);
  return { asOf, previousAsOf: e.before, items: e.items.map((x, i) => row(x.definition, x.overridden, counts(e, i))) };
}

export function cruscottoPatients(db: Db, args: { indicatorId: string; asOf?: string | undefined; only: 'to-act' | 'all' }) {
  const asOf = reportingDate(args.asOf);
  const e = evaluated(db, asOf);
  const i = e.defs.findIndex((d) => d.id === args.indicatorId);
  if (i < 0) throw new AppError('NOT_FOUND', 'No such indicator', { entity: 'indicator', id: args.indicatorId });
  const identifiers = new Map((db.prepare('SELECT id, identifier FROM patients').raw().all() as Array<[string, string]>));
  type Item = { patientId: string; surname: string; givenName: string; birthDate: string; identifier: string; met: boolean; evidence: PatientOutcome['evidence'] };
  const toAct: Item[] = [];
  const done: Item[] = [];
  for (const id of e.panel.order) {
    const o = e.outcomes.byPatient.get(id)?.now[i];
    const f = e.panel.patients.get(id)?.facts;
    if (!o || !f || !o.inRegister || (args.only === 'to-act' && o.met)) continue;
    (o.met ? done : toAct).push({ patientId: f.id, surname: f.surname, givenName: f.givenName, birthDate: f.birthDate, identifier: identifiers.get(f.id) ?? '', met: o.met, evidence: o.evidence });
  }
  const item = e.items[i]!;
  return { asOf, indicator: row(item.definition, item.overridden, counts(e, i)), items: [...toAct, ...done] };
}

/** A patient's exit from the panel, or null. */
export function panelExit(db: Db, args: { patientId: string }) {
  patientExists(db, args.patientId);
  return { patientId: args.patientId, exit: panelExits(db)[args.patientId] ?? null };
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

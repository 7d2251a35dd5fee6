/**
 * The indicators evaluated on the panel at a reporting date (DOMAIN.md §3.1): windows are the
 * preceding months (a day inside the window is after the same date N months before and at most
 * the reporting date); deceased and transferred patients are out of every register from the day
 * they left; the trend is the same computation a year earlier. Pure: the db worker feeds it the
 * panel's facts (panel-facts.ts) read by one query per table.
 */
import { addInterval, formatIsoDay, type Day } from '../adherence/days.ts';
import { computePdc, type PdcResult } from '../adherence/pdc.ts';
import { classThreshold } from '../adherence/record/drug-classes.ts';
import { isoDay, recordFills, staySpans, type PackDescriptionOf, type RecordFill } from '../adherence/record/record-fills.ts';
import type { DurationMethod } from '../adherence/types.ts';
import type { Criterion, IndicatorDef, Register, ValueScale } from './indicators.ts';
import type { PanelPatient } from './panel-facts.ts';

/** What the patient's record shows for the indicator: the last relevant fact. */
export interface Evidence {
  date: string | null;
  value: number | null;
  /** A second value (the diastolic of a blood pressure). */
  value2: number | null;
  unit: string | null;
  /** The fact is an order whose result has not arrived (it counts, DASHBOARD.md §2). */
  ordered: boolean;
  /** Parts of a composite indicator not done. */
  missing: number;
}

export interface PatientOutcome {
  inRegister: boolean;
  met: boolean;
  evidence: Evidence;
}

const NONE: Evidence = { date: null, value: null, value2: null, unit: null, ordered: false, missing: 0 };

interface DatedFact {
  day: Day;
  date: string;
  value: number | null;
  unit: string | null;
}

/**
 * A patient prepared once for every indicator and date: fills with their supply, stays, and
 * the observations, orders and dispensations by code with their day numbers (the indicators
 * read them thirty times: fifteen indicators at two dates).
 */
export interface PreparedPatient {
  facts: PanelPatient;
  fills: RecordFill[];
  stays: Array<{ patientId: string; start: Day; end: Day }>;
  methods: DurationMethod[];
  observations: Map<string, DatedFact[]>;
  orders: Map<string, DatedFact[]>;
  dispensations: Array<{ day: Day; date: string; atc: string }>;
}

function byCode(items: ReadonlyArray<{ code: string; date: string; value?: number | null; unit?: string | null }>): Map<string, DatedFact[]> {
  const m = new Map<string, DatedFact[]>();
  for (const o of items) {
    let list = m.get(o.code);
    if (!list) m.set(o.code, (list = []));
    list.push({ day: isoDay(o.date), date: o.date.slice(0, 10), value: o.value ?? null, unit: o.unit ?? null });
  }
  for (const list of m.values()) list.sort((a, b) => a.day - b.day);
  return m;
}

export function preparePatient(facts: PanelPatient, catalogue: PackDescriptionOf): PreparedPatient {
  const { fills } = recordFills(facts.id, facts.medication, catalogue);
  return {
    facts, fills, stays: staySpans(facts.id, facts.medication.stays), methods: [...new Set(fills.map((f) => f.durationMethod))].sort(),
    observations: byCode(facts.observations), orders: byCode(facts.orders),
    dispensations: facts.medication.dispensations.map((d) => ({ day: isoDay(d.date), date: d.date, atc: d.atc.toUpperCase() })).sort((a, b) => a.day - b.day),
  };
}

function ageAt(birthDate: string, asOf: string): number {
  const years = Number(asOf.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return asOf.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

function monthsBefore(day: Day, months: number): Day {
  return addInterval(day, -months, 'months');
}

/** A value on the indicator's scale, from the unit it was recorded in. */
export function onScale(value: number, unit: string | null, scale: ValueScale): number {
  const u = (unit ?? '').trim().toLowerCase();
  switch (scale) {
    case 'hba1c-mmol/mol':
      // NGSP/DCCT % to IFCC mmol/mol (IFCC master equation).
      return u === '%' || (u === '' && value < 20) ? (value - 2.15) * 10.929 : value;
    case 'acr-mg/g':
      return u === 'mg/mmol' ? value * 8.84 : value;
    case 'ratio':
      return u === '%' || value > 1.5 ? value / 100 : value;
  }
}

interface Ctx {
  asOf: Day;
  p: PreparedPatient;
  diagnosis: Day | null;
  /** The day N months before the reporting date (the window starts after it). */
  before(months: number): Day;
  /** PDC results by selection, computed once per patient and date (the register and the numerator of #15 share one). */
  pdc: Map<string, PdcResult[]>;
}

/** Window starts by reporting date and months: the calendar arithmetic once, not per fact. */
const starts = new Map<string, Day>();
function windowStart(asOf: Day, months: number): Day {
  const key = `${asOf}:${months}`;
  let d = starts.get(key);
  if (d === undefined) {
    if (starts.size > 1000) starts.clear();
    starts.set(key, (d = monthsBefore(asOf, months)));
  }
  return d;
}

/** The facts of these codes in the window, oldest first. */
function inWindow(m: Map<string, DatedFact[]>, codes: readonly string[] | undefined, ctx: Ctx, months: number): DatedFact[] {
  const from = ctx.before(months);
  const out: DatedFact[] = [];
  for (const c of codes ?? []) for (const f of m.get(c) ?? []) if (f.day > from && f.day <= ctx.asOf) out.push(f);
  return (codes?.length ?? 0) > 1 ? out.sort((a, b) => a.day - b.day) : out;
}

function pdcOf(ctx: Ctx, key: string, select: () => RecordFill[], months: number, cls?: string): PdcResult[] {
  const memo = `${key}:${months}`;
  const known = ctx.pdc.get(memo);
  if (known) return known;
  const fills = select();
  const exit = ctx.p.facts.exit ? isoDay(ctx.p.facts.exit.date) : undefined;
  const sel = cls ? fills.map((f) => ({ ...f, drugClass: cls })) : fills;
  const results = computePdc(sel, {
    period: { first: ctx.before(months) + 1, last: ctx.asOf },
    stays: ctx.p.stays,
    ...(exit !== undefined ? { lastDayOf: () => exit } : {}),
    thresholdOf: classThreshold,
  });
  ctx.pdc.set(memo, results);
  return results;
}

function evaluate(c: Criterion, ctx: Ctx): { met: boolean; evidence: Evidence } {
  const p = ctx.p;
  switch (c.kind) {
    case 'recorded': {
      const hits = [
        ...inWindow(p.observations, c.loinc, ctx, c.months).map((o) => ({ ...o, ordered: false })),
        ...inWindow(p.orders, c.orders, ctx, c.months).map((o) => ({ ...o, ordered: true })),
      ].sort((a, b) => a.day - b.day || Number(a.ordered) - Number(b.ordered));
      // An order and its result are one test: an order counts only when no result follows it.
      const lastResult = hits.reduce((d, h) => (h.ordered ? d : Math.max(d, h.day)), -Infinity);
      const tests = hits.filter((h) => !h.ordered || h.day > lastResult);
      const last = hits.at(-1);
      const evidence = last ? { ...NONE, date: last.date, value: last.value, unit: last.unit, ordered: last.ordered && last.day > lastResult } : NONE;
      if (c.eachHalf) {
        const mid = ctx.before(c.months / 2);
        return { met: tests.some((x) => x.day <= mid) && tests.some((x) => x.day > mid), evidence };
      }
      return { met: tests.length >= (c.atLeast ?? 1), evidence };
    }
    case 'lastValue': {
      const last = inWindow(p.observations, c.loinc, ctx, c.months).filter((o) => o.value !== null).at(-1);
      if (!last) return { met: false, evidence: NONE };
      const v = onScale(last.value!, last.unit, c.scale);
      const met = (c.max === undefined || v <= c.max) && (c.above === undefined || v > c.above);
      return { met, evidence: { ...NONE, date: last.date, value: last.value, unit: last.unit } };
    }
    case 'bloodPressure': {
      const sys = inWindow(p.observations, ['8480-6'], ctx, c.months).filter((o) => o.value !== null).at(-1);
      const dia = inWindow(p.observations, ['8462-4'], ctx, c.months).filter((o) => o.value !== null).at(-1);
      if (!sys || !dia) return { met: false, evidence: NONE };
      return { met: sys.value! <= c.systolicMax && dia.value! <= c.diastolicMax, evidence: { ...NONE, date: sys.date > dia.date ? sys.date : dia.date, value: sys.value, value2: dia.value, unit: 'mm[Hg]' } };
    }
    case 'dispensed': {
      const from = ctx.before(c.months);
      let last: { date: string } | undefined;
      for (const d of p.dispensations) if (d.day > from && d.day <= ctx.asOf && c.atc.some((x) => d.atc.startsWith(x))) last = d;
      return { met: !!last, evidence: last ? { ...NONE, date: last.date } : NONE };
    }
    case 'aroundDiagnosis': {
      if (ctx.diagnosis === null) return { met: false, evidence: NONE };
      const from = monthsBefore(ctx.diagnosis, c.monthsBefore);
      const to = Math.min(addInterval(ctx.diagnosis, c.monthsAfter, 'months'), ctx.asOf);
      const within = (list: readonly string[] | undefined, m: Map<string, DatedFact[]>) => (list ?? []).flatMap((code) => m.get(code) ?? []).filter((o) => o.day >= from && o.day <= to).sort((a, b) => a.day - b.day);
      const obs = within(c.loinc, p.observations).filter((o) => c.below === undefined || (o.value !== null && onScale(o.value, o.unit, c.scale ?? 'ratio') < c.below));
      const ord = c.below === undefined ? within(c.orders, p.orders) : [];
      const last = obs.at(-1);
      if (last) return { met: true, evidence: { ...NONE, date: last.date, value: last.value, unit: last.unit } };
      if (ord.length) return { met: true, evidence: { ...NONE, date: ord.at(-1)!.date, ordered: true } };
      return { met: false, evidence: NONE };
    }
    case 'adherence': {
      const r = pdcOf(ctx, `atc:${c.atc.join()}`, () => p.fills.filter((x) => c.atc.some((a) => x.atc.toUpperCase().startsWith(a))), c.months, 'target')[0];
      if (!r || r.exclusion || r.pdc === null) return { met: false, evidence: NONE };
      return { met: r.pdc >= c.minPdc, evidence: { ...NONE, value: r.pdc, unit: 'PDC' } };
    }
    case 'classesAdherent': {
      const measured = pdcOf(ctx, `classes:${c.classes.join()}`, () => p.fills.filter((x) => c.classes.includes(x.drugClass)), c.months).filter((r) => !r.exclusion && r.pdc !== null);
      if (!measured.length) return { met: false, evidence: NONE };
      const lowest = measured.reduce((a, b) => (b.pdc! < a.pdc! ? b : a));
      return { met: measured.every((r) => r.adherent), evidence: { ...NONE, value: lowest.pdc, unit: 'PDC' } };
    }
    case 'allOf': {
      const parts = c.of.map((x) => evaluate(x, ctx));
      const dated = parts.map((x) => x.evidence.date).filter((d): d is string => d !== null).sort();
      return { met: parts.every((x) => x.met), evidence: { ...NONE, date: dated.at(-1) ?? null, missing: parts.filter((x) => !x.met).length } };
    }
  }
}

/** An ICD-9-CM code under a heading: 250 holds 250.00, 491.2 holds 491.21. */
export function icd9Within(code: string, prefix: string): boolean {
  return code === prefix || code.startsWith(prefix.includes('.') ? prefix : `${prefix}.`);
}

/** The earliest onset of an active problem of the register, or undefined when the patient is not in it by problems. */
function registerDiagnosis(r: Register, f: PanelPatient, asOf: string): { onset: string | null } | undefined {
  if (!r.problems) return { onset: null };
  const matching = f.problems.filter(
    (p) => r.problems!.some((prefix) => icd9Within(p.code, prefix)) && (!p.onset || p.onset <= asOf) && (p.status === 'active' || (p.resolution !== undefined && p.resolution > asOf)),
  );
  if (!matching.length) return undefined;
  const onsets = matching.map((p) => p.onset).filter((o): o is string => !!o).sort();
  return { onset: onsets[0] ?? null };
}

/** The PDC memo of a patient at a date, kept on the prepared patient for the last date asked. */
const memos = new WeakMap<PreparedPatient, { asOf: string; pdc: Map<string, PdcResult[]> }>();
function pdcMemo(p: PreparedPatient, asOf: string): Map<string, PdcResult[]> {
  let m = memos.get(p);
  if (!m || m.asOf !== asOf) memos.set(p, (m = { asOf, pdc: new Map() }));
  return m.pdc;
}

export function evaluatePatient(def: IndicatorDef, p: PreparedPatient, asOfIso: string): PatientOutcome {
  const f = p.facts;
  const out = { inRegister: false, met: false, evidence: NONE };
  if (f.exit && f.exit.date <= asOfIso) return out;
  const r = def.register;
  const age = ageAt(f.birthDate, asOfIso);
  if ((r.minAge !== undefined && age < r.minAge) || (r.maxAge !== undefined && age > r.maxAge)) return out;
  const dx = registerDiagnosis(r, f, asOfIso);
  if (!dx) return out;
  const asOf = isoDay(asOfIso);
  const diagnosis = dx.onset ? isoDay(dx.onset.length === 4 ? `${dx.onset}-01-01` : dx.onset) : null;
  if (r.excludeDiagnosedWithinMonths && diagnosis !== null && diagnosis > monthsBefore(asOf, r.excludeDiagnosedWithinMonths)) return out;
  const ctx: Ctx = { asOf, p, diagnosis, before: (months) => windowStart(asOf, months), pdc: pdcMemo(p, asOfIso) };
  if (r.where && !evaluate(r.where, ctx).met) return out;
  if (r.measuredFor) {
    const measured = pdcOf(ctx, `classes:${r.measuredFor.classes.join()}`, () => p.fills.filter((x) => r.measuredFor!.classes.includes(x.drugClass)), r.measuredFor.months).some((x) => !x.exclusion);
    if (!measured) return out;
  }
  const result = evaluate(def.done, ctx);
  return { inRegister: true, ...result };
}

export interface IndicatorCount {
  numerator: number;
  denominator: number;
  /** null when the register is empty. */
  percentage: number | null;
}

function count(def: IndicatorDef, patients: readonly PreparedPatient[], asOf: string): IndicatorCount {
  let numerator = 0;
  let denominator = 0;
  for (const p of patients) {
    const o = evaluatePatient(def, p, asOf);
    if (!o.inRegister) continue;
    denominator++;
    if (o.met) numerator++;
  }
  return { numerator, denominator, percentage: denominator ? (100 * numerator) / denominator : null };
}

/** The same date a year earlier (29 February rolls to 1 March, as the months arithmetic does). */
export function yearBefore(asOf: string): string {
  return formatIsoDay(addInterval(isoDay(asOf), -12, 'months'));
}

export interface IndicatorResult extends IndicatorCount {
  def: IndicatorDef;
  previous: IndicatorCount;
}

export function computeIndicators(defs: readonly IndicatorDef[], patients: readonly PreparedPatient[], asOf: string): IndicatorResult[] {
  // One date after the other, so each patient's PDC memo serves every indicator of that date.
  const now = defs.map((def) => count(def, patients, asOf));
  const before = yearBefore(asOf);
  const previous = defs.map((def) => count(def, patients, before));
  return defs.map((def, i) => ({ def, ...now[i]!, previous: previous[i]! }));
}

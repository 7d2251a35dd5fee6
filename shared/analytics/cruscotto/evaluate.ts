/**
 * The indicators evaluated on the panel at a reporting date (DOMAIN.md §3.1): windows are the
 * preceding months (a day inside the window is after the same date N months before and at most
 * the reporting date); deceased and transferred patients are out of every register from the day
 * they left; the trend is the same computation a year earlier. Pure: the db worker feeds it the
 * panel's facts (panel-facts.ts) read by one query per table.
 */
import { addInterval, formatIsoDay, type Day } from '../adherence/days.ts';
import { computePdc, type PdcResult } from '../adherence/pdc.ts';
import { DRUG_CLASSES } from '../adherence/record/drug-classes.ts';
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

/** A patient prepared once for every indicator and date: fills with their supply, stays. */
export interface PreparedPatient {
  facts: PanelPatient;
  fills: RecordFill[];
  stays: Array<{ patientId: string; start: Day; end: Day }>;
  methods: DurationMethod[];
}

export function preparePatient(facts: PanelPatient, catalogue: PackDescriptionOf): PreparedPatient {
  const { fills } = recordFills(facts.id, facts.medication, catalogue);
  return { facts, fills, stays: staySpans(facts.id, facts.medication.stays), methods: [...new Set(fills.map((f) => f.durationMethod))].sort() };
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
  asOfIso: string;
  p: PreparedPatient;
  diagnosis: Day | null;
}

function inWindow(date: string, ctx: Ctx, months: number): boolean {
  const d = isoDay(date);
  return d > monthsBefore(ctx.asOf, months) && d <= ctx.asOf;
}

function pdcOf(ctx: Ctx, fills: RecordFill[], months: number, cls?: string): PdcResult[] {
  const exit = ctx.p.facts.exit ? isoDay(ctx.p.facts.exit.date) : undefined;
  const sel = cls ? fills.map((f) => ({ ...f, drugClass: cls })) : fills;
  return computePdc(sel as never, {
    period: { first: monthsBefore(ctx.asOf, months) + 1, last: ctx.asOf },
    stays: ctx.p.stays,
    ...(exit !== undefined ? { lastDayOf: () => exit } : {}),
    thresholdOf: (c) => DRUG_CLASSES.find((d) => d.id === c)?.threshold ?? 0.8,
  });
}

function evaluate(c: Criterion, ctx: Ctx): { met: boolean; evidence: Evidence } {
  const f = ctx.p.facts;
  switch (c.kind) {
    case 'recorded': {
      const codes = new Set(c.loinc ?? []);
      const orders = new Set(c.orders ?? []);
      const hits = [
        ...f.observations.filter((o) => codes.has(o.code) && inWindow(o.date, ctx, c.months)).map((o) => ({ date: o.date, value: o.value, unit: o.unit, ordered: false })),
        ...f.orders.filter((o) => orders.has(o.code) && inWindow(o.date, ctx, c.months)).map((o) => ({ date: o.date, value: null, unit: null, ordered: true })),
      ].sort((a, b) => a.date.localeCompare(b.date) || Number(a.ordered) - Number(b.ordered));
      // An order and its result are one test: an order counts only when no result follows it.
      const tests = hits.filter((h, i) => !h.ordered || !hits.slice(i + 1).some((r) => !r.ordered));
      const last = hits.at(-1);
      const evidence = last ? { ...NONE, date: last.date, value: last.value, unit: last.unit, ordered: last.ordered && !hits.some((h) => !h.ordered && h.date >= last.date) } : NONE;
      if (c.eachHalf) {
        const mid = monthsBefore(ctx.asOf, c.months / 2);
        const first = tests.some((t) => isoDay(t.date) <= mid);
        const second = tests.some((t) => isoDay(t.date) > mid);
        return { met: first && second, evidence };
      }
      return { met: tests.length >= (c.atLeast ?? 1), evidence };
    }
    case 'lastValue': {
      const codes = new Set(c.loinc);
      const last = f.observations.filter((o) => codes.has(o.code) && o.value !== null && inWindow(o.date, ctx, c.months)).at(-1);
      if (!last) return { met: false, evidence: NONE };
      const v = onScale(last.value!, last.unit, c.scale);
      const met = (c.max === undefined || v <= c.max) && (c.above === undefined || v > c.above);
      return { met, evidence: { ...NONE, date: last.date, value: last.value, unit: last.unit } };
    }
    case 'bloodPressure': {
      const sys = f.observations.filter((o) => o.code === '8480-6' && o.value !== null && inWindow(o.date, ctx, c.months)).at(-1);
      const dia = f.observations.filter((o) => o.code === '8462-4' && o.value !== null && inWindow(o.date, ctx, c.months)).at(-1);
      if (!sys || !dia) return { met: false, evidence: NONE };
      return { met: sys.value! <= c.systolicMax && dia.value! <= c.diastolicMax, evidence: { ...NONE, date: sys.date > dia.date ? sys.date : dia.date, value: sys.value, value2: dia.value, unit: 'mm[Hg]' } };
    }
    case 'dispensed': {
      const last = f.medication.dispensations.filter((d) => c.atc.some((p) => d.atc.toUpperCase().startsWith(p)) && inWindow(d.date, ctx, c.months)).sort((a, b) => a.date.localeCompare(b.date)).at(-1);
      return { met: !!last, evidence: last ? { ...NONE, date: last.date } : NONE };
    }
    case 'aroundDiagnosis': {
      if (ctx.diagnosis === null) return { met: false, evidence: NONE };
      const from = monthsBefore(ctx.diagnosis, c.monthsBefore);
      const to = Math.min(addInterval(ctx.diagnosis, c.monthsAfter, 'months'), ctx.asOf);
      const within = (date: string) => isoDay(date) >= from && isoDay(date) <= to;
      const codes = new Set(c.loinc ?? []);
      const orders = new Set(c.orders ?? []);
      const obs = f.observations.filter((o) => codes.has(o.code) && within(o.date) && (c.below === undefined || (o.value !== null && onScale(o.value, o.unit, c.scale ?? 'ratio') < c.below)));
      const ord = c.below === undefined ? f.orders.filter((o) => orders.has(o.code) && within(o.date)) : [];
      const last = obs.at(-1);
      if (last) return { met: true, evidence: { ...NONE, date: last.date, value: last.value, unit: last.unit } };
      if (ord.length) return { met: true, evidence: { ...NONE, date: ord.at(-1)!.date, ordered: true } };
      return { met: false, evidence: NONE };
    }
    case 'adherence': {
      const fills = ctx.p.fills.filter((x) => c.atc.some((p) => x.atc.toUpperCase().startsWith(p)));
      const r = pdcOf(ctx, fills, c.months, 'target')[0];
      if (!r || r.exclusion || r.pdc === null) return { met: false, evidence: NONE };
      return { met: r.pdc >= c.minPdc, evidence: { ...NONE, value: r.pdc, unit: 'PDC' } };
    }
    case 'classesAdherent': {
      const measured = pdcOf(ctx, ctx.p.fills.filter((x) => c.classes.includes(x.drugClass)), c.months).filter((r) => !r.exclusion && r.pdc !== null);
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
  const ctx: Ctx = { asOf, asOfIso, p, diagnosis };
  if (r.where && !evaluate(r.where, ctx).met) return out;
  if (r.measuredFor) {
    const measured = pdcOf(ctx, p.fills.filter((x) => r.measuredFor!.classes.includes(x.drugClass)), r.measuredFor.months).some((x) => !x.exclusion);
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
  const before = yearBefore(asOf);
  return defs.map((def) => ({ def, ...count(def, patients, asOf), previous: count(def, patients, before) }));
}

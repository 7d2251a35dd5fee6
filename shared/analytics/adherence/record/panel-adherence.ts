/**
 * Adherence from the record, per patient and drug class (the Aderenza page): PQA's PDC over the
 * 12 months before the reporting date and over the 12 months before those (the trend), with the
 * days covered, the hospital days removed and how the durations were obtained; and a patient's
 * refill timeline: each fill as the days its supply was used (an early refill of the same drug
 * starts when the previous supply runs out, a stay suspends the supply), the gap or overlap
 * before it, and the stays.
 */
import { addInterval, formatIsoDay, type Day } from '../days.ts';
import { computePdc, type PdcExclusion, type PdcResult } from '../pdc.ts';
import { mergeSpans, useSupply } from '../supply-timeline.ts';
import type { DurationMethod } from '../types.ts';
import { classThreshold, type DrugClassId } from './drug-classes.ts';
import { isoDay, type RecordFill } from './record-fills.ts';

export interface PdcFigure {
  pdc: number | null;
  daysCovered: number;
  daysInPeriod: number;
  hospitalDays: number;
  exclusion: PdcExclusion | null;
  adherent: boolean;
}

export interface ClassAdherence extends PdcFigure {
  drugClass: DrugClassId;
  threshold: number;
  fills: number;
  methods: DurationMethod[];
  /** The 12 months before; null when the patient had no fill of the class then. */
  previous: PdcFigure | null;
}

export interface PreparedMedication {
  patientId: string;
  fills: readonly RecordFill[];
  stays: ReadonlyArray<{ start: Day; end: Day }>;
  /** The patient's last day in the panel (death, transfer). */
  lastDay?: Day | undefined;
}

export function periodBefore(asOf: Day, yearsBack: number): { first: Day; last: Day } {
  const last = addInterval(asOf, -12 * yearsBack, 'months');
  return { first: addInterval(last, -12, 'months') + 1, last };
}

function figures(m: PreparedMedication, period: { first: Day; last: Day }) {
  const results = computePdc(m.fills, {
    period,
    stays: m.stays.map((s) => ({ patientId: m.patientId, ...s })),
    ...(m.lastDay !== undefined ? { lastDayOf: () => m.lastDay } : {}),
    thresholdOf: classThreshold,
  });
  return new Map(results.map((r) => [r.drugClass, r]));
}

/** One row per class the patient had a fill of in the last 12 months. */
export function classAdherence(m: PreparedMedication, asOf: Day): ClassAdherence[] {
  const now = figures(m, periodBefore(asOf, 0));
  const before = figures(m, periodBefore(asOf, 1));
  const period = periodBefore(asOf, 0);
  const pick = (r: PdcResult): PdcFigure => ({
    pdc: r.pdc, daysCovered: r.daysCovered, daysInPeriod: r.daysInPeriod, hospitalDays: r.hospitalDays, exclusion: r.exclusion, adherent: r.adherent && !r.exclusion,
  });
  return [...now.values()].map((r) => {
    const own = m.fills.filter((f) => f.drugClass === r.drugClass && f.date >= period.first && f.date <= period.last);
    const prev = before.get(r.drugClass);
    return {
      ...pick(r), drugClass: r.drugClass as DrugClassId, threshold: r.threshold, fills: own.length,
      methods: [...new Set(own.map((f) => f.durationMethod))].sort(), previous: prev ? pick(prev) : null,
    };
  });
}

export interface TimelineFill {
  id: string;
  atc: string;
  display: string;
  drugClass: DrugClassId;
  date: string;
  packs: number;
  duration: number;
  method: DurationMethod;
  /** The days its supply was used: [start, end) as days; several spans when a stay interrupts it. */
  used: Array<{ start: string; end: string }>;
  /** Days without supply of this drug before the fill (a gap), or days still covered by the previous one (an overlap, carried over). */
  gapDays: number;
  overlapDays: number;
}

/** The refill timeline of a patient's fills dated from `from` on. */
export function refillTimeline(m: PreparedMedication, from: Day): TimelineFill[] {
  const stays = mergeSpans(m.stays.map((s) => ({ start: s.start, end: s.end })));
  const out: TimelineFill[] = [];
  const byDrug = new Map<string, RecordFill[]>();
  for (const f of m.fills) {
    let g = byDrug.get(f.drug);
    if (!g) byDrug.set(f.drug, (g = []));
    g.push(f);
  }
  for (const fills of byDrug.values()) {
    let previousEnd: number | null = null;
    for (const f of [...fills].sort((a, b) => a.date - b.date)) {
      const r = useSupply(Math.max(f.date, previousEnd ?? -Infinity), f.duration, stays);
      const gap = previousEnd === null ? 0 : Math.max(0, f.date - previousEnd);
      const overlap = previousEnd === null ? 0 : Math.max(0, previousEnd - f.date);
      previousEnd = r.end;
      if (f.date < from) continue;
      out.push({
        id: f.id, atc: f.atc, display: f.display, drugClass: f.drugClass, date: formatIsoDay(f.date), packs: f.packs, duration: f.duration, method: f.durationMethod,
        used: r.used.map((s) => ({ start: formatIsoDay(s.start), end: formatIsoDay(Math.ceil(s.end)) })), gapDays: Math.round(gap), overlapDays: Math.round(overlap),
      });
    }
  }
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return out.sort((a, b) => cmp(a.date, b.date) || cmp(a.atc, b.atc) || cmp(a.id, b.id));
}


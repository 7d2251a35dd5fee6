/**
 * One supply cut by hospital stays ("special periods"), as AdhereR 0.8.1's
 * compute.special.intervals (R/matching_function.R). The stays, the dispensing day and the
 * prescription episode's end are laid on one time line (on a tie: discharge, dispensing,
 * admission, episode end); each stretch between two of them belongs to the innermost open
 * stay, or to no stay. Then, per the stay's method:
 * - continue: the supply is used in hospital as at home (the days count as special duration);
 * - carryover: the days in hospital use no supply; it resumes at discharge (a new piece);
 * - discard: the supply stops at the first admission after dispensing.
 * The supply is spent along the time line until it runs out; each continuous stretch of use
 * becomes one piece with its start, its days and its days in hospital.
 */
import type { Day } from '../days.ts';
import type { PatientId } from '../types.ts';
import { rRange, sumNa, sumNaRm, type Na } from './na.ts';
import type { SpecialPeriodMethod } from './types.ts';

export interface Stay {
  start: Day;
  end: Day;
  method: SpecialPeriodMethod;
}

export interface SupplyContext {
  patientId: PatientId;
  dispStart: Day;
  episodeStart: Day;
  episodeEnd: Na<Day>;
  /** Days the supply lasts at the prescribed dose. */
  duration: number;
  eventId: number;
}

export interface SupplyPiece {
  eventId: number;
  dispStart: Na<Day>;
  duration: number;
  specialDuration: number;
  carryoverDuration: number;
  method: Na<SpecialPeriodMethod>;
}

const enum Level {
  Discharge = 1,
  Dispensing = 2,
  Admission = 3,
  EpisodeEnd = 4,
}

interface Point {
  date: Na<Day>;
  level: Level;
  stay: number; // 1.. for stays, 0 dispensing, -1 episode end
  method: Na<SpecialPeriodMethod>;
  step: Na<number>;
  inUse: Na<number>;
  special: boolean;
  carry: Na<number>;
  interval: Na<number>;
}

function naPoint(): Point {
  return { date: null, level: Level.EpisodeEnd, stay: Number.NaN, method: null, step: null, inUse: null, special: false, carry: null, interval: null };
}

export function splitSupplyByStays(stays: readonly Stay[], ctx: SupplyContext): SupplyPiece[] {
  const points: Point[] = [];
  const blank = { step: null, inUse: 0, special: false, carry: 0, interval: null };
  stays.forEach((s, i) => points.push({ date: s.start, level: Level.Admission, stay: i + 1, method: s.method, ...blank }));
  stays.forEach((s, i) => points.push({ date: s.end, level: Level.Discharge, stay: i + 1, method: s.method, ...blank }));
  points.sort((a, b) => a.date! - b.date! || a.stay - b.stay);
  points.push({ date: ctx.dispStart, level: Level.Dispensing, stay: 0, method: null, ...blank });
  points.push({ date: ctx.episodeEnd, level: Level.EpisodeEnd, stay: -1, method: null, ...blank });
  const sorted = points
    .map((p, i) => [p, i] as const)
    .sort(([a, ia], [b, ib]) => {
      if (a.date === null || b.date === null) return a.date === b.date ? a.level - b.level || a.stay - b.stay || ia - ib : a.date === null ? 1 : -1;
      return a.date - b.date || a.level - b.level || a.stay - b.stay || ia - ib;
    })
    .map(([p]) => p);

  const continueStays = new Set(sorted.filter((p) => p.method === 'continue').map((p) => p.stay));
  const carryStays = new Set(sorted.filter((p) => p.method === 'carryover').map((p) => p.stay));
  const seen = new Map<number, number>();
  sorted.forEach((p, i) => {
    const next = sorted[i + 1];
    p.step = next === undefined || next.date === null || p.date === null ? null : next.date - p.date;
    seen.set(p.stay, (seen.get(p.stay) ?? 0) + 1);
    let active = -Infinity;
    for (const [stay, count] of seen) if (count === 1 && stay > active) active = stay;
    if (continueStays.has(active)) {
      p.special = true;
      p.inUse = 1;
    }
    if (active === 0) p.inUse = 1;
    if (carryStays.size > 0 && carryStays.has(active)) p.carry = p.step;
    if (p.carry !== null && p.carry !== 0) p.step = 0;
  });

  const first = sorted.findIndex((p) => p.level === Level.Dispensing);
  const last = sorted.findIndex((p) => p.level === Level.EpisodeEnd);
  let line = rRange(first, last).map((i) => sorted[i]!);

  if (stays.some((s) => s.method === 'discard')) {
    let dropped = 0;
    line = line.filter((p) => {
      const discard = p.method === 'discard';
      p.inUse = 0;
      if (discard) dropped++;
      const drop = dropped - (discard && p.level === Level.Admission ? 1 : 0);
      if (discard) p.step = 0;
      return drop === 0;
    });
  }

  // Stretches of use: a run of use together with the run of non-use after it.
  let run = 0;
  line.forEach((p, i) => {
    if (i === 0 || p.inUse !== line[i - 1]!.inUse) run++;
    p.interval = p.inUse === 1 ? run + 1 : run;
  });

  const available = sumNaRm(line.map((p) => p.step));
  if (ctx.duration <= available) {
    const cum: Na<number>[] = [];
    let acc: Na<number> = 0;
    for (const p of line) {
      acc = acc === null || p.step === null ? null : acc + p.step;
      cum.push(acc);
    }
    const within = cum.flatMap((c, i) => (c !== null && c <= ctx.duration ? [i] : []));
    const pick = within.length === 0 ? [0] : [...within, within[within.length - 1]! + 1];
    line = pick.map((i) => (i < line.length ? line[i]! : naPoint()));
    const before = sumNa(line.slice(0, -1).map((p) => p.step));
    line[line.length - 1]!.step = before === null ? null : ctx.duration - before;
  }

  // One piece per stretch, in stretch order (a stretch without a number, NA, first).
  const stretches = new Map<Na<number>, Point[]>();
  for (const p of line) {
    let g = stretches.get(p.interval);
    if (!g) stretches.set(p.interval, (g = []));
    g.push(p);
  }
  const keys = [...stretches.keys()].sort((a, b) => (a === null ? -1 : b === null ? 1 : a - b));
  return keys.map((k, i) => {
    const g = stretches.get(k)!;
    const specialSteps = g.filter((p) => p.special).map((p) => p.step);
    return {
      eventId: ctx.eventId + i,
      dispStart: g[0]!.date,
      duration: sumNaRm(g.map((p) => p.step)),
      specialDuration: Math.max(0, specialSteps.length > 0 ? sumNaRm(specialSteps) : 0),
      carryoverDuration: sumNaRm(g.map((p) => p.carry)),
      method: g[g.length - 1]!.method,
    };
  });
}

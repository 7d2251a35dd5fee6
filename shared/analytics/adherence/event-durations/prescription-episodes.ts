/**
 * A drug's prescriptions turned into episodes of one daily dose, as AdhereR 0.8.1's
 * compute_event_durations does before it looks at any dispensation (R/matching_function.R,
 * process_medication). Each prescription runs to the next one, or for its own duration if
 * that is shorter; consecutive prescriptions of the same dose merge; a gap between episodes
 * becomes a treatment interruption (daily dose 0). With `forcePrescriptionRenewal` a visit
 * that does not prescribe the drug, between its first and last prescription, interrupts it.
 * The steps follow AdhereR's order of operations, merges included, because their quirks
 * decide which supply each dispensation gets.
 */
import type { Day } from '../days.ts';
import { compareNa, eq, gt, le, ne, runIds, stableSort, type Na } from './na.ts';

export interface PrescriptionInput {
  visit: number;
  date: Day;
  dailyDose: number;
  duration: Na<number>;
}

export interface EpisodeRow {
  visit: number;
  date: Day;
  dailyDose: number;
  duration: Na<number>;
  episode: number;
  start: Day;
  end: Na<Day>;
}

export interface Visit {
  visit: number;
  date: Day;
}

export interface EpisodeBuild {
  rows: EpisodeRow[];
  /** The first prescription's date, moved to the first dispensation by forceInitialPrescription. */
  firstPrescriptionDate: Day;
}

/** Rows grouped by a value (data.table `by`), in order of first appearance. */
function groupsOf<T>(rows: readonly T[], key: (r: T) => number): T[][] {
  const m = new Map<number, T[]>();
  for (const r of rows) {
    const k = key(r);
    let g = m.get(k);
    if (!g) m.set(k, (g = []));
    g.push(r);
  }
  return [...m.values()];
}

function renumberBySpan(rows: EpisodeRow[]): void {
  const ids = runIds(rows, (r) => [r.start, r.end]);
  rows.forEach((r, i) => (r.episode = ids[i]!));
}

export function buildPrescriptionEpisodes(
  prescriptions: readonly PrescriptionInput[],
  patientVisits: readonly Visit[],
  firstDispensingDate: Day,
  options: { forcePrescriptionRenewal: boolean; forceInitialPrescription: boolean },
): EpisodeBuild {
  let rows: EpisodeRow[] = stableSort(prescriptions, (a, b) => a.date - b.date).map((p) => ({ ...p, episode: 0, start: p.date, end: null }));
  let firstPrescriptionDate = rows[0]!.date;

  if (options.forcePrescriptionRenewal) {
    const own = new Set(rows.map((r) => r.visit));
    const prescribed = patientVisits.map((v) => own.has(v.visit));
    const first = prescribed.indexOf(true);
    const last = prescribed.lastIndexOf(true);
    const template = rows[0]!;
    patientVisits.forEach((v, i) => {
      if (!prescribed[i] && i > first && i < last) rows.push({ ...template, visit: v.visit, date: v.date, dailyDose: 0, duration: null });
    });
    rows = stableSort(rows, (a, b) => a.date - b.date);
  }

  // setorder() on every column: visit, date, dose, duration (NA first).
  rows = stableSort(rows, (a, b) => a.visit - b.visit || a.date - b.date || a.dailyDose - b.dailyDose || compareNa(a.duration, b.duration));

  // Episode counter: a new one at each change of (dose, duration) and after two limited prescriptions in a row.
  const ids = runIds(rows, (r) => [r.dailyDose, r.duration]);
  rows.forEach((r, i) => (r.episode = ids[i]!));
  for (let n = 1; n < rows.length; n++) {
    if (rows[n]!.duration !== null && rows[n - 1]!.duration !== null) for (let k = n; k < rows.length; k++) rows[k]!.episode++;
  }
  // A limited prescription after an open-ended one of the same dose belongs to the open-ended one.
  const joinAt = rows.findIndex((r, i) => i > 0 && rows[i - 1]!.duration === null && rows[i - 1]!.dailyDose === r.dailyDose && r.duration !== null);
  if (joinAt > 0) for (let k = joinAt; k < rows.length; k++) rows[k]!.episode--;

  // Each prescription runs to the next; a limited one stops at its own end if that comes first.
  rows.forEach((r, i) => {
    r.start = r.date;
    r.end = i + 1 < rows.length ? rows[i + 1]!.date : null;
  });
  const limited = rows.map((r) => r.duration !== null && (r.end === null || r.date + r.duration <= r.end));
  rows.forEach((r, i) => {
    if (limited[i]) r.end = r.date + r.duration!;
  });
  // The prescription after a limited one starts when the limited one ends...
  for (let i = 1; i < rows.length; i++) if (limited[i - 1] && i - 1 < rows.length - 1) rows[i]!.start = rows[i - 1]!.end!;
  // ...unless it was prescribed later (an interruption keeps the earlier start).
  for (const r of rows) if (r.date > r.start && r.dailyDose !== 0) r.start = r.date;

  const continuesLimited = rows.map(
    (r, i) => i > 0 && rows[i - 1]!.dailyDose === r.dailyDose && rows[i - 1]!.duration !== null && eq(rows[i - 1]!.end, r.start),
  );
  rows.forEach((r, i) => {
    if (continuesLimited[i]) r.episode--;
  });
  for (const g of groupsOf(rows, (r) => r.episode)) {
    const start = g[0]!.start;
    const end = g[g.length - 1]!.end;
    const date = Math.min(...g.map((r) => r.date));
    for (const r of g) Object.assign(r, { start, end, date });
  }
  // One row per episode: the last of each.
  const lastOf = new Map<number, EpisodeRow>();
  for (const r of rows) lastOf.set(r.episode, r);
  rows = rows.filter((r) => lastOf.get(r.episode) === r);
  renumberBySpan(rows);
  rows = rows.filter((r) => !le(r.end, r.start));
  const fullIds = runIds(rows, (r) => [r.visit, r.date, r.dailyDose, r.duration, r.episode, r.start, r.end]);
  rows.forEach((r, i) => (r.episode = fullIds[i]!));

  // Overlapping consecutive episodes of the same dose merge pairwise.
  const overlaps = rows.map((r, i) => i > 0 && gt(rows[i - 1]!.end, r.start) && rows[i - 1]!.dailyDose === r.dailyDose);
  rows.forEach((r, i) => {
    if (overlaps[i]) r.episode--;
  });
  for (const g of groupsOf(rows, (r) => r.episode)) {
    const start = g[0]!.start;
    const end = g[g.length - 1]!.end;
    for (const r of g) Object.assign(r, { start, end });
  }
  const firstOf = new Map<number, EpisodeRow>();
  for (const r of rows) if (!firstOf.has(r.episode)) firstOf.set(r.episode, r);
  rows = rows.filter((r) => firstOf.get(r.episode) === r);
  renumberBySpan(rows);

  // Treatment interruptions fill the gaps between episodes.
  const interruptions = rows.filter((r, i) => i + 1 < rows.length && ne(rows[i + 1]!.start, r.end)).map((r) => ({ ...r, dailyDose: 0, start: r.end!, episode: 0 }));
  rows = stableSort([...rows, ...interruptions], (a, b) => a.start - b.start || compareNa(a.end, b.end));
  const interruptionEnds = rows.filter((r, i) => i > 0 && ne(rows[i - 1]!.end, r.start)).map((r) => r.start);
  const zeroRows = rows.filter((r) => r.episode === 0);
  if (zeroRows.length > 0) {
    if (interruptionEnds.length !== zeroRows.length && interruptionEnds.length !== 1) {
      // data.table refuses an assignment of this many values to that many rows.
      throw new Error(`cannot close ${zeroRows.length} treatment interruptions with ${interruptionEnds.length} ends`);
    }
    zeroRows.forEach((r, i) => (r.end = interruptionEnds.length === 1 ? interruptionEnds[0]! : interruptionEnds[i]!));
  }

  if (options.forceInitialPrescription && firstDispensingDate < rows[0]!.start && rows[0]!.duration === null) {
    firstPrescriptionDate = firstDispensingDate;
    rows[0]!.start = firstDispensingDate;
  }
  return { rows, firstPrescriptionDate };
}

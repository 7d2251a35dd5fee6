/**
 * Event durations from dispensing plus prescribing data, as AdhereR 0.8.1's
 * `compute_event_durations` (R/matching_function.R; DOMAIN.md §2.4-2.5), for the patients
 * present in both. Per patient and drug (the `matchOn` fields):
 * 1. the prescriptions become episodes of one daily dose (prescription-episodes.ts);
 * 2. each dispensation takes the episode it falls in; its supply is total dose / daily dose;
 * 3. a supply that outlasts its episode, falls in an interruption or meets a hospital stay is
 *    split (dispensing-supply.ts, special-intervals.ts); the others stay whole;
 * 4. dispensations of drugs never prescribed, and prescriptions of drugs never dispensed,
 *    are listed without a duration.
 * The rows come sorted by patient, drug and dispensing date, as AdhereR keys its table.
 */
import type { Day } from '../days.ts';
import type { PatientId } from '../types.ts';
import { comparePatientIds } from '../units.ts';
import { supplyOfDispensation, type CarryState, type MedicationContext, type SupplyRow } from './dispensing-supply.ts';
import { compareNa, compareStrings, plus, runIds, stableSort, type Na } from './na.ts';
import { buildPrescriptionEpisodes, type Visit } from './prescription-episodes.ts';
import type { Stay } from './special-intervals.ts';
import type {
  DispensingRecord,
  DrugField,
  DrugIdentity,
  EventDurationOptions,
  EventDurationRow,
  EventDurations,
  PrescribingRecord,
  PrescriptionEpisode,
  SpecialPeriod,
} from './types.ts';

const DEFAULT_MATCH: readonly DrugField[] = ['atc', 'unit', 'form'];

function emptyRow(patientId: PatientId, drug: DrugIdentity): EventDurationRow {
  return {
    patientId,
    drug,
    dispensingDate: null,
    totalDose: null,
    dailyDose: null,
    eventId: null,
    dispStart: null,
    duration: null,
    episodeStart: null,
    episodeEnd: null,
    specialDuration: null,
    totPrescInterruptions: null,
    totDosageChanges: null,
    carryoverDuration: null,
  };
}

export function computeEventDurations(
  dispensing: readonly DispensingRecord[],
  prescribing: readonly PrescribingRecord[],
  specialPeriods: readonly SpecialPeriod[] | null,
  options: EventDurationOptions = {},
): EventDurations {
  const matchOn = options.matchOn ?? DEFAULT_MATCH;
  const treatmentInterruption = options.treatmentInterruption ?? 'continue';
  const specialMethod = options.specialPeriodsMethod ?? treatmentInterruption;
  const split = options.splitOnDosageChange ?? true;
  const renew = options.forcePrescriptionRenewal ?? false;
  const carryover = options.carryover ?? false;
  const visitsGiven = prescribing.length > 0 && prescribing.every((p) => p.visit !== undefined);
  if (!visitsGiven && prescribing.some((p) => p.visit !== undefined)) throw new RangeError('either every prescription has a visit number or none has');

  const drugOf = (d: DrugIdentity): DrugIdentity => Object.fromEntries(matchOn.map((f) => [f, d[f] ?? ''])) as unknown as DrugIdentity;
  const keyOf = (d: DrugIdentity) => matchOn.map((f) => d[f] ?? '').join('\u0000');
  const compareDrugs = (a: DrugIdentity, b: DrugIdentity) => {
    for (const f of matchOn) {
      const c = compareStrings(a[f] ?? '', b[f] ?? '');
      if (c !== 0) return c;
    }
    return 0;
  };

  const dispBy = groupBy(dispensing, (d) => d.patientId);
  const prescBy = groupBy(prescribing, (p) => p.patientId);
  const stayBy = groupBy(specialPeriods ?? [], (s) => s.patientId);
  const patients = [...dispBy.keys()].filter((id) => prescBy.has(id)).sort(comparePatientIds);

  const rows: EventDurationRow[] = [];
  const prescriptionEpisodes: PrescriptionEpisode[] = [];
  let anyMedication = false;
  let anyStaySplit = false;

  for (const patientId of patients) {
    const patDisp = dispBy.get(patientId)!;
    const patPresc = prescBy.get(patientId)!;
    const visits = patientVisits(patPresc, visitsGiven);
    if (visits === null) continue; // AdhereR drops a patient whose visit numbers and dates disagree.
    const visitOf = new Map(visits.map((v) => [v.date, v.visit]));
    const stays: Stay[] = stableSort(stayBy.get(patientId) ?? [], (a, b) => a.start - b.start).map((s) => ({ start: s.start, end: s.end, method: s.method ?? specialMethod }));

    const dispDrugs = uniqueDrugs(patDisp.map((d) => d.drug), keyOf, drugOf, compareDrugs);
    const prescDrugs = uniqueDrugs(patPresc.map((p) => p.drug), keyOf, drugOf, compareDrugs);
    const prescKeys = new Set(prescDrugs.map(keyOf));
    const dispKeys = new Set(dispDrugs.map(keyOf));
    const matched = dispDrugs.filter((d) => prescKeys.has(keyOf(d)));

    const patientRows: EventDurationRow[] = [];
    for (const d of dispDrugs.filter((x) => !prescKeys.has(keyOf(x)))) {
      for (const r of patDisp.filter((x) => keyOf(x.drug) === keyOf(d))) patientRows.push({ ...emptyRow(patientId, d), dispensingDate: r.date, totalDose: r.totalDose });
    }
    for (const d of prescDrugs.filter((x) => !dispKeys.has(keyOf(x)))) {
      for (const r of patPresc.filter((x) => keyOf(x.drug) === keyOf(d))) patientRows.push({ ...emptyRow(patientId, d), dailyDose: r.dailyDose });
    }

    for (const drug of matched) {
      anyMedication = true;
      const key = keyOf(drug);
      const medDisp = stableSort(patDisp.filter((d) => keyOf(d.drug) === key), (a, b) => a.date - b.date);
      const medPresc = patPresc.filter((p) => keyOf(p.drug) === key);
      const built = buildPrescriptionEpisodes(
        medPresc.map((p) => ({ visit: p.visit ?? visitOf.get(p.date)!, date: p.date, dailyDose: p.dailyDose, duration: p.durationDays })),
        visits,
        medDisp[0]!.date,
        { forcePrescriptionRenewal: renew, forceInitialPrescription: options.forceInitialPrescription ?? false },
      );
      const ctx: MedicationContext = {
        patientId,
        episodes: built.rows,
        firstPrescriptionDate: built.firstPrescriptionDate,
        stays,
        treatmentInterruption,
        splitOnDosageChange: split,
        carryover,
      };
      const events = medicationEvents(medDisp, ctx, carryover);
      if (events.some((e) => e.supply.carryoverDuration !== null)) anyStaySplit = true;
      const zeros = built.rows.filter((r) => r.dailyDose === 0).length;
      for (const e of stableSort(events, (a, b) => compareNa(a.dispensingDate, b.dispensingDate) || compareNa(a.supply.dispStart, b.supply.dispStart))) {
        patientRows.push({
          ...emptyRow(patientId, drug),
          dispensingDate: e.dispensingDate,
          totalDose: e.totalDose,
          ...e.supply,
          totPrescInterruptions: renew ? zeros : null,
          totDosageChanges: split ? built.rows.length - 1 - 2 * zeros : null,
        });
      }
      let episodeId = 0;
      for (const r of built.rows) {
        if (r.dailyDose === 0) continue;
        prescriptionEpisodes.push({ patientId, drug, dailyDose: r.dailyDose, episodeId: ++episodeId, start: r.start, duration: r.end === null ? null : r.end - r.start, end: r.end });
      }
    }
    rows.push(...patientRows);
  }

  const sorted = stableSort(rows, (a, b) => comparePatientIds(a.patientId, b.patientId) || compareDrugs(a.drug, b.drug) || compareNa(a.dispensingDate, b.dispensingDate));
  const optionalColumns: EventDurations['optionalColumns'] = [];
  if (anyMedication) optionalColumns.push('SPECIAL.DURATION');
  if (anyMedication && renew) optionalColumns.push('tot.presc.interruptions');
  if (anyMedication && split) optionalColumns.push('tot.dosage.changes');
  if (anyStaySplit) optionalColumns.push('CARRYOVER.DURATION');
  return { rows: sorted, prescriptionEpisodes, optionalColumns, durationMethod: 'posology' };
}

interface MedicationEventRow {
  dispensingDate: Day;
  totalDose: number;
  supply: SupplyRow;
}

/** Step 2 and 3 for one drug: the simple supplies, then those to split. */
function medicationEvents(medDisp: readonly DispensingRecord[], ctx: MedicationContext, carryover: boolean): MedicationEventRow[] {
  const assigned = medDisp.map((d) => {
    let episodeStart: Na<Day> = null;
    let episodeEnd: Na<Day> = null;
    let dailyDose: Na<number> = null;
    for (const e of ctx.episodes) {
      if (d.date >= e.start && (e.end === null || d.date < e.end)) {
        episodeStart = e.start;
        episodeEnd = e.end;
        dailyDose = e.dailyDose;
      }
    }
    const duration = dailyDose === null ? null : d.totalDose / dailyDose;
    const end = plus(d.date, duration);
    const outlasts = end !== null && episodeEnd !== null && end > episodeEnd;
    const meetsStay = ctx.stays.some((s) => (end !== null && end >= s.start && d.date < s.end) || (d.date >= s.start && d.date < s.end));
    return { d, episodeStart, episodeEnd, dailyDose, duration, toSplit: duration === Infinity || outlasts || meetsStay };
  });
  const simpleRow = (a: (typeof assigned)[number]): MedicationEventRow => ({
    dispensingDate: a.d.date,
    totalDose: a.d.totalDose,
    supply: {
      eventId: 1,
      dispStart: a.d.date,
      duration: a.duration,
      dailyDose: a.dailyDose,
      specialDuration: 0,
      carryoverDuration: null,
      episodeStart: a.episodeStart,
      episodeEnd: a.episodeEnd,
    },
  });
  const splitRows = (a: (typeof assigned)[number], state: CarryState): SupplyRow[] => supplyOfDispensation(a.d.date, a.d.totalDose, ctx, state);
  const asEvents = (a: (typeof assigned)[number], supplies: SupplyRow[]) => supplies.map((supply) => ({ dispensingDate: a.d.date, totalDose: a.d.totalDose, supply }));

  if (!carryover) {
    const state: CarryState = { lastSupplyEnd: null, outOfPrescription: false };
    return [...assigned.filter((a) => !a.toSplit).map(simpleRow), ...assigned.filter((a) => a.toSplit).flatMap((a) => asEvents(a, splitRows(a, state)))];
  }

  // With carry-over every supply from the first one that overlaps its predecessor is chained.
  const run = runIds(assigned, (a) => [a.toSplit]);
  let total: Na<number> = 0;
  let firstCarry = -1;
  assigned.forEach((a, i) => {
    const prev = assigned[i - 1];
    const fromLast = prev === undefined ? 0 : plus(prev.d.date, prev.duration) === null ? null : plus(prev.d.date, prev.duration)! - a.d.date;
    total = total === null || fromLast === null ? null : total + fromLast;
    if (firstCarry < 0 && total !== null && total > 0) firstCarry = i;
  });
  const chained = assigned.map((a, i) => a.toSplit || (firstCarry >= 0 && i >= firstCarry));
  const simple = assigned.filter((a, i) => !chained[i] && run[i] === 1);
  const rest = assigned.filter((a, i) => chained[i] || run[i]! > 1);
  const last = simple[simple.length - 1];
  const state: CarryState = { lastSupplyEnd: last === undefined ? null : plus(last.d.date, last.duration), outOfPrescription: false };
  const out = simple.map(simpleRow);
  for (const a of rest) {
    const supplies = splitRows(a, state);
    if (supplies.length === 0) throw new Error('a chained supply produced no event');
    out.push(...asEvents(a, supplies));
    const lastSupply = supplies[supplies.length - 1]!;
    if (lastSupply.duration === null) state.outOfPrescription = true;
    else state.lastSupplyEnd = plus(lastSupply.dispStart, lastSupply.duration);
  }
  return out;
}

/** The patient's visits in date order; null when a date has two visit numbers. */
function patientVisits(presc: readonly PrescribingRecord[], given: boolean): Visit[] | null {
  const byDate = new Map<Day, Set<number>>();
  for (const p of presc) {
    let s = byDate.get(p.date);
    if (!s) byDate.set(p.date, (s = new Set()));
    if (given) s.add(p.visit!);
  }
  const dates = [...byDate.keys()].sort((a, b) => a - b);
  if (!given) return dates.map((date, i) => ({ date, visit: i }));
  if (dates.some((d) => byDate.get(d)!.size > 1)) return null;
  return dates.map((date) => ({ date, visit: [...byDate.get(date)!][0]! }));
}

function uniqueDrugs(drugs: readonly DrugIdentity[], keyOf: (d: DrugIdentity) => string, drugOf: (d: DrugIdentity) => DrugIdentity, compare: (a: DrugIdentity, b: DrugIdentity) => number): DrugIdentity[] {
  const m = new Map<string, DrugIdentity>();
  for (const d of drugs) if (!m.has(keyOf(d))) m.set(keyOf(d), drugOf(d));
  return [...m.values()].sort(compare);
}

function groupBy<T>(items: readonly T[], key: (t: T) => PatientId): Map<PatientId, T[]> {
  const m = new Map<PatientId, T[]>();
  for (const t of items) {
    let g = m.get(key(t));
    if (!g) m.set(key(t), (g = []));
    g.push(t);
  }
  return m;
}

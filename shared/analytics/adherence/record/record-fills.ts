/**
 * The record's dispensations as fills with a supply in days (DOMAIN.md §2.4: Italian dispensing
 * data carry no days-supply). For each dispensation, in this order:
 * - `posology`: the packs x the units of the AIC pack (read from its package description, the
 *   dispensation's own or the AIFA catalogue's) over the units a day of the prescribed posology
 *   (the prescription it fulfilled when the caller has it, else the therapy plan of the same ATC
 *   in force that day);
 * - `ddd`: the amount dispensed (packs x units x the strength of a unit, from the catalogue's
 *   description) over the substance's DDD, as AIFA OsMed does;
 * - neither: no duration; the fill is shown but counts in no measure.
 * Hospital stays are the PSS encounters of type IMP (ricovero), as the discharge letters import them.
 */
import type { Posology } from '../../../domain/record/therapy.ts';
import { dayFromYmd, type Day } from '../days.ts';
import { dddDurationDays } from '../ddd.ts';
import { packUnitCount, type PackContents } from '../pack-size.ts';
import type { ClassFill } from '../pdc.ts';
import type { DurationMethod } from '../types.ts';
import { DDD_BY_ATC } from './ddd-values.ts';
import { drugClassOf, type DrugClassId } from './drug-classes.ts';

/** yyyy-mm-dd (or a longer instant's date part) as a day number. */
export function isoDay(text: string): Day {
  return dayFromYmd(Number(text.slice(0, 4)), Number(text.slice(5, 7) || '1'), Number(text.slice(8, 10) || '1'));
}

export interface RecordDispensation {
  id: string;
  date: string;
  atc: string;
  atcDisplay: string;
  aic?: string | undefined;
  aicDisplay?: string | undefined;
  packs: number;
  prescriptionId?: string | undefined;
}

export interface RecordPlan {
  atc: string;
  start?: string | undefined;
  end?: string | undefined;
  posology?: Posology | undefined;
}

export interface RecordStay {
  start: string;
  end?: string | undefined;
}

/** What the durations need of one patient's record. */
export interface PatientMedicationRecord {
  dispensations: readonly RecordDispensation[];
  plans: readonly RecordPlan[];
  /** Posology of the medicine prescriptions, by id. */
  prescribed: ReadonlyMap<string, Posology>;
  stays: readonly RecordStay[];
}

/** The AIFA catalogue's package description of an AIC ("RAMIPRIL 2,5MG 28 UNITA' USO ORALE"). */
export type PackDescriptionOf = (aic: string) => string | undefined;

export interface RecordFill extends ClassFill {
  id: string;
  atc: string;
  display: string;
  drugClass: DrugClassId;
  packs: number;
  /** Units in one pack, when known. */
  unitsPerPack: number | null;
}

/** A dispensation whose supply could not be derived (no posology, no DDD, no pack size). */
export interface UnmeasuredFill {
  id: string;
  date: Day;
  atc: string;
  display: string;
  drugClass: DrugClassId;
  packs: number;
}

const STRENGTH = /(\d+(?:[.,]\d+)?)\s*(MG|MCG|G)\b/;

/** Pack sizes by description: a panel repeats a few hundred descriptions over thousands of dispensations. */
const packs = new Map<string, PackContents | null>();
function packCount(text: string): PackContents | null {
  let p = packs.get(text);
  if (p === undefined) {
    p = packUnitCount(text);
    if (packs.size > 20_000) packs.clear();
    packs.set(text, p);
  }
  return p;
}

function packOf(d: RecordDispensation, catalogue: PackDescriptionOf): PackContents | null {
  const own = d.aicDisplay ? packCount(d.aicDisplay) : null;
  if (own && own.unit !== 'unit') return own;
  const text = d.aic ? catalogue(d.aic) : undefined;
  return (text ? packCount(text) : null) ?? own;
}

function posologyFor(d: RecordDispensation, rec: PatientMedicationRecord): Posology | undefined {
  const rx = d.prescriptionId ? rec.prescribed.get(d.prescriptionId) : undefined;
  if (rx) return rx;
  const inForce = rec.plans.filter((p) => p.atc === d.atc && p.posology && (!p.start || p.start <= d.date) && (!p.end || p.end >= d.date));
  return (inForce[inForce.length - 1] ?? rec.plans.filter((p) => p.atc === d.atc && p.posology).at(-1))?.posology;
}

/** Days of supply and the method that gave them, or null. */
export function dispensationSupply(d: RecordDispensation, rec: PatientMedicationRecord, catalogue: PackDescriptionOf): { duration: number; method: DurationMethod; unitsPerPack: number | null } | null {
  const pack = packOf(d, catalogue);
  const posology = posologyFor(d, rec);
  if (pack && posology && !posology.asNeeded) {
    // A container of a liquid or a cream is counted in ml or g when the posology is; otherwise in the pack's units.
    const byContent = pack.content !== undefined && /^(ml|g)$/i.test(posology.unit);
    const units = byContent ? pack.count * pack.content!.amount : pack.content ? null : pack.count;
    const perDay = posology.unitsPerDose * posology.dosesPerDay;
    if (units !== null && perDay > 0) return { duration: (d.packs * units) / perDay, method: 'posology', unitsPerPack: units };
  }
  const ddd = DDD_BY_ATC[d.atc.toUpperCase()];
  const description = d.aic ? catalogue(d.aic) : undefined;
  const strength = description ? STRENGTH.exec(description.toUpperCase()) : null;
  if (ddd && pack && strength && !pack.content) {
    const days = dddDurationDays({ value: d.packs * pack.count * Number(strength[1]!.replace(',', '.')), unit: strength[2]! }, ddd);
    if (days !== null && days > 0) return { duration: days, method: 'ddd', unitsPerPack: pack.count };
  }
  return null;
}

type Supply = ReturnType<typeof dispensationSupply>;

/**
 * Supplies by what they depend on (the AIC and its text, the ATC, the packs, the posology): a
 * panel repeats a few thousand such shapes over tens of thousands of dispensations, and the pack
 * text and DDD arithmetic is the costly part of preparing it. One table per catalogue.
 */
const supplies = new WeakMap<PackDescriptionOf, Map<string, Supply>>();
function supplyOf(d: RecordDispensation, rec: PatientMedicationRecord, catalogue: PackDescriptionOf): Supply {
  const posology = posologyFor(d, rec);
  const key = `${d.aic ?? ''}|${d.aicDisplay ?? ''}|${d.atc}|${d.packs}|${posology ? `${posology.unitsPerDose}|${posology.unit}|${posology.dosesPerDay}|${posology.asNeeded}` : '-'}`;
  let table = supplies.get(catalogue);
  if (!table) supplies.set(catalogue, (table = new Map()));
  let s = table.get(key);
  if (s === undefined) {
    s = dispensationSupply(d, rec, catalogue);
    if (table.size > 50_000) table.clear();
    table.set(key, s);
  }
  return s;
}

const classes = new Map<string, ReturnType<typeof drugClassOf>>();
function classOf(atc: string) {
  if (!classes.has(atc)) {
    if (classes.size > 20_000) classes.clear();
    classes.set(atc, drugClassOf(atc));
  }
  return classes.get(atc);
}

/** A patient's dispensations of the followed classes as fills, and those without a duration. */
export function recordFills(patientId: string, rec: PatientMedicationRecord, catalogue: PackDescriptionOf): { fills: RecordFill[]; unmeasured: UnmeasuredFill[] } {
  const fills: RecordFill[] = [];
  const unmeasured: UnmeasuredFill[] = [];
  for (const d of rec.dispensations) {
    const cls = classOf(d.atc);
    if (!cls) continue;
    const supply = supplyOf(d, rec, catalogue);
    const date = isoDay(d.date);
    const display = d.aicDisplay ?? d.atcDisplay;
    // One literal each (no spread): a panel makes tens of thousands of them.
    if (!supply) unmeasured.push({ id: d.id, date, atc: d.atc, display, drugClass: cls.id, packs: d.packs });
    else fills.push({ id: d.id, date, atc: d.atc, display, drugClass: cls.id, packs: d.packs, patientId, drug: d.atc.toUpperCase(), duration: supply.duration, durationMethod: supply.method, unitsPerPack: supply.unitsPerPack });
  }
  // Code-point order for ties (localeCompare would ask ICU, thousands of times over a panel).
  fills.sort((a, b) => a.date - b.date || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { fills, unmeasured };
}

/** Stays as spans of days from admission to discharge (a stay without discharge lasts its admission day). */
export function staySpans(patientId: string, stays: readonly RecordStay[]): Array<{ patientId: string; start: Day; end: Day }> {
  return stays.map((s) => ({ patientId, start: isoDay(s.start), end: isoDay(s.end ?? s.start) + (s.end ? 0 : 1) }));
}

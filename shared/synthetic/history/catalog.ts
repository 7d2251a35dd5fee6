/**
 * What the synthetic histories are made of: chronic conditions with their ICD-9-CM codes and the
 * medicines that treat them (the curated AIC products of ../pss-terms.ts, with the year each
 * reached the Italian market, so no therapy starts before its product existed), and the
 * laboratory tests each condition is followed with (LOINC, UCUM, reference ranges, DOMAIN.md §3).
 */
import { DRUGS, ICD9_CHRONIC_ADULT, type DrugCodes, type TermCode } from '../pss-terms.ts';

export type ConditionKey = 'hypertension' | 'diabetes' | 'dyslipidemia' | 'hypothyroidism' | 'heart-failure' | 'atrial-fibrillation' | 'ckd';

function dx(code: string): TermCode {
  const t = ICD9_CHRONIC_ADULT.find((c) => c.code === code);
  if (!t) throw new Error(`ICD-9-CM ${code} not in the curated list`);
  return t;
}

export interface ConditionDef {
  key: ConditionKey;
  dx: TermCode;
  /** Exemption (ticket) the condition gives, D.M. 329/1999. */
  exemption?: { code: string; display: string };
  /** Probability by age band for an adult of the panel. */
  chance(age: number, sex: 'M' | 'F'): number;
  /** Medicines started for it, the first at diagnosis, the others as add-ons over the years. */
  drugs: string[];
}

export const CONDITIONS: readonly ConditionDef[] = [
  { key: 'hypertension', dx: dx('401.9'), exemption: { code: '031', display: 'Ipertensione arteriosa' }, chance: (a) => (a < 40 ? 0.05 : a < 55 ? 0.25 : a < 70 ? 0.5 : 0.65), drugs: ['C09AA05', 'C08CA01', 'C07AB07'] },
  { key: 'diabetes', dx: dx('250.00'), exemption: { code: '013', display: 'Diabete mellito' }, chance: (a) => (a < 40 ? 0.02 : a < 55 ? 0.08 : a < 70 ? 0.16 : 0.2), drugs: ['A10BA02'] },
  { key: 'dyslipidemia', dx: dx('272.0'), chance: (a) => (a < 40 ? 0.05 : a < 60 ? 0.25 : 0.35), drugs: ['C10AA05'] },
  { key: 'hypothyroidism', dx: dx('244.9'), chance: (a, s) => (s === 'F' ? 0.1 : 0.03) * (a < 40 ? 0.5 : 1), drugs: ['H03AA01'] },
  { key: 'heart-failure', dx: dx('428.0'), chance: (a) => (a < 65 ? 0.01 : a < 80 ? 0.06 : 0.12), drugs: ['C03CA01', 'C07AB07'] },
  { key: 'atrial-fibrillation', dx: dx('427.31'), chance: (a) => (a < 60 ? 0.01 : a < 75 ? 0.05 : 0.1), drugs: ['B01AA03', 'C07AB07'] },
  { key: 'ckd', dx: dx('585.9'), chance: (a) => (a < 60 ? 0.01 : a < 75 ? 0.05 : 0.1), drugs: [] },
];

export interface HistoryDrug extends Omit<DrugCodes, 'aic' | 'aicDisplay'> {
  /** The product; absent where the curated list has none (the plan then names the ATC only). */
  aic?: string;
  aicDisplay?: string;
  /** First year on the Italian market (approximate, from the product's AIC history). */
  since: number;
  /** Units in the pack of the AIC above (as the AIFA catalogue's package description gives them, resources/terms), the unit's name, doses a day as usually prescribed. */
  packUnits: number;
  unit: string;
  dosesPerDay: number;
}

const META: Record<string, Pick<HistoryDrug, 'since' | 'packUnits' | 'unit' | 'dosesPerDay'>> = {
  C09AA05: { since: 1990, packUnits: 28, unit: 'compressa', dosesPerDay: 1 },
  C08CA01: { since: 1990, packUnits: 28, unit: 'compressa', dosesPerDay: 1 },
  C07AB07: { since: 1992, packUnits: 28, unit: 'compressa', dosesPerDay: 1 },
  A10BA02: { since: 1960, packUnits: 30, unit: 'compressa', dosesPerDay: 2 },
  C10AA05: { since: 1998, packUnits: 10, unit: 'compressa', dosesPerDay: 1 },
  H03AA01: { since: 1970, packUnits: 50, unit: 'compressa', dosesPerDay: 1 },
  C03CA01: { since: 1966, packUnits: 30, unit: 'compressa', dosesPerDay: 1 },
  B01AC06: { since: 1985, packUnits: 30, unit: 'compressa', dosesPerDay: 1 },
  B01AA03: { since: 1960, packUnits: 30, unit: 'compressa', dosesPerDay: 1 },
};

/** Oral anticoagulation for atrial fibrillation, followed by INR: named by its ATC (no curated AIC). */
const WARFARIN: DrugCodes | Omit<DrugCodes, 'aic' | 'aicDisplay'> = { atc: 'B01AA03', atcDisplay: 'WARFARIN' };

export const HISTORY_DRUGS: ReadonlyMap<string, HistoryDrug> = new Map(
  [...DRUGS, WARFARIN].filter((d) => META[d.atc]).map((d) => [d.atc, { ...d, ...META[d.atc]! }]),
);

export interface LabDef {
  code: string;
  display: string;
  unit: string;
  low?: number;
  high?: number;
  decimals: number;
  /** The patient's usual value given the conditions, and the spread between two measurements. */
  mean(conditions: ReadonlySet<ConditionKey>, sex: 'M' | 'F'): number;
  sd: number;
}

const has = (c: ReadonlySet<ConditionKey>, k: ConditionKey) => c.has(k);

export const LABS: Record<string, LabDef> = {
  hba1c: { code: '4548-4', display: 'Emoglobina glicata (HbA1c)', unit: '%', low: 4, high: 6, decimals: 1, mean: (c) => (has(c, 'diabetes') ? 7.2 : 5.4), sd: 0.6 },
  glucose: { code: '2345-7', display: 'Glucosio [massa/volume] nel siero o plasma', unit: 'mg/dL', low: 70, high: 100, decimals: 0, mean: (c) => (has(c, 'diabetes') ? 145 : 92), sd: 18 },
  ldl: { code: '13457-7', display: 'Colesterolo LDL (calcolato)', unit: 'mg/dL', high: 115, decimals: 0, mean: (c) => (has(c, 'dyslipidemia') ? 135 : 110), sd: 22 },
  cholesterol: { code: '2093-3', display: 'Colesterolo totale', unit: 'mg/dL', high: 200, decimals: 0, mean: (c) => (has(c, 'dyslipidemia') ? 225 : 190), sd: 25 },
  hdl: { code: '2085-9', display: 'Colesterolo HDL', unit: 'mg/dL', low: 40, decimals: 0, mean: (_c, s) => (s === 'F' ? 58 : 48), sd: 8 },
  triglycerides: { code: '2571-8', display: 'Trigliceridi', unit: 'mg/dL', high: 150, decimals: 0, mean: (c) => (has(c, 'diabetes') ? 170 : 120), sd: 35 },
  creatinine: { code: '2160-0', display: 'Creatinina', unit: 'mg/dL', low: 0.6, high: 1.2, decimals: 2, mean: (c) => (has(c, 'ckd') ? 1.7 : 0.95), sd: 0.15 },
  egfr: { code: '62238-1', display: 'Filtrato glomerulare stimato (CKD-EPI)', unit: 'mL/min/{1.73_m2}', low: 60, decimals: 0, mean: (c) => (has(c, 'ckd') ? 42 : 82), sd: 8 },
  acr: { code: '9318-7', display: 'Albumina/creatinina nelle urine', unit: 'mg/g', high: 30, decimals: 0, mean: (c) => (has(c, 'diabetes') ? 45 : 12), sd: 15 },
  potassium: { code: '2823-3', display: 'Potassio', unit: 'mmol/L', low: 3.5, high: 5.1, decimals: 1, mean: (c) => (has(c, 'ckd') ? 4.9 : 4.3), sd: 0.35 },
  tsh: { code: '3016-3', display: 'Tireotropina (TSH)', unit: 'm[IU]/L', low: 0.4, high: 4, decimals: 2, mean: (c) => (has(c, 'hypothyroidism') ? 3.2 : 1.8), sd: 1.1 },
  hemoglobin: { code: '718-7', display: 'Emoglobina', unit: 'g/dL', low: 12, high: 16, decimals: 1, mean: (c, s) => (has(c, 'ckd') ? 11.6 : s === 'F' ? 13.2 : 14.5), sd: 0.8 },
  inr: { code: '6301-6', display: 'INR', unit: '{INR}', low: 2, high: 3, decimals: 1, mean: () => 2.5, sd: 0.45 },
};

/** Which tests follow which condition, and how often (days between two panels). */
export const FOLLOW_UP: Record<ConditionKey, { labs: string[]; everyDays: number }> = {
  diabetes: { labs: ['hba1c', 'glucose', 'creatinine', 'egfr', 'acr', 'ldl'], everyDays: 120 },
  hypertension: { labs: ['creatinine', 'egfr', 'potassium'], everyDays: 365 },
  dyslipidemia: { labs: ['cholesterol', 'hdl', 'ldl', 'triglycerides'], everyDays: 365 },
  hypothyroidism: { labs: ['tsh'], everyDays: 180 },
  'heart-failure': { labs: ['creatinine', 'potassium', 'hemoglobin'], everyDays: 120 },
  'atrial-fibrillation': { labs: ['inr'], everyDays: 28 },
  ckd: { labs: ['creatinine', 'egfr', 'potassium', 'hemoglobin', 'acr'], everyDays: 90 },
};

/**
 * The fifteen chronic-care indicators of DOMAIN.md §3.2 as data: the register (ICD-9-CM
 * problems, age band, a condition), what counts as done (LOINC observations, catalogue orders,
 * ATC dispensations, PDC), windows in months and thresholds. Definitions DOMAIN.md §3.4 lists as
 * not confirmed carry `confirmed: false` and a note; code lists the record has no national code
 * for are empty and say so (`codesToConfigure`): the indicator then counts nobody as done.
 * Exclusions as in QOF (§3.1): patients diagnosed in the last 3 months; deceased and transferred
 * patients are out of every register (DASHBOARD.md §2).
 */
import type { DrugClassId } from '../adherence/record/drug-classes.ts';

/** How a value is compared: HbA1c in IFCC mmol/mol, urine ACR in mg/g, FEV1/FVC as a ratio. */
export type ValueScale = 'hba1c-mmol/mol' | 'acr-mg/g' | 'ratio';

export type Criterion =
  /** At least `atLeast` (default 1) observations or orders in the window; `eachHalf`: one in each half of it. */
  | { kind: 'recorded'; loinc?: readonly string[]; orders?: readonly string[]; months: number; atLeast?: number; eachHalf?: boolean }
  /** The last value in the window is at most `max` (or above `above`). */
  | { kind: 'lastValue'; loinc: readonly string[]; months: number; scale: ValueScale; max?: number; above?: number }
  /** The last systolic and diastolic in the window are at most the targets. */
  | { kind: 'bloodPressure'; months: number; systolicMax: number; diastolicMax: number }
  /** Something of these ATC prefixes dispensed in the window. */
  | { kind: 'dispensed'; atc: readonly string[]; months: number }
  /** An observation or order from `monthsBefore` before to `monthsAfter` after the register diagnosis; `below`: its value under this. */
  | { kind: 'aroundDiagnosis'; loinc?: readonly string[]; orders?: readonly string[]; monthsBefore: number; monthsAfter: number; scale?: ValueScale; below?: number }
  /** PDC over the window at or above `minPdc` for the fills of these ATC prefixes (PQA, DOMAIN.md §2.1). */
  | { kind: 'adherence'; atc: readonly string[]; months: number; minPdc: number }
  /** PDC at or above each class's threshold for every class measured (two fills, 91 days). */
  | { kind: 'classesAdherent'; classes: readonly DrugClassId[]; months: number }
  | { kind: 'allOf'; of: readonly Criterion[] };

export interface Register {
  /** ICD-9-CM code prefixes of an active problem. */
  problems?: readonly string[];
  minAge?: number;
  maxAge?: number;
  /** Only patients who also meet this (diabetics with micro/proteinuria). */
  where?: Criterion;
  /** Patients with a PDC measure (two fills, 91 days) for one of these classes in the window. */
  measuredFor?: { classes: readonly DrugClassId[]; months: number };
  /** QOF's exclusion of the newly diagnosed. */
  excludeDiagnosedWithinMonths?: number;
}

export interface IndicatorDef {
  id: string;
  number: number;
  condition: 'diabetes' | 'hypertension' | 'heart-failure' | 'copd' | 'cv-prevention';
  register: Register;
  done: Criterion;
  /** Source of the definition (DOMAIN.md §3.2). */
  source: string;
  confirmed: boolean;
  note?: string;
  /** Code lists the record has no national code for: empty until set. */
  codesToConfigure?: readonly string[];
}

const DIABETES = ['250'];
const HYPERTENSION = ['401', '402', '403', '404', '405'];
const HEART_FAILURE = ['428'];
/** Heart failure with reduced ejection fraction: ICD-9-CM systolic (428.2x) and combined (428.4x) failure. */
const HFREF = ['428.2', '428.4'];
/** COPD: obstructive chronic bronchitis, emphysema, chronic airway obstruction. */
const COPD = ['491.2', '492', '496'];
const NEW = 3;

export const LOINC = {
  hba1c: ['4548-4', '17856-6', '59261-8'],
  acr: ['9318-7', '14959-1'],
  systolic: ['8480-6'],
  diastolic: ['8462-4'],
  cholesterol: ['2093-3', '13457-7', '2089-1'],
  bmi: ['39156-5'],
  smoking: ['72166-2'],
  creatinine: ['2160-0'],
  lvef: ['10230-1'],
  fev1fvc: ['19926-5'],
} as const;

/** National outpatient catalogue codes (shared/domain/record/outpatient-services.ts). */
export const ORDERS = {
  hba1c: ['90.28.1'],
  acr: ['90.33.4'],
  fundus: ['95.09.1'],
  creatinine: ['90.16.3'],
  cholesterol: ['90.14.3'],
  echocardiogram: ['88.72.1', '88.72.2', '88.72.3'],
  spirometry: ['89.37.1', '89.37.2'],
} as const;

const ACEI_ARB = ['C09'];
const HF_BETA_BLOCKERS = ['C07AB02', 'C07AB07', 'C07AB12', 'C07AG02'];
const LONG_ACTING_BRONCHODILATORS = ['R03AC12', 'R03AC13', 'R03AC18', 'R03AC19', 'R03AK', 'R03AL', 'R03BB04', 'R03BB05', 'R03BB06', 'R03BB07'];

const foot: Criterion = { kind: 'recorded', loinc: [], months: 12 };

export const INDICATORS: readonly IndicatorDef[] = [
  {
    id: 'dm-hba1c-monitoring', number: 1, condition: 'diabetes', register: { problems: DIABETES, excludeDiagnosedWithinMonths: NEW },
    done: { kind: 'recorded', loinc: LOINC.hba1c, orders: ORDERS.hba1c, months: 12, eachHalf: true },
    source: 'AMD-SID / IGEA; ≥ 2 HbA1c in 12 months', confirmed: false, note: 'Frequenza: una HbA1c per semestre (≈ 2 in 12 mesi); la formulazione italiana non è confermata.',
  },
  {
    id: 'dm-hba1c-control', number: 2, condition: 'diabetes', register: { problems: DIABETES, excludeDiagnosedWithinMonths: NEW },
    done: { kind: 'lastValue', loinc: LOINC.hba1c, months: 12, scale: 'hba1c-mmol/mol', max: 58 },
    source: 'NICE IND135/136, QOF DM020', confirmed: false, note: 'Soglia 58 mmol/mol (non fragili); la stratificazione per fragilità non è confermata.',
  },
  {
    id: 'dm-acr', number: 3, condition: 'diabetes', register: { problems: DIABETES, excludeDiagnosedWithinMonths: NEW },
    done: { kind: 'recorded', loinc: LOINC.acr, orders: ORDERS.acr, months: 15 }, source: 'NICE IND111', confirmed: true,
  },
  {
    id: 'dm-eye', number: 4, condition: 'diabetes', register: { problems: DIABETES, excludeDiagnosedWithinMonths: NEW },
    done: { kind: 'recorded', orders: ORDERS.fundus, months: 12 }, source: 'NICE IND10', confirmed: true,
  },
  {
    id: 'dm-foot', number: 5, condition: 'diabetes', register: { problems: DIABETES, excludeDiagnosedWithinMonths: NEW },
    done: foot, source: 'QOF DM012', confirmed: false, codesToConfigure: ['foot'],
    note: 'Esame del piede con classificazione del rischio: il record non ha un codice nazionale; impostare la lista dei codici.',
  },
  {
    id: 'dm-nephroprotection', number: 6, condition: 'diabetes',
    register: { problems: DIABETES, excludeDiagnosedWithinMonths: NEW, where: { kind: 'lastValue', loinc: LOINC.acr, months: 12, scale: 'acr-mg/g', above: 30 } },
    done: { kind: 'dispensed', atc: ACEI_ARB, months: 6 }, source: 'QOF DM006', confirmed: true,
  },
  {
    id: 'dm-nine-processes', number: 7, condition: 'diabetes', register: { problems: DIABETES, excludeDiagnosedWithinMonths: NEW },
    done: {
      kind: 'allOf',
      of: [
        { kind: 'recorded', loinc: LOINC.systolic, months: 12 },
        { kind: 'recorded', loinc: LOINC.hba1c, orders: ORDERS.hba1c, months: 12 },
        { kind: 'recorded', loinc: LOINC.cholesterol, orders: ORDERS.cholesterol, months: 12 },
        { kind: 'recorded', loinc: LOINC.bmi, months: 12 },
        { kind: 'recorded', loinc: LOINC.smoking, months: 12 },
        foot,
        { kind: 'recorded', orders: ORDERS.fundus, months: 12 },
        { kind: 'recorded', loinc: LOINC.acr, orders: ORDERS.acr, months: 12 },
        { kind: 'recorded', loinc: LOINC.creatinine, orders: ORDERS.creatinine, months: 12 },
      ],
    },
    source: 'NICE IND10 / National Diabetes Audit', confirmed: false, codesToConfigure: ['foot'], note: 'Include l’esame del piede, i cui codici vanno impostati.',
  },
  {
    id: 'htn-bp-under-80', number: 8, condition: 'hypertension', register: { problems: HYPERTENSION, maxAge: 79, excludeDiagnosedWithinMonths: NEW },
    done: { kind: 'bloodPressure', months: 12, systolicMax: 140, diastolicMax: 90 }, source: 'QOF HYP008', confirmed: true,
    note: 'Soglia ambulatoriale 140/90; le misure domiciliari (135/85) non sono distinte.',
  },
  {
    id: 'htn-bp-80-plus', number: 9, condition: 'hypertension', register: { problems: HYPERTENSION, minAge: 80, excludeDiagnosedWithinMonths: NEW },
    done: { kind: 'bloodPressure', months: 12, systolicMax: 150, diastolicMax: 90 }, source: 'QOF HYP009', confirmed: true,
    note: 'Soglia ambulatoriale 150/90; le misure domiciliari (145/85) non sono distinte.',
  },
  {
    id: 'hf-diagnosis-confirmed', number: 10, condition: 'heart-failure', register: { problems: HEART_FAILURE },
    done: { kind: 'aroundDiagnosis', loinc: LOINC.lvef, orders: ORDERS.echocardiogram, monthsBefore: 6, monthsAfter: 6 },
    source: 'QOF HF008 (Hippo Labs)', confirmed: false, note: 'Ecocardiogramma nei 6 mesi prima della diagnosi o nei 6 dopo; formulazione da fonte secondaria.',
  },
  {
    id: 'hf-disease-modifying', number: 11, condition: 'heart-failure', register: { problems: HFREF },
    done: { kind: 'allOf', of: [{ kind: 'dispensed', atc: ACEI_ARB, months: 6 }, { kind: 'dispensed', atc: HF_BETA_BLOCKERS, months: 6 }] },
    source: 'QOF HF006/HF007', confirmed: true, note: 'Registro: scompenso sistolico o combinato (ICD-9-CM 428.2, 428.4).',
  },
  {
    id: 'copd-spirometry', number: 12, condition: 'copd', register: { problems: COPD },
    done: { kind: 'aroundDiagnosis', loinc: LOINC.fev1fvc, monthsBefore: 3, monthsAfter: 6, scale: 'ratio', below: 0.7 },
    source: 'QOF COPD register (2021)', confirmed: true,
  },
  {
    id: 'copd-annual-review', number: 13, condition: 'copd', register: { problems: COPD, excludeDiagnosedWithinMonths: NEW },
    done: { kind: 'allOf', of: [{ kind: 'recorded', loinc: [], months: 12 }, { kind: 'recorded', loinc: [], months: 12 }] },
    source: 'QOF COPD015', confirmed: false, codesToConfigure: ['mrc', 'exacerbations'],
    note: 'Grado MRC e numero di riacutizzazioni: il record non ha codici nazionali; impostare le liste dei codici.',
  },
  {
    id: 'copd-bronchodilator-adherence', number: 14, condition: 'copd', register: { problems: COPD, excludeDiagnosedWithinMonths: NEW },
    done: { kind: 'adherence', atc: LONG_ACTING_BRONCHODILATORS, months: 12, minPdc: 0.8 },
    source: 'NSG PDTA (BPCO)', confirmed: false, note: 'Aderenza ai broncodilatatori a lunga durata (PDC ≥ 80 %); PDTA02 (visite pneumologiche dopo la dimissione) non è calcolato.',
  },
  {
    id: 'cv-therapy-adherence', number: 15, condition: 'cv-prevention', register: { measuredFor: { classes: ['statins', 'antihypertensives'], months: 12 } },
    done: { kind: 'classesAdherent', classes: ['statins', 'antihypertensives'], months: 12 },
    source: 'AIFA OsMed; PQA PDC', confirmed: true, note: 'PDC ≥ 80 % per statine e antipertensivi, in ogni classe in cui il paziente è misurato.',
  },
];

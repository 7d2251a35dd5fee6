/**
 * Plausibility and reference ranges of the measurements a family doctor records: vital signs
 * by kind and common laboratory tests by LOINC code, each with its UCUM unit. Data, not code:
 * the PSS entry forms, the PSS validation and the longitudinal record's observations read the
 * same table.
 *
 * - `possible`: beyond it the value cannot be a measurement of a living patient (a typing
 *   error: 20/300 mmHg): an error, the value is not accepted.
 * - `plausible`: beyond it the value is very unusual (a warning: the doctor confirms it).
 * - `reference`: the usual range of an adult; outside it the value is marked abnormal
 *   (L below, H above; HL7 ObservationInterpretation), in words and not by colour alone.
 *   Either end may be missing (HDL has only a lower limit, LDL only an upper one).
 *
 * Sources of the reference limits: ESC/ESH 2018 blood-pressure classes (office BP ≥ 140/90
 * hypertension), WHO BMI classes (18,5–24,9 normal weight), the usual adult laboratory ranges
 * printed by Italian laboratories (the laboratory's own range, when typed with the result, wins).
 */

export interface Range {
  min: number;
  max: number;
}

export interface Measure {
  /** Record key: the vital-sign kind, or the LOINC code for a laboratory test. */
  key: string;
  loinc: string;
  /** Italian name as printed. */
  label: string;
  /** UCUM unit (as the CDA carries it). */
  ucum: string;
  /** The unit as printed next to the value (mm[Hg] is printed mmHg). */
  unit: string;
  possible: Range;
  plausible: Range;
  reference?: { low?: number; high?: number };
  /** Whole numbers only (blood pressure is read in mmHg without decimals). */
  integer?: boolean;
}

const m = (x: Measure): Measure => x;

/** Vital signs of the PSS (section 8716-3), by the record's kind; blood pressure as its two components. */
export const VITAL_MEASURES = {
  weight: m({ key: 'weight', loinc: '29463-7', label: 'Peso', ucum: 'kg', unit: 'kg', possible: { min: 0.3, max: 400 }, plausible: { min: 2, max: 250 } }),
  height: m({ key: 'height', loinc: '8302-2', label: 'Altezza', ucum: 'cm', unit: 'cm', possible: { min: 20, max: 260 }, plausible: { min: 40, max: 220 } }),
  bmi: m({ key: 'bmi', loinc: '39156-5', label: 'BMI', ucum: 'kg/m2', unit: 'kg/m2', possible: { min: 5, max: 150 }, plausible: { min: 12, max: 60 }, reference: { low: 18.5, high: 24.9 } }),
  'heart-rate': m({ key: 'heart-rate', loinc: '8867-4', label: 'Frequenza cardiaca', ucum: '/min', unit: '/min', possible: { min: 10, max: 350 }, plausible: { min: 30, max: 220 }, reference: { low: 60, high: 100 }, integer: true }),
  waist: m({ key: 'waist', loinc: '8280-0', label: 'Circonferenza vita', ucum: 'cm', unit: 'cm', possible: { min: 20, max: 250 }, plausible: { min: 40, max: 180 } }),
  systolic: m({ key: 'systolic', loinc: '8480-6', label: 'Pressione sistolica', ucum: 'mm[Hg]', unit: 'mmHg', possible: { min: 40, max: 300 }, plausible: { min: 70, max: 250 }, reference: { low: 90, high: 139 }, integer: true }),
  diastolic: m({ key: 'diastolic', loinc: '8462-4', label: 'Pressione diastolica', ucum: 'mm[Hg]', unit: 'mmHg', possible: { min: 20, max: 200 }, plausible: { min: 40, max: 140 }, reference: { low: 60, high: 89 }, integer: true }),
} as const satisfies Record<string, Measure>;
export type VitalMeasureKey = keyof typeof VITAL_MEASURES;

/** Common laboratory tests (LOINC), in their usual Italian units. */
export const LAB_MEASURES: readonly Measure[] = [
  m({ key: '4548-4', loinc: '4548-4', label: 'Emoglobina glicata (HbA1c)', ucum: '%', unit: '%', possible: { min: 2, max: 25 }, plausible: { min: 3, max: 18 }, reference: { low: 4, high: 6 } }),
  m({ key: '2345-7', loinc: '2345-7', label: 'Glucosio', ucum: 'mg/dL', unit: 'mg/dL', possible: { min: 10, max: 2000 }, plausible: { min: 30, max: 800 }, reference: { low: 70, high: 100 } }),
  m({ key: '2160-0', loinc: '2160-0', label: 'Creatinina', ucum: 'mg/dL', unit: 'mg/dL', possible: { min: 0.05, max: 30 }, plausible: { min: 0.2, max: 15 }, reference: { low: 0.5, high: 1.2 } }),
  m({ key: '33914-3', loinc: '33914-3', label: 'Filtrato glomerulare stimato', ucum: 'mL/min/{1.73_m2}', unit: 'mL/min/1,73 m2', possible: { min: 0, max: 250 }, plausible: { min: 3, max: 180 }, reference: { low: 60 } }),
  m({ key: '2093-3', loinc: '2093-3', label: 'Colesterolo totale', ucum: 'mg/dL', unit: 'mg/dL', possible: { min: 20, max: 2000 }, plausible: { min: 70, max: 600 }, reference: { high: 200 } }),
  m({ key: '2085-9', loinc: '2085-9', label: 'Colesterolo HDL', ucum: 'mg/dL', unit: 'mg/dL', possible: { min: 2, max: 300 }, plausible: { min: 10, max: 150 }, reference: { low: 40 } }),
  m({ key: '13457-7', loinc: '13457-7', label: 'Colesterolo LDL (calcolato)', ucum: 'mg/dL', unit: 'mg/dL', possible: { min: 5, max: 1000 }, plausible: { min: 20, max: 400 }, reference: { high: 130 } }),
  m({ key: '2571-8', loinc: '2571-8', label: 'Trigliceridi', ucum: 'mg/dL', unit: 'mg/dL', possible: { min: 10, max: 10000 }, plausible: { min: 20, max: 2000 }, reference: { high: 150 } }),
  m({ key: '718-7', loinc: '718-7', label: 'Emoglobina', ucum: 'g/dL', unit: 'g/dL', possible: { min: 1, max: 30 }, plausible: { min: 4, max: 22 }, reference: { low: 12, high: 17 } }),
  m({ key: '6690-2', loinc: '6690-2', label: 'Leucociti', ucum: '10*3/uL', unit: '10^3/µL', possible: { min: 0.05, max: 1000 }, plausible: { min: 0.5, max: 100 }, reference: { low: 4, high: 10 } }),
  m({ key: '777-3', loinc: '777-3', label: 'Piastrine', ucum: '10*3/uL', unit: '10^3/µL', possible: { min: 1, max: 3000 }, plausible: { min: 10, max: 1500 }, reference: { low: 150, high: 400 } }),
  m({ key: '1742-6', loinc: '1742-6', label: 'ALT (GPT)', ucum: 'U/L', unit: 'U/L', possible: { min: 1, max: 20000 }, plausible: { min: 3, max: 2000 }, reference: { high: 40 } }),
  m({ key: '1920-8', loinc: '1920-8', label: 'AST (GOT)', ucum: 'U/L', unit: 'U/L', possible: { min: 1, max: 20000 }, plausible: { min: 3, max: 2000 }, reference: { high: 40 } }),
  m({ key: '2823-3', loinc: '2823-3', label: 'Potassio', ucum: 'mmol/L', unit: 'mmol/L', possible: { min: 1, max: 15 }, plausible: { min: 2, max: 8 }, reference: { low: 3.5, high: 5.1 } }),
  m({ key: '2951-2', loinc: '2951-2', label: 'Sodio', ucum: 'mmol/L', unit: 'mmol/L', possible: { min: 90, max: 200 }, plausible: { min: 110, max: 170 }, reference: { low: 135, high: 145 } }),
  m({ key: '3084-1', loinc: '3084-1', label: 'Acido urico', ucum: 'mg/dL', unit: 'mg/dL', possible: { min: 0.1, max: 30 }, plausible: { min: 1, max: 15 }, reference: { low: 2.5, high: 7 } }),
  m({ key: '3016-3', loinc: '3016-3', label: 'TSH', ucum: 'mIU/L', unit: 'mIU/L', possible: { min: 0.001, max: 500 }, plausible: { min: 0.005, max: 150 }, reference: { low: 0.4, high: 4 } }),
];

const BY_LOINC = new Map<string, Measure>([...Object.values(VITAL_MEASURES), ...LAB_MEASURES].map((x) => [x.loinc, x]));

/** The measure of a vital-sign kind (or a blood-pressure component) or of a LOINC code. */
export function measureFor(kindOrLoinc: string): Measure | undefined {
  return (VITAL_MEASURES as Record<string, Measure>)[kindOrLoinc] ?? BY_LOINC.get(kindOrLoinc);
}

/** UCUM units compared as doctors type them ("mg/dl" is mg/dL, "mmHg" is mm[Hg]). */
export function sameUnit(a: string, b: string): boolean {
  const n = (u: string) => u.trim().toLowerCase().replace(/\[|\]/g, '').replace(/µ/g, 'u').replace(/\^/g, '*');
  return n(a) === n(b);
}

export type Interpretation = 'L' | 'N' | 'H';

/** Below, within or above the reference range (the laboratory's own range, when given, wins); undefined when there is none. */
export function interpretation(value: number, measure: Measure | undefined, own?: { low?: number | undefined; high?: number | undefined }): Interpretation | undefined {
  const low = own?.low ?? (own?.high === undefined ? measure?.reference?.low : undefined);
  const high = own?.high ?? (own?.low === undefined ? measure?.reference?.high : undefined);
  if (low === undefined && high === undefined) return undefined;
  if (low !== undefined && value < low) return 'L';
  if (high !== undefined && value > high) return 'H';
  return 'N';
}

export type PlausibilityCode = 'IMPOSSIBLE' | 'IMPLAUSIBLE' | 'UNIT' | 'BP_ORDER';

export interface PlausibilityIssue {
  severity: 'error' | 'warning';
  code: PlausibilityCode;
  /** The record field it concerns (value, systolic, diastolic, unit). */
  field: string;
  /** Italian sentence (services print it as is; the interface has its own words per code). */
  message: string;
  params: { label: string; unit: string; min?: number; max?: number };
}

const it = (n: number) => String(n).replace('.', ',');

/** Checks one value against its measure: an error beyond the possible, a warning beyond the plausible. */
export function checkValue(measure: Measure, value: number, field = 'value'): PlausibilityIssue[] {
  const params = { label: measure.label, unit: measure.unit };
  if (value < measure.possible.min || value > measure.possible.max) {
    return [{
      severity: 'error', code: 'IMPOSSIBLE', field, params: { ...params, ...measure.possible },
      message: `${measure.label} ${it(value)} ${measure.unit}: valore impossibile (ammesso da ${it(measure.possible.min)} a ${it(measure.possible.max)} ${measure.unit}), probabile errore di battitura`,
    }];
  }
  if (value < measure.plausible.min || value > measure.plausible.max) {
    return [{
      severity: 'warning', code: 'IMPLAUSIBLE', field, params: { ...params, ...measure.plausible },
      message: `${measure.label} ${it(value)} ${measure.unit}: valore insolito (di solito da ${it(measure.plausible.min)} a ${it(measure.plausible.max)} ${measure.unit}), verificare`,
    }];
  }
  return [];
}

type VitalLike =
  | { kind: 'blood-pressure'; systolic: number; diastolic: number }
  | { kind: Exclude<VitalMeasureKey, 'systolic' | 'diastolic'>; value: number };

/** The checks of one vital-sign entry; blood pressure also needs the systolic above the diastolic. */
export function vitalSignIssues(v: VitalLike): PlausibilityIssue[] {
  if (v.kind !== 'blood-pressure') return checkValue(VITAL_MEASURES[v.kind], v.value);
  const out = [...checkValue(VITAL_MEASURES.systolic, v.systolic, 'systolic'), ...checkValue(VITAL_MEASURES.diastolic, v.diastolic, 'diastolic')];
  if (v.systolic <= v.diastolic) {
    out.push({
      severity: 'error', code: 'BP_ORDER', field: 'diastolic', params: { label: 'Pressione arteriosa', unit: 'mmHg' },
      message: `Pressione ${v.systolic}/${v.diastolic} mmHg: la sistolica deve essere maggiore della diastolica (valori invertiti?)`,
    });
  }
  return out;
}

/** A laboratory result: checked when its LOINC code is known and typed in the expected unit; another unit is a warning. */
export function labResultIssues(l: { loinc: { code: string }; value: number; unit: string }): PlausibilityIssue[] {
  const measure = measureFor(l.loinc.code);
  if (!measure || !LAB_MEASURES.includes(measure)) return [];
  if (!sameUnit(l.unit, measure.ucum) && !sameUnit(l.unit, measure.unit)) {
    return [{
      severity: 'warning', code: 'UNIT', field: 'unit', params: { label: measure.label, unit: measure.unit },
      message: `${measure.label} in ${l.unit}: l'unità usuale è ${measure.unit}, verificare valore e unità`,
    }];
  }
  return checkValue(measure, l.value);
}

/** Abnormal flag of a vital sign (blood pressure: the worse of its two components). */
export function vitalSignInterpretation(v: VitalLike): Interpretation | undefined {
  if (v.kind !== 'blood-pressure') return interpretation(v.value, VITAL_MEASURES[v.kind]);
  const s = interpretation(v.systolic, VITAL_MEASURES.systolic);
  const d = interpretation(v.diastolic, VITAL_MEASURES.diastolic);
  if (s === 'H' || d === 'H') return 'H';
  if (s === 'L' || d === 'L') return 'L';
  return 'N';
}

/** Every plausibility issue of a record's vital signs and laboratory results, by section and entry id. */
export function recordPlausibilityIssues(record: {
  vitalSigns: ReadonlyArray<VitalLike & { id: string }>;
  labResults: ReadonlyArray<{ id: string; loinc: { code: string }; value: number; unit: string }>;
}): Array<PlausibilityIssue & { section: 'vitalSigns' | 'labResults'; entryId: string }> {
  return [
    ...record.vitalSigns.flatMap((v) => vitalSignIssues(v).map((i) => ({ ...i, section: 'vitalSigns' as const, entryId: v.id }))),
    ...record.labResults.flatMap((l) => labResultIssues(l).map((i) => ({ ...i, section: 'labResults' as const, entryId: l.id }))),
  ];
}

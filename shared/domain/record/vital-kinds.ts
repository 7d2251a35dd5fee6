/**
 * The vital signs a doctor enters in the app, each a LOINC-coded series of the record with its
 * UCUM unit (DASHBOARD.md §5 for the telemonitoring codes). Blood pressure is a panel (85354-9)
 * of two observations measured together, stored with a shared `panelId`. The PSS vital-signs
 * section (shared/documents/cda/pss/sections/vital-signs.ts) prints the same codes.
 */
export const VITAL_KINDS = {
  weight: { loinc: '29463-7', display: 'Peso corporeo', unit: 'kg' },
  height: { loinc: '8302-2', display: 'Altezza corporea', unit: 'cm' },
  /** Recumbent length (a child under 2 is measured lying): WHO's tables differ by 0.7 cm (PAEDIATRICS.md §3). */
  length: { loinc: '8306-3', display: 'Lunghezza corporea (supina)', unit: 'cm' },
  bmi: { loinc: '39156-5', display: 'Indice di massa corporea', unit: 'kg/m2' },
  'heart-rate': { loinc: '8867-4', display: 'Frequenza cardiaca', unit: '/min' },
  waist: { loinc: '8280-0', display: 'Circonferenza vita', unit: 'cm' },
  systolic: { loinc: '8480-6', display: 'Pressione sistolica', unit: 'mm[Hg]' },
  diastolic: { loinc: '8462-4', display: 'Pressione diastolica', unit: 'mm[Hg]' },
  spo2: { loinc: '59408-5', display: 'Saturazione di ossigeno (pulsossimetria)', unit: '%' },
  glucose: { loinc: '2339-0', display: 'Glucosio nel sangue', unit: 'mg/dL' },
  temperature: { loinc: '8310-5', display: 'Temperatura corporea', unit: 'Cel' },
  'head-circumference': { loinc: '9843-4', display: 'Circonferenza cranica', unit: 'cm' },
} as const;
export type VitalKind = keyof typeof VITAL_KINDS;

/** The blood-pressure panel code: its two components share the observation's `panelId`. */
export const BLOOD_PRESSURE_PANEL = { loinc: '85354-9', display: 'Pressione arteriosa' } as const;

const BY_LOINC = new Map<string, VitalKind>(Object.entries(VITAL_KINDS).map(([k, v]) => [v.loinc, k as VitalKind]));

/** The vital kind of a LOINC code, if it is one (other codes are lab or other observations). */
export function vitalKindOf(loinc: string): VitalKind | undefined {
  return BY_LOINC.get(loinc);
}

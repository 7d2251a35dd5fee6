/**
 * The drug classes adherence is followed by on the panel (DOMAIN.md §2.1 PQA classes, §2.3
 * AIFA OsMed classes), each as ATC prefixes: a dispensation belongs to the first class whose
 * prefix its ATC starts with. The same drug for PQA's shift of an early refill is the ATC level
 * 5 (the active substance). Thresholds: 80 % (PQA, OsMed "high adherence").
 */
export const DRUG_CLASS_IDS = ['antihypertensives', 'statins', 'antidiabetics', 'anticoagulants', 'inhaled', 'antidepressants'] as const;
export type DrugClassId = (typeof DRUG_CLASS_IDS)[number];

export interface DrugClassDef {
  id: DrugClassId;
  /** ATC prefixes of the class. */
  atc: readonly string[];
  /** PDC at or above which a patient is adherent. */
  threshold: number;
}

export const DRUG_CLASSES: readonly DrugClassDef[] = [
  // OsMed's antihypertensives: antiadrenergics, diuretics, beta-blockers, calcium-channel blockers, RAS agents.
  { id: 'antihypertensives', atc: ['C02', 'C03', 'C07', 'C08', 'C09'], threshold: 0.8 },
  { id: 'statins', atc: ['C10AA', 'C10BA', 'C10BX'], threshold: 0.8 },
  // PQA's Diabetes All Class: the non-insulin blood-glucose lowering drugs.
  { id: 'antidiabetics', atc: ['A10B'], threshold: 0.8 },
  // Vitamin K antagonists and the direct oral anticoagulants (thrombin and factor Xa inhibitors).
  { id: 'anticoagulants', atc: ['B01AA', 'B01AE', 'B01AF'], threshold: 0.8 },
  // Inhaled therapies for asthma and COPD: adrenergics and anticholinergics, alone or combined, inhaled corticosteroids.
  { id: 'inhaled', atc: ['R03A', 'R03BA', 'R03BB'], threshold: 0.8 },
  { id: 'antidepressants', atc: ['N06A'], threshold: 0.8 },
];

/** The class a dispensed ATC belongs to, or undefined (the medicine is not followed). */
export function drugClassOf(atc: string): DrugClassDef | undefined {
  const code = atc.toUpperCase();
  return DRUG_CLASSES.find((c) => c.atc.some((p) => code.startsWith(p)));
}

/** The adherence threshold of a class (PQA's 80 % for a selection that is not a class). */
export function classThreshold(drugClass: string): number {
  return DRUG_CLASSES.find((c) => c.id === drugClass)?.threshold ?? 0.8;
}

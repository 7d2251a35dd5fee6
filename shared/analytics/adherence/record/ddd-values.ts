/**
 * Defined daily doses of the substances most dispensed for chronic care in family practice, as
 * the WHO ATC/DDD Index publishes them for the oral (or inhaled) route, for durations by the DDD
 * method when no posology is recorded (DOMAIN.md §2.3-2.4, AIFA OsMed). A curated subset: a
 * substance missing here gets no DDD duration (the fill is then reported without a duration).
 * Where a substance has one DDD per route, the one of the usual Italian product is taken.
 */
import type { Quantity } from '../ddd.ts';

export const DDD_BY_ATC: Readonly<Record<string, Quantity>> = {
  // antihypertensives
  C03CA01: { value: 40, unit: 'mg' }, // furosemide
  C03AA03: { value: 25, unit: 'mg' }, // hydrochlorothiazide
  C03DA01: { value: 75, unit: 'mg' }, // spironolactone
  C07AB02: { value: 150, unit: 'mg' }, // metoprolol
  C07AB07: { value: 10, unit: 'mg' }, // bisoprolol
  C07AB12: { value: 5, unit: 'mg' }, // nebivolol
  C07AG02: { value: 37.5, unit: 'mg' }, // carvedilol
  C08CA01: { value: 5, unit: 'mg' }, // amlodipine
  C08CA13: { value: 10, unit: 'mg' }, // lercanidipine
  C09AA02: { value: 10, unit: 'mg' }, // enalapril
  C09AA05: { value: 2.5, unit: 'mg' }, // ramipril
  C09CA01: { value: 50, unit: 'mg' }, // losartan
  C09CA03: { value: 80, unit: 'mg' }, // valsartan
  C09CA06: { value: 8, unit: 'mg' }, // candesartan
  C09CA08: { value: 20, unit: 'mg' }, // olmesartan
  // statins
  C10AA01: { value: 30, unit: 'mg' }, // simvastatin
  C10AA05: { value: 20, unit: 'mg' }, // atorvastatin
  C10AA07: { value: 10, unit: 'mg' }, // rosuvastatin
  // antidiabetics
  A10BA02: { value: 2, unit: 'g' }, // metformin
  A10BB12: { value: 2, unit: 'mg' }, // glimepiride
  A10BH01: { value: 100, unit: 'mg' }, // sitagliptin
  A10BK01: { value: 10, unit: 'mg' }, // dapagliflozin
  A10BK03: { value: 10, unit: 'mg' }, // empagliflozin
  // anticoagulants
  B01AA03: { value: 7.5, unit: 'mg' }, // warfarin
  B01AE07: { value: 300, unit: 'mg' }, // dabigatran
  B01AF01: { value: 20, unit: 'mg' }, // rivaroxaban
  B01AF02: { value: 10, unit: 'mg' }, // apixaban
  B01AF03: { value: 60, unit: 'mg' }, // edoxaban
  // inhaled
  R03AC02: { value: 0.8, unit: 'mg' }, // salbutamol, inhalation aerosol
  R03BB04: { value: 18, unit: 'mcg' }, // tiotropium, inhalation powder
  // antidepressants
  N06AB04: { value: 20, unit: 'mg' }, // citalopram
  N06AB06: { value: 50, unit: 'mg' }, // sertraline
  N06AB10: { value: 10, unit: 'mg' }, // escitalopram
  N06AX16: { value: 100, unit: 'mg' }, // venlafaxine
  N06AX21: { value: 60, unit: 'mg' }, // duloxetine
};

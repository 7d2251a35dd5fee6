/**
 * Days of supply from the defined daily dose (DDD), the way AIFA OsMed derives durations
 * from dispensing flows that carry no posology (DOMAIN.md §2.3-2.4): the amount dispensed
 * over the DDD of the substance, in the same unit. Durations made so are marked `ddd`.
 */

/** An amount with its unit as WHO ATC/DDD and the AIC catalogue write them (mg, g, mcg, UI, ml ...). */
export interface Quantity {
  value: number;
  unit: string;
}

/** Each unit as a multiple of its dimension's base (g, U, ml, mmol). WHO writes TU and MU for thousand and million units. */
const UNITS: Record<string, { dimension: 'mass' | 'activity' | 'volume' | 'amount'; factor: number }> = {
  G: { dimension: 'mass', factor: 1 },
  GR: { dimension: 'mass', factor: 1 },
  MG: { dimension: 'mass', factor: 1e-3 },
  MCG: { dimension: 'mass', factor: 1e-6 },
  UG: { dimension: 'mass', factor: 1e-6 },
  'µG': { dimension: 'mass', factor: 1e-6 },
  NG: { dimension: 'mass', factor: 1e-9 },
  U: { dimension: 'activity', factor: 1 },
  UI: { dimension: 'activity', factor: 1 },
  IU: { dimension: 'activity', factor: 1 },
  TU: { dimension: 'activity', factor: 1e3 },
  KUI: { dimension: 'activity', factor: 1e3 },
  MU: { dimension: 'activity', factor: 1e6 },
  MUI: { dimension: 'activity', factor: 1e6 },
  ML: { dimension: 'volume', factor: 1 },
  L: { dimension: 'volume', factor: 1e3 },
  MMOL: { dimension: 'amount', factor: 1 },
};

function unitOf(unit: string) {
  return UNITS[unit.trim().toUpperCase()];
}

/** `q` in `unit`, or null when the two units measure different things. */
export function convert(q: Quantity, unit: string): number | null {
  const from = unitOf(q.unit);
  const to = unitOf(unit);
  if (!from || !to || from.dimension !== to.dimension) {
    return q.unit.trim().toUpperCase() === unit.trim().toUpperCase() ? q.value : null;
  }
  return (q.value * from.factor) / to.factor;
}

/** Days the dispensed amount lasts at one DDD a day; null when the units do not compare or the DDD is not positive. */
export function dddDurationDays(dispensed: Quantity, ddd: Quantity): number | null {
  const amount = convert(dispensed, ddd.unit);
  if (amount === null || !(ddd.value > 0) || !(amount >= 0)) return null;
  return amount / ddd.value;
}

/** The amount in a dispensation: packs x units per pack x strength of one unit. */
export function dispensedAmount(packs: number, unitsPerPack: number, strengthPerUnit: Quantity): Quantity {
  return { value: packs * unitsPerPack * strengthPerUnit.value, unit: strengthPerUnit.unit };
}

import type { Posology } from './therapy.ts';

const num = (n: number): string => (Number.isInteger(n) ? String(n) : n === 0.5 ? '½' : n === 0.25 ? '¼' : String(n).replace('.', ','));

/**
 * The posology in the doctor's words, Italian as printed on a prescription and in the PSS
 * (`dosageText`): "1 compressa 2 volte al giorno per 7 giorni", "½ compressa al giorno",
 * "1 compressa alla settimana", "2 puff al bisogno".
 */
export function posologyText(p: Posology): string {
  const dose = `${num(p.unitsPerDose)} ${p.unit}`;
  if (p.asNeeded) return `${dose} al bisogno`;
  const weekly = Math.abs(p.dosesPerDay * 7 - Math.round(p.dosesPerDay * 7)) < 1e-9 && p.dosesPerDay < 1;
  const freq = weekly
    ? (Math.round(p.dosesPerDay * 7) === 1 ? 'alla settimana' : `${Math.round(p.dosesPerDay * 7)} volte alla settimana`)
    : p.dosesPerDay === 1 ? 'al giorno' : `${num(p.dosesPerDay)} volte al giorno`;
  return `${dose} ${freq}${p.durationDays ? ` per ${p.durationDays} giorni` : ''}`;
}

/** A UCUM unit as printed next to a value (UX.md: units always shown, in the doctor's notation). */
const SHOWN: Record<string, string> = { 'mm[Hg]': 'mmHg', Cel: '°C', 'kg/m2': 'kg/m²', '/min': 'bpm' };

export function shownUnit(ucum: string | null | undefined): string {
  return ucum ? (SHOWN[ucum] ?? ucum) : '';
}

/**
 * How many units an AIFA pack holds, read from its package description (the AIC catalogue's
 * "descrizione", e.g. "LORTAAN*100MG 28CPR", "GRACIAL*1 BLIST. 22 CPR", or the long form
 * "28 compresse", "30 cpr riv 20 mg", "1 flacone 100 ml"). Italian dispensations carry no
 * days of supply (DOMAIN.md §2.4): the supply is the pack's units over the posology's units
 * per day, so the count must come from here.
 *
 * Rules, from the catalogue's conventions:
 * - the brand before "*" and a quoted "strength form" part are not counts;
 * - a strength (a number with a mass or activity unit, or with "/": 20MG, 320/12,5MG,
 *   10MG/ML, 0,15%) is not a count;
 * - a number followed by a dose unit (CPR, CPS, BUST, F, SUPP, CER, DOSI, ..., the equivalence
 *   groups' UNITA') is the count;
 *   "4X1CPR" multiplies; a dose-unit count wins over a container count (1 BLIST. 22 CPR);
 * - otherwise a container count (FL, FLACONE, TUBO, ...) with the volume or mass of each
 *   container (1 FLACONE 100 ML -> 1 container of 100 ml);
 * - otherwise a lone volume or mass (CREMA 50G) is one container of it, and a bare trailing
 *   number (VALSART+HCT EG*320/12,5MG 28) is a count of unnamed units.
 * null when nothing in the text reads as a count.
 */

export type PackUnit =
  | 'tablet'
  | 'capsule'
  | 'sachet'
  | 'ampoule'
  | 'vial'
  | 'suppository'
  | 'patch'
  | 'dose'
  | 'syringe'
  | 'pen'
  | 'cartridge'
  | 'pessary'
  | 'lozenge'
  | 'bottle'
  | 'tube'
  | 'container'
  | 'unit';

export interface PackContents {
  /** Units in the pack: tablets, capsules, sachets ..., or containers. */
  count: number;
  unit: PackUnit;
  /** What each container holds, when the units are containers of a liquid or a cream. */
  content?: { amount: number; unit: 'ml' | 'g' };
}

/**
 * Dose units, matched on the start of the word because the catalogue glues qualifiers to
 * them ("28CPRRP", "20CPSRM", "30BUST."): each unit is taken whole, so the count is what a
 * posology counts.
 */
const DOSE_UNITS: [RegExp, PackUnit][] = [
  [/^(CPR|CP$|COMPR|CONFETT|CRIV)/, 'tablet'],
  [/^(CPS|CAPS|PERL)/, 'capsule'],
  [/^(BUST|BS$|BUS$|B$|SAC)/, 'sachet'],
  [/^(F$|FF$|FIAL|TBF|TUBOFIAL)/, 'ampoule'],
  [/^(FLACONCIN|FLC$)/, 'vial'],
  [/^SUP/, 'suppository'],
  [/^CER/, 'patch'],
  [/^(DOS|D$|MON|EROG|SPR|PUFF|APPLICAZ)/, 'dose'],
  [/^(SIR|S$)/, 'syringe'],
  [/^(PEN|P$)/, 'pen'],
  [/^CART/, 'cartridge'],
  [/^OV/, 'pessary'],
  [/^(PAST|GOMM|CARAMELL|APPLICATOR)/, 'lozenge'],
  // The catalogue's equivalence groups count dose units as "28 UNITA' USO ORALE" (unità posologiche).
  [/^UNITA/, 'unit'],
];

/** Containers: a count of them, each holding some volume or mass, or a device with doses. */
const CONTAINERS: [RegExp, PackUnit][] = [
  [/^(FL|FLAC)/, 'bottle'],
  [/^(TUB|TB$)/, 'tube'],
  [/^(BLIST|VAS|CON|SACCA|SACCHE|SA$|CAS|BOMBOL|BOTT|INAL|SIST|KIT|GAR)/, 'container'],
];

/** A lone letter the catalogue uses for more than one unit ("12C": compresse, cartucce, contenitori). */
const AMBIGUOUS_UNITS = /^C$/;

const NUMBER = String.raw`\d+(?:[.,]\d+)?`;
const STRENGTH_UNITS = String.raw`MG|MCG|UG|µG|G|GR|UI|U|IU|MUI|KUI|MEQ|MMOL|MOL|NG|KBQ|MBQ|GBQ|%|ML|L|LT`;

function toNumber(text: string): number {
  return Number(text.replace(',', '.'));
}

function lookup(table: [RegExp, PackUnit][], word: string): PackUnit | null {
  const w = word.replace(/\.$/, '');
  for (const [re, unit] of table) if (re.test(w)) return unit;
  return null;
}

/** The confezione part of the description, upper case, strengths blanked out. */
function countingText(description: string): { text: string; contents: { amount: number; unit: 'ml' | 'g'; at: number }[] } {
  let text = description.toUpperCase();
  const star = text.lastIndexOf('*');
  if (star >= 0) text = text.slice(star + 1);
  text = text.replace(/"[^"]*"/g, ' ');
  // Ratios and sums of strengths: 320/12,5MG, 10MG/ML, 875MG+125MG, 7 MG/24H, 0,5MG/G.
  text = text.replace(new RegExp(String.raw`(?:${NUMBER}\s*(?:${STRENGTH_UNITS})?\s*[/+]\s*)+${NUMBER}?\s*(?:${STRENGTH_UNITS}|H|DOS[EI]?)\b`, 'g'), ' ');
  // Sums and ratios whose unit is left out: 875+125, 2,5+12,5, 10MG/1,5.
  text = text.replace(new RegExp(String.raw`${NUMBER}\s*(?:${STRENGTH_UNITS})?(?:\s*[/+]\s*${NUMBER})+(?![\d.,]|\s*X)`, 'g'), ' ');
  text = text.replace(new RegExp(String.raw`/\s*(?:${STRENGTH_UNITS}|H)\b`, 'g'), ' ');
  // What remains with ML, L or G is a container's content; any other unit is a strength.
  const contents: { amount: number; unit: 'ml' | 'g'; at: number }[] = [];
  text = text.replace(new RegExp(String.raw`(${NUMBER})\s*(?:(ML|LT|L)|(G|GR)(?![A-Z]))`, 'g'), (m, n: string, volume: string | undefined, _mass: string | undefined, at: number) => {
    const amount = toNumber(n) * (volume === 'L' || volume === 'LT' ? 1000 : 1);
    contents.push({ amount, unit: volume === undefined ? 'g' : 'ml', at });
    return ' '.repeat(m.length);
  });
  text = text.replace(new RegExp(String.raw`${NUMBER}\s*(?:${STRENGTH_UNITS})(?![A-Z])`, 'g'), (m) => ' '.repeat(m.length));
  return { text, contents };
}

export function packUnitCount(description: string): PackContents | null {
  const { text, contents } = countingText(description);
  const counts: { count: number; times: number; word: string; at: number }[] = [];
  // A whole number (not a decimal's part), optionally "x N", optionally a unit word.
  const re = /(?<![\d]|\d[.,])(\d+)(?![\d]|[.,]\d)(?:\s*X\s*(\d+))?\s*([A-Z]+\.?)?/g;
  for (const m of text.matchAll(re)) {
    counts.push({ count: Number(m[1]), times: m[2] === undefined ? 1 : Number(m[2]), word: m[3] ?? '', at: m.index });
  }
  for (const c of counts) {
    const unit = lookup(DOSE_UNITS, c.word);
    // "4X1CPR": four blisters of one tablet; without a dose unit the second factor is a size.
    if (unit && c.count > 0) return { count: c.count * c.times, unit };
  }
  for (const c of counts) {
    if (AMBIGUOUS_UNITS.test(c.word.replace(/\.$/, '')) && c.count > 0) return { count: c.count, unit: 'unit' };
  }
  for (const c of counts) {
    const unit = lookup(CONTAINERS, c.word);
    if (unit && c.count > 0) {
      const content = nearest(contents, c.at);
      return content ? { count: c.count, unit, content } : { count: c.count, unit };
    }
  }
  // A container named without a number: "FLACONE 100 ML", "CREMA 50G".
  if (contents.length > 0) {
    const bare = counts.filter((c) => c.word === '' && c.count > 0);
    const content = { amount: contents[0]!.amount, unit: contents[0]!.unit };
    if (bare.length === 1 && bare[0]!.at < contents[0]!.at) return { count: bare[0]!.count, unit: 'container', content };
    return { count: 1, unit: 'container', content };
  }
  const bare = counts.filter((c) => c.word === '' && c.count > 0);
  if (bare.length > 0) return { count: bare[bare.length - 1]!.count, unit: 'unit' };
  return null;
}

function nearest(contents: readonly { amount: number; unit: 'ml' | 'g'; at: number }[], at: number): { amount: number; unit: 'ml' | 'g' } | undefined {
  let best: (typeof contents)[number] | undefined;
  for (const c of contents) if (!best || Math.abs(c.at - at) < Math.abs(best.at - at)) best = c;
  return best ? { amount: best.amount, unit: best.unit } : undefined;
}

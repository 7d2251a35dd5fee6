/**
 * Italian descriptions for the ATC rows the gateway's ATC table (2.16.840.1.113883.6.73, AIFA
 * names) still carries in English, mostly codes added by the WHO after the Italian
 * translation ("LANSOPRAZOLE, AMOXICILLIN AND LEVOFLOXACIN"). The doctor must read one
 * language: the name of the active ingredient as AIFA prints it where the transparency list
 * has it (`aifaNames`: ATC → Italian name of its equivalence group), otherwise the Italian form
 * of the INN by the regular rules of the Italian DCI (-ole → -olo, -in/-ine → -ina,
 * -ate → -ato, th → t, y → i…) and the ATC vocabulary's own words (and → e, combinations →
 * associazioni). Codes never change; only the words shown.
 */

/** A word that is English whatever its row: a glossary word, an INN ending in a consonant, or in -ole. */
function surelyEnglish(w: string): boolean {
  return GLOSSARY[w] !== undefined && !['IN', 'ALFA', 'BETA', 'COVID', 'RNA', 'DNA', 'VIRUS'].includes(w)
    ? true
    : w.length >= 4 && (/(IN|OL|AN|IL|AB|IB|ID|IC|UM|YL|ENS|ANS|ONES|IDES|ATES|INES)$/.test(w) || /OLE$/.test(w)) && !/^[A-Z]?\d/.test(w);
}

/** Italian plurals end in -ine, -ate, -ide too (penicilline, associate): English only in a row with a sure English word. */
function maybeEnglish(w: string): boolean {
  return w.length >= 5 && /(INE|ATE|IDE|ONE)$/.test(w);
}

const words = (d: string) => d.toUpperCase().split(/[^A-Z0-9]+/).filter(Boolean);

/** Does this ATC description read English? */
export function looksEnglish(description: string): boolean {
  return words(description).some(surelyEnglish);
}

const GLOSSARY: Record<string, string> = {
  AND: 'E', WITH: 'CON', COMBINATIONS: 'ASSOCIAZIONI', COMBINATION: 'ASSOCIAZIONE', OTHER: 'ALTRI', OTHERS: 'ALTRI',
  VACCINES: 'VACCINI', VACCINE: 'VACCINO', FOR: 'PER', OF: 'DI', IN: 'IN', PURIFIED: 'PURIFICATO', LIVE: 'VIVO',
  ATTENUATED: 'ATTENUATO', INACTIVATED: 'INATTIVATO', ANTIGEN: 'ANTIGENE', ANTIGENS: 'ANTIGENI', CONJUGATED: 'CONIUGATO',
  DRUGS: 'FARMACI', AGENTS: 'AGENTI', PREPARATIONS: 'PREPARATI', EXCL: 'ESCL', INCL: 'INCL', PLAIN: 'NON ASSOCIATI',
  SODIUM: 'SODICO', POTASSIUM: 'POTASSICO', CALCIUM: 'CALCICO', HYDROCHLORIDE: 'CLORIDRATO', VIRUS: 'VIRUS', BASED: 'A BASE DI',
  WHOLE: 'INTERO', CELL: 'CELLULE', ORAL: 'ORALE', TOPICAL: 'TOPICO', SYSTEMIC: 'SISTEMICO', USE: 'USO', THIAZIDES: 'TIAZIDICI',
  DIURETICS: 'DIURETICI', PSYCHOLEPTICS: 'PSICOLETTICI', ANALGESICS: 'ANALGESICI', INSULINS: 'INSULINE', ANALOGUES: 'ANALOGHI',
  INHALATION: 'INALAZIONE', INJECTION: 'INIEZIONE', ELECTROLYTES: 'ELETTROLITI', FERROUS: 'FERROSO', FERRIC: 'FERRICO', ALFA: 'ALFA', BETA: 'BETA',
  COVID: 'COVID', RNA: 'RNA', DNA: 'DNA', HUMAN: 'UMANO', TYPE: 'TIPO', TYPES: 'TIPI', DERIVATIVES: 'DERIVATI', ANTIBODY: 'ANTICORPO',
};

/** One English INN (upper case) in its Italian DCI form. */
export function italianInn(word: string): string {
  if (GLOSSARY[word] !== undefined) return GLOSSARY[word]!;
  if (word.length < 4 || /^[A-Z]?\d/.test(word)) return word;
  let w = word.replace(/^HY/, 'I').replace(/HY/g, 'I').replace(/TH/g, 'T').replace(/PH/g, 'F').replace(/CH([LR])/g, 'C$1').replace(/CHO/g, 'CO').replace(/Y/g, 'I').replace(/AE/g, 'E').replace(/K/g, 'C');
  w = w
    .replace(/ENS$/, 'ENI')
    .replace(/ANS$/, 'ANI')
    .replace(/ONES$/, 'ONI')
    .replace(/IDES$/, 'IDI')
    .replace(/ATES$/, 'ATI')
    .replace(/INES$/, 'INE')
    .replace(/OLE$/, 'OLO')
    .replace(/INE$/, 'INA')
    .replace(/IN$/, 'INA')
    .replace(/ATE$/, 'ATO')
    .replace(/OL$/, 'OLO')
    .replace(/IUM$/, 'IO')
    .replace(/UM$/, 'O')
    .replace(/IC$/, 'ICO')
    .replace(/ID$/, 'IDE');
  return w;
}

/** An English ATC description in Italian: "FOLIC ACID" → "ACIDO FOLICO", "X AND Y" → "X E Y". */
export function italianAtcDescription(description: string, aifaName?: string): string {
  if (aifaName) return aifaName;
  const english = looksEnglish(description);
  const words = description.toUpperCase().split(/(\W+)/);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!/^[A-Z0-9]+$/.test(w)) { out.push(w); continue; }
    // "<ADJ>IC ACID" → "ACIDO <ADJ>ICO"
    if (w === 'ACID' && out.length >= 2 && /ICO$/.test(out[out.length - 2]!)) {
      const adj = out.splice(out.length - 2, 2);
      out.push('ACIDO', adj[1]!, adj[0]!);
      continue;
    }
    out.push(english && (surelyEnglish(w) || maybeEnglish(w)) ? italianInn(w) : w);
  }
  return out.join('').replace(/\s+/g, ' ').trim();
}

/**
 * The Italian active-ingredient name of a single-ATC equivalence group of the AIFA transparency
 * list ("OMEPRAZOLO 20MG 14 UNITA' USO ORALE" → "OMEPRAZOLO"); undefined for associations.
 */
export function aifaIngredient(groupDisplay: string): string | undefined {
  const m = /^([A-Z' ,-]+?)\s+\d/.exec(groupDisplay.toUpperCase());
  const name = m?.[1]?.trim();
  if (!name || /[,/+]| E /.test(name)) return undefined;
  return name;
}

/**
 * Type-ahead over the official code tables (resources/cda/terminology/<OID>.csv): ICD-9-CM
 * (diagnoses and procedures split by code shape), ATC, non-drug allergens, CND devices; and
 * AIC packages from the AIFA transparency list (resources/terms/aic-equivalenti.csv, 7,931
 * packages named "PRODUCT — active ingredient strength pack", see its NOTICE) plus the curated
 * products of shared/synthetic/pss-terms.ts it lacks. Tables load once, on first use; a search
 * is a linear scan over pre-normalised words (≈ 20,700 ICD-9-CM rows in a few ms).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Term, TermSystem } from '../../../shared/api/terms.ts';
import { DRUGS } from '../../../shared/synthetic/pss-terms.ts';
import { aifaIngredient, italianAtcDescription, looksEnglish } from '../../../shared/terminology/atc-italian.ts';
import { defaultCdaResourcesDir } from '../validation/resources.ts';

interface Row {
  term: Term;
  /** Lower-case code. */
  code: string;
  /** Normalised words of the description, each preceded by a space (prefix test = indexOf). */
  hay: string;
  /** Normalised description, for ranking. */
  text: string;
  /** A heading with more specific codes below it: never offered. */
  category?: boolean;
}

/** ATC: only level 5 (7 characters) names a substance; ICD-9-CM: a code with longer codes under it is a heading. */
function markCategories(system: TermSystem, rows: Row[]): void {
  if (system === 'atc') {
    for (const r of rows) if (r.term.code.length < 7) r.category = true;
    return;
  }
  const codes = rows.map((r) => r.term.code);
  const parents = new Set<string>();
  for (const c of codes) {
    const dot = c.indexOf('.');
    if (dot < 0) continue;
    parents.add(c.slice(0, dot));
    for (let i = dot + 2; i < c.length; i++) parents.add(c.slice(0, i));
  }
  for (const r of rows) if (parents.has(r.term.code)) r.category = true;
}

const TABLE: Partial<Record<TermSystem, string>> = {
  'icd9-dx': '2.16.840.1.113883.6.103',
  'icd9-proc': '2.16.840.1.113883.6.103',
  atc: '2.16.840.1.113883.6.73',
  allergen: '2.16.840.1.113883.2.9.77.22.11.2',
  cnd: '2.16.840.1.113883.2.9.6.1.48',
};

export function normalise(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}
function wordsOf(s: string): string[] {
  return normalise(s).split(/[^a-z0-9]+/).filter(Boolean);
}

function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (q) {
      if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (c === '"') q = false; else cur += c;
    } else if (c === '"') q = true;
    else if (c === ',') { out.push(cur); cur = ''; } else cur += c;
  }
  out.push(cur);
  return out;
}

function row(term: Term, synonyms = ''): Row {
  return { term, code: term.code.toLowerCase(), hay: ` ${wordsOf(`${term.display} ${synonyms}`).join(' ')}`, text: normalise(term.display) };
}

/**
 * The names doctors use for vaccines (calendario vaccinale), searched as well as the ATC
 * description: "esavalente" is DTPa-IPV-Hib-HBV, "MPRV" measles-mumps-rubella-varicella.
 */
const SYNONYMS: Record<string, string> = {
  J07CA09: 'esavalente DTPa IPV Hib HBV',
  J07CA06: 'pentavalente DTPa IPV Hib',
  J07CA02: 'tetravalente DTPa IPV dTpa-IPV',
  J07CA01: 'DT IPV',
  J07AM51: 'dT difterite tetano adulti richiamo',
  J07AJ52: 'DTPa dTpa pertosse acellulare trivalente richiamo',
  J07BD52: 'MPR trivalente morbillo parotite rosolia',
  J07BD54: 'MPRV tetravalente morbillo parotite rosolia varicella',
  J07BK01: 'varicella',
  J07BK02: 'zoster herpes fuoco di sant antonio',
  J07BK03: 'zoster ricombinante herpes',
  J07AL02: 'pneumococco coniugato PCV PCV13 PCV15 PCV20 antipneumococcico',
  J07AL01: 'pneumococco polisaccaridico PPSV23 antipneumococcico',
  J07BB02: 'antinfluenzale influenza',
  J07BB01: 'antinfluenzale influenza',
  J07BB03: 'antinfluenzale influenza spray nasale',
  J07BM03: 'HPV papilloma 9-valente nonavalente',
  J07BM01: 'HPV papilloma quadrivalente',
  J07BH01: 'rotavirus',
  J07BH02: 'rotavirus',
  J07AH08: 'meningococco ACWY MenACWY tetravalente',
  J07AH09: 'meningococco B MenB',
  J07AH07: 'meningococco C MenC',
  J07BC01: 'epatite B HBV',
  J07BC02: 'epatite A HAV',
  J07BC20: 'epatite A B',
  J07BN01: 'COVID-19 mRNA',
  J07AN01: 'BCG tubercolosi',
  J07AG01: 'Hib haemophilus',
  J07BF03: 'IPV polio antipolio',
};

export class TermIndex {
  private readonly tables = new Map<TermSystem, Row[]>();
  constructor(
    private readonly terminologyDir = join(defaultCdaResourcesDir(), 'terminology'),
    private readonly aicFile = join(defaultCdaResourcesDir(), '..', 'terms', 'aic-equivalenti.csv'),
  ) {}

  private load(system: TermSystem): Row[] {
    const cached = this.tables.get(system);
    if (cached) return cached;
    let rows: Row[] = [];
    if (system === 'aic') {
      rows = this.aicRows();
    } else {
      const file = join(this.terminologyDir, `${TABLE[system]}.csv`);
      if (existsSync(file)) {
        const lines = readFileSync(file, 'utf8').split(/\r?\n/);
        const header = splitCsv(lines[0] ?? '');
        const iCode = header.indexOf('code');
        const iDesc = header.indexOf('description');
        const seen = new Set<string>();
        for (let i = 1; i < lines.length; i++) {
          const line = lines[i] as string;
          if (!line.trim()) continue;
          const f = splitCsv(line);
          const code = (f[iCode] ?? '').trim();
          if (!code || seen.has(code)) continue;
          if (system === 'icd9-proc' && !/^\d{2}(\.|$)/.test(code)) continue;
          if (system === 'icd9-dx' && /^\d{2}(\.|$)/.test(code)) continue;
          seen.add(code);
          let display = (f[iDesc] ?? '').trim() || code;
          if (system === 'atc' && looksEnglish(display)) display = italianAtcDescription(display, this.aifaNames().get(code));
          rows.push(row({ system, code, display }, SYNONYMS[code]));
        }
      }
    }
    if (system === 'icd9-dx' || system === 'icd9-proc' || system === 'atc') markCategories(system, rows);
    this.tables.set(system, rows);
    return rows;
  }

  /**
   * A category (ICD-9-CM 250, 708; ATC J07, J07A): a heading of the table, not a code a
   * document may carry (the IG wants the most specific code). False for unknown codes.
   */
  isCategory(system: TermSystem, code: string): boolean {
    return this.load(system).some((r) => r.term.code === code && r.category === true);
  }

  private aifaCache: Map<string, string> | undefined;
  /** ATC → the AIFA transparency list's Italian name of its single-ingredient equivalence groups. */
  private aifaNames(): Map<string, string> {
    if (this.aifaCache) return this.aifaCache;
    const out = new Map<string, string>();
    if (existsSync(this.aicFile)) {
      const lines = readFileSync(this.aicFile, 'utf8').split(/\r?\n/);
      const header = splitCsv(lines[0] ?? '');
      const [iGroup, iAtc] = ['groupDisplay', 'atc'].map((h) => header.indexOf(h)) as [number, number];
      for (const line of lines.slice(1)) {
        const f = splitCsv(line);
        const atc = f[iAtc] ?? '';
        const name = aifaIngredient(f[iGroup] ?? '');
        if (atc && name && !out.has(atc)) out.set(atc, name);
      }
    }
    return (this.aifaCache = out);
  }

  private aicRows(): Row[] {
    const atcName = new Map(this.load('atc').map((r) => [r.term.code, r.term.display]));
    const rows: Row[] = [];
    const seen = new Set<string>();
    if (existsSync(this.aicFile)) {
      const lines = readFileSync(this.aicFile, 'utf8').split(/\r?\n/);
      const header = splitCsv(lines[0] ?? '');
      const [iCode, iName, iGroup, iAtc] = ['code', 'display', 'groupDisplay', 'atc'].map((h) => header.indexOf(h)) as [number, number, number, number];
      for (const line of lines.slice(1)) {
        if (!line.trim()) continue;
        const f = splitCsv(line);
        const code = f[iCode] ?? '';
        const atc = f[iAtc] ?? '';
        if (!/^\d{9}$/.test(code) || seen.has(code)) continue;
        seen.add(code);
        const display = [f[iName], f[iGroup]].filter(Boolean).join(' — ');
        rows.push(row({ system: 'aic', code, display, ...(atc ? { atc: { code: atc, display: atcName.get(atc) ?? atc } } : {}) }));
      }
    }
    for (const d of DRUGS) {
      if (!seen.has(d.aic)) rows.push(row({ system: 'aic', code: d.aic, display: d.aicDisplay, atc: { code: d.atc, display: d.atcDisplay } }));
    }
    return rows;
  }

  /** Loads every table now (at start, off the first keystroke). */
  warm(): void {
    for (const s of ['icd9-dx', 'icd9-proc', 'atc', 'aic', 'allergen', 'cnd'] as const) this.load(s);
  }

  private readonly byCode = new Map<TermSystem, Map<string, Term>>();

  /** The entry of one code (e.g. an AIC, with its ATC), or undefined. */
  lookup(system: TermSystem, code: string): Term | undefined {
    let m = this.byCode.get(system);
    if (!m) {
      m = new Map(this.load(system).map((r) => [r.term.code, r.term]));
      this.byCode.set(system, m);
    }
    return m.get(code);
  }

  search(system: TermSystem, text: string, limit: number, codePrefix?: string): { items: Term[]; total: number } {
    const prefix = codePrefix?.toLowerCase();
    const rows = this.load(system).filter((r) => !r.category && (!prefix || r.code.startsWith(prefix)));
    const q = normalise(text).trim();
    const tokens = q.split(/[^a-z0-9.]+/).filter(Boolean);
    if (tokens.length === 0) return { items: rows.slice(0, limit).map((r) => r.term), total: rows.length };
    const hits: Array<{ r: Row; score: number }> = [];
    const needles = tokens.map((t) => ` ${t}`);
    for (const r of rows) {
      let score = 0;
      let ok = true;
      for (let i = 0; i < tokens.length; i++) {
        const t = tokens[i] as string;
        if (r.code.startsWith(t)) score += r.code === t ? 0 : 1;
        else if (r.hay.includes(needles[i] as string)) score += r.text.startsWith(t) ? 2 : 3;
        else { ok = false; break; }
      }
      if (ok) hits.push({ r, score });
    }
    hits.sort((a, b) => a.score - b.score || a.r.code.length - b.r.code.length || (a.r.code < b.r.code ? -1 : 1));
    return { items: hits.slice(0, limit).map((h) => h.r.term), total: hits.length };
  }
}

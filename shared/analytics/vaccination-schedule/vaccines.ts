/**
 * Which antigens a vaccine protects against (resources/vaccination/vaccines.json): by ATC J07
 * code (the record always has it), by a common name ("esavalente", "MPRV", "dTpa-IPV") or by a
 * product name, also at the start of an AIC package description ("PRIORIX TETRA*1 flac…").
 * Also the target-disease codes (antigen list OID 2.16.840.1.113883.2.9.6.1.56.4) a vaccination
 * document carries for that vaccine.
 */
import { z } from 'zod';

const Code = z.string().regex(/^J07[A-Z0-9]*$/);

export const VaccineCatalogue = z
  .object({
    format: z.literal('cartella-vaccine-catalogue/1'),
    about: z.string().optional(),
    antigens: z.array(z.object({ id: z.string(), label: z.object({ it: z.string(), en: z.string() }) }).strict()),
    atc: z.array(z.object({ code: Code, antigens: z.array(z.string()).min(1), targetDiseases: z.array(z.string().regex(/^\d{2}$/)) }).strict()),
    names: z.array(z.object({ names: z.array(z.string().min(1)).min(1), atc: Code }).strict()),
    products: z.array(z.object({ name: z.string().min(1), atc: Code }).strict()),
  })
  .strict();
export type VaccineCatalogue = z.infer<typeof VaccineCatalogue>;

/** A vaccine as the record or a caller knows it; antigens, when given, win. */
export interface VaccineRef {
  atc?: string | undefined;
  /** Common or product name, or an AIC package description. */
  name?: string | undefined;
  antigens?: readonly string[] | undefined;
}

function normalise(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '');
}

export class VaccineIndex {
  private readonly byAtc: Map<string, VaccineCatalogue['atc'][number]>;
  private readonly byName = new Map<string, string>();
  /** Product names, longest first, for prefix matches on package descriptions. */
  private readonly productPrefixes: [string, string][];
  readonly antigenIds: ReadonlySet<string>;

  constructor(readonly catalogue: VaccineCatalogue) {
    this.byAtc = new Map(catalogue.atc.map((a) => [a.code, a]));
    this.antigenIds = new Set(catalogue.antigens.map((a) => a.id));
    for (const n of catalogue.names) for (const name of n.names) this.byName.set(normalise(name), n.atc);
    for (const p of catalogue.products) this.byName.set(normalise(p.name), p.atc);
    this.productPrefixes = catalogue.products.map((p): [string, string] => [normalise(p.name), p.atc]).sort((a, b) => b[0].length - a[0].length);
  }

  /** The ATC code a reference resolves to (its own, or through its name). */
  atcOf(ref: VaccineRef): string | undefined {
    const atc = ref.atc?.trim().toUpperCase();
    if (atc && this.byAtc.has(atc)) return atc;
    if (!ref.name) return undefined;
    const n = normalise(ref.name);
    return this.byName.get(n) ?? this.productPrefixes.find(([p]) => n.startsWith(p))?.[1];
  }

  /** Antigens covered; undefined when the vaccine is not recognised. */
  antigensOf(ref: VaccineRef): readonly string[] | undefined {
    if (ref.antigens && ref.antigens.length > 0) return ref.antigens;
    const atc = this.atcOf(ref);
    return atc ? this.byAtc.get(atc)!.antigens : undefined;
  }

  /** Target-disease codes (OID 2.16.840.1.113883.2.9.6.1.56.4) for a vaccination document. */
  targetDiseasesOf(ref: VaccineRef): readonly string[] {
    const atc = this.atcOf(ref);
    return atc ? this.byAtc.get(atc)!.targetDiseases : [];
  }

  antigenLabel(id: string, lang: 'it' | 'en'): string {
    return this.catalogue.antigens.find((a) => a.id === id)?.label[lang] ?? id;
  }
}

import { z } from 'zod';
import { defineMethod } from './define.ts';

/**
 * Code pickers: type-ahead over the official tables in resources/cda/terminology
 * (ICD-9-CM diagnoses and procedures, ATC, non-drug allergens, CND devices) and the AIC
 * products known to the app. Each word of the text must start a word of the description or
 * the code.
 */
export const TermSystem = z.enum(['icd9-dx', 'icd9-proc', 'atc', 'aic', 'allergen', 'cnd']);
export type TermSystem = z.infer<typeof TermSystem>;

export const Term = z.object({
  system: TermSystem,
  code: z.string(),
  display: z.string(),
  /** For AIC products: the ATC of the active substance. */
  atc: z.object({ code: z.string(), display: z.string() }).optional(),
});
export type Term = z.infer<typeof Term>;

export const termsApi = {
  'terms.search': defineMethod({
    input: z.object({
      system: TermSystem,
      text: z.string().max(100),
      limit: z.number().int().min(1).max(100).default(20),
      /** Only codes starting with this (ATC J07: the vaccines, PAEDIATRICS.md §1). */
      codePrefix: z.string().regex(/^[A-Za-z0-9.]{1,10}$/).optional(),
    }),
    output: z.object({ items: z.array(Term), total: z.number().int(), ms: z.number() }),
  }),
};

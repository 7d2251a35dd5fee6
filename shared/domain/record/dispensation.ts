import { z } from 'zod';
import { ClinicalDate, Coded } from './entry-base.ts';
import { RecordId } from './provenance.ts';

/**
 * A medicine the pharmacy dispensed (farmaco erogato): the input of adherence. Italian
 * dispensing data carry no days-supply (DOMAIN.md §2.4): durations are derived from the plan's
 * posology and the pack size, or from the DDD, by shared/analytics.
 */
export const Dispensation = z.object({
  id: RecordId,
  date: ClinicalDate,
  aic: z.object({ code: z.string().regex(/^\d{9}$/), display: z.string().trim().min(1).max(300) }).optional(),
  atc: Coded,
  packs: z.number().positive().max(999),
  /** Where it came from: an FSE "Erogazione farmaceutica" document, a CSV export, typed in. */
  source: z.enum(['document', 'csv', 'doctor']),
  documentId: RecordId.optional(),
  /** The prescription it fulfilled, when the source says. */
  prescriptionId: RecordId.optional(),
});
export type Dispensation = z.infer<typeof Dispensation>;

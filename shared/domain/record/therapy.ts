import { z } from 'zod';
import { ClinicalDate, Coded } from './entry-base.ts';
import { MedicationEntry } from '../clinical-record.ts';
import { AuthorId, RecordId } from './provenance.ts';

const Aic = z.object({ code: z.string().regex(/^\d{9}$/), display: z.string().trim().min(1).max(300) });

/**
 * Posology in numbers, beside the doctor's own words (`dosageText`): how much per
 * administration in units of the pack (compresse, ml, puff), how many administrations a day, for
 * how many days. Durations of supply (adherence, DOMAIN.md §2.4) come from this and the AIC pack
 * size when no days-supply exists.
 */
export const Posology = z.object({
  /** Units per administration (e.g. 1 compressa, 0.5 compressa, 20 gocce, 2 puff). */
  unitsPerDose: z.number().positive().max(1000),
  /** What a unit is, in the pack's terms (compressa, capsula, ml, puff, gocce, UI, bustina). */
  unit: z.string().trim().min(1).max(20),
  /** Administrations per day; a weekly drug has 1/7. */
  dosesPerDay: z.number().positive().max(48),
  /** Days of treatment for a course; absent for chronic therapy. */
  durationDays: z.number().int().positive().max(3650).optional(),
  /** "al bisogno": no regular use, no supply duration. */
  asNeeded: z.boolean().default(false),
});
export type Posology = z.infer<typeof Posology>;

/**
 * A therapy plan: a medicine the patient takes over time (chronic: "terapia continuativa"),
 * from which "current therapies" and the PSS therapies section are derived. It extends the PSS
 * medication entry (same id, same fields) so the PSS reads it without a second copy; each
 * medicine prescription is a refill of its plan.
 */
export const TherapyPlan = MedicationEntry.extend({
  chronic: z.boolean(),
  posology: Posology.optional(),
  /** The problem (PSS section `problems`) it treats. */
  problemId: RecordId.optional(),
  documentId: RecordId.optional(),
  authorId: AuthorId.optional(),
});
export type TherapyPlan = z.infer<typeof TherapyPlan>;

/** Exemption code on a prescription (ticket): a national or regional exemption, or 'NE' none. */
export const ExemptionCode = z.string().trim().min(1).max(20);

const PrescriptionBase = z.object({
  id: RecordId,
  date: ClinicalDate,
  exemption: ExemptionCode.optional(),
  problemId: RecordId.optional(),
  note: z.string().trim().max(1000).optional(),
  authorId: AuthorId.optional(),
});

/**
 * A prescription. A medicine (AIC with its ATC, packs, posology), a refill of a plan when
 * `planId` is set; or a test or specialist visit coded with the national outpatient catalogue
 * (Catalogo nazionale delle prestazioni, e.g. 90.28.1 HbA1c), because chronic-care worklists count
 * what was ordered before the result arrives (DASHBOARD.md §2).
 */
export const Prescription = z.discriminatedUnion('kind', [
  PrescriptionBase.extend({
    kind: z.literal('medicine'),
    aic: Aic.optional(),
    atc: Coded,
    packs: z.number().int().positive().max(99),
    posology: Posology.optional(),
    dosageText: z.string().trim().max(300).optional(),
    planId: RecordId.optional(),
  }),
  PrescriptionBase.extend({
    kind: z.enum(['test', 'visit']),
    /** Catalogue code (e.g. 90.28.1) and its description. */
    service: Coded,
    quantity: z.number().int().positive().max(99).default(1),
    /** The LOINC code the result will carry, when known (links the order to its series). */
    loinc: z.string().trim().max(40).optional(),
  }),
]);
export type Prescription = z.infer<typeof Prescription>;

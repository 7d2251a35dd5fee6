import { z } from 'zod';
import { ClinicalDate, Coded, EntryBase, RouteCode, text } from './entry-base.ts';

/**
 * The vaccination entries of the clinical record: the doses given (PSS section 11369-6, and the
 * vaccination documents' substanceAdministration) and the decisions not to give one, which only
 * the vaccination documents carry (PAEDIATRICS.md §1).
 */

/** HL7 ActSite codes a vaccine is given at: deltoid, vastus lateralis (infants), arm, thigh. */
export const VaccinationSite = z.enum(['LD', 'RD', 'LVL', 'RVL', 'LA', 'RA', 'LT', 'RT']);
export type VaccinationSite = z.infer<typeof VaccinationSite>;

export const VaccinationEntry = EntryBase.extend({
  /** Vaccine ATC (J07…), code of the consumable. */
  atc: Coded,
  aic: z.object({ code: z.string().regex(/^\d{9}$/), display: text(300) }).optional(),
  date: ClinicalDate,
  doseNumber: z.number().int().positive().optional(),
  /** Lot number; required element in the IG (schematron b125), UNK when not known. */
  lot: z.string().trim().max(40).optional(),
  route: RouteCode.optional(),
  /** Injection site, HL7 ActSite (2.16.840.1.113883.5.1052): its absence is a warning (PAEDIATRICS.md §1, W004). */
  site: VaccinationSite.optional(),
  /** Where it was given (ambulatorio, centro vaccinale): the participant LOC of the vaccination documents. */
  place: z.string().trim().max(200).optional(),
  /** Who gave it, as written by the doctor (name, role). */
  performer: z.string().trim().max(200).optional(),
  /** Target diseases (antigen list OID 2.16.840.1.113883.2.9.6.1.56.4, PAEDIATRICS.md §1). */
  targetDiseases: z.array(Coded).max(20).optional(),
  coveredUntil: ClinicalDate.optional(),
  adverseReaction: Coded.optional(),
  /** The allergy/reaction entry (allergies section) that records the reaction in full, when one was written. */
  reactionAllergyId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/).optional(),
});
export type VaccinationEntry = z.infer<typeof VaccinationEntry>;

/**
 * A vaccination not given and why (PAEDIATRICS.md §1, substanceAdministration ...11.4.2 with a
 * reason observation): a refusal (dissenso), an exemption (esonero: immunity or a permanent
 * contraindication), a postponement (differimento) until a date. The calendar reads them.
 */
export const VaccinationDecisionEntry = EntryBase.extend({
  kind: z.enum(['refusal', 'exemption', 'postponement']),
  /** The vaccine or antigens it concerns, by ATC J07. */
  atc: Coded,
  date: ClinicalDate,
  /** Postponement: the date from which the doses are due again. */
  until: ClinicalDate.optional(),
  reason: text(300),
}).superRefine((d, ctx) => {
  if (!/^J07/.test(d.atc.code)) ctx.addIssue({ code: 'custom', path: ['atc', 'code'], message: 'serve un vaccino (ATC J07)' });
  if (d.kind === 'postponement' && !d.until) ctx.addIssue({ code: 'custom', path: ['until'], message: 'indicare fino a quando è differita' });
  if (d.until && d.until < d.date) ctx.addIssue({ code: 'custom', path: ['until'], message: 'la data di fine precede quella della decisione' });
});
export type VaccinationDecisionEntry = z.infer<typeof VaccinationDecisionEntry>;
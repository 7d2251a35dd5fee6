import { z } from 'zod';
import { isCalendarDateText, NOT_ON_CALENDAR } from './calendar-date.ts';

/**
 * A patient in the doctor's panel (assistito). Foreigners without a codice fiscale carry an
 * STP (Straniero Temporaneamente Presente), ENI (Europeo Non Iscritto) or TEAM (European
 * health insurance card) identifier instead.
 */
export const IdentifierKind = z.enum(['CF', 'STP', 'ENI', 'TEAM']);
export type IdentifierKind = z.infer<typeof IdentifierKind>;

export const Sex = z.enum(['M', 'F']);
export type Sex = z.infer<typeof Sex>;

/** ISO date, yyyy-mm-dd. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'data nel formato aaaa-mm-gg').refine(isCalendarDateText, NOT_ON_CALENDAR);

const trimmed = (max: number) => z.string().trim().min(1).max(max);

/**
 * The parent or tutor of a minor (PAEDIATRICS.md §1: `patient/guardian` is allowed in the
 * vaccination documents). Relation as HL7 RoleCode: MTH madre, FTH padre, GUARD tutore legale.
 */
export const GuardianRelation = z.enum(['MTH', 'FTH', 'GUARD']);
export type GuardianRelation = z.infer<typeof GuardianRelation>;

export const Guardian = z.object({
  name: trimmed(160),
  relation: GuardianRelation,
  codiceFiscale: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{16}$/, 'codice fiscale di 16 caratteri').optional(),
  phone: z.string().trim().max(40).optional(),
});
export type Guardian = z.infer<typeof Guardian>;

export const PatientInput = z.object({
  surname: trimmed(80),
  givenName: trimmed(80),
  sex: Sex,
  birthDate: IsoDate,
  identifierKind: IdentifierKind,
  /** The codice fiscale (16 characters) or the STP/ENI code or the TEAM card number. */
  identifier: z.string().trim().min(1).max(40),
  /** For TEAM: the issuing country (ISO 3166 alpha-2). */
  teamCountry: z.string().trim().length(2).optional(),
  birthPlace: z.string().trim().max(80).optional(),
  address: z.string().trim().max(200).optional(),
  phone: z.string().trim().max(40).optional(),
  email: z.string().trim().max(120).optional(),
  guardian: Guardian.optional(),
});
export type PatientInput = z.infer<typeof PatientInput>;

export const PatientId = z.string().min(1).max(64);

export const Patient = PatientInput.extend({
  id: PatientId,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Patient = z.infer<typeof Patient>;

/** The row shown in search results and the panel list. */
export const PatientSummary = z.object({
  id: PatientId,
  surname: z.string(),
  givenName: z.string(),
  sex: Sex,
  birthDate: IsoDate,
  identifierKind: IdentifierKind,
  identifier: z.string(),
});
export type PatientSummary = z.infer<typeof PatientSummary>;

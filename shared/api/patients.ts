import { z } from 'zod';
import { defineMethod } from './define.ts';
import { Patient, PatientId, PatientInput, PatientSummary } from '../domain/patient.ts';

export const patientsApi = {
  /**
   * Creates a patient. The identifier is checked per its kind: a codice fiscale must have a
   * valid check character (D.M. 23/12/1976) and agree with the birth date and sex entered.
   * Errors: CODICE_FISCALE_INVALID, CONFLICT (identifier already in the panel), INVALID_INPUT.
   */
  'patients.create': defineMethod({ input: PatientInput, output: Patient }),

  /** Replaces a patient's details. `version` guards against concurrent edits (CONFLICT). */
  'patients.update': defineMethod({
    input: PatientInput.extend({ id: PatientId, version: z.number().int() }),
    output: Patient,
  }),

  /** One patient by id. Errors: NOT_FOUND. */
  'patients.get': defineMethod({ input: z.object({ id: PatientId }), output: Patient }),

  /**
   * Search as you type: each word matches the start of the surname, the given name or the
   * identifier (codice fiscale, STP, ENI, TEAM). Empty text lists the panel alphabetically.
   */
  'patients.search': defineMethod({
    input: z.object({ text: z.string().max(100), limit: z.number().int().min(1).max(500).default(50) }),
    output: z.object({ items: z.array(PatientSummary), total: z.number().int() }),
  }),

  /** Checks an identifier without saving, for inline form feedback. */
  'patients.checkIdentifier': defineMethod({
    input: PatientInput.pick({ identifierKind: true, identifier: true, birthDate: true, sex: true, surname: true, givenName: true }).partial({ birthDate: true, sex: true, surname: true, givenName: true }),
    output: z.object({
      valid: z.boolean(),
      problems: z.array(z.string()),
      decoded: z.object({ birthDate: z.string(), sex: z.string() }).optional(),
    }),
  }),
};

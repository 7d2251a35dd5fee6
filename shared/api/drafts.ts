import { z } from 'zod';
import { defineMethod } from './define.ts';
import { PatientId } from '../domain/patient.ts';

/** The entry forms of the record whose unsaved text is kept (one draft per form and patient). */
export const DraftForm = z.enum(['visit', 'prescription', 'vitals']);
export type DraftForm = z.infer<typeof DraftForm>;

/** A form's fields as typed, before validation; at most 64 kB. */
export const DraftValue = z.record(z.string(), z.unknown()).refine((v) => JSON.stringify(v).length <= 65_536, { message: 'bozza troppo lunga' });

/**
 * Drafts never lost (UX.md, keyboard first): what the doctor types in a record form is kept in
 * the encrypted database while typing, restored when the form opens again, and removed when the
 * entry is saved or the doctor discards it. Not audited: a draft is not a fact of the record.
 */
export const draftsApi = {
  'drafts.get': defineMethod({
    input: z.object({ patientId: PatientId, form: DraftForm }),
    output: z.object({ value: DraftValue, updatedAt: z.string() }).nullable(),
  }),
  'drafts.save': defineMethod({
    input: z.object({ patientId: PatientId, form: DraftForm, value: DraftValue }),
    output: z.object({ updatedAt: z.string() }),
  }),
  'drafts.discard': defineMethod({
    input: z.object({ patientId: PatientId, form: DraftForm }),
    output: z.object({ discarded: z.boolean() }),
  }),
};

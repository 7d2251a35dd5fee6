import { z } from 'zod';
import { defineMethod } from './define.ts';
import { PageInput, pageOf } from './paging.ts';
import { PatientId } from '../domain/patient.ts';

/** One line of a patient's access log: who, when, what. */
export const AccessEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  /** Who called (the transport's user) and the doctor profile at work, when known. */
  actor: z.string(),
  authorId: z.string().nullable(),
  /** The audit verb, e.g. access.record, access.document, visit.create. */
  action: z.string(),
  kind: z.enum(['view', 'change', 'export']),
  documentId: z.string().nullable(),
});
export type AccessEntry = z.infer<typeof AccessEntry>;

/**
 * Who saw what (Garante, Linee guida in materia di dossier sanitario: every access, viewing
 * included, is logged and the patient may ask for the list). Opening the Scheda paziente and
 * opening a document are written to the audit log; the list answers the patient's request.
 */
export const accessApi = {
  /** The Scheda paziente was opened. Errors: NOT_FOUND. */
  'access.openRecord': defineMethod({ input: z.object({ patientId: PatientId }), output: z.object({ seq: z.number().int() }) }),

  /** A document of the patient was opened (a received document, a PSS version). */
  'access.openDocument': defineMethod({
    input: z.object({ patientId: PatientId, documentId: z.string().min(1).max(300), documentKind: z.enum(['received', 'pss']).default('received') }),
    output: z.object({ seq: z.number().int() }),
  }),

  /** A patient's accesses, newest first: views only, or every audited action about the patient. */
  'access.list': defineMethod({
    input: PageInput.extend({ patientId: PatientId, only: z.enum(['views', 'all']).default('all') }),
    output: pageOf(AccessEntry),
  }),
};

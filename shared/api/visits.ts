import { z } from 'zod';
import { defineMethod } from './define.ts';
import { PageInput, RowMeta, pageOf } from './paging.ts';
import { PatientId } from '../domain/patient.ts';
import { RecordId, Visit } from '../domain/record/index.ts';

/** A visit as the doctor writes it: the id may come from the form (a retried save writes it once); the author is set by the service. */
export const VisitInput = Visit.omit({ authorId: true }).extend({ id: RecordId.optional() });
export type VisitInput = z.input<typeof VisitInput>;

export const StoredVisit = Visit.extend({ meta: RowMeta });
export type StoredVisit = z.infer<typeof StoredVisit>;

/** The diary (diario clinico): one entry per contact, newest first. */
export const visitsApi = {
  /** A patient's visits, newest first, a page at a time. Errors: NOT_FOUND (patient). */
  'visits.list': defineMethod({ input: PageInput.extend({ patientId: PatientId }), output: pageOf(StoredVisit) }),

  /**
   * Adds a visit, or replaces one by id (`version` guards against concurrent edits: CONFLICT).
   * The author is the doctor at work (NOT_FOUND doctorProfile when none is set); an edit keeps
   * the visit's author. Audited by ids only.
   */
  'visits.upsert': defineMethod({
    input: z.object({
      patientId: PatientId, visit: VisitInput, version: z.number().int().optional(),
      /** The form's draft (drafts.*) this save completes: removed in the same transaction. */
      completesDraft: z.boolean().default(false),
    }),
    output: StoredVisit,
  }),

  /** Removes a visit. Errors: NOT_FOUND. */
  'visits.remove': defineMethod({ input: z.object({ patientId: PatientId, id: RecordId }), output: z.object({ removed: z.literal(true) }) }),
};

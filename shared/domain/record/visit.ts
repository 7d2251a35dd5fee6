import { z } from 'zod';
import { AuthorId, RecordId } from './provenance.ts';
import { DateTimeWithOffset } from './entry-base.ts';

/** How the doctor saw the patient (diario clinico). */
export const VisitKind = z.enum(['ambulatoriale', 'domiciliare', 'telefonica', 'televisita']);
export type VisitKind = z.infer<typeof VisitKind>;

/**
 * One contact in the diary: when, how, why, what the doctor wrote, the problems it was about and
 * who saw the patient (the titolare or the sostituto). Hospital stays and specialist visits are
 * PSS encounters (clinical_entries, section `encounters`), not diary visits.
 */
export const Visit = z.object({
  id: RecordId,
  at: DateTimeWithOffset,
  kind: VisitKind,
  reason: z.string().trim().max(300).optional(),
  note: z.string().trim().max(20000).optional(),
  /** Ids of problems (PSS section `problems`) the visit was about. */
  problemIds: z.array(RecordId).max(50).default([]),
  authorId: AuthorId.optional(),
});
export type Visit = z.infer<typeof Visit>;

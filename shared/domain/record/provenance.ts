import { z } from 'zod';
import { ClinicalDate, DateTimeWithOffset } from './entry-base.ts';

/**
 * Where a fact of the longitudinal record came from. The first three are the PSS entry sources
 * (printed in the document as medico-legal annotations, DOMAIN.md §1.4); `document` is a fact read
 * from a received document (its id is then in `documentId`), `device` a home or clinic device
 * reading (telemonitoring, CSV export).
 */
export const RecordSource = z.enum(['doctor', 'patient-declared', 'specialist', 'document', 'device']);
export type RecordSource = z.infer<typeof RecordSource>;

/** A record id: the same alphabet as PSS entry ids, since views of the record become PSS entries. */
export const RecordId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'identificativo voce');
export type RecordId = z.infer<typeof RecordId>;

/** The doctor profile (titolare or sostituto) that wrote a fact; absent for what was imported. */
export const AuthorId = z.string().min(1).max(64);

/** A moment of the record: a possibly partial date (yyyy, yyyy-mm, yyyy-mm-dd) or a date-time with offset. */
export const RecordInstant = z.union([DateTimeWithOffset, ClinicalDate]);
export type RecordInstant = z.infer<typeof RecordInstant>;

/** What every stored fact carries besides its content. */
export const Provenance = z.object({
  source: RecordSource,
  /** The received document it was read from (source `document`, or `specialist` when a letter says so). */
  documentId: RecordId.optional(),
  authorId: AuthorId.optional(),
  note: z.string().trim().max(1000).optional(),
});
export type Provenance = z.infer<typeof Provenance>;

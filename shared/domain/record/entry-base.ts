import { z } from 'zod';
import { isCalendarDateText, NOT_ON_CALENDAR } from '../calendar-date.ts';

/**
 * The building blocks every PSS entry schema shares (shared/domain/clinical-record.ts and the
 * vaccination entries): dates as the CDA writes them, coded values, the entry's id and source.
 *
 * Every entry has an `id` (stable across document versions: it becomes the entry's II
 * extension) and a `source`, printed in the document because doctors need to show where each
 * item came from (DOMAIN.md §1.4, medico-legal annotations).
 */

/** Date, possibly partial: yyyy, yyyy-mm or yyyy-mm-dd (CDA TS truncates the same way). */
export const ClinicalDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'data aaaa[-mm[-gg]]').refine(isCalendarDateText, NOT_ON_CALENDAR);
export type ClinicalDate = z.infer<typeof ClinicalDate>;

/** Date-time with offset, e.g. 2026-03-01T10:00:00+01:00 (the document's effective time). */
export const DateTimeWithOffset = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$/, 'data-ora ISO con fuso')
  .refine(isCalendarDateText, NOT_ON_CALENDAR);

/**
 * a is before b at their common precision: 2020-05 is neither before nor after 2020-05-10, so a
 * partial date is never reported as an inversion (ClinicalDate above; a date-time compares by its
 * date when the other side is a date).
 */
export function precedes(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n) < b.slice(0, n);
}

export const EntrySource = z.enum(['doctor', 'patient-declared', 'specialist']);
export type EntrySource = z.infer<typeof EntrySource>;

export const ENTRY_SOURCE_LABEL: Record<EntrySource, string> = {
  doctor: 'Documentato dal medico',
  'patient-declared': 'Dichiarato dal paziente',
  specialist: 'Da specialista',
};

/** A required free text of at most `max` characters, trimmed. */
export const text = (max: number) => z.string().trim().min(1).max(max);

/** A code from a table, with the display text the doctor picked. */
export const Coded = z.object({ code: text(40), display: text(300) });
export type Coded = z.infer<typeof Coded>;

export const EntryBase = z.object({
  id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'identificativo voce'),
  source: EntrySource,
  /** Free-text annotation (printed in the narrative; a comment act where the IG allows). */
  note: z.string().trim().max(1000).optional(),
});

/** HL7 RouteOfAdministration (2.16.840.1.113883.5.112); required by schematron b112. */
export const RouteCode = z.enum(['PO', 'SL', 'SQ', 'IM', 'IV', 'NASINHL', 'TRNSDERM', 'RECTAL']);
export type RouteCode = z.infer<typeof RouteCode>;

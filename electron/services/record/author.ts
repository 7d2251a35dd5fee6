/**
 * Who writes a fact of the record (`authorId`, shared/domain/record/provenance.ts): for now the
 * doctor profile documents are written with, by its codice fiscale. A titolare/sostituto model
 * will fill the same field with the doctor at work.
 */
import type { DbClient } from '../db/client.ts';
import { doctorProfileStore } from '../documents/doctor-profile.ts';

export function recordAuthor(db: DbClient, sandbox: boolean) {
  const store = doctorProfileStore(db, sandbox);
  return {
    /** The author of a new diary entry, prescription or measurement; NOT_FOUND (doctorProfile) when no doctor is set. */
    async required(): Promise<string> {
      return (await store.effective()).author.codiceFiscale;
    },
    /** The author when there is one (the PSS editor works before a profile is saved, as it did). */
    async optional(): Promise<string | undefined> {
      return this.required().catch(() => undefined);
    },
  };
}

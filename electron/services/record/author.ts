/**
 * Who writes a fact of the record (`authorId`, shared/domain/record/provenance.ts): the doctor at
 * work (electron/services/doctors/: the titolare, a sostituto or a collaboratore), by their
 * profile id. Nobody at work refuses the write (NO_DOCTOR_AT_WORK), a locum past their period
 * too (OUTSIDE_SUBSTITUTION, outside the sandbox); only a first start with no profile at all
 * writes without an author.
 */
import { AppError } from '../../../shared/errors/index.ts';
import type { DoctorsService } from '../doctors/doctors-service.ts';

export interface RecordAuthor {
  /** The author of a new diary entry, prescription or measurement; NOT_FOUND (doctorProfile) when there is no doctor yet. */
  required(): Promise<string>;
  /** The author when there is one (the PSS editor works before the first profile is saved, as it did). */
  optional(): Promise<string | undefined>;
}

export function recordAuthor(doctors: Pick<DoctorsService, 'authorId'>): RecordAuthor {
  return {
    async required() {
      const id = await doctors.authorId();
      if (!id) throw new AppError('NOT_FOUND', 'No doctor profile: Impostazioni → Medico e struttura', { entity: 'doctorProfile', id: 'titolare' });
      return id;
    },
    optional: () => doctors.authorId(),
  };
}

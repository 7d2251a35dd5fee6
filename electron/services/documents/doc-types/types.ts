/**
 * The service side of a document type: how its input is read from the record. It needs the db,
 * so it lives here and not on the shared type (shared/documents/doc-types/README.md).
 */
import type { DoctorProfile } from '../../../../shared/api/profile.ts';
import type { Patient } from '../../../../shared/domain/patient.ts';
import type { DocumentType, DocumentVersion } from '../../../../shared/documents/doc-types/index.ts';
import type { DbClient } from '../../db/client.ts';

/** What the pipeline knows when it asks a type for its input. */
export interface RecordContext {
  db: DbClient;
  patient: Patient;
  /** The doctor at work: author and legal authenticator; the titolare's organization and custodian. */
  profile: DoctorProfile;
  /**
   * The version to build, allocated by the pipeline: a new set (id `<KIND>.<uuid>`), the prepared
   * version rebuilt in place, or the next version replacing the last signed one.
   */
  version: DocumentVersion;
  /** The document's effective time, ISO 8601 with the doctor's clinical time zone offset. */
  effectiveTime: string;
  /**
   * Which part of the record the document is about, when a patient has several documents of the
   * type at once (the scheda singola: one per administration, the vaccination entry's id);
   * absent for whole-record documents (PSS, certificato vaccinale).
   */
  subject?: string | undefined;
  /** Type-specific options from the caller (doctypes.preview `options`), unchecked: parse them with your own schema. */
  options?: Record<string, unknown> | undefined;
}

export interface ServiceDocumentType<I = unknown> {
  type: DocumentType<I>;
  /** The type's input for this patient from the stored record. */
  fromRecord(ctx: RecordContext): Promise<I>;
}


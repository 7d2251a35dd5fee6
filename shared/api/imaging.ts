import { z } from 'zod';
import { defineMethod } from './define.ts';
import { INSTANCE_KINDS } from '../dicom/sop-class.ts';
import { IsoDate, PatientId, PatientSummary } from '../domain/patient.ts';
import { DICOM_PROBLEMS } from '../errors/codes.ts';

/**
 * Immagini: a patient's DICOM studies. Import (a CD's folder with its DICOMDIR, a folder, or
 * single files) goes through a session so that the doctor sees what was found before anything
 * is kept: start → files (uploaded by the UI in parts, or read from paths by the CLI) →
 * preview (studies found, the patient the files name, what is already imported, the files that
 * could not be read) → apply (the studies the doctor confirmed). Then the patient's studies,
 * a study's series and instances, and an instance's file for the viewer.
 */
export const Uid = z.string().min(1).max(64);
export const InstanceKind = z.enum(INSTANCE_KINDS);
export const SessionId = z.string().regex(/^[0-9a-f]{32}$/);

/** Who the files say the patient is (Patient module, PS3.3 C.7.1.1), as read. */
export const DicomPatient = z.object({
  id: z.string().optional(),
  name: z.object({ family: z.string().optional(), given: z.string().optional(), middle: z.string().optional(), raw: z.string() }).optional(),
  birthDate: z.string().optional(),
  sex: z.string().optional(),
});
export type DicomPatient = z.infer<typeof DicomPatient>;

export const MatchedBy = z.enum(['codiceFiscale', 'nameBirthDate', 'confirmed']);

/**
 * Why a file was not imported: a DICOM problem (`imaging.problems.<reason>`), or the importer's
 * own: `missing-file` (the DICOMDIR names a file the medium does not have), `unreadable`
 * (the file system refused it). Files in a folder that are not DICOM are only counted.
 */
export const IMPORT_FILE_PROBLEMS = [...DICOM_PROBLEMS, 'missing-file', 'unreadable'] as const;
export const FileProblem = z.object({ file: z.string(), reason: z.enum(IMPORT_FILE_PROBLEMS), detail: z.string().optional() });
export type FileProblem = z.infer<typeof FileProblem>;

const OtherPatient = z.object({ patientId: PatientId, surname: z.string(), givenName: z.string(), instances: z.number().int() });

export const PreviewSeries = z.object({
  seriesUid: Uid,
  number: z.number().int().optional(),
  modality: z.string().optional(),
  description: z.string().optional(),
  instances: z.number().int(),
  kinds: z.array(InstanceKind),
});

export const PreviewStudy = z.object({
  studyUid: Uid,
  date: IsoDate.optional(),
  time: z.string().optional(),
  description: z.string().optional(),
  accessionNumber: z.string().optional(),
  institution: z.string().optional(),
  dicomPatient: DicomPatient,
  /**
   * The files' patient against the patient imported into: 'same' (codice fiscale in Patient ID,
   * or name and birth date), 'different', 'unknown' (the files say too little). Anything but
   * 'same' is imported only when the doctor confirms it.
   */
  agreement: z.enum(['same', 'different', 'unknown']),
  matchBy: z.enum(['codiceFiscale', 'nameBirthDate']).optional(),
  /** Another patient of the panel the files name, when it is not the one imported into. */
  namedPatient: PatientSummary.optional(),
  series: z.array(PreviewSeries),
  instances: z.number().int(),
  /** Instances not yet in Cartella: what applying adds. */
  newInstances: z.number().int(),
  /** Instances already imported for this patient. */
  alreadyHere: z.number().int(),
  /** Instances already imported for other patients: never moved or copied. */
  elsewhere: z.array(OtherPatient),
});
export type PreviewStudy = z.infer<typeof PreviewStudy>;

export const ImportPreview = z.object({
  sessionId: SessionId,
  patient: PatientSummary,
  /** Files read as DICOM instances, DICOMDIR files, files skipped as not DICOM (in folders). */
  files: z.object({ instances: z.number().int(), dicomdir: z.number().int(), skipped: z.number().int() }),
  /** What the DICOMDIR files list (PS3.3 F.5), when there were any. */
  dicomdir: z.object({ patients: z.number().int(), studies: z.number().int(), series: z.number().int(), instances: z.number().int() }).optional(),
  studies: z.array(PreviewStudy),
  problems: z.array(FileProblem),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportResult = z.object({
  patientId: PatientId,
  studies: z.array(z.object({ studyUid: Uid, matchedBy: MatchedBy, added: z.number().int(), alreadyHere: z.number().int(), elsewhere: z.number().int() })),
  problems: z.array(FileProblem),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const StudySummary = z.object({
  studyUid: Uid,
  date: IsoDate.optional(),
  time: z.string().optional(),
  description: z.string().optional(),
  accessionNumber: z.string().optional(),
  institution: z.string().optional(),
  modalities: z.array(z.string()),
  series: z.number().int(),
  instances: z.number().int(),
  /** Frames that can be drawn (images), and objects listed without an image (SR, SEG, …). */
  images: z.number().int(),
  otherObjects: z.number().int(),
  matchedBy: MatchedBy,
  importedAt: z.string(),
  /**
   * Its report in the record: a received referto di radiologia (RAD) dated on the study's day
   * or within the 30 days after (the nearest), opened with received.get.
   */
  report: z.object({ documentId: z.string(), title: z.string() }).optional(),
});
export type StudySummary = z.infer<typeof StudySummary>;

export const InstanceEntry = z.object({
  sopInstanceUid: Uid,
  sopClassUid: z.string(),
  kind: InstanceKind,
  number: z.number().int().optional(),
  frames: z.number().int(),
  rows: z.number().int().optional(),
  columns: z.number().int().optional(),
  transferSyntax: z.string(),
  position: z.number().optional(),
  size: z.number().int(),
});
export type InstanceEntry = z.infer<typeof InstanceEntry>;

export const SeriesEntry = z.object({
  seriesUid: Uid,
  number: z.number().int().optional(),
  modality: z.string().optional(),
  description: z.string().optional(),
  bodyPart: z.string().optional(),
  date: IsoDate.optional(),
  /** In stack order (shared/dicom/stack.ts). */
  instances: z.array(InstanceEntry),
});
export type SeriesEntry = z.infer<typeof SeriesEntry>;

export const StudyDetail = StudySummary.extend({ dicomPatient: DicomPatient, series: z.array(SeriesEntry) });
export type StudyDetail = z.infer<typeof StudyDetail>;

/** One call carries at most this much of a file (base64 of 6 MiB); larger files come in parts. */
export const IMPORT_PART_BYTES = 6 * 1024 * 1024;
const NAME = z.string().min(1).max(1024);

export const imagingApi = {
  /** Opens an import session for the patient the doctor is importing into. */
  'imaging.importStart': defineMethod({ input: z.object({ patientId: PatientId }), output: z.object({ sessionId: SessionId }) }),

  /**
   * One file, or one part of it (parts in order, 0-based; the file is read when the last one
   * arrives). `name` is the path relative to the chosen folder ('/'-separated). The answer says
   * what the file was: an instance (kept in staging, encrypted), a DICOMDIR (with the files it
   * references, relative to its folder, for the UI to send next), not DICOM, or a problem.
   * Errors: NOT_FOUND (no such session), INVALID_INPUT (a part out of order).
   */
  'imaging.importFile': defineMethod({
    input: z.object({
      sessionId: SessionId,
      name: NAME,
      dataBase64: z.string().max(Math.ceil(IMPORT_PART_BYTES / 3) * 4),
      part: z.number().int().min(0).default(0),
      parts: z.number().int().min(1).max(4096).default(1),
      /** Chosen on its own (not found in a folder): when it is not DICOM, that is a problem to report. */
      alone: z.boolean().default(false),
      /**
       * The UI read the file's first bytes and they are not DICOM (looksLikeDicom, the same rule
       * as the importer's): the file is counted as skipped without sending it (a CD's viewer program).
       */
      skip: z.boolean().default(false),
    }),
    output: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('pending') }),
      z.object({ outcome: z.literal('instance'), duplicate: z.boolean() }),
      z.object({ outcome: z.literal('dicomdir'), referenced: z.array(z.string()) }),
      z.object({ outcome: z.literal('not-dicom') }),
      z.object({ outcome: z.literal('problem'), problem: FileProblem }),
    ]),
  }),

  /** What applying would add: the studies found with the patient they name, nothing written. */
  'imaging.importPreview': defineMethod({ input: z.object({ sessionId: SessionId }), output: ImportPreview }),

  /**
   * Imports the chosen studies into the session's patient: the files into the data folder
   * (encrypted), the index into the database, one transaction per study, audited. A study whose
   * files do not name this patient ('different' or 'unknown') needs `confirmed`; without it
   * the call is refused (CONFLICT, entity imagingStudy) and nothing is written. Instances
   * already in Cartella are skipped. Progress: `imaging.importProgress`. Ends the session.
   */
  'imaging.importApply': defineMethod({
    input: z.object({ sessionId: SessionId, studies: z.array(z.object({ studyUid: Uid, confirmed: z.boolean().default(false) })).min(1) }),
    output: ImportResult,
  }),

  /** Drops the session and its staged files. */
  'imaging.importCancel': defineMethod({ input: z.object({ sessionId: SessionId }), output: z.object({}) }),

  /** The patient's studies, newest first (for Immagini and the timeline). */
  'imaging.studies': defineMethod({ input: z.object({ patientId: PatientId }), output: z.object({ studies: z.array(StudySummary) }) }),

  /** One study with its series and instances, for the viewer; audited as a view. Errors: NOT_FOUND. */
  'imaging.study': defineMethod({ input: z.object({ patientId: PatientId, studyUid: Uid }), output: StudyDetail }),

  /** One instance's DICOM file as imported, byte for byte (base64). Errors: NOT_FOUND. */
  'imaging.instanceFile': defineMethod({
    input: z.object({ patientId: PatientId, sopInstanceUid: Uid }),
    output: z.object({ dataBase64: z.string() }),
  }),

  /** Removes a study (its index and files) from the patient, e.g. one attached by mistake. Audited. */
  'imaging.removeStudy': defineMethod({ input: z.object({ patientId: PatientId, studyUid: Uid }), output: z.object({ instances: z.number().int() }) }),
};

export const imagingEvents = {
  /** An import advanced: `reading` files (paths), `saving` instances into the record. */
  'imaging.importProgress': z.object({ sessionId: SessionId, phase: z.enum(['reading', 'saving']), done: z.number().int(), total: z.number().int() }),
  /** A patient's imaging changed (import, removal): lists refresh. */
  'imaging.changed': z.object({ patientId: PatientId }),
};

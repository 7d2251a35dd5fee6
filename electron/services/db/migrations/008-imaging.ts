import type { Migration } from './migration.ts';

/**
 * The index of a patient's imaging (DICOM): studies, their series, and one row per instance
 * (PS3.3 A.1.2 information model: patient → study → series → instance).
 *
 * The DICOM files themselves are not in the database: each is kept byte for byte in its own
 * file under the data folder, encrypted (AES-256-GCM, key derived from the database key:
 * electron/services/imaging/object-store.ts), named by `object_id`. A patient's CD can hold
 * hundreds of MB; inside the database every page of it would go through the single database
 * thread, the WAL (written twice) and every backup, and would stall the searches meanwhile.
 *
 * - An instance is the same everywhere by its SOP Instance UID (PS3.3 C.12.1.1.1): the key of
 *   `imaging_instances`, so importing the same files again adds nothing, for any patient.
 * - `kind` sorts what the viewer can draw ('image') from what it lists with a message (SR, SEG,
 *   RT dose, encapsulated documents, other non-image objects), by SOP class (shared/dicom/sop-class.ts).
 * - `position` orders a stack of slices along its normal (mm); NULL when the geometry is absent.
 * - `dicom_patient` keeps who the files say the patient is, and `matched_by` how the study was
 *   attached: by codice fiscale in PatientID, by name and birth date, or confirmed by the doctor.
 */
export const migration: Migration = {
  version: 8,
  name: 'imaging',
  up: `
    CREATE TABLE imaging_studies (
      patient_id        TEXT NOT NULL REFERENCES patients(id),
      study_uid         TEXT NOT NULL CHECK (length(study_uid) BETWEEN 1 AND 64),
      study_date        TEXT CHECK (study_date IS NULL OR study_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      study_time        TEXT,
      description       TEXT,
      accession_number  TEXT,
      institution       TEXT,
      dicom_patient     TEXT NOT NULL CHECK (json_valid(dicom_patient)),
      matched_by        TEXT NOT NULL CHECK (matched_by IN ('codiceFiscale', 'nameBirthDate', 'confirmed')),
      imported_at       TEXT NOT NULL,
      PRIMARY KEY (patient_id, study_uid)
    ) STRICT;
    CREATE INDEX imaging_studies_date ON imaging_studies (patient_id, study_date);

    CREATE TABLE imaging_series (
      patient_id   TEXT NOT NULL,
      study_uid    TEXT NOT NULL,
      series_uid   TEXT NOT NULL CHECK (length(series_uid) BETWEEN 1 AND 64),
      number       INTEGER,
      modality     TEXT,
      description  TEXT,
      body_part    TEXT,
      series_date  TEXT,
      PRIMARY KEY (patient_id, series_uid),
      FOREIGN KEY (patient_id, study_uid) REFERENCES imaging_studies (patient_id, study_uid)
    ) STRICT;
    CREATE INDEX imaging_series_study ON imaging_series (patient_id, study_uid);

    CREATE TABLE imaging_instances (
      sop_instance_uid  TEXT PRIMARY KEY CHECK (length(sop_instance_uid) BETWEEN 1 AND 64),
      patient_id        TEXT NOT NULL,
      series_uid        TEXT NOT NULL,
      sop_class_uid     TEXT NOT NULL,
      kind              TEXT NOT NULL CHECK (kind IN ('image', 'sr', 'seg', 'rtdose', 'document', 'other')),
      number            INTEGER,
      frames            INTEGER NOT NULL CHECK (frames >= 0),
      rows              INTEGER CHECK (rows IS NULL OR rows > 0),
      columns           INTEGER CHECK (columns IS NULL OR columns > 0),
      transfer_syntax   TEXT NOT NULL,
      position          REAL,
      object_id         TEXT NOT NULL UNIQUE CHECK (length(object_id) = 32 AND object_id NOT GLOB '*[^0-9a-f]*'),
      size              INTEGER NOT NULL CHECK (size > 0),
      sha256            TEXT NOT NULL CHECK (length(sha256) = 64),
      imported_at       TEXT NOT NULL,
      FOREIGN KEY (patient_id, series_uid) REFERENCES imaging_series (patient_id, series_uid)
    ) STRICT;
    CREATE INDEX imaging_instances_series ON imaging_instances (patient_id, series_uid, position, number);
  `,
};

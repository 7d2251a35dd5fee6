import { z } from 'zod';
import { defineMethod } from './define.ts';
import { AuthorDoctor } from '../domain/document-header.ts';
import { PatientId } from '../domain/patient.ts';
import { Doctor, DoctorId, DoctorKind, SubstitutionPeriod } from '../domain/doctors.ts';
import { OUTBOX_STATES } from '../outbox/state-machine.ts';

/**
 * Who is working (DOMAIN.md §1.1): the titolare, the sostituti and the collaboratori of the
 * practice, each with their own profile and card, and the one of them at work now. Everything
 * written while a doctor works carries their profile (the author of entries, visits,
 * prescriptions and documents, the JWT subject of publications, the audit actor
 * `doctor:<id>`); the organisation and custodian stay the titolare's.
 *
 * Switching is protected by a passphrase per profile (a PIN of digits is a short passphrase),
 * stored as a slow salted hash; never the signature card's PIN, whose tries are few.
 */

/** A passphrase as typed: at least 6 characters (a 6-digit PIN will do). */
export const Passphrase = z.string().min(6, 'almeno 6 caratteri').max(200);

export const DoctorView = Doctor.extend({
  /** Switching to this profile asks for its passphrase. */
  protected: z.boolean(),
  /** A sandbox test doctor not saved yet (Ambiente di prova). */
  builtIn: z.boolean(),
  /** Today is inside one of the periods (sostituti), or they work on the panel anyway (titolare, collaboratore). */
  onDutyToday: z.boolean(),
});
export type DoctorView = z.infer<typeof DoctorView>;

export const DoctorsOverview = z.object({
  doctors: z.array(DoctorView),
  /** The doctor at work; null: nobody (the app asks who is working before anything else). */
  working: DoctorId.nullable(),
  sandbox: z.boolean(),
  /** The sandbox test doctors' passphrase, shown in the Ambiente di prova only. */
  sandboxPassphrase: z.string().optional(),
});
export type DoctorsOverview = z.infer<typeof DoctorsOverview>;

export const SaveDoctorInput = z.object({
  /** Absent: a new profile. */
  id: DoctorId.optional(),
  kind: DoctorKind,
  author: AuthorDoctor,
  periods: z.array(SubstitutionPeriod).max(200).default([]),
  /** A new profile's passphrase (required outside the sandbox for every profile but a lone titolare). */
  passphrase: Passphrase.optional(),
});

const ActivityPatient = z.object({ patientId: PatientId, surname: z.string(), givenName: z.string(), lastAt: z.string() });
const ActivityDocument = z.object({
  documentId: z.string(),
  patientId: PatientId,
  surname: z.string(),
  givenName: z.string(),
  kind: z.literal('PSS'),
  versionNumber: z.number().int(),
  state: z.enum(['draft', 'confirmed', 'signed', 'published']),
  /** Where its publication is (in coda, inviato, pubblicato, rifiutato…), once signed. */
  outboxState: z.enum(OUTBOX_STATES).optional(),
  updatedAt: z.string(),
});
const ActivityPrescription = z.object({
  id: z.string(),
  patientId: PatientId,
  surname: z.string(),
  givenName: z.string(),
  date: z.string(),
  kind: z.enum(['medicine', 'test', 'visit']),
  display: z.string(),
});

/** What one doctor did in one period (or, `period` null, outside every period: the sandbox allows it). */
export const ActivityGroup = z.object({
  period: SubstitutionPeriod.nullable(),
  patients: z.array(ActivityPatient),
  documents: z.array(ActivityDocument),
  prescriptions: z.array(ActivityPrescription),
  visits: z.number().int().min(0),
});
export type ActivityGroup = z.infer<typeof ActivityGroup>;

export const doctorsApi = {
  /** The practice's doctors, who is at work, whether this is the sandbox. */
  'doctors.list': defineMethod({ input: z.object({}).default({}), output: DoctorsOverview }),

  /**
   * Adds or changes a profile (audited by field names). Only the titolare adds or changes other
   * doctors and their periods; a doctor may change their own name and contacts.
   * Errors: CODICE_FISCALE_INVALID, INVALID_INPUT (passphrase missing where required), FORBIDDEN,
   * CONFLICT (a second titolare, or a codice fiscale already used by another profile), NOT_FOUND.
   */
  'doctors.save': defineMethod({ input: SaveDoctorInput, output: DoctorView }),

  /**
   * Sets or changes a profile's passphrase: its own current one first, or the titolare at work
   * resets a colleague's. `next` null removes it (a lone titolare, or the sandbox).
   * Errors: PASSPHRASE_INCORRECT, FORBIDDEN, NOT_FOUND.
   */
  'doctors.setPassphrase': defineMethod({
    input: z.object({ id: DoctorId, current: z.string().max(200).optional(), next: Passphrase.nullable() }),
    output: DoctorView,
  }),

  /**
   * Starts working as a doctor (audited `doctor.switch`). Errors: PASSPHRASE_INCORRECT (with the
   * wait before the next try after repeated failures), OUTSIDE_SUBSTITUTION (a sostituto outside
   * their periods, outside the sandbox), NOT_FOUND.
   */
  'doctors.switch': defineMethod({
    input: z.object({ id: DoctorId, passphrase: z.string().max(200).optional() }),
    output: DoctorsOverview,
  }),

  /** Nobody at work until someone switches in (the doctor leaves the workstation). */
  'doctors.lock': defineMethod({ input: z.object({}).default({}), output: DoctorsOverview }),

  /**
   * What a doctor (a sostituto, for the titolare) did, per substitution period: the patients seen,
   * the documents written and where their publication is, the prescriptions, the number of
   * visits. Newest first. Errors: NOT_FOUND, FORBIDDEN (a sostituto asks for another doctor).
   */
  'doctors.activity': defineMethod({
    input: z.object({ id: DoctorId }),
    output: z.object({ doctor: DoctorView, groups: z.array(ActivityGroup) }),
  }),
};

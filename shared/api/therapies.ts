import { z } from 'zod';
import { defineMethod } from './define.ts';
import { PageInput, RowMeta, pageOf } from './paging.ts';
import { ClinicalDate } from '../domain/record/entry-base.ts';
import { PatientId } from '../domain/patient.ts';
import { Prescription, RecordId, TherapyPlan } from '../domain/record/index.ts';

/** A plan as the doctor writes it (the id may come from the form; the author is set by the service). */
export const TherapyPlanInput = TherapyPlan.omit({ authorId: true }).extend({ id: RecordId.optional() });
export type TherapyPlanInput = z.input<typeof TherapyPlanInput>;

export const StoredPlan = TherapyPlan.extend({ meta: RowMeta });
export type StoredPlan = z.infer<typeof StoredPlan>;

export const StoredPrescription = z.intersection(Prescription, z.object({ meta: RowMeta }));
export type StoredPrescription = z.infer<typeof StoredPrescription>;

const [MedicineRx, ServiceRx] = Prescription.options;
/** A prescription as the doctor writes it: id optional, author set by the service. */
export const PrescriptionInput = z.discriminatedUnion('kind', [
  MedicineRx.omit({ authorId: true }).extend({ id: RecordId.optional() }),
  ServiceRx.omit({ authorId: true }).extend({ id: RecordId.optional() }),
]);
export type PrescriptionInput = z.input<typeof PrescriptionInput>;

/** A plan with what was prescribed and dispensed for it (the refill history). */
export const PlanWithHistory = z.object({
  plan: StoredPlan,
  refills: z.array(z.object({ id: RecordId, date: ClinicalDate, packs: z.number() })),
  lastPrescribed: ClinicalDate.nullable(),
});
export type PlanWithHistory = z.infer<typeof PlanWithHistory>;

/**
 * Therapy plans (terapie: chronic ones are "terapia continuativa") and prescriptions (ricette):
 * a medicine prescription is a refill of its plan; tests and specialist visits are coded with
 * the national outpatient catalogue. Every write carries the doctor at work as author and is
 * audited by ids only. Errors: NOT_FOUND (patient, plan), CONFLICT (version, a stopped plan).
 */
export const therapiesApi = {
  /** The plans, active first then by start (newest first), each with its refills. `status` filters. */
  'therapy.listPlans': defineMethod({
    input: z.object({ patientId: PatientId, status: z.array(z.enum(['active', 'suspended', 'completed'])).optional() }),
    output: z.object({ items: z.array(PlanWithHistory) }),
  }),

  /** Adds a plan or replaces one by id. */
  'therapy.upsertPlan': defineMethod({
    input: z.object({ patientId: PatientId, plan: TherapyPlanInput, version: z.number().int().optional() }),
    output: StoredPlan,
  }),

  /**
   * Stops (completed, with the end date, default today), suspends or resumes a plan. The plan
   * and its refills stay in the record.
   */
  'therapy.setPlanStatus': defineMethod({
    input: z.object({
      patientId: PatientId, planId: RecordId, status: z.enum(['active', 'suspended', 'completed']), date: ClinicalDate.optional(),
      version: z.number().int().optional(),
    }),
    output: StoredPlan,
  }),

  /** Prescriptions, newest first; by kind or plan. */
  'prescriptions.list': defineMethod({
    input: PageInput.extend({ patientId: PatientId, kind: z.enum(['medicine', 'test', 'visit']).optional(), planId: RecordId.optional() }),
    output: pageOf(StoredPrescription),
  }),

  /**
   * Writes a prescription. A medicine with `planId` is a refill of that (active) plan; with
   * `asChronicPlan` and no plan, a chronic plan is started from it (same medicine and posology)
   * and the prescription is its first refill. Same id again: the stored one is returned (a
   * retried save never prescribes twice).
   */
  'prescriptions.create': defineMethod({
    input: z.object({
      patientId: PatientId, prescription: PrescriptionInput, asChronicPlan: z.boolean().default(false),
      /** The form's draft (drafts.*) this save completes: removed in the same transaction. */
      completesDraft: z.boolean().default(false),
    }),
    output: z.object({ prescription: StoredPrescription, plan: StoredPlan.nullable() }),
  }),

  /**
   * "Ripeti": a refill of an active plan with the plan's medicine, posology and dosage, the
   * packs and exemption of its last refill (1 pack for the first), dated `date` (default today).
   */
  'prescriptions.repeatPlan': defineMethod({
    input: z.object({ patientId: PatientId, planId: RecordId, date: ClinicalDate.optional(), id: RecordId.optional() }),
    output: StoredPrescription,
  }),
};

import { z } from 'zod';
import { defineMethod } from './define.ts';
import { AllergyEntry, CareNetworkEntry, CarePlanEntry, ClinicalRecord, DeviceEntry, EncounterEntry, ExemptionEntry, FamilyMember, FunctionalStatusEntry, LabResultEntry, LifestyleEntry, MedicationEntry, NoAllergiesStatement, NoMedicationsStatement, NoProblemsStatement, OrganDonationStatement, PregnancyEntry, ProblemEntry, ProcedureEntry, VitalSignEntry } from '../domain/clinical-record.ts';
import { EntrySource } from '../domain/record/entry-base.ts';
import { VaccinationDecisionEntry, VaccinationEntry } from '../domain/record/vaccination-entries.ts';
import { PatientId } from '../domain/patient.ts';

/**
 * The coded clinical record behind the PSS, one entry at a time. Every entry is
 * validated with its section's schema on the way in (contract) and again on the way out of the
 * database (queries), so a stored entry always builds.
 */
export const ENTRY_SCHEMAS = {
  problems: ProblemEntry,
  allergies: AllergyEntry,
  medications: MedicationEntry,
  vaccinations: VaccinationEntry,
  vaccinationDecisions: VaccinationDecisionEntry,
  vitalSigns: VitalSignEntry,
  familyHistory: FamilyMember,
  lifestyle: LifestyleEntry,
  pregnancies: PregnancyEntry,
  devices: DeviceEntry,
  carePlans: CarePlanEntry,
  procedures: ProcedureEntry,
  encounters: EncounterEntry,
  functionalStatus: FunctionalStatusEntry,
  labResults: LabResultEntry,
  exemptions: ExemptionEntry,
  careNetworks: CareNetworkEntry,
} as const;
export type EntrySection = keyof typeof ENTRY_SCHEMAS;
export const EntrySectionName = z.enum(Object.keys(ENTRY_SCHEMAS) as [EntrySection, ...EntrySection[]]);

/** Single-valued parts of the record: absence statements and the organ-donation statement. */
export const STATEMENT_SCHEMAS = {
  noProblems: NoProblemsStatement,
  noAllergies: NoAllergiesStatement,
  noMedications: NoMedicationsStatement,
  organDonation: OrganDonationStatement,
} as const;
export type StatementKey = keyof typeof STATEMENT_SCHEMAS;

/** Per entry: when it was written and its optimistic-concurrency version. */
export const EntryMeta = z.object({
  section: z.string(),
  id: z.string(),
  source: EntrySource,
  updatedAt: z.string(),
  version: z.number().int(),
});
export type EntryMeta = z.infer<typeof EntryMeta>;

export const RecordView = z.object({
  patientId: PatientId,
  record: ClinicalRecord,
  meta: z.array(EntryMeta),
});
export type RecordView = z.infer<typeof RecordView>;

const upsert = <S extends EntrySection>(section: S) =>
  z.object({ patientId: PatientId, section: z.literal(section), entry: ENTRY_SCHEMAS[section], version: z.number().int().optional() });

export const UpsertEntryInput = z.discriminatedUnion('section', [
  upsert('problems'), upsert('allergies'), upsert('medications'), upsert('vaccinations'), upsert('vaccinationDecisions'), upsert('vitalSigns'),
  upsert('familyHistory'), upsert('lifestyle'), upsert('pregnancies'), upsert('devices'), upsert('carePlans'),
  upsert('procedures'), upsert('encounters'), upsert('functionalStatus'), upsert('labResults'), upsert('exemptions'),
  upsert('careNetworks'),
]);
export type UpsertEntryInput = z.infer<typeof UpsertEntryInput>;

export const SetStatementInput = z.discriminatedUnion('key', [
  z.object({ patientId: PatientId, key: z.literal('noProblems'), value: NoProblemsStatement.nullable() }),
  z.object({ patientId: PatientId, key: z.literal('noAllergies'), value: NoAllergiesStatement.nullable() }),
  z.object({ patientId: PatientId, key: z.literal('noMedications'), value: NoMedicationsStatement.nullable() }),
  z.object({ patientId: PatientId, key: z.literal('organDonation'), value: OrganDonationStatement.nullable() }),
]);
export type SetStatementInput = z.infer<typeof SetStatementInput>;

export const recordApi = {
  /** The patient's coded record (every section) with per-entry metadata. Errors: NOT_FOUND. */
  'record.get': defineMethod({ input: z.object({ patientId: PatientId }), output: RecordView }),

  /**
   * Adds or replaces one entry of a section (matched by entry id). `version`, when given,
   * guards against concurrent edits (CONFLICT). Audited by section and entry id only.
   */
  'record.upsertEntry': defineMethod({ input: UpsertEntryInput, output: RecordView }),

  /** Removes one entry. Errors: NOT_FOUND. */
  'record.removeEntry': defineMethod({
    input: z.object({ patientId: PatientId, section: EntrySectionName, entryId: z.string().min(1).max(64) }),
    output: RecordView,
  }),

  /** Sets or clears (null) an absence statement or the organ-donation statement. */
  'record.setStatement': defineMethod({ input: SetStatementInput, output: RecordView }),
};

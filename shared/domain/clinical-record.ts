import { z } from 'zod';
import { Patient } from './patient.ts';
import { ClinicalDate, Coded, EntryBase, EntrySource, precedes, RouteCode, text } from './record/entry-base.ts';
import { VaccinationDecisionEntry, VaccinationEntry } from './record/vaccination-entries.ts';
import { DOCUMENT_HEADER_FIELDS } from './document-header.ts';

/**
 * The coded clinical record behind the Profilo Sanitario Sintetico (PSS, LOINC 60591-5): one
 * array per PSS section of the HL7 Italia IG (section order and LOINC codes as in
 * schematron_PSS_v4.0), each entry coded with the vocabulary the schematron requires, plus the
 * header inputs of the document. The CDA and FHIR builders in shared/documents/ read only this.
 * The building blocks the entries share (dates, codes, id and source) are in
 * record/entry-base.ts, the vaccination entries in record/vaccination-entries.ts.
 */

// ---------------------------------------------------------------- problems (11450-4)

export const ProblemEntry = EntryBase.extend({
  /** ICD-9-CM diagnosis code (OID 2.16.840.1.113883.6.103). */
  diagnosis: Coded,
  status: z.enum(['active', 'resolved']),
  /** Chronicity (IG "Cronicità del problema", LOINC LA28752-6 / LA18821-1). */
  chronic: z.boolean(),
  onset: ClinicalDate.optional(),
  /** Required when status is 'resolved' (schematron b152: completed acts carry effectiveTime/high). */
  resolution: ClinicalDate.optional(),
  severity: z.enum(['L', 'M', 'H']).optional(),
});
export type ProblemEntry = z.infer<typeof ProblemEntry>;

/** Stated absence, IPS value sets (2.16.840.1.113883.11.22.17 / .9 / .15). */
export const NoProblemsStatement = z.enum(['no-known-problems', 'no-problem-info']);
export const NoAllergiesStatement = z.enum([
  'no-known-allergies',
  'no-allergy-info',
  'no-known-medication-allergies',
  'no-known-food-allergies',
  'no-known-environmental-allergies',
]);
export const NoMedicationsStatement = z.enum(['no-known-medications', 'no-medication-info']);

// ---------------------------------------------------------------- allergies (48765-2)

export const AllergyAgent = z.discriminatedUnion('kind', [
  /** Drug by active substance (ATC, 2.16.840.1.113883.6.73). */
  z.object({ kind: z.literal('atc'), code: text(10), display: text(300) }),
  /** Drug by product (AIC, 2.16.840.1.113883.2.9.6.1.5). */
  z.object({ kind: z.literal('aic'), code: z.string().regex(/^\d{9}$/), display: text(300) }),
  /** Non-drug allergen (value set 2.16.840.1.113883.2.9.77.22.11.2). */
  z.object({ kind: z.literal('substance'), code: text(20), display: text(300) }),
  /** Agent not known: code nullFlavor UNK (schematron b99). */
  z.object({ kind: z.literal('unknown') }),
]);
export type AllergyAgent = z.infer<typeof AllergyAgent>;

export const AllergyEntry = EntryBase.extend({
  /** ObservationIntoleranceType (2.16.840.1.113883.5.4): allergy/intolerance, to drug/food/environment. */
  type: z.enum(['ALG', 'OINT', 'DALG', 'DINT', 'FALG', 'FINT', 'EALG']),
  agent: AllergyAgent,
  /** Reaction as ICD-9-CM diagnosis (schematron b105 allows 6.103 or the PSS reaction value sets). */
  reaction: Coded.optional(),
  /** CDA criticality (ObservationValue L/M/H, 2.16.840.1.113883.5.1063). */
  criticality: z.enum(['L', 'M', 'H']).optional(),
  status: z.enum(['active', 'resolved']),
  onset: ClinicalDate.optional(),
  resolution: ClinicalDate.optional(),
});
export type AllergyEntry = z.infer<typeof AllergyEntry>;

// ---------------------------------------------------------------- therapies (10160-0)

export const MedicationEntry = EntryBase.extend({
  /** AIC product (9 digits); when present the ATC travels as its translation. */
  aic: z.object({ code: z.string().regex(/^\d{9}$/), display: text(300) }).optional(),
  atc: Coded,
  /** Dosage as the doctor writes it ("1 cp ore 8"): printed, and the FHIR dosage.text. */
  dosageText: text(300),
  dose: z.object({ value: z.number().positive(), unit: text(20) }).optional(),
  route: RouteCode,
  /** Administration period in hours (PIVL_TS period), e.g. 24 = once a day. */
  periodHours: z.number().positive().optional(),
  status: z.enum(['active', 'completed', 'suspended']),
  start: ClinicalDate.optional(),
  /** Required when completed (schematron b111). */
  end: ClinicalDate.optional(),
});
export type MedicationEntry = z.infer<typeof MedicationEntry>;

// ---------------------------------------------------------------- vital signs (8716-3)

export const VitalSignKind = z.enum(['weight', 'height', 'bmi', 'heart-rate', 'waist']);
export const VitalSignEntry = z.discriminatedUnion('kind', [
  EntryBase.extend({ kind: VitalSignKind, value: z.number().positive(), date: ClinicalDate }),
  EntryBase.extend({
    kind: z.literal('blood-pressure'),
    systolic: z.number().int().positive(),
    diastolic: z.number().int().positive(),
    date: ClinicalDate,
  }),
]);
export type VitalSignEntry = z.infer<typeof VitalSignEntry>;

// ---------------------------------------------------------------- family history (10157-6)

export const FamilyMember = EntryBase.extend({
  /** PersonalRelationshipRoleType (2.16.840.1.113883.5.111): FTH, MTH, BRO, SIS, … */
  relationship: z.enum(['FTH', 'MTH', 'BRO', 'SIS', 'GRFTH', 'GRMTH', 'UNCLE', 'AUNT', 'SON', 'DAU']),
  conditions: z
    .array(z.object({ diagnosis: Coded, onsetAge: z.number().int().min(0).max(130).optional() }))
    .min(1),
  /** Age at death, printed with the first condition (IG Età decesso, LOINC 39016-1). */
  deceasedAge: z.number().int().min(0).max(130).optional(),
});
export type FamilyMember = z.infer<typeof FamilyMember>;

// ---------------------------------------------------------------- lifestyle (29762-2)

export const LifestyleEntry = EntryBase.extend({
  kind: z.enum(['smoking', 'alcohol', 'physical-activity', 'diet', 'occupation']),
  /** smoking: 'current' | 'former' | 'never'; alcohol: drinks/day; others: free text. */
  smoking: z.enum(['current', 'former', 'never']).optional(),
  drinksPerDay: z.number().min(0).max(50).optional(),
  text: z.string().trim().max(300).optional(),
  date: ClinicalDate.optional(),
});
export type LifestyleEntry = z.infer<typeof LifestyleEntry>;

// ---------------------------------------------------------------- pregnancies (10162-6)

export const PregnancyEntry = EntryBase.extend({
  /** PregnancyObservation_PSSIT (LOINC): counts or dates. */
  kind: z.enum(['pregnancies', 'live-births', 'spontaneous-abortions', 'last-menstrual-period', 'expected-delivery']),
  count: z.number().int().min(0).max(30).optional(),
  date: ClinicalDate.optional(),
});
export type PregnancyEntry = z.infer<typeof PregnancyEntry>;

// ---------------------------------------------------------------- implants and devices (46264-8)

export const DeviceEntry = EntryBase.extend({
  /** CND, Classificazione Nazionale dei Dispositivi medici (2.16.840.1.113883.2.9.6.1.48). */
  cnd: Coded,
  date: ClinicalDate.optional(),
});
export type DeviceEntry = z.infer<typeof DeviceEntry>;

// ---------------------------------------------------------------- care plans (18776-5)

export const CarePlanEntry = z.discriminatedUnion('kind', [
  /** A requested exam (LOINC). */
  EntryBase.extend({ kind: z.literal('exam'), loinc: Coded, date: ClinicalDate }),
  /** A planned therapy or vaccination. */
  EntryBase.extend({ kind: z.literal('therapy'), atc: Coded, start: ClinicalDate, end: ClinicalDate.optional() }),
  /** A planned procedure (ICD-9-CM procedure). */
  EntryBase.extend({ kind: z.literal('procedure'), procedure: Coded, date: ClinicalDate }),
  /** A planned visit or admission (EncounterCode_PSSIT 2.16.840.1.113883.2.9.77.22.11.14). */
  EntryBase.extend({ kind: z.literal('visit'), encounterType: Coded, date: ClinicalDate }),
  /** Anything else (free text, e.g. a lifestyle programme). */
  EntryBase.extend({ kind: z.literal('other'), description: text(300), date: ClinicalDate }),
]);
export type CarePlanEntry = z.infer<typeof CarePlanEntry>;

// ---------------------------------------------------------------- procedures (47519-4)

export const ProcedureEntry = EntryBase.extend({
  /** ICD-9-CM procedure code (two digits before the dot). */
  procedure: Coded,
  start: ClinicalDate,
  end: ClinicalDate.optional(),
  /** The diagnosis that motivated it (ICD-9-CM). */
  reason: Coded.optional(),
});
export type ProcedureEntry = z.infer<typeof ProcedureEntry>;

// ---------------------------------------------------------------- visits and hospitalisations (46240-8)

export const EncounterEntry = EntryBase.extend({
  /** EncounterCode_PSSIT (2.16.840.1.113883.2.9.77.22.11.14): IMP ricovero, AMB, EMER, … */
  encounterType: Coded,
  start: ClinicalDate,
  end: ClinicalDate.optional(),
  /** Where (hospital, ward): printed. */
  facility: z.string().trim().max(200).optional(),
  dischargeDiagnosis: Coded.optional(),
});
export type EncounterEntry = z.infer<typeof EncounterEntry>;

// ---------------------------------------------------------------- functional status (47420-5)

export const FunctionalStatusEntry = EntryBase.extend({
  /** Capacità motoria (value set 2.16.840.1.113883.2.9.77.22.11.15). */
  motorCapacity: z.enum(['LA21285-4', 'LA21286-5', 'LA4270-0', 'LA6743-4']).optional(),
  /** Regime di assistenza (2.16.840.1.113883.2.9.5.2.8): ADI or ADP. */
  careRegime: z.enum(['PSSADI', 'PSSADP']).optional(),
  /** Mental status as ICD-9-CM. */
  mentalStatus: Coded.optional(),
  date: ClinicalDate,
}).refine((f) => f.motorCapacity || f.careRegime || f.mentalStatus, {
  // An empty assessment would be an organizer without components (CDA requires ≥ 1).
  message: 'indicare almeno capacità motoria, regime di assistenza o stato mentale',
  path: ['motorCapacity'],
});
export type FunctionalStatusEntry = z.infer<typeof FunctionalStatusEntry>;

// ---------------------------------------------------------------- diagnostic results (30954-2)

export const LabResultEntry = EntryBase.extend({
  /** LOINC code of the test. */
  loinc: Coded,
  value: z.number(),
  unit: text(20),
  referenceLow: z.number().optional(),
  referenceHigh: z.number().optional(),
  interpretation: z.enum(['N', 'H', 'L', 'A']).optional(),
  date: ClinicalDate,
});
export type LabResultEntry = z.infer<typeof LabResultEntry>;

// ---------------------------------------------------------------- organ donation (42348-3)

export const OrganDonationStatement = z.object({
  choice: z.enum(['consent', 'dissent', 'not-expressed']),
  date: ClinicalDate.optional(),
  source: EntrySource,
  note: z.string().trim().max(1000).optional(),
});
export type OrganDonationStatement = z.infer<typeof OrganDonationStatement>;

// ---------------------------------------------------------------- exemptions (57827-8)

export const ExemptionEntry = EntryBase.extend({
  /** Catalogo nazionale esenzioni (2.16.840.1.113883.2.9.6.1.22) or a regional catalogue. */
  exemption: Coded,
  codeSystem: z.string().regex(/^\d+(\.\d+)+$/).default('2.16.840.1.113883.2.9.6.1.22'),
  status: z.enum(['active', 'completed']),
  start: ClinicalDate.optional(),
  end: ClinicalDate.optional(),
});
export type ExemptionEntry = z.infer<typeof ExemptionEntry>;

// ---------------------------------------------------------------- networks of care (PSSIT99)

export const CareNetworkEntry = EntryBase.extend({
  network: Coded,
  /** Regional catalogue of the networks (the IG example uses Lombardy's). */
  codeSystem: z.string().regex(/^\d+(\.\d+)+$/),
  status: z.enum(['active', 'completed']),
  start: ClinicalDate.optional(),
  end: ClinicalDate.optional(),
});
export type CareNetworkEntry = z.infer<typeof CareNetworkEntry>;

// ---------------------------------------------------------------- the record

export const ClinicalRecord = z.object({
  problems: z.array(ProblemEntry),
  /** Used when `problems` is empty (the section is mandatory: schematron b10/b13). */
  noProblems: NoProblemsStatement.optional(),
  allergies: z.array(AllergyEntry),
  noAllergies: NoAllergiesStatement.optional(),
  medications: z.array(MedicationEntry),
  noMedications: NoMedicationsStatement.optional(),
  vaccinations: z.array(VaccinationEntry),
  /** Refusals, exemptions, postponements: not in the PSS (the vaccination documents carry them). */
  vaccinationDecisions: z.array(VaccinationDecisionEntry).optional(),
  vitalSigns: z.array(VitalSignEntry),
  familyHistory: z.array(FamilyMember),
  lifestyle: z.array(LifestyleEntry),
  pregnancies: z.array(PregnancyEntry),
  devices: z.array(DeviceEntry),
  carePlans: z.array(CarePlanEntry),
  procedures: z.array(ProcedureEntry),
  encounters: z.array(EncounterEntry),
  functionalStatus: z.array(FunctionalStatusEntry),
  labResults: z.array(LabResultEntry),
  organDonation: OrganDonationStatement.optional(),
  exemptions: z.array(ExemptionEntry),
  careNetworks: z.array(CareNetworkEntry),
});
export type ClinicalRecord = z.infer<typeof ClinicalRecord>;

export function emptyClinicalRecord(): ClinicalRecord {
  return {
    problems: [], allergies: [], medications: [], vaccinations: [], vitalSigns: [], familyHistory: [],
    lifestyle: [], pregnancies: [], devices: [], carePlans: [], procedures: [], encounters: [],
    functionalStatus: [], labResults: [], exemptions: [], careNetworks: [],
  };
}

/**
 * The part of the record a PSS carries: without the vaccination decisions (the vaccination
 * documents carry them), so a PSS snapshot compares equal whether or not decisions exist.
 */
export function pssPart(r: ClinicalRecord): ClinicalRecord {
  if (!('vaccinationDecisions' in r)) return r;
  const { vaccinationDecisions: _decisions, ...rest } = r;
  return rest;
}

// ---------------------------------------------------------------- the PSS input

/**
 * End dates before start dates, which the schematron rejects (ERROR-57: high ≥ low), reported
 * on the field they concern so the editor can show them there.
 */
export function periodIssues(r: ClinicalRecord): Array<{ path: Array<string | number>; message: string }> {
  const out: Array<{ path: Array<string | number>; message: string }> = [];
  const check = (section: string, i: number, startKey: string, start: string | undefined, endKey: string, end: string | undefined): void => {
    if (start && end && precedes(end, start)) out.push({ path: [section, i, endKey], message: `la data di fine precede quella di inizio (${startKey})` });
  };
  r.problems.forEach((e, i) => check('problems', i, 'onset', e.onset, 'resolution', e.resolution));
  r.allergies.forEach((e, i) => check('allergies', i, 'onset', e.onset, 'resolution', e.resolution));
  r.medications.forEach((e, i) => check('medications', i, 'start', e.start, 'end', e.end));
  r.procedures.forEach((e, i) => check('procedures', i, 'start', e.start, 'end', e.end));
  r.encounters.forEach((e, i) => check('encounters', i, 'start', e.start, 'end', e.end));
  r.exemptions.forEach((e, i) => check('exemptions', i, 'start', e.start, 'end', e.end));
  r.careNetworks.forEach((e, i) => check('careNetworks', i, 'start', e.start, 'end', e.end));
  r.carePlans.forEach((e, i) => { if (e.kind === 'therapy') check('carePlans', i, 'start', e.start, 'end', e.end); });
  return out;
}

export const PssInput = z
  .object({
    patient: Patient,
    ...DOCUMENT_HEADER_FIELDS,
    record: ClinicalRecord,
  })
  .superRefine((v, ctx) => {
    if (!v.author.phone && !v.author.email) {
      ctx.addIssue({ code: 'custom', path: ['author', 'phone'], message: 'serve almeno un recapito del medico (schematron ERRORE-40)' });
    }
    if (v.patient.identifierKind !== 'CF') {
      // ERRORE-10a: the PSS schematron accepts only CF, ANA or ANPR as the patient's id.
      ctx.addIssue({ code: 'custom', path: ['patient', 'identifierKind'], message: 'il PSS richiede il codice fiscale del paziente (schematron ERRORE-10a)' });
    }
    for (const issue of periodIssues(v.record)) ctx.addIssue({ code: 'custom', path: ['record', ...issue.path], message: issue.message });
    if (v.version.versionNumber === 1 && v.version.setId !== v.version.documentId) {
      ctx.addIssue({ code: 'custom', path: ['version', 'setId'], message: 'alla versione 1 setId = id (schematron ERRORE-8)' });
    }
    if (v.version.versionNumber > 1) {
      if (!v.version.replacesDocumentId) {
        ctx.addIssue({ code: 'custom', path: ['version', 'replacesDocumentId'], message: 'serve il documento sostituito (RPLC, ERRORE-9)' });
      }
      if (v.version.setId === v.version.documentId) {
        ctx.addIssue({ code: 'custom', path: ['version', 'documentId'], message: 'id diverso dal setId dopo la versione 1 (ERRORE-8)' });
      }
    }
  });
export type PssInput = z.infer<typeof PssInput>;

import { z } from 'zod';
import { DOCUMENT_HEADER_FIELDS } from './document-header.ts';
import { ClinicalDate, precedes } from './record/entry-base.ts';
import { Guardian, Patient, type GuardianRelation } from './patient.ts';

/**
 * What the two vaccination documents of the FSE are built from (PAEDIATRICS.md §1): the
 * "Scheda singola vaccinazione" (one administration or one decision, LOINC 87273-9,
 * schematron_singola_VACC_v3.3) and the "Certificato vaccinale" (the whole history, LOINC
 * 82593-5, schematron_certificato_VACC_v2.4). The header parties are those of the PSS
 * (PssInput); the body is the child's administrations and decisions (refusal, exemption,
 * postponement) as the vaccination record keeps them.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const Id = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'identificativo voce');
const CodiceFiscale = z.string().regex(/^[A-Z0-9]{16}$/, 'codice fiscale');

/**
 * The parent or tutor of a minor (CDA patient/guardian, allowed by both schematrons) is the
 * registry's guardian of the patient (one type, shared/domain/patient.ts): relation as HL7
 * RoleCode (2.16.840.1.113883.5.111) MTH madre, FTH padre, GUARD tutore legale.
 */
export { Guardian, GuardianRelation } from './patient.ts';
export const GUARDIAN_RELATION_LABEL: Record<GuardianRelation, string> = { MTH: 'Madre', FTH: 'Padre', GUARD: 'Tutore' };

/** The vaccine: ATC J07 always; the AIC package (OID 2.16.840.1.113883.2.9.6.1.5) when known. */
export const VaccineProduct = z.object({
  atc: z.object({ code: z.string().regex(/^J07[A-Z0-9]{0,4}$/, 'codice ATC J07'), display: text(300) }),
  aic: z.object({ code: z.string().regex(/^\d{9}$/, 'codice AIC a 9 cifre'), display: text(300) }).optional(),
  manufacturer: text(200).optional(),
});
export type VaccineProduct = z.infer<typeof VaccineProduct>;

/** A target disease from the antigen list (OID 2.16.840.1.113883.2.9.6.1.56.4, two digits). */
export const TargetDisease = z.object({ code: z.string().regex(/^\d{2}$/), display: text(200) });
export type TargetDisease = z.infer<typeof TargetDisease>;

/** Routes used for vaccines (HL7 RouteOfAdministration 2.16.840.1.113883.5.112). */
export const VaccineRoute = z.enum(['IM', 'SQ', 'IDINJ', 'PO', 'NASINHL']);
export type VaccineRoute = z.infer<typeof VaccineRoute>;
export const VACCINE_ROUTE_LABEL: Record<VaccineRoute, { it: string; hl7: string }> = {
  IM: { it: 'Intramuscolare', hl7: 'Injection, intramuscular' },
  SQ: { it: 'Sottocutanea', hl7: 'Injection, subcutaneous' },
  IDINJ: { it: 'Intradermica', hl7: 'Injection, intradermal' },
  PO: { it: 'Orale', hl7: 'Swallow, oral' },
  NASINHL: { it: 'Nasale', hl7: 'Inhalation, nasal' },
};

/**
 * Sites (HL7 ActSite 2.16.840.1.113883.5.1052) a paediatric vaccination uses: injection sites and
 * both nares for the nasal influenza vaccine. The table has no code for the mouth, so an oral
 * vaccine (rotavirus) has no site and its scheda singola keeps warning W004.
 */
export const VaccineSite = z.enum(['LD', 'RD', 'LA', 'RA', 'LVL', 'RVL', 'LT', 'RT', 'BN']);
export type VaccineSite = z.infer<typeof VaccineSite>;
export const VACCINE_SITE_LABEL: Record<VaccineSite, { it: string; hl7: string }> = {
  LD: { it: 'Deltoide sinistro', hl7: 'left deltoid' },
  RD: { it: 'Deltoide destro', hl7: 'right deltoid' },
  LA: { it: 'Braccio sinistro', hl7: 'left arm' },
  RA: { it: 'Braccio destro', hl7: 'right arm' },
  LVL: { it: 'Vasto laterale sinistro', hl7: 'left vastus lateralis' },
  RVL: { it: 'Vasto laterale destro', hl7: 'right vastus lateralis' },
  LT: { it: 'Coscia sinistra', hl7: 'left thigh' },
  RT: { it: 'Coscia destra', hl7: 'right thigh' },
  BN: { it: 'Entrambe le narici', hl7: 'bilateral nares' },
};

/** Where it was given: the facility (participant LOC); id under an OID when it has one (HSP.11, STS.11). */
export const VaccinationPlace = z.object({
  name: text(200),
  id: text(40).optional(),
  idRoot: z.string().regex(/^[0-2](\.(0|[1-9]\d*))+$/, 'OID').optional(),
});

/** Who gave it (substanceAdministration/performer): the name as written (and role), the CF when known. */
export const VaccinationPerformer = z.object({
  name: text(200),
  codiceFiscale: CodiceFiscale.optional(),
});

const Coded = z.object({ code: text(40), display: text(300) });

export const VaccineAdministration = z.object({
  id: Id,
  vaccine: VaccineProduct,
  doseNumber: z.number().int().positive().optional(),
  /** Possibly partial (yyyy-mm from an old booklet): CDA TS truncates the same way. */
  date: ClinicalDate,
  lot: z.string().trim().min(1).max(40).optional(),
  site: VaccineSite.optional(),
  route: VaccineRoute.optional(),
  /** Volume given, in mL (doseQuantity; its absence is warning W005 of the scheda singola). */
  doseMl: z.number().positive().max(10).optional(),
  place: VaccinationPlace.optional(),
  performer: VaccinationPerformer.optional(),
  /** From the record, else from the vaccine's ATC (resources/vaccination/vaccines.json). */
  targetDiseases: z.array(TargetDisease).max(20).default([]),
  /** Next dose due (LOINC 30980-7) and end of coverage (59778-1). */
  nextDue: ClinicalDate.optional(),
  coveredUntil: ClinicalDate.optional(),
  /** Risk category (OID 2.16.840.1.113883.2.9.6.1.56.2). */
  riskCategory: Coded.optional(),
  /** Adverse reaction, ICD-9-CM. */
  adverseReaction: Coded.extend({ onset: ClinicalDate.optional() }).optional(),
});
export type VaccineAdministration = z.infer<typeof VaccineAdministration>;

/** HL7 ActNoImmunizationReason (ActReason 2.16.840.1.113883.5.8), the IG's reason vocabulary. */
export const NoImmunizationReason = z.enum(['IMMUNE', 'MEDPREC', 'OSTOCK', 'PATOBJ', 'PHILISOP', 'RELIG', 'VACEFF', 'VACSAF']);
export type NoImmunizationReason = z.infer<typeof NoImmunizationReason>;
export const NO_IMMUNIZATION_REASON_LABEL: Record<NoImmunizationReason, { it: string; hl7: string }> = {
  IMMUNE: { it: 'Immunità presunta o documentata', hl7: 'immunity' },
  MEDPREC: { it: 'Controindicazione medica', hl7: 'medical precaution' },
  OSTOCK: { it: 'Vaccino non disponibile', hl7: 'product out of stock' },
  PATOBJ: { it: 'Dissenso del genitore/tutore', hl7: 'patient objection' },
  PHILISOP: { it: 'Obiezione per convinzioni personali', hl7: 'philosophical objection' },
  RELIG: { it: 'Obiezione per motivi religiosi', hl7: 'religious objection' },
  VACEFF: { it: 'Dubbi sull\'efficacia del vaccino', hl7: 'vaccine efficacy concerns' },
  VACSAF: { it: 'Dubbi sulla sicurezza del vaccino', hl7: 'vaccine safety concerns' },
};

export const VaccinationDecisionKind = z.enum(['refusal', 'exemption', 'postponement']);
export type VaccinationDecisionKind = z.infer<typeof VaccinationDecisionKind>;
export const DECISION_KIND_LABEL: Record<VaccinationDecisionKind, string> = {
  refusal: 'Rifiuto',
  exemption: 'Esonero',
  postponement: 'Differimento',
};

/** A vaccination not given: refusal (dissenso), exemption (esonero), postponement (differimento). */
export const VaccinationDecision = z.object({
  id: Id,
  kind: VaccinationDecisionKind,
  vaccine: VaccineProduct,
  doseNumber: z.number().int().positive().optional(),
  date: ClinicalDate,
  /** Postponement: the date the dose is due again (required); exemption: its end, when temporary. */
  until: ClinicalDate.optional(),
  /** The coded reason, when the doctor chose one; the reason observation then carries it as value. */
  reason: NoImmunizationReason.optional(),
  /** The clinical condition behind it (ICD-9-CM), e.g. an allergy to a vaccine component. */
  condition: Coded.optional(),
  /** The reason as written (the record's text), printed in the scheda singola only. */
  reasonText: z.string().trim().max(500).optional(),
  targetDiseases: z.array(TargetDisease).max(20).default([]),
  /** Exemption for immunity: the diseases with presumed immunity (template 11.4.7). */
  presumedImmunity: z.array(TargetDisease).default([]),
});
export type VaccinationDecision = z.infer<typeof VaccinationDecision>;

/** The fields of VaccDocInput, for inputs that add to it (SingVaccInput). */
export const VaccDocFields = z.object({
  patient: Patient,
  guardian: Guardian.optional(),
  ...DOCUMENT_HEADER_FIELDS,
  administrations: z.array(VaccineAdministration),
  decisions: z.array(VaccinationDecision).default([]),
});

/** What the schematrons and the record's sense reject, reported on the field it concerns. */
export function vaccDocIssues(v: z.infer<typeof VaccDocFields>, ctx: z.RefinementCtx): void {
  if (!v.author.phone && !v.author.email) {
    ctx.addIssue({ code: 'custom', path: ['author', 'phone'], message: 'serve almeno un recapito del medico' });
  }
  if (v.patient.identifierKind === 'TEAM') {
    // ERRORE-11b: a TEAM patient needs two ids (card 4.3.7 and personal number 4.3.3); the record keeps one.
    ctx.addIssue({ code: 'custom', path: ['patient', 'identifierKind'], message: 'per la tessera TEAM servono numero della tessera e numero personale (schematron ERRORE-11b)' });
  }
  if (v.version.versionNumber === 1 && v.version.setId !== v.version.documentId) {
    ctx.addIssue({ code: 'custom', path: ['version', 'setId'], message: 'alla versione 1 setId = id (schematron ERRORE-8)' });
  }
  if (v.version.versionNumber > 1) {
    if (!v.version.replacesDocumentId) ctx.addIssue({ code: 'custom', path: ['version', 'replacesDocumentId'], message: 'serve il documento sostituito (RPLC, ERRORE-9)' });
    if (v.version.setId === v.version.documentId) ctx.addIssue({ code: 'custom', path: ['version', 'documentId'], message: 'id diverso dal setId dopo la versione 1 (ERRORE-8)' });
  }
  const ids = new Set<string>();
  [...v.administrations, ...v.decisions].forEach((e, i) => {
    if (ids.has(e.id)) ctx.addIssue({ code: 'custom', path: [i < v.administrations.length ? 'administrations' : 'decisions', i < v.administrations.length ? i : i - v.administrations.length, 'id'], message: 'identificativo ripetuto' });
    ids.add(e.id);
  });
  v.administrations.forEach((a, i) => {
    if (precedes(v.effectiveTime.slice(0, 10), a.date)) ctx.addIssue({ code: 'custom', path: ['administrations', i, 'date'], message: 'vaccinazione con data futura' });
    if (precedes(a.date, v.patient.birthDate)) ctx.addIssue({ code: 'custom', path: ['administrations', i, 'date'], message: 'vaccinazione prima della nascita' });
    if (a.coveredUntil && precedes(a.coveredUntil, a.date)) ctx.addIssue({ code: 'custom', path: ['administrations', i, 'coveredUntil'], message: 'la copertura finisce prima della somministrazione' });
  });
  v.decisions.forEach((d, i) => {
    if (!d.reason && !d.reasonText) ctx.addIssue({ code: 'custom', path: ['decisions', i, 'reason'], message: 'indicare il motivo' });
    if (d.kind === 'postponement' && !d.until) ctx.addIssue({ code: 'custom', path: ['decisions', i, 'until'], message: 'il differimento ha una data di fine' });
    // ERRORE-40: effectiveTime high ≥ low.
    if (d.until && precedes(d.until, d.date)) ctx.addIssue({ code: 'custom', path: ['decisions', i, 'until'], message: 'la data di fine precede quella della decisione' });
    if (d.presumedImmunity.length > 0 && d.kind !== 'exemption') ctx.addIssue({ code: 'custom', path: ['decisions', i, 'presumedImmunity'], message: 'l\'immunità presunta riguarda solo l\'esonero' });
  });
}

export const VaccDocInput = VaccDocFields.superRefine(vaccDocIssues);
export type VaccDocInput = z.infer<typeof VaccDocInput>;

/**
 * The scheda singola's input: the record plus the administration or decision it is about
 * (its id). A dose given needs its AIC package (schematron_singola_VACC_v3.3 ERRORE-b12).
 */
export const SingVaccInput = VaccDocFields.extend({ entryId: Id }).superRefine((v, ctx) => {
  vaccDocIssues(v, ctx);
  const a = v.administrations.find((x) => x.id === v.entryId);
  if (!a && !v.decisions.some((x) => x.id === v.entryId)) ctx.addIssue({ code: 'custom', path: ['entryId'], message: 'vaccinazione non presente nel libretto' });
  if (a && !a.vaccine.aic) ctx.addIssue({ code: 'custom', path: ['entryId'], message: 'la scheda singola richiede il codice AIC della confezione somministrata (schematron ERRORE-b12)' });
});
export type SingVaccInput = z.infer<typeof SingVaccInput>;


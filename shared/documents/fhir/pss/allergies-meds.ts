/**
 * AllergyIntolerance (48765-2), MedicationStatement + Medication (10160-0) and Immunization
 * (11369-6), shaped as in the ministry PSS mapping (fse-gateway-examples/PSS.json): the agent in
 * reaction.substance, AIC and ATC codings on the product, notes carrying the narrative.
 */
import { ENTRY_SOURCE_LABEL } from '../../../domain/record/entry-base.ts';
import type { AllergyEntry, ClinicalRecord, MedicationEntry } from '../../../domain/clinical-record.ts';
import { SYS, cc, clean, coding, entryIdentifier, notes, ref, rid, type FhirContext } from './common.ts';
import type { SectionResources } from './section-result.ts';
import type { CodeableConcept, FhirResource } from './types.ts';

const ALLERGY_TYPE: Record<AllergyEntry['type'], { type: 'allergy' | 'intolerance'; category?: string; display: string }> = {
  ALG: { type: 'allergy', display: 'Allergy' },
  OINT: { type: 'intolerance', display: 'Intolerance' },
  DALG: { type: 'allergy', category: 'medication', display: 'Drug Allergy' },
  DINT: { type: 'intolerance', category: 'medication', display: 'Drug Intolerance' },
  FALG: { type: 'allergy', category: 'food', display: 'Food Allergy' },
  FINT: { type: 'intolerance', category: 'food', display: 'Food Intolerance' },
  EALG: { type: 'allergy', category: 'environment', display: 'Environmental Allergy' },
};

function agent(a: AllergyEntry['agent']): CodeableConcept | undefined {
  switch (a.kind) {
    case 'atc': return cc(SYS.ATC, a.code, a.display);
    case 'aic': return cc(SYS.AIC, a.code, a.display);
    case 'substance': return cc(SYS.ALLERGENS, a.code, a.display);
    case 'unknown': return undefined;
  }
}

export function allergyResources(ctx: FhirContext, r: ClinicalRecord): SectionResources {
  if (r.allergies.length === 0) {
    const known = (r.noAllergies ?? 'no-allergy-info') !== 'no-allergy-info';
    return { key: 'allergies', resources: [], entries: [], emptyReason: known ? { code: 'nilknown', display: 'Nil Known' } : { code: 'unavailable', display: 'Unavailable' } };
  }
  const list = r.allergies.map((a): FhirResource => {
    const t = ALLERGY_TYPE[a.type];
    const substance = agent(a.agent);
    return clean({
      resourceType: 'AllergyIntolerance',
      id: rid(ctx, `allergy|${a.id}`),
      identifier: entryIdentifier(ctx, a.id),
      clinicalStatus: cc(SYS.ALLERGY_CLINICAL, a.status === 'active' ? 'active' : 'resolved'),
      verificationStatus: cc(SYS.ALLERGY_VER, 'confirmed'),
      type: t.type,
      category: t.category ? [t.category] : undefined,
      // FHIR has only low/high: the CDA "moderate" maps to low, as in the ministry output.
      criticality: a.criticality ? (a.criticality === 'H' ? 'high' : 'low') : undefined,
      code: substance ?? cc(SYS.ACT_CODE, a.type, t.display),
      patient: ctx.patientRef,
      onsetDateTime: a.onset,
      lastOccurrence: a.status === 'resolved' ? (a.resolution ?? ctx.today) : undefined,
      note: notes(ENTRY_SOURCE_LABEL[a.source], a.note),
      reaction: a.reaction || substance
        ? [clean({
            substance,
            manifestation: [a.reaction ? cc(SYS.ICD9, a.reaction.code, a.reaction.display) : { text: 'Reazione non specificata' }],
            onset: a.onset,
          })]
        : undefined,
    });
  });
  return { key: 'allergies', resources: list, entries: list };
}

function medication(ctx: FhirContext, key: string, atc: { code: string; display: string }, aic: { code: string; display: string } | undefined): FhirResource {
  return {
    resourceType: 'Medication',
    id: rid(ctx, `medication|${key}`),
    code: { coding: [...(aic ? [coding(SYS.AIC, aic.code, aic.display)] : []), coding(SYS.ATC, atc.code, atc.display)] },
  };
}

const MED_STATUS: Record<MedicationEntry['status'], string> = { active: 'active', completed: 'completed', suspended: 'on-hold' };

export function medicationResources(ctx: FhirContext, r: ClinicalRecord): SectionResources {
  if (r.medications.length === 0) {
    const known = (r.noMedications ?? 'no-medication-info') === 'no-known-medications';
    return { key: 'medications', resources: [], entries: [], emptyReason: known ? { code: 'nilknown', display: 'Nil Known' } : { code: 'unavailable', display: 'Unavailable' } };
  }
  const resources: FhirResource[] = [];
  const entries: FhirResource[] = [];
  for (const m of r.medications) {
    const med = medication(ctx, m.id, m.atc, m.aic);
    const end = m.status === 'completed' ? (m.end ?? ctx.today) : undefined;
    const st = clean({
      resourceType: 'MedicationStatement',
      id: rid(ctx, `medstatement|${m.id}`),
      identifier: entryIdentifier(ctx, m.id),
      status: MED_STATUS[m.status],
      medicationReference: ref(med),
      subject: ctx.patientRef,
      effectivePeriod: m.start || end ? clean({ start: m.start, end }) : undefined,
      note: notes(ENTRY_SOURCE_LABEL[m.source], m.note),
      dosage: [clean({
        text: m.dosageText,
        timing: m.periodHours ? { repeat: { frequency: 1, period: m.periodHours, periodUnit: 'h' } } : undefined,
        route: cc(SYS.ROUTE, m.route),
        doseAndRate: m.dose ? [{ doseQuantity: { value: m.dose.value, unit: m.dose.unit } }] : undefined,
      })],
    });
    resources.push(med, st);
    entries.push(st);
  }
  return { key: 'medications', resources, entries };
}

export function immunizationResources(ctx: FhirContext, r: ClinicalRecord): SectionResources {
  const resources: FhirResource[] = [];
  const entries: FhirResource[] = [];
  for (const v of r.vaccinations) {
    const reaction = v.adverseReaction
      ? clean({
          resourceType: 'Observation',
          id: rid(ctx, `vacreaction|${v.id}`),
          status: 'final',
          code: cc(SYS.LOINC, '75321-0', 'Obiettività Clinica'),
          subject: ctx.patientRef,
          effectiveDateTime: v.date,
          valueCodeableConcept: cc(SYS.ICD9, v.adverseReaction.code, v.adverseReaction.display),
        })
      : undefined;
    const imm = clean({
      resourceType: 'Immunization',
      id: rid(ctx, `immunization|${v.id}`),
      identifier: entryIdentifier(ctx, v.id),
      status: 'completed',
      vaccineCode: { coding: [...(v.aic ? [coding(SYS.AIC, v.aic.code, v.aic.display)] : []), coding(SYS.ATC, v.atc.code, v.atc.display)] },
      patient: ctx.patientRef,
      occurrenceDateTime: v.date,
      lotNumber: v.lot,
      expirationDate: v.coveredUntil,
      route: v.route ? cc(SYS.ROUTE, v.route) : undefined,
      note: notes(ENTRY_SOURCE_LABEL[v.source], v.note),
      reaction: reaction ? [{ date: v.date, detail: ref(reaction) }] : undefined,
      protocolApplied: v.doseNumber !== undefined ? [{ doseNumberPositiveInt: v.doseNumber }] : undefined,
    });
    if (reaction) resources.push(reaction);
    resources.push(imm);
    entries.push(imm);
  }
  return { key: 'vaccinations', resources, entries };
}

/**
 * Observation-based sections: lifestyle (29762-2), pregnancies (10162-6), vital signs (8716-3),
 * functional status (47420-5, an Observation with hasMember as in the ministry output), results
 * (30954-2, DiagnosticReport + Observations) and the organ-donation statement (42348-3).
 * Codes are those of the CDA entries (see shared/documents/cda/pss/sections/).
 */
import { ENTRY_SOURCE_LABEL } from '../../../domain/record/entry-base.ts';
import type { ClinicalRecord } from '../../../domain/clinical-record.ts';
import { DONATION_LABEL } from '../../cda/pss/sections/organ-donation.ts';
import { LIFESTYLE, SMOKING, lifestyleValueText } from '../../cda/pss/sections/lifestyle.ts';
import { PREGNANCY } from '../../cda/pss/sections/pregnancies.ts';
import { VITAL } from '../../cda/pss/sections/vital-signs.ts';
import { MOTOR, REGIME } from '../../cda/pss/sections/functional-status.ts';
import { SYS, cc, clean, entryIdentifier, notes, ref, rid, type FhirContext } from './common.ts';
import { sectionOf, type SectionResources } from './section-result.ts';
import type { CodeableConcept, FhirResource } from './types.ts';

function category(code: string, display: string): CodeableConcept[] {
  return [cc(SYS.OBS_CATEGORY, code, display)];
}

export function lifestyleResources(ctx: FhirContext, r: ClinicalRecord): SectionResources {
  return sectionOf('lifestyle', r.lifestyle.map((e): FhirResource => {
    const k = LIFESTYLE[e.kind];
    const value = e.kind === 'smoking' && e.smoking
      ? { valueCodeableConcept: cc(SYS.SNOMED, SMOKING[e.smoking].code, SMOKING[e.smoking].display) }
      : e.kind === 'alcohol' && e.drinksPerDay !== undefined
        ? { valueQuantity: { value: e.drinksPerDay, unit: '{drink}/d', system: SYS.UCUM, code: '{drink}/d' } }
        : { valueString: lifestyleValueText(e) || 'non specificato' };
    return clean({
      resourceType: 'Observation', id: rid(ctx, `lifestyle|${e.id}`), identifier: entryIdentifier(ctx, e.id), status: 'final',
      category: category('social-history', 'Social History'), code: cc(SYS.LOINC, k.code, k.display), subject: ctx.patientRef,
      effectiveDateTime: e.date, ...value, note: notes(ENTRY_SOURCE_LABEL[e.source], e.note),
    });
  }));
}

export function pregnancyResources(ctx: FhirContext, r: ClinicalRecord): SectionResources {
  return sectionOf('pregnancies', r.pregnancies.map((p): FhirResource => clean({
    resourceType: 'Observation', id: rid(ctx, `pregnancy|${p.id}`), identifier: entryIdentifier(ctx, p.id), status: 'final',
    code: cc(SYS.LOINC, PREGNANCY[p.kind].code, PREGNANCY[p.kind].display), subject: ctx.patientRef,
    valueInteger: p.count, valueDateTime: p.count === undefined ? p.date : undefined,
    note: notes(ENTRY_SOURCE_LABEL[p.source], p.note),
  })));
}

function quantity(value: number, unit: string): Record<string, unknown> {
  return { value, unit: unit === 'mm[Hg]' ? 'mmHg' : unit, system: SYS.UCUM, code: unit };
}

export function vitalResources(ctx: FhirContext, r: ClinicalRecord): SectionResources {
  return sectionOf('vitalSigns', r.vitalSigns.map((v): FhirResource => {
    const base = {
      resourceType: 'Observation', id: rid(ctx, `vital|${v.id}`), identifier: entryIdentifier(ctx, v.id), status: 'final',
      category: category('vital-signs', 'Vital Signs'), subject: ctx.patientRef, effectiveDateTime: v.date,
      note: notes(ENTRY_SOURCE_LABEL[v.source], v.note),
    };
    if (v.kind === 'blood-pressure') {
      // The FHIR vital-signs BP panel: one Observation with the two components.
      return clean({
        ...base, code: cc(SYS.LOINC, '85354-9', 'Blood pressure panel with all children optional'),
        component: [
          { code: cc(SYS.LOINC, VITAL.systolic.code, VITAL.systolic.display), valueQuantity: quantity(v.systolic, 'mm[Hg]') },
          { code: cc(SYS.LOINC, VITAL.diastolic.code, VITAL.diastolic.display), valueQuantity: quantity(v.diastolic, 'mm[Hg]') },
        ],
      });
    }
    const k = VITAL[v.kind];
    return clean({ ...base, code: cc(SYS.LOINC, k.code, k.display), valueQuantity: quantity(v.value, k.unit) });
  }));
}

export function functionalResources(ctx: FhirContext, r: ClinicalRecord): SectionResources {
  const resources: FhirResource[] = [];
  const entries: FhirResource[] = [];
  for (const f of r.functionalStatus) {
    const members: FhirResource[] = [];
    const obs = (key: string, code: CodeableConcept, value: CodeableConcept): void => {
      members.push({ resourceType: 'Observation', id: rid(ctx, `functional|${f.id}|${key}`), status: 'final', code, subject: ctx.patientRef, effectiveDateTime: f.date, valueCodeableConcept: value });
    };
    if (f.motorCapacity) obs('motor', cc(SYS.LOINC, '75246-9', 'Activity'), cc(SYS.PSS_MOTOR, f.motorCapacity, MOTOR[f.motorCapacity]));
    if (f.careRegime) obs('regime', cc(SYS.ACT_CODE, 'ASSERTION', 'Assertion'), cc(SYS.PSS_IT, f.careRegime, REGIME[f.careRegime]));
    if (f.mentalStatus) obs('mental', cc(SYS.LOINC, '8693-4', 'Stato mentale'), cc(SYS.ICD9, f.mentalStatus.code, f.mentalStatus.display));
    if (members.length === 0) continue;
    const panel = clean({
      resourceType: 'Observation', id: rid(ctx, `functional|${f.id}`), identifier: entryIdentifier(ctx, f.id), status: 'final',
      code: cc(SYS.LOINC, '47420-5', 'Nota di valutazione dello stato funzionale'), subject: ctx.patientRef, effectiveDateTime: f.date,
      hasMember: members.map(ref), note: notes(ENTRY_SOURCE_LABEL[f.source], f.note),
    });
    resources.push(...members, panel);
    entries.push(panel);
  }
  return { key: 'functionalStatus', resources, entries };
}

export function resultResources(ctx: FhirContext, r: ClinicalRecord): SectionResources {
  if (r.labResults.length === 0) return sectionOf('results', []);
  const observations = r.labResults.map((l): FhirResource => clean({
    resourceType: 'Observation', id: rid(ctx, `lab|${l.id}`), identifier: entryIdentifier(ctx, l.id), status: 'final',
    category: category('laboratory', 'Laboratory'), code: cc(SYS.LOINC, l.loinc.code, l.loinc.display), subject: ctx.patientRef,
    effectiveDateTime: l.date, valueQuantity: { value: l.value, unit: l.unit, system: SYS.UCUM, code: l.unit },
    interpretation: l.interpretation ? [cc(SYS.INTERPRETATION, l.interpretation)] : undefined,
    referenceRange: l.referenceLow !== undefined && l.referenceHigh !== undefined
      ? [{ low: { value: l.referenceLow, unit: l.unit, system: SYS.UCUM, code: l.unit }, high: { value: l.referenceHigh, unit: l.unit, system: SYS.UCUM, code: l.unit } }]
      : undefined,
    note: notes(ENTRY_SOURCE_LABEL[l.source], l.note),
  }));
  const dates = [...new Set(r.labResults.map((l) => l.date))].sort();
  const report: FhirResource = clean({
    resourceType: 'DiagnosticReport', id: rid(ctx, 'diagnosticreport'), status: 'final',
    code: cc(SYS.LOINC, '30954-2', 'Test diagnostici rilevanti e/o dati di laboratorio'), subject: ctx.patientRef,
    effectiveDateTime: dates[dates.length - 1], result: observations.map(ref),
  });
  return { key: 'results', resources: [...observations, report], entries: [report] };
}

export function organDonationResources(ctx: FhirContext, r: ClinicalRecord): SectionResources {
  const d = r.organDonation;
  if (!d) return sectionOf('organDonation', []);
  const obs: FhirResource = clean({
    resourceType: 'Observation', id: rid(ctx, 'organdonation'), status: 'final',
    code: cc(SYS.LOINC, '42348-3', 'Dichiarazioni anticipate di trattamento'), subject: ctx.patientRef,
    effectiveDateTime: d.date, valueString: `Donazione organi: ${DONATION_LABEL[d.choice]}`,
    note: notes(ENTRY_SOURCE_LABEL[d.source], d.note),
  });
  return sectionOf('organDonation', [obs]);
}

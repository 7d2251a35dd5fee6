/**
 * Devices (46264-8: Procedure using a Device, as the ministry maps the supply), care plans
 * (18776-5: one CarePlan with an activity per planned item), procedures (47519-4), visits and
 * admissions (46240-8: Encounter), exemptions (57827-8: Coverage) and networks of care
 * (PSSIT99: OrganizationAffiliation), after the ministry PSS mapping output.
 */
import { ENTRY_SOURCE_LABEL } from '../../../domain/record/entry-base.ts';
import type { CarePlanEntry, ClinicalRecord } from '../../../domain/clinical-record.ts';
import { carePlanText } from '../../cda/pss/sections/care-plans.ts';
import { SYS, cc, clean, coding, entryIdentifier, notes, ref, rid, type FhirContext } from './common.ts';
import { sectionOf, type SectionResources } from './section-result.ts';
import type { CodeableConcept, FhirResource } from './types.ts';

export function deviceResources(ctx: FhirContext, r: ClinicalRecord): SectionResources {
  const resources: FhirResource[] = [];
  const entries: FhirResource[] = [];
  for (const d of r.devices) {
    const device: FhirResource = { resourceType: 'Device', id: rid(ctx, `device|${d.id}`), identifier: entryIdentifier(ctx, d.id), type: cc(SYS.CND, d.cnd.code, d.cnd.display), patient: ctx.patientRef };
    const proc = clean({
      resourceType: 'Procedure', id: rid(ctx, `deviceuse|${d.id}`), status: 'completed', subject: ctx.patientRef,
      performedDateTime: d.date, usedReference: [ref(device)], note: notes(ENTRY_SOURCE_LABEL[d.source], d.note),
    });
    resources.push(device, proc);
    entries.push(proc);
  }
  return { key: 'devices', resources, entries };
}

const PLAN_KIND: Record<CarePlanEntry['kind'], string | undefined> = {
  exam: 'ServiceRequest', therapy: 'MedicationRequest', procedure: 'ServiceRequest', visit: 'Appointment', other: undefined,
};

function planCode(p: CarePlanEntry): CodeableConcept {
  switch (p.kind) {
    case 'exam': return cc(SYS.LOINC, p.loinc.code, p.loinc.display);
    case 'therapy': return cc(SYS.ATC, p.atc.code, p.atc.display);
    case 'procedure': return cc(SYS.ICD9, p.procedure.code, p.procedure.display);
    case 'visit': return cc(SYS.PSS_ENCOUNTER, p.encounterType.code, p.encounterType.display);
    case 'other': return { text: p.description };
  }
}

export function carePlanResources(ctx: FhirContext, r: ClinicalRecord): SectionResources {
  if (r.carePlans.length === 0) return sectionOf('carePlans', []);
  const plan: FhirResource = {
    resourceType: 'CarePlan', id: rid(ctx, 'careplan'), status: 'active', intent: 'plan', subject: ctx.patientRef,
    activity: r.carePlans.map((p) => ({
      detail: clean({
        kind: PLAN_KIND[p.kind],
        code: planCode(p),
        status: 'scheduled',
        scheduledPeriod: p.kind === 'therapy' ? clean({ start: p.start, end: p.end }) : { start: p.date },
        description: `${carePlanText(p)} (fonte: ${ENTRY_SOURCE_LABEL[p.source]}${p.note ? `; ${p.note}` : ''})`,
      }),
    })),
  };
  return sectionOf('carePlans', [plan]);
}

export function procedureResources(ctx: FhirContext, r: ClinicalRecord): SectionResources {
  return sectionOf('procedures', r.procedures.map((p): FhirResource => clean({
    resourceType: 'Procedure', id: rid(ctx, `procedure|${p.id}`), identifier: entryIdentifier(ctx, p.id), status: 'completed',
    code: cc(SYS.ICD9, p.procedure.code, p.procedure.display), subject: ctx.patientRef,
    performedPeriod: { start: p.start, end: p.end ?? p.start },
    reasonCode: p.reason ? [cc(SYS.ICD9, p.reason.code, p.reason.display)] : undefined,
    note: notes(ENTRY_SOURCE_LABEL[p.source], p.note),
  })));
}

export function encounterResources(ctx: FhirContext, r: ClinicalRecord): SectionResources {
  return sectionOf('encounters', r.encounters.map((e): FhirResource => clean({
    resourceType: 'Encounter', id: rid(ctx, `encounter|${e.id}`), identifier: entryIdentifier(ctx, e.id), status: 'finished',
    class: coding(SYS.PSS_ENCOUNTER, e.encounterType.code, e.encounterType.display),
    type: [cc(SYS.PSS_ENCOUNTER, e.encounterType.code, e.encounterType.display)],
    subject: ctx.patientRef,
    period: clean({ start: e.start, end: e.end }),
    reasonCode: e.dischargeDiagnosis ? [cc(SYS.ICD9, e.dischargeDiagnosis.code, e.dischargeDiagnosis.display)] : undefined,
    serviceType: e.facility ? { text: e.facility } : undefined,
  })));
}

export function coverageResources(ctx: FhirContext, r: ClinicalRecord): SectionResources {
  return sectionOf('exemptions', r.exemptions.map((e): FhirResource => clean({
    resourceType: 'Coverage', id: rid(ctx, `coverage|${e.id}`), identifier: entryIdentifier(ctx, e.id),
    status: e.status === 'active' ? 'active' : 'cancelled',
    type: cc(`urn:oid:${e.codeSystem}`, e.exemption.code, e.exemption.display),
    beneficiary: ctx.patientRef,
    period: clean({ start: e.start, end: e.status === 'completed' ? (e.end ?? ctx.today) : undefined }),
    payor: [ctx.patientRef],
  })));
}

export function networkResources(ctx: FhirContext, r: ClinicalRecord): SectionResources {
  return sectionOf('networks', r.careNetworks.map((n): FhirResource => clean({
    resourceType: 'OrganizationAffiliation', id: rid(ctx, `network|${n.id}`), identifier: entryIdentifier(ctx, n.id),
    active: n.status === 'active',
    period: clean({ start: n.start, end: n.status === 'completed' ? (n.end ?? ctx.today) : undefined }),
    specialty: [cc(`urn:oid:${n.codeSystem}`, n.network.code, n.network.display, `Fonte: ${ENTRY_SOURCE_LABEL[n.source]}${n.note ? `. ${n.note}` : ''}`)],
  })));
}

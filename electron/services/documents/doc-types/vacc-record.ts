/**
 * The child's stored vaccination record as the input of the vaccination documents
 * (shared/domain/vaccination-document.ts, PAEDIATRICS.md §1): each administration (ATC, AIC,
 * date, dose, lot, route, site, place, performer, target diseases) and decision (refusal,
 * exemption, postponement with its reason), the guardian from the registry, and the doctor at
 * work as author, with the titolare's organization and custodian (as the PSS does).
 */
import { z } from 'zod';
import type { ClinicalRecord } from '../../../../shared/domain/clinical-record.ts';
import type { VaccinationDecisionEntry, VaccinationEntry } from '../../../../shared/domain/record/vaccination-entries.ts';
import { PatientChoices } from '../../../../shared/domain/document-header.ts';
import {
  TargetDisease, VaccineRoute, VaccineSite,
  type VaccDocInput, type VaccinationDecision, type VaccineAdministration,
} from '../../../../shared/domain/vaccination-document.ts';
import type { RecordContext } from './types.ts';

/** What the caller may choose per document (doctypes.preview `options`); the defaults are a normal, consented document. */
const VaccOptions = z.object({
  confidentiality: z.enum(['N', 'R', 'V']).default('N'),
  choices: PatientChoices.default({ obscured: false, hiddenFromGuardians: false, consentToFse: true }),
});

/** Only antigen-list codes (OID 2.16.840.1.113883.2.9.6.1.56.4, two digits) go in the target disease observation. */
function targets(list: VaccinationEntry['targetDiseases']): z.infer<typeof TargetDisease>[] {
  return (list ?? []).filter((d) => TargetDisease.safeParse(d).success);
}

function administration(v: VaccinationEntry): VaccineAdministration {
  const route = VaccineRoute.safeParse(v.route);
  const site = VaccineSite.safeParse(v.site);
  const lot = v.lot?.trim();
  return {
    id: v.id,
    vaccine: { atc: v.atc, ...(v.aic ? { aic: v.aic } : {}) },
    ...(v.doseNumber ? { doseNumber: v.doseNumber } : {}),
    date: v.date,
    ...(lot ? { lot } : {}),
    ...(site.success ? { site: site.data } : {}),
    // The record's routes are those of therapies; only the vaccine routes of the IG travel.
    ...(route.success ? { route: route.data } : {}),
    ...(v.place ? { place: { name: v.place } } : {}),
    ...(v.performer ? { performer: { name: v.performer } } : {}),
    targetDiseases: targets(v.targetDiseases),
    ...(v.coveredUntil ? { coveredUntil: v.coveredUntil } : {}),
    ...(v.adverseReaction ? { adverseReaction: v.adverseReaction } : {}),
  };
}

function decision(d: VaccinationDecisionEntry): VaccinationDecision {
  return {
    id: d.id,
    kind: d.kind,
    vaccine: { atc: d.atc },
    date: d.date,
    ...(d.until ? { until: d.until } : {}),
    // The record keeps the reason as written; it prints in the narrative (no coded reason chosen).
    reasonText: d.reason,
    targetDiseases: [],
    presumedImmunity: [],
  };
}

/** The whole history (the certificato's input; the scheda singola adds its entry id). */
export function vaccDocFromRecord(ctx: RecordContext, record: ClinicalRecord): VaccDocInput {
  const o = VaccOptions.parse(ctx.options ?? {});
  const byDate = <T extends { date: string }>(a: T, b: T) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
  return {
    patient: ctx.patient,
    ...(ctx.patient.guardian ? { guardian: ctx.patient.guardian } : {}),
    ...ctx.profile,
    confidentiality: o.confidentiality,
    choices: o.choices,
    version: ctx.version,
    effectiveTime: ctx.effectiveTime,
    administrations: [...record.vaccinations].sort(byDate).map(administration),
    decisions: [...(record.vaccinationDecisions ?? [])].sort(byDate).map(decision),
  };
}

export async function readVaccDocInput(ctx: RecordContext): Promise<VaccDocInput> {
  const { record } = await ctx.db.call('record.get', { patientId: ctx.patient.id });
  return vaccDocFromRecord(ctx, record);
}

/**
 * Condition (11450-4) and FamilyMemberHistory (10157-6). Chronicity travels as a second
 * category coding (LOINC answer LA28752-6 / LA18821-1, the CDA value) since base R4 has no slot.
 */
import { ENTRY_SOURCE_LABEL } from '../../../domain/record/entry-base.ts';
import type { ClinicalRecord, FamilyMember } from '../../../domain/clinical-record.ts';
import { SYS, cc, clean, coding, entryIdentifier, notes, rid, type FhirContext } from './common.ts';
import type { SectionResources } from './section-result.ts';
import type { FhirResource } from './types.ts';

const SEVERITY = { L: 'Low', M: 'Moderate', H: 'High' } as const;

export function conditionResources(ctx: FhirContext, r: ClinicalRecord): SectionResources {
  if (r.problems.length === 0) {
    const known = (r.noProblems ?? 'no-problem-info') === 'no-known-problems';
    return { key: 'problems', resources: [], entries: [], emptyReason: known ? { code: 'nilknown', display: 'Nil Known' } : { code: 'unavailable', display: 'Unavailable' } };
  }
  const list = r.problems.map((p): FhirResource => clean({
    resourceType: 'Condition',
    id: rid(ctx, `condition|${p.id}`),
    identifier: entryIdentifier(ctx, p.id),
    clinicalStatus: cc(SYS.CONDITION_CLINICAL, p.status === 'active' ? 'active' : 'resolved'),
    verificationStatus: cc(SYS.CONDITION_VER, 'confirmed'),
    category: [
      { coding: [coding(SYS.LOINC, '75326-9', 'Problem')] },
      { coding: [p.chronic ? coding(SYS.LOINC, 'LA28752-6', 'Chronic') : coding(SYS.LOINC, 'LA18821-1', 'Acute')] },
    ],
    severity: p.severity ? cc(SYS.OBS_VALUE, p.severity, SEVERITY[p.severity]) : undefined,
    code: cc(SYS.ICD9, p.diagnosis.code, p.diagnosis.display),
    subject: ctx.patientRef,
    onsetDateTime: p.onset,
    abatementDateTime: p.status === 'resolved' ? (p.resolution ?? ctx.today) : undefined,
    note: notes(ENTRY_SOURCE_LABEL[p.source], p.note),
  }));
  return { key: 'problems', resources: list, entries: list };
}

const SEX: Record<string, string> = { M: 'male', F: 'female' };
const REL: Record<FamilyMember['relationship'], { display: string; sex?: 'M' | 'F' }> = {
  FTH: { display: 'father', sex: 'M' }, MTH: { display: 'mother', sex: 'F' }, BRO: { display: 'brother', sex: 'M' },
  SIS: { display: 'sister', sex: 'F' }, GRFTH: { display: 'grandfather', sex: 'M' }, GRMTH: { display: 'grandmother', sex: 'F' },
  UNCLE: { display: 'uncle', sex: 'M' }, AUNT: { display: 'aunt', sex: 'F' }, SON: { display: 'natural son', sex: 'M' }, DAU: { display: 'natural daughter', sex: 'F' },
};

function age(years: number): Record<string, unknown> {
  return { value: years, unit: 'a', system: SYS.UCUM, code: 'a' };
}

export function familyResources(ctx: FhirContext, r: ClinicalRecord): SectionResources {
  if (r.familyHistory.length === 0) {
    return { key: 'familyHistory', resources: [], entries: [], emptyReason: { code: 'unavailable', display: 'Unavailable' } };
  }
  const list = r.familyHistory.map((m): FhirResource => {
    const rel = REL[m.relationship];
    return clean({
      resourceType: 'FamilyMemberHistory',
      id: rid(ctx, `family|${m.id}`),
      identifier: entryIdentifier(ctx, m.id),
      status: 'completed',
      patient: ctx.patientRef,
      relationship: cc(SYS.ROLE_CODE, m.relationship, rel.display),
      sex: rel.sex ? cc('http://hl7.org/fhir/administrative-gender', SEX[rel.sex] as string) : undefined,
      deceasedAge: m.deceasedAge !== undefined ? age(m.deceasedAge) : undefined,
      note: notes(ENTRY_SOURCE_LABEL[m.source], m.note),
      condition: m.conditions.map((c) => clean({
        code: cc(SYS.ICD9, c.diagnosis.code, c.diagnosis.display),
        onsetAge: c.onsetAge !== undefined ? age(c.onsetAge) : undefined,
      })),
    });
  });
  return { key: 'familyHistory', resources: list, entries: list };
}

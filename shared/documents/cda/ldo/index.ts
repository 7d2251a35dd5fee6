/**
 * Lettera di dimissione ospedaliera (LDO, LOINC 34105-7; IG HL7 Italia, schematron LDO v5.5):
 * the hospital stay (encompassingEncounter: an encounter of type IMP with admission and
 * discharge dates, which adherence reads as days covered by the hospital), discharge diagnoses
 * proposed as problems (11535-2), discharge therapy proposed to the reconciliation (10183-2),
 * allergies (48765-2). Nothing here is written until the doctor confirms.
 */
import type { EncounterEntry } from '../../../domain/clinical-record.ts';
import { type ReceivedContent, type ReceivedHeader, emptyContent } from '../../../import/content.ts';
import { type El, attr, isoDate, kid } from '../pss/parse/dom.ts';
import { cellText, documentText, narrativeTargets, sectionCode, sectionsOf } from '../received/narrative.ts';
import { readAllergies } from './allergies.ts';
import { readDischargeDiagnoses } from './diagnoses.ts';
import { readDischargeTherapy } from './therapy.ts';

function hospitalStay(root: El, header: ReceivedHeader): EncounterEntry | undefined {
  const enc = kid(root, 'componentOf', 'encompassingEncounter');
  const start = isoDate(attr(kid(enc, 'effectiveTime', 'low'), 'value')) ?? isoDate(attr(kid(enc, 'effectiveTime'), 'value'));
  if (!start) return undefined;
  const end = isoDate(attr(kid(enc, 'effectiveTime', 'high'), 'value'));
  const facility = kid(enc, 'location', 'healthCareFacility');
  const place = [cellText(kid(facility, 'serviceProviderOrganization', 'name')) || header.organizationName, cellText(kid(facility, 'location', 'name'))]
    .filter(Boolean)
    .join(' — ');
  return {
    id: 'e1',
    source: 'specialist',
    encounterType: { code: 'IMP', display: 'Ricovero' },
    start,
    ...(end ? { end } : {}),
    ...(place ? { facility: place.slice(0, 200) } : {}),
  };
}

export function parseLdo(root: El, header: ReceivedHeader): ReceivedContent {
  const content = emptyContent(header);
  content.text = documentText(root);
  const targets = narrativeTargets(root);
  const narrativeOf = (ref: string | undefined) => {
    const t = ref ? targets.get(ref.replace(/^#/, '')) : undefined;
    return t ? cellText(t) : undefined;
  };
  const stay = hospitalStay(root, header);
  const discharge = stay?.end;
  for (const s of sectionsOf(root)) {
    const code = sectionCode(s);
    if (code === '11535-2') content.problems.push(...readDischargeDiagnoses(s, discharge, content.warnings));
    else if (code === '10183-2') content.therapy.push(...readDischargeTherapy(s, narrativeOf, content.warnings));
    else if (code === '48765-2') content.allergies.push(...readAllergies(s, content.warnings));
  }
  if (stay) {
    const first = content.problems[0];
    content.encounters.push(first ? { ...stay, dischargeDiagnosis: first.diagnosis } : stay);
  } else {
    content.warnings.push('La lettera non indica le date del ricovero: il ricovero non entra nel diario.');
  }
  return content;
}

/**
 * Piani di cura (18776-5, …4.2.10; optional). Requested items, all moodCode RQO with an id and
 * a point-in-time or low+high effectiveTime (b213–b240): exam observation …3.10.1 (LOINC),
 * therapy substanceAdministration …3.10.2 (product …3.2.2 / material 2.16.840.1.113883.10.22.4.3,
 * b217–b225), procedure …3.10.3 (ICD-9-CM), visit encounter …3.10.4 (EncounterCode_PSSIT),
 * other act …3.10.5.
 */
import type { CarePlanEntry, ClinicalRecord } from '../../../../domain/clinical-record.ts';
import { el, type XmlElement } from '../../../xml/writer.ts';
import { OID, cd, entryIvl, loinc, templateId, textRef, tsDate } from '../../datatypes.ts';
import { type BuildContext, entryId, noteCell, section } from '../context.ts';
import { codeLabel, itDate, itPeriod, table } from '../narrative.ts';
import { TPL } from '../templates.ts';
import { productCode } from './medications.ts';

export const PLAN_KIND_LABEL: Record<CarePlanEntry['kind'], string> = {
  exam: 'Esame', therapy: 'Terapia', procedure: 'Procedura', visit: 'Visita o ricovero', other: 'Altra attività',
};

export function carePlanText(p: CarePlanEntry): string {
  switch (p.kind) {
    case 'exam': return codeLabel(p.loinc.display, p.loinc.code);
    case 'therapy': return codeLabel(p.atc.display, p.atc.code);
    case 'procedure': return codeLabel(p.procedure.display, p.procedure.code);
    case 'visit': return codeLabel(p.encounterType.display, p.encounterType.code);
    case 'other': return p.description;
  }
}

function at(date: string): XmlElement {
  return el('effectiveTime', { value: tsDate(date) });
}

function entry(ctx: BuildContext, p: CarePlanEntry, n: string): XmlElement {
  const common = [entryId(ctx, p.id)];
  switch (p.kind) {
    case 'exam':
      return el('observation', { classCode: 'OBS', moodCode: 'RQO' }, templateId(TPL.planObservation), common, loinc(p.loinc.code, p.loinc.display), textRef(n), at(p.date));
    case 'therapy':
      return el('substanceAdministration', { classCode: 'SBADM', moodCode: 'RQO' },
        templateId(TPL.planSubstance), common, textRef(n),
        entryIvl(p.start, p.end, { 'xsi:type': 'IVL_TS' }),
        el('consumable', null,
          el('manufacturedProduct', { classCode: 'MANU' },
            templateId(TPL.medicationProduct),
            el('manufacturedMaterial', null, templateId(TPL.manufacturedMaterial), productCode(p.atc, undefined, `${n}-what`)))));
    case 'procedure':
      return el('procedure', { classCode: 'PROC', moodCode: 'RQO' }, templateId(TPL.planProcedure), common,
        cd('code', { code: p.procedure.code, codeSystem: OID.ICD9CM, codeSystemName: 'ICD-9-CM', displayName: p.procedure.display }),
        textRef(n), at(p.date));
    case 'visit':
      return el('encounter', { classCode: 'ENC', moodCode: 'RQO' }, templateId(TPL.planEncounter), common,
        cd('code', { code: p.encounterType.code, codeSystem: OID.PSS_ENCOUNTER, codeSystemName: 'EncounterCode_PSSIT', displayName: p.encounterType.display }),
        textRef(n), at(p.date));
    case 'other':
      return el('act', { classCode: 'ACT', moodCode: 'RQO' }, templateId(TPL.planAct), common, el('code', { nullFlavor: 'OTH' }, el('originalText', null, el('reference', { value: `#${n}-what` }))), textRef(n), at(p.date));
  }
}

export function carePlansSection(ctx: BuildContext, r: ClinicalRecord): XmlElement | null {
  if (r.carePlans.length === 0) return null;
  const rows = r.carePlans.map((p, i) => {
    const n = `plan${i + 1}`;
    const when = p.kind === 'therapy' ? itPeriod(p.start, p.end) : itDate(p.date);
    return { id: n, cells: [PLAN_KIND_LABEL[p.kind], { id: `${n}-what`, text: carePlanText(p) }, when, noteCell(n, p.source, p.note)] };
  });
  return section(ctx, {
    key: 'carePlans',
    templateRoot: TPL.secCarePlans,
    text: table(['Tipo', 'Prestazione', 'Data prevista', 'Fonte e note'], rows),
    entries: r.carePlans.map((p, i) => entry(ctx, p, `plan${i + 1}`)),
  });
}

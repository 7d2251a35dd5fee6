/**
 * Stile di vita (29762-2, …4.2.6; optional, ≥ 1 entry: b27–b30). Observations …3.6.1 with id,
 * statusCode and a text reference (b189–b193). Smoking uses LOINC 72166-2 with SNOMED CT
 * values, alcohol 11295-3 as PQ {drink}/d as in the IG example, the rest free text (ST).
 */
import type { ClinicalRecord, LifestyleEntry } from '../../../../domain/clinical-record.ts';
import { el, type XmlElement } from '../../../xml/writer.ts';
import { cd, loinc, num, statusCode, templateId, textRef, tsEl } from '../../datatypes.ts';
import { type BuildContext, entryId, noteCell, section } from '../context.ts';
import { itDate, table } from '../narrative.ts';
import { TPL } from '../templates.ts';

const SNOMED = '2.16.840.1.113883.6.96';

export const LIFESTYLE: Record<LifestyleEntry['kind'], { code: string; display: string; label: string }> = {
  smoking: { code: '72166-2', display: 'Tobacco smoking status', label: 'Fumo' },
  alcohol: { code: '11295-3', display: 'Bevande alcoliche al giorno', label: 'Consumo di alcol' },
  'physical-activity': { code: '68516-4', display: 'Attività fisica', label: 'Attività fisica' },
  diet: { code: '61144-2', display: 'Dieta e nutrizione', label: 'Alimentazione' },
  occupation: { code: '11341-5', display: 'Storia occupazionale', label: 'Occupazione' },
};
export const SMOKING: Record<'current' | 'former' | 'never', { code: string; display: string; label: string }> = {
  current: { code: '77176002', display: 'Smoker', label: 'Fumatore' },
  former: { code: '8517006', display: 'Ex-smoker', label: 'Ex fumatore' },
  never: { code: '266919005', display: 'Never smoked tobacco', label: 'Non fumatore' },
};

export function lifestyleValueText(e: LifestyleEntry): string {
  if (e.kind === 'smoking' && e.smoking) return SMOKING[e.smoking].label;
  if (e.kind === 'alcohol' && e.drinksPerDay !== undefined) return `${num(e.drinksPerDay)} bevande al giorno`;
  return e.text ?? '';
}

function value(e: LifestyleEntry, n: string): XmlElement {
  if (e.kind === 'smoking' && e.smoking) {
    const s = SMOKING[e.smoking];
    return cd('value', { code: s.code, codeSystem: SNOMED, codeSystemName: 'SNOMED CT', displayName: s.display }, { 'xsi:type': 'CD' }, el('originalText', null, el('reference', { value: `#${n}-value` })));
  }
  if (e.kind === 'alcohol' && e.drinksPerDay !== undefined) return el('value', { 'xsi:type': 'PQ', value: num(e.drinksPerDay), unit: '{drink}/d' });
  return el('value', { 'xsi:type': 'ST' }, lifestyleValueText(e) || 'non specificato');
}

export function lifestyleSection(ctx: BuildContext, r: ClinicalRecord): XmlElement | null {
  if (r.lifestyle.length === 0) return null;
  const rows = r.lifestyle.map((e, i) => {
    const n = `life${i + 1}`;
    return { id: n, cells: [LIFESTYLE[e.kind].label, { id: `${n}-value`, text: lifestyleValueText(e) }, itDate(e.date), noteCell(n, e.source, e.note)] };
  });
  return section(ctx, {
    key: 'lifestyle',
    templateRoot: TPL.secLifestyle,
    text: table(['Fattore', 'Valore', 'Data', 'Fonte e note'], rows),
    entries: r.lifestyle.map((e, i) =>
      el('observation', { classCode: 'OBS', moodCode: 'EVN' },
        templateId(TPL.lifestyle),
        entryId(ctx, e.id),
        loinc(LIFESTYLE[e.kind].code, LIFESTYLE[e.kind].display),
        textRef(`life${i + 1}`),
        statusCode('completed'),
        tsEl(e.date),
        value(e, `life${i + 1}`))),
  });
}

/**
 * Gravidanze, parti e stato mestruale (10162-6, …4.2.7; optional, ≥ 1 entry: b31–b34).
 * Observations …3.7.1 coded from PregnancyObservation_PSSIT (LOINC, b194–b197): counts as INT,
 * dates as TS.
 */
import type { ClinicalRecord, PregnancyEntry } from '../../../../domain/clinical-record.ts';
import { el, type XmlElement } from '../../../xml/writer.ts';
import { loinc, statusCode, templateId, textRef, tsDate, tsEl } from '../../datatypes.ts';
import { type BuildContext, entryId, noteCell, section } from '../context.ts';
import { itDate, table } from '../narrative.ts';
import { TPL } from '../templates.ts';

export const PREGNANCY: Record<PregnancyEntry['kind'], { code: string; display: string; label: string }> = {
  pregnancies: { code: '11996-6', display: 'Gravidanze', label: 'Numero di gravidanze' },
  'live-births': { code: '11636-8', display: 'Nati vivi', label: 'Nati vivi' },
  'spontaneous-abortions': { code: '11614-5', display: 'Aborti spontanei', label: 'Aborti spontanei' },
  'last-menstrual-period': { code: '8665-2', display: 'Data ultima mestruazione', label: 'Ultima mestruazione' },
  'expected-delivery': { code: '11778-8', display: 'Data presunta del parto', label: 'Data presunta del parto' },
};

export function pregnancyValueText(p: PregnancyEntry): string {
  return p.count !== undefined ? String(p.count) : itDate(p.date);
}

export function pregnanciesSection(ctx: BuildContext, r: ClinicalRecord): XmlElement | null {
  if (r.pregnancies.length === 0) return null;
  const rows = r.pregnancies.map((p, i) => ({ id: `preg${i + 1}`, cells: [PREGNANCY[p.kind].label, pregnancyValueText(p), noteCell(`preg${i + 1}`, p.source, p.note)] }));
  return section(ctx, {
    key: 'pregnancies',
    templateRoot: TPL.secPregnancies,
    text: table(['Informazione', 'Valore', 'Fonte e note'], rows),
    entries: r.pregnancies.map((p, i) =>
      el('observation', { classCode: 'OBS', moodCode: 'EVN' },
        templateId(TPL.pregnancy),
        entryId(ctx, p.id),
        loinc(PREGNANCY[p.kind].code, PREGNANCY[p.kind].display),
        textRef(`preg${i + 1}`),
        statusCode('completed'),
        tsEl(p.count !== undefined ? undefined : p.date),
        p.count !== undefined
          ? el('value', { 'xsi:type': 'INT', value: p.count })
          : p.date ? el('value', { 'xsi:type': 'TS', value: tsDate(p.date) }) : el('value', { 'xsi:type': 'TS', nullFlavor: 'UNK' }))),
  });
}

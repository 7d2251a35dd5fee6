/**
 * Indagini diagnostiche e esami di laboratorio (30954-2, …4.2.14; optional). A BATTERY
 * organizer …3.14.1 per result date with a code (b278–b282) and one observation …3.14.2 per
 * test: id, LOINC code, PQ value, interpretation (2.16.840.1.113883.5.83), reference range as
 * IVL_PQ with low and high (b283–b288).
 */
import type { ClinicalRecord, LabResultEntry } from '../../../../domain/clinical-record.ts';
import { el, type XmlElement } from '../../../xml/writer.ts';
import { OID, cd, loinc, num, statusCode, templateId, textRef, tsEl } from '../../datatypes.ts';
import { type BuildContext, entryId, noteCell, section } from '../context.ts';
import { codeLabel, itDate, table } from '../narrative.ts';
import { TPL } from '../templates.ts';

const INTERPRETATION: Record<NonNullable<LabResultEntry['interpretation']>, { display: string; label: string }> = {
  N: { display: 'Normal', label: 'Nella norma' }, H: { display: 'High', label: 'Alto' }, L: { display: 'Low', label: 'Basso' }, A: { display: 'Abnormal', label: 'Anomalo' },
};

export function interpretationLabel(l: LabResultEntry): string {
  return l.interpretation ? INTERPRETATION[l.interpretation].label : '';
}

function observation(ctx: BuildContext, l: LabResultEntry, n: string): XmlElement {
  return el('component', null,
    el('observation', { classCode: 'OBS', moodCode: 'EVN' },
      templateId(TPL.batteryObservation),
      entryId(ctx, l.id),
      loinc(l.loinc.code, l.loinc.display),
      textRef(n),
      statusCode('completed'),
      tsEl(l.date),
      el('value', { 'xsi:type': 'PQ', value: num(l.value), unit: l.unit }),
      l.interpretation ? cd('interpretationCode', { code: l.interpretation, codeSystem: OID.INTERPRETATION, codeSystemName: 'HL7 ObservationInterpretation', displayName: INTERPRETATION[l.interpretation].display }) : null,
      l.referenceLow !== undefined && l.referenceHigh !== undefined
        ? el('referenceRange', { typeCode: 'REFV' },
            el('observationRange', { classCode: 'OBS', moodCode: 'EVN.CRT' },
              el('value', { 'xsi:type': 'IVL_PQ' }, el('low', { value: num(l.referenceLow), unit: l.unit }), el('high', { value: num(l.referenceHigh), unit: l.unit }))))
        : null));
}

export function resultsSection(ctx: BuildContext, r: ClinicalRecord): XmlElement | null {
  if (r.labResults.length === 0) return null;
  const byDate = new Map<string, Array<{ l: LabResultEntry; n: string }>>();
  r.labResults.forEach((l, i) => {
    const list = byDate.get(l.date) ?? [];
    list.push({ l, n: `lab${i + 1}` });
    byDate.set(l.date, list);
  });
  const rows = r.labResults.map((l, i) => ({
    id: `lab${i + 1}`,
    cells: [
      itDate(l.date),
      codeLabel(l.loinc.display, l.loinc.code),
      `${num(l.value)} ${l.unit}`,
      l.referenceLow !== undefined && l.referenceHigh !== undefined ? `${num(l.referenceLow)} – ${num(l.referenceHigh)}` : '',
      interpretationLabel(l),
      noteCell(`lab${i + 1}`, l.source, l.note),
    ],
  }));
  return section(ctx, {
    key: 'results',
    templateRoot: TPL.secResults,
    text: table(['Data', 'Esame', 'Esito', 'Valori di riferimento', 'Interpretazione', 'Fonte e note'], rows),
    entries: [...byDate.entries()].map(([date, items]) =>
      el('organizer', { classCode: 'BATTERY', moodCode: 'EVN' },
        templateId(TPL.batteryOrganizer),
        // b281: no code for this ad-hoc group of tests, so nullFlavor OTH.
        el('code', { nullFlavor: 'OTH' }),
        statusCode('completed'),
        tsEl(date),
        items.map(({ l, n }) => observation(ctx, l, n)))),
  });
}

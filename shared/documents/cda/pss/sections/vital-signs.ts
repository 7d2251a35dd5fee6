/**
 * Parametri vitali (8716-3, …4.2.8; optional, ≥ 1 entry: b35–b37a). Single measurements are
 * observations …3.8.2 (LOINC code, PQ value with UCUM unit: b202–b205); blood pressure is an
 * organizer …3.8.1 with the systolic and diastolic observations (b199–b209), as in the IG example.
 */
import type { ClinicalRecord, VitalSignEntry } from '../../../../domain/clinical-record.ts';
import { el, type XmlElement } from '../../../xml/writer.ts';
import { loinc, num, statusCode, templateId, textRef, tsEl } from '../../datatypes.ts';
import { type BuildContext, entryId, noteCell, section } from '../context.ts';
import { itDate, table } from '../narrative.ts';
import { TPL } from '../templates.ts';

type Kind = Exclude<VitalSignEntry['kind'], 'blood-pressure'>;
export const VITAL: Record<Kind | 'systolic' | 'diastolic', { code: string; display: string; unit: string; label: string }> = {
  weight: { code: '29463-7', display: 'Peso corporeo', unit: 'kg', label: 'Peso' },
  height: { code: '8302-2', display: 'Altezza corporea', unit: 'cm', label: 'Altezza' },
  bmi: { code: '39156-5', display: 'Indice di massa corporea', unit: 'kg/m2', label: 'BMI' },
  'heart-rate': { code: '8867-4', display: 'Frequenza cardiaca', unit: '/min', label: 'Frequenza cardiaca' },
  waist: { code: '8280-0', display: 'Circonferenza vita', unit: 'cm', label: 'Circonferenza vita' },
  systolic: { code: '8480-6', display: 'Pressione sistolica', unit: 'mm[Hg]', label: 'Pressione sistolica' },
  diastolic: { code: '8462-4', display: 'Pressione diastolica', unit: 'mm[Hg]', label: 'Pressione diastolica' },
};

export function vitalValueText(v: VitalSignEntry): string {
  if (v.kind === 'blood-pressure') return `${v.systolic}/${v.diastolic} mmHg`;
  return `${num(v.value)} ${VITAL[v.kind].unit === 'mm[Hg]' ? 'mmHg' : VITAL[v.kind].unit}`;
}

function observation(ctx: BuildContext, id: string, kind: keyof typeof VITAL, value: number, date: string, n: string): XmlElement {
  const k = VITAL[kind];
  return el('observation', { classCode: 'OBS', moodCode: 'EVN' },
    templateId(TPL.vitalSign),
    entryId(ctx, id),
    loinc(k.code, k.display),
    textRef(n),
    statusCode('completed'),
    tsEl(date),
    el('value', { 'xsi:type': 'PQ', value: num(value), unit: k.unit }));
}

function entry(ctx: BuildContext, v: VitalSignEntry, n: string): XmlElement {
  if (v.kind !== 'blood-pressure') return observation(ctx, v.id, v.kind, v.value, v.date, n);
  return el('organizer', { classCode: 'CLUSTER', moodCode: 'EVN' },
    templateId(TPL.vitalSignsOrganizer),
    entryId(ctx, v.id),
    loinc('8716-3', 'Parametri vitali'),
    statusCode('completed'),
    tsEl(v.date),
    el('component', { typeCode: 'COMP' }, observation(ctx, `${v.id}.sys`, 'systolic', v.systolic, v.date, n)),
    el('component', { typeCode: 'COMP' }, observation(ctx, `${v.id}.dia`, 'diastolic', v.diastolic, v.date, n)));
}

export function vitalSignsSection(ctx: BuildContext, r: ClinicalRecord): XmlElement | null {
  if (r.vitalSigns.length === 0) return null;
  const rows = r.vitalSigns.map((v, i) => ({
    id: `vs${i + 1}`,
    cells: [itDate(v.date), v.kind === 'blood-pressure' ? 'Pressione arteriosa' : VITAL[v.kind].label, vitalValueText(v), noteCell(`vs${i + 1}`, v.source, v.note)],
  }));
  return section(ctx, {
    key: 'vitalSigns',
    templateRoot: TPL.secVitalSigns,
    text: table(['Data', 'Parametro', 'Valore', 'Fonte e note'], rows),
    entries: r.vitalSigns.map((v, i) => entry(ctx, v, `vs${i + 1}`)),
  });
}

/**
 * Protesi, impianti e ausili (46264-8, …4.2.9; optional). Supply EVN …3.9.1 coded with the CND
 * (2.16.840.1.113883.2.9.6.1.48) and an effectiveTime, UNK when not known (b210–b212).
 */
import type { ClinicalRecord } from '../../../../domain/clinical-record.ts';
import { el, type XmlElement } from '../../../xml/writer.ts';
import { OID, cd, templateId, textRef, tsEl } from '../../datatypes.ts';
import { type BuildContext, entryId, noteCell, section } from '../context.ts';
import { codeLabel, itDate, table } from '../narrative.ts';
import { TPL } from '../templates.ts';

export function devicesSection(ctx: BuildContext, r: ClinicalRecord): XmlElement | null {
  if (r.devices.length === 0) return null;
  const rows = r.devices.map((d, i) => ({
    id: `dev${i + 1}`,
    cells: [{ id: `dev${i + 1}-cnd`, text: codeLabel(d.cnd.display, d.cnd.code) }, itDate(d.date) || 'non nota', noteCell(`dev${i + 1}`, d.source, d.note)],
  }));
  return section(ctx, {
    key: 'devices',
    templateRoot: TPL.secDevices,
    text: table(['Dispositivo (CND)', 'Data impianto', 'Fonte e note'], rows),
    entries: r.devices.map((d, i) =>
      el('supply', { classCode: 'SPLY', moodCode: 'EVN' },
        templateId(TPL.device),
        entryId(ctx, d.id),
        cd('code', { code: d.cnd.code, codeSystem: OID.CND, codeSystemName: 'CND', displayName: d.cnd.display }),
        textRef(`dev${i + 1}`),
        tsEl(d.date))),
  });
}

/**
 * Reti di patologia (PSSIT99 in 2.16.840.1.113883.2.9.5.2.8, …4.2.18; optional, ≥ 1 entry:
 * b64–b68). Act PCPR/EVN …3.18.1 with id, effectiveTime low, statusCode (+ high when
 * completed) and a comment act with typeCode COMP as in the IG example (b300–b310).
 */
import type { ClinicalRecord } from '../../../../domain/clinical-record.ts';
import { el, type XmlElement } from '../../../xml/writer.ts';
import { cd, ivlTs, statusCode, templateId, textRef } from '../../datatypes.ts';
import { type BuildContext, commentAct, entryId, noteCell, section } from '../context.ts';
import { codeLabel, itPeriod, table } from '../narrative.ts';
import { TPL } from '../templates.ts';

export function networksSection(ctx: BuildContext, r: ClinicalRecord): XmlElement | null {
  if (r.careNetworks.length === 0) return null;
  const rows = r.careNetworks.map((e, i) => ({
    id: `net${i + 1}`,
    cells: [
      codeLabel(e.network.display, e.network.code),
      e.status === 'active' ? 'In carico' : 'Concluso',
      itPeriod(e.start, e.status === 'completed' ? e.end : undefined),
      noteCell(`net${i + 1}`, e.source, e.note),
    ],
  }));
  return section(ctx, {
    key: 'networks',
    templateRoot: TPL.secNetworks,
    text: table(['Rete', 'Stato', 'Periodo', 'Fonte e note'], rows),
    entries: r.careNetworks.map((e, i) =>
      el('act', { classCode: 'PCPR', moodCode: 'EVN' },
        templateId(TPL.network),
        entryId(ctx, e.id),
        cd('code', { code: e.network.code, codeSystem: e.codeSystem, displayName: e.network.display }),
        textRef(`net${i + 1}`),
        statusCode(e.status),
        ivlTs(e.start, e.status === 'completed' ? (e.end ?? ctx.today) : undefined),
        commentAct(`net${i + 1}-note`, 'COMP'))),
  });
}

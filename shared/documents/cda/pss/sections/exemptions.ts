/**
 * Esenzioni (57827-8, …4.2.17; optional, ≥ 1 entry: b60–b63). Act ACT/EVN …3.17.1 coded from
 * the national (2.16.840.1.113883.2.9.6.1.22) or a regional catalogue, statusCode and
 * effectiveTime low (+ high when completed), comment act (b289–b299).
 */
import type { ClinicalRecord } from '../../../../domain/clinical-record.ts';
import { el, type XmlElement } from '../../../xml/writer.ts';
import { cd, ivlTs, statusCode, templateId, textRef } from '../../datatypes.ts';
import { type BuildContext, commentAct, entryId, noteCell, section } from '../context.ts';
import { codeLabel, itPeriod, table } from '../narrative.ts';
import { TPL } from '../templates.ts';

export function exemptionsSection(ctx: BuildContext, r: ClinicalRecord): XmlElement | null {
  if (r.exemptions.length === 0) return null;
  const rows = r.exemptions.map((e, i) => ({
    id: `ese${i + 1}`,
    cells: [
      { id: `ese${i + 1}-code`, text: codeLabel(e.exemption.display, e.exemption.code) },
      e.status === 'active' ? 'Attiva' : 'Scaduta',
      itPeriod(e.start, e.status === 'completed' ? e.end : undefined),
      noteCell(`ese${i + 1}`, e.source, e.note),
    ],
  }));
  return section(ctx, {
    key: 'exemptions',
    templateRoot: TPL.secExemptions,
    text: table(['Esenzione', 'Stato', 'Validità', 'Fonte e note'], rows),
    entries: r.exemptions.map((e, i) =>
      el('act', { classCode: 'ACT', moodCode: 'EVN' },
        templateId(TPL.exemption),
        entryId(ctx, e.id),
        cd('code', { code: e.exemption.code, codeSystem: e.codeSystem, codeSystemName: 'Esenzioni', displayName: e.exemption.display }),
        textRef(`ese${i + 1}`),
        statusCode(e.status),
        ivlTs(e.start, e.status === 'completed' ? (e.end ?? ctx.today) : undefined),
        commentAct(`ese${i + 1}-note`))),
  });
}

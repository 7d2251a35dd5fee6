/**
 * Trattamenti e procedure terapeutiche, chirurgiche e diagnostiche (47519-4, …4.2.11;
 * optional). Procedure EVN …3.11.1 coded ICD-9-CM (WA001 recommends LOINC/ICD-9-CM/PSS
 * procedures), statusCode, effectiveTime with both low and high (b241–b244), and the reason as
 * an RSON observation with id and ICD-9-CM code (b245–b246).
 */
import type { ClinicalRecord } from '../../../../domain/clinical-record.ts';
import { el, type XmlElement } from '../../../xml/writer.ts';
import { OID, cd, entryIvl, statusCode, templateId, textRef } from '../../datatypes.ts';
import { type BuildContext, commentAct, entryId, noteCell, section } from '../context.ts';
import { codeLabel, itPeriod, table } from '../narrative.ts';
import { TPL } from '../templates.ts';

export function proceduresSection(ctx: BuildContext, r: ClinicalRecord): XmlElement | null {
  if (r.procedures.length === 0) return null;
  const rows = r.procedures.map((p, i) => {
    const n = `proc${i + 1}`;
    return {
      id: n,
      cells: [
        { id: `${n}-code`, text: codeLabel(p.procedure.display, p.procedure.code) },
        itPeriod(p.start, p.end ?? p.start),
        p.reason ? codeLabel(p.reason.display, p.reason.code) : '',
        noteCell(n, p.source, p.note),
      ],
    };
  });
  return section(ctx, {
    key: 'procedures',
    templateRoot: TPL.secProcedures,
    text: table(['Procedura (ICD-9-CM)', 'Data', 'Motivo', 'Fonte e note'], rows),
    entries: r.procedures.map((p, i) =>
      el('procedure', { classCode: 'PROC', moodCode: 'EVN' },
        templateId(TPL.procedure),
        entryId(ctx, p.id),
        cd('code', { code: p.procedure.code, codeSystem: OID.ICD9CM, codeSystemName: 'ICD-9-CM', displayName: p.procedure.display }),
        textRef(`proc${i + 1}`),
        statusCode('completed'),
        entryIvl(p.start, p.end ?? p.start),
        p.reason
          ? el('entryRelationship', { typeCode: 'RSON' },
              el('observation', { classCode: 'OBS', moodCode: 'EVN' },
                entryId(ctx, p.id, 'reason'),
                cd('code', { code: p.reason.code, codeSystem: OID.ICD9CM, codeSystemName: 'ICD-9-CM', displayName: p.reason.display })))
          : null,
        commentAct(`proc${i + 1}-note`))),
  });
}

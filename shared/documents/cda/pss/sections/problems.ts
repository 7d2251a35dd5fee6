/**
 * Lista dei problemi (11450-4, …4.2.4; mandatory, ≥ 1 entry: b10–b13). Concern act …3.4.1
 * (ACT/EVN, code NA, high only when completed: b146–b153) with the problem observation …3.4.2
 * (ICD-9-CM value, b155–b160), its clinical status (…3.1.6, b163–b166), chronicity (…3.4.5,
 * b167–b170), severity (…3.4.4, b161–b162) and a comment act (b171–b172b).
 * No problems: the observation's value comes from IPSNoProbsInfos (2.16.840.1.113883.11.22.17).
 */
import type { ClinicalRecord, ProblemEntry } from '../../../../domain/clinical-record.ts';
import { el, type XmlElement } from '../../../xml/writer.ts';
import { OID, cd, ivlTs, loinc, originalText, statusCode, templateId, textRef } from '../../datatypes.ts';
import { type BuildContext, commentAct, entryId, noteCell, section } from '../context.ts';
import { codeLabel, itDate, table } from '../narrative.ts';
import { TPL } from '../templates.ts';

const SEVERITY: Record<'L' | 'M' | 'H', string> = { L: 'Lieve', M: 'Moderata', H: 'Grave' };
const NO_PROBLEMS_LABEL: Record<string, string> = {
  'no-known-problems': 'Nessun problema clinico noto',
  'no-problem-info': 'Informazioni non note sui problemi clinici',
};

function refr(...children: Array<XmlElement | null>): XmlElement {
  return el('entryRelationship', { typeCode: 'REFR', inversionInd: 'false' }, ...children);
}

function problem(ctx: BuildContext, p: ProblemEntry, n: string): XmlElement {
  const active = p.status === 'active';
  const high = active ? undefined : (p.resolution ?? ctx.today);
  const observation = el(
    'observation',
    { classCode: 'OBS', moodCode: 'EVN' },
    templateId(TPL.problemObservation),
    entryId(ctx, p.id, 'obs'),
    loinc('75326-9', 'Problem'),
    textRef(n),
    statusCode('completed'),
    ivlTs(p.onset, high),
    cd('value', { code: p.diagnosis.code, codeSystem: OID.ICD9CM, codeSystemName: 'ICD-9-CM', displayName: p.diagnosis.display }, { 'xsi:type': 'CD' }, originalText(`${n}-dx`)),
    p.severity
      ? refr(el('observation', { classCode: 'OBS', moodCode: 'EVN' },
          templateId(TPL.problemSeverity),
          cd('code', { code: 'SEV', codeSystem: OID.ACT_CODE, codeSystemName: 'ActCode', displayName: 'Severity Observation' }),
          textRef(`${n}-sev`),
          statusCode('completed'),
          cd('value', { code: p.severity, codeSystem: OID.OBSERVATION_VALUE, codeSystemName: 'ObservationValue', displayName: SEVERITY[p.severity] }, { 'xsi:type': 'CD' })))
      : null,
    refr(el('observation', { classCode: 'OBS', moodCode: 'EVN' },
      templateId(TPL.clinicalStatus),
      loinc('33999-4', 'Stato'),
      textRef(`${n}-status`),
      statusCode('completed'),
      cd('value', { code: active ? 'LA16666-2' : 'LA18632-2', codeSystem: OID.LOINC, codeSystemName: 'LOINC', displayName: active ? 'Active' : 'Inactive' }, { 'xsi:type': 'CE' }))),
    refr(el('observation', { classCode: 'OBS', moodCode: 'EVN' },
      templateId(TPL.problemChronicity),
      loinc('89261-2', 'Clinical Course'),
      textRef(`${n}-course`),
      statusCode('completed'),
      cd('value', { code: p.chronic ? 'LA28752-6' : 'LA18821-1', codeSystem: OID.LOINC, codeSystemName: 'LOINC', displayName: p.chronic ? 'Chronic' : 'Acute' }, { 'xsi:type': 'CE' }))),
    commentAct(`${n}-note`),
  );
  return el(
    'act',
    { classCode: 'ACT', moodCode: 'EVN' },
    templateId(TPL.problemConcern),
    entryId(ctx, p.id),
    el('code', { nullFlavor: 'NA' }),
    statusCode(active ? 'active' : 'completed'),
    ivlTs(p.onset, high),
    el('entryRelationship', { typeCode: 'SUBJ', inversionInd: 'false' }, observation),
  );
}

function noProblems(ctx: BuildContext, code: string): XmlElement {
  const id = `${ctx.documentId}.noproblems`;
  return el(
    'act',
    { classCode: 'ACT', moodCode: 'EVN' },
    templateId(TPL.problemConcern),
    entryId(ctx, id),
    el('code', { nullFlavor: 'NA' }),
    statusCode('active'),
    ivlTs(undefined),
    el('entryRelationship', { typeCode: 'SUBJ', inversionInd: 'false' },
      el('observation', { classCode: 'OBS', moodCode: 'EVN' },
        templateId(TPL.problemObservation),
        entryId(ctx, id, 'obs'),
        loinc('75326-9', 'Problem'),
        textRef('prb-none'),
        statusCode('completed'),
        ivlTs(undefined),
        cd('value', { code, codeSystem: OID.IPS_NO_PROBLEMS, codeSystemName: 'IPSNoProbsInfos', displayName: NO_PROBLEMS_LABEL[code] }, { 'xsi:type': 'CD' }))),
  );
}

export function problemsSection(ctx: BuildContext, r: ClinicalRecord): XmlElement {
  const headers = ['Problema (ICD-9-CM)', 'Stato', 'Decorso', 'Gravità', 'Insorgenza', 'Risoluzione', 'Fonte e note'];
  if (r.problems.length === 0) {
    const code = r.noProblems ?? 'no-problem-info';
    return section(ctx, {
      key: 'problems',
      templateRoot: TPL.secProblems,
      text: table(headers, [{ id: 'prb-none', cells: [NO_PROBLEMS_LABEL[code] ?? code, '', '', '', '', '', ''] }]),
      entries: [noProblems(ctx, code)],
    });
  }
  const rows = r.problems.map((p, i) => {
    const n = `prb${i + 1}`;
    return {
      id: n,
      cells: [
        { id: `${n}-dx`, text: codeLabel(p.diagnosis.display, p.diagnosis.code) },
        { id: `${n}-status`, text: p.status === 'active' ? 'Attivo' : 'Risolto' },
        { id: `${n}-course`, text: p.chronic ? 'Cronico' : 'Acuto' },
        { id: `${n}-sev`, text: p.severity ? SEVERITY[p.severity] : '' },
        itDate(p.onset),
        p.status === 'resolved' ? itDate(p.resolution) : '',
        noteCell(n, p.source, p.note),
      ],
    };
  });
  return section(ctx, {
    key: 'problems',
    templateRoot: TPL.secProblems,
    text: table(headers, rows),
    entries: r.problems.map((p, i) => problem(ctx, p, `prb${i + 1}`)),
  });
}

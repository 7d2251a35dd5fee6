/**
 * Anamnesi familiare (10157-6, …4.2.16; mandatory, ≥ 1 entry: b14–b17a). One CLUSTER
 * organizer per relative (…3.16.1, b174–b180): relatedSubject PRS with its RoleCode
 * (2.16.840.1.113883.5.111) and, per condition, an observation …3.16.2 (LOINC 52797-8, ICD-9-CM
 * value) with at most the two age observations …3.16.3 (onset 35267-4, death 39016-1: b185–b188).
 * Nothing known: a single observation …3.16.4 valued from 2.16.840.1.113883.11.22.17 (b18–b22).
 */
import type { ClinicalRecord, FamilyMember } from '../../../../domain/clinical-record.ts';
import { el, type XmlElement } from '../../../xml/writer.ts';
import { OID, cd, loinc, originalText, statusCode, templateId, textRef } from '../../datatypes.ts';
import { type BuildContext, entryId, noteCell, section } from '../context.ts';
import { codeLabel, table } from '../narrative.ts';
import { TPL } from '../templates.ts';

export const RELATIONSHIP: Record<FamilyMember['relationship'], { display: string; label: string; sex?: 'M' | 'F' }> = {
  FTH: { display: 'father', label: 'Padre', sex: 'M' },
  MTH: { display: 'mother', label: 'Madre', sex: 'F' },
  BRO: { display: 'brother', label: 'Fratello', sex: 'M' },
  SIS: { display: 'sister', label: 'Sorella', sex: 'F' },
  GRFTH: { display: 'grandfather', label: 'Nonno', sex: 'M' },
  GRMTH: { display: 'grandmother', label: 'Nonna', sex: 'F' },
  UNCLE: { display: 'uncle', label: 'Zio', sex: 'M' },
  AUNT: { display: 'aunt', label: 'Zia', sex: 'F' },
  SON: { display: 'natural son', label: 'Figlio', sex: 'M' },
  DAU: { display: 'natural daughter', label: 'Figlia', sex: 'F' },
};

function age(code: '35267-4' | '39016-1', display: string, years: number): XmlElement {
  return el('entryRelationship', { typeCode: 'SUBJ' },
    el('observation', { classCode: 'OBS', moodCode: 'EVN' },
      templateId(TPL.familyAge),
      loinc(code, display),
      statusCode('completed'),
      el('value', { 'xsi:type': 'PQ', value: years, unit: 'a' })));
}

function member(ctx: BuildContext, m: FamilyMember, n: string): XmlElement {
  const rel = RELATIONSHIP[m.relationship];
  return el(
    'organizer',
    { classCode: 'CLUSTER', moodCode: 'EVN' },
    templateId(TPL.familyOrganizer),
    entryId(ctx, m.id),
    loinc('10157-6', 'Storia di malattie di membri familiari'),
    statusCode('completed'),
    el('subject', { typeCode: 'SBJ' },
      el('relatedSubject', { classCode: 'PRS' },
        cd('code', { code: m.relationship, codeSystem: OID.ROLE_CODE, codeSystemName: 'RoleCode', displayName: rel.display }),
        rel.sex
          ? el('subject', null, cd('administrativeGenderCode', { code: rel.sex, codeSystem: OID.GENDER, codeSystemName: 'HL7 AdministrativeGender', displayName: rel.sex === 'M' ? 'Maschio' : 'Femmina' }))
          : null)),
    m.conditions.map((c, j) =>
      el('component', null,
        el('observation', { classCode: 'OBS', moodCode: 'EVN' },
          templateId(TPL.familyObservation),
          entryId(ctx, m.id, `c${j + 1}`),
          loinc('52797-8', 'Diagnosi codice ICD'),
          textRef(`${n}-c${j + 1}`),
          statusCode('completed'),
          el('effectiveTime', { nullFlavor: 'UNK' }),
          cd('value', { code: c.diagnosis.code, codeSystem: OID.ICD9CM, codeSystemName: 'ICD-9-CM', displayName: c.diagnosis.display }, { 'xsi:type': 'CD' }, originalText(`${n}-c${j + 1}-dx`)),
          c.onsetAge !== undefined ? age('35267-4', 'Età diagnosi patologia', c.onsetAge) : null,
          j === 0 && m.deceasedAge !== undefined ? age('39016-1', 'Età decesso', m.deceasedAge) : null))),
  );
}

export function familyHistorySection(ctx: BuildContext, r: ClinicalRecord): XmlElement {
  const headers = ['Familiare', 'Patologia (ICD-9-CM)', 'Età alla diagnosi', 'Età al decesso', 'Fonte e note'];
  if (r.familyHistory.length === 0) {
    const id = `${ctx.documentId}.nofamily`;
    return section(ctx, {
      key: 'familyHistory',
      templateRoot: TPL.secFamilyHistory,
      text: table(headers, [{ id: 'fam-none', cells: ['Anamnesi familiare non nota', '', '', '', ''] }]),
      entries: [
        el('observation', { classCode: 'OBS', moodCode: 'EVN' },
          templateId(TPL.noFamilyHistory),
          entryId(ctx, id),
          loinc('75326-9', 'Problema'),
          textRef('fam-none'),
          statusCode('completed'),
          cd('value', { code: 'no-problem-info', codeSystem: OID.IPS_NO_PROBLEMS, codeSystemName: 'IPSNoProbsInfos', displayName: 'Informazioni non note sull\'anamnesi familiare' }, { 'xsi:type': 'CD' })),
      ],
    });
  }
  const rows = r.familyHistory.flatMap((m, i) =>
    m.conditions.map((c, j) => {
      const n = `fam${i + 1}-c${j + 1}`;
      return {
        id: n,
        cells: [
          RELATIONSHIP[m.relationship].label,
          { id: `${n}-dx`, text: codeLabel(c.diagnosis.display, c.diagnosis.code) },
          c.onsetAge !== undefined ? `${c.onsetAge} anni` : '',
          j === 0 && m.deceasedAge !== undefined ? `${m.deceasedAge} anni` : '',
          noteCell(n, m.source, m.note),
        ],
      };
    }),
  );
  return section(ctx, {
    key: 'familyHistory',
    templateRoot: TPL.secFamilyHistory,
    text: table(headers, rows),
    entries: r.familyHistory.map((m, i) => member(ctx, m, `fam${i + 1}`)),
  });
}

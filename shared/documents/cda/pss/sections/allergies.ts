/**
 * Allergie e Intolleranze (48765-2, section template …4.2.1; mandatory, ≥ 1 entry: b1–b4).
 * Each entry is a concern act (…3.1.1, code nullFlavor NA, b70–b75) holding exactly one
 * allergy observation (…3.1.3) or one "no known allergies" observation (…3.1.4) (b76).
 */
import type { AllergyEntry, ClinicalRecord } from '../../../../domain/clinical-record.ts';
import { el, type XmlElement } from '../../../xml/writer.ts';
import { OID, cd, ivlTs, loinc, originalText, statusCode, templateId, textRef } from '../../datatypes.ts';
import { type BuildContext, commentAct, entryId, noteCell, section } from '../context.ts';
import { codeLabel, itPeriod, table } from '../narrative.ts';
import { TPL } from '../templates.ts';

const TYPE_LABEL: Record<AllergyEntry['type'], string> = {
  ALG: 'Allergia', OINT: 'Intolleranza', DALG: 'Allergia a farmaco', DINT: 'Intolleranza a farmaco',
  FALG: 'Allergia alimentare', FINT: 'Intolleranza alimentare', EALG: 'Allergia ambientale',
};
const TYPE_DISPLAY: Record<AllergyEntry['type'], string> = {
  ALG: 'Allergy', OINT: 'Intolerance', DALG: 'Drug Allergy', DINT: 'Drug Intolerance',
  FALG: 'Food Allergy', FINT: 'Food Intolerance', EALG: 'Environmental Allergy',
};
const CRITICALITY: Record<'L' | 'M' | 'H', string> = { L: 'Bassa', M: 'Moderata', H: 'Alta' };
const NO_ALLERGIES_LABEL: Record<string, string> = {
  'no-known-allergies': 'Nessuna allergia nota',
  'no-allergy-info': 'Informazioni non note su allergie',
  'no-known-medication-allergies': 'Nessuna allergia nota a farmaci',
  'no-known-food-allergies': 'Nessuna allergia alimentare nota',
  'no-known-environmental-allergies': 'Nessuna allergia ambientale nota',
};

function agentCode(a: AllergyEntry['agent'], contentId: string): XmlElement {
  switch (a.kind) {
    case 'atc': return cd('code', { code: a.code, codeSystem: OID.ATC, codeSystemName: 'ATC', displayName: a.display }, {}, originalText(contentId));
    case 'aic': return cd('code', { code: a.code, codeSystem: OID.AIC, codeSystemName: 'AIC', displayName: a.display }, {}, originalText(contentId));
    case 'substance': return cd('code', { code: a.code, codeSystem: OID.PSS_ALLERGENS, codeSystemName: 'Allergeni (No Farmaci)', displayName: a.display }, {}, originalText(contentId));
    case 'unknown': return el('code', { nullFlavor: 'UNK' });
  }
}

function agentText(a: AllergyEntry['agent']): string {
  return a.kind === 'unknown' ? 'Agente non noto' : codeLabel(a.display, a.code);
}

function allergyEntry(ctx: BuildContext, a: AllergyEntry, n: string): XmlElement {
  const active = a.status === 'active';
  const observation = el(
    'observation',
    { classCode: 'OBS', moodCode: 'EVN' },
    templateId(TPL.allergyObservation),
    entryId(ctx, a.id, 'obs'),
    loinc('52473-6', 'Allergia o causa della reazione'),
    textRef(n),
    statusCode('completed'),
    ivlTs(a.onset, active ? undefined : (a.resolution ?? ctx.today)),
    cd('value', { code: a.type, codeSystem: OID.ACT_CODE, codeSystemName: 'ObservationIntoleranceType', displayName: TYPE_DISPLAY[a.type] }, { 'xsi:type': 'CD' }),
    el('participant', { typeCode: 'CSM' }, el('participantRole', { classCode: 'MANU' }, el('playingEntity', { classCode: 'MMAT' }, agentCode(a.agent, `${n}-agent`)))),
    a.reaction
      ? el(
          'entryRelationship',
          { typeCode: 'MFST' },
          el(
            'observation',
            { classCode: 'OBS', moodCode: 'EVN' },
            templateId(TPL.reaction),
            entryId(ctx, a.id, 'reaction'),
            loinc('75321-0', 'Obiettività Clinica'),
            textRef(`${n}-reaction`),
            statusCode('completed'),
            ivlTs(a.onset),
            cd('value', { code: a.reaction.code, codeSystem: OID.ICD9CM, codeSystemName: 'ICD-9-CM', displayName: a.reaction.display }, { 'xsi:type': 'CD' }, originalText(`${n}-reaction`)),
          ),
        )
      : null,
    a.criticality
      ? el(
          'entryRelationship',
          { typeCode: 'SUBJ', inversionInd: 'true' },
          el(
            'observation',
            { classCode: 'OBS', moodCode: 'EVN' },
            templateId(TPL.criticality),
            cd('code', { code: 'SEV', codeSystem: OID.ACT_CODE, codeSystemName: 'ActCode', displayName: 'Criticality' }),
            textRef(`${n}-crit`),
            statusCode('completed'),
            cd('value', { code: a.criticality, codeSystem: OID.OBSERVATION_VALUE, codeSystemName: 'ObservationValue', displayName: CRITICALITY[a.criticality] }, { 'xsi:type': 'CD' }),
          ),
        )
      : null,
    // Stato clinico (…3.1.6): LOINC LA16666-2 active / LA18632-2 inactive (b86–b90).
    el(
      'entryRelationship',
      { typeCode: 'REFR', inversionInd: 'false' },
      el(
        'observation',
        { classCode: 'OBS', moodCode: 'EVN' },
        templateId(TPL.clinicalStatus),
        loinc('33999-4', 'Stato'),
        textRef(`${n}-status`),
        statusCode('completed'),
        cd('value', { code: active ? 'LA16666-2' : 'LA18632-2', codeSystem: OID.LOINC, codeSystemName: 'LOINC', displayName: active ? 'Active' : 'Inactive' }, { 'xsi:type': 'CE' }),
      ),
    ),
    commentAct(`${n}-note`),
  );
  return el(
    'act',
    { classCode: 'ACT', moodCode: 'EVN' },
    templateId(TPL.allergyConcern),
    entryId(ctx, a.id),
    el('code', { nullFlavor: 'NA' }),
    // b75: completed concerns carry high, active ones must not.
    statusCode(active ? 'active' : 'completed'),
    ivlTs(a.onset, active ? undefined : (a.resolution ?? ctx.today)),
    el('entryRelationship', { typeCode: 'SUBJ' }, observation),
  );
}

function noAllergiesEntry(ctx: BuildContext, code: string): XmlElement {
  return el(
    'act',
    { classCode: 'ACT', moodCode: 'EVN' },
    templateId(TPL.allergyConcern),
    entryId(ctx, `${ctx.documentId}.noallergies`),
    el('code', { nullFlavor: 'NA' }),
    statusCode('active'),
    ivlTs(undefined),
    el(
      'entryRelationship',
      { typeCode: 'SUBJ' },
      el(
        'observation',
        { classCode: 'OBS', moodCode: 'EVN' },
        templateId(TPL.noAllergies),
        entryId(ctx, `${ctx.documentId}.noallergies`, 'obs'),
        cd('code', { code: 'OINT', codeSystem: OID.ACT_CODE, codeSystemName: 'ObservationIntoleranceType', displayName: 'Intolerance' }),
        textRef('alg-none'),
        statusCode('completed'),
        ivlTs(undefined),
        cd('value', { code, codeSystem: OID.IPS_NO_ALLERGIES, codeSystemName: 'IPSNoAllergiesInfo', displayName: NO_ALLERGIES_LABEL[code] }, { 'xsi:type': 'CD' }),
      ),
    ),
  );
}

export function allergiesSection(ctx: BuildContext, r: ClinicalRecord): XmlElement {
  const headers = ['Tipo', 'Agente', 'Reazione', 'Criticità', 'Stato', 'Periodo', 'Fonte e note'];
  if (r.allergies.length === 0) {
    const code = r.noAllergies ?? 'no-allergy-info';
    return section(ctx, {
      key: 'allergies',
      templateRoot: TPL.secAllergies,
      text: table(headers, [{ id: 'alg-none', cells: [NO_ALLERGIES_LABEL[code] ?? code, '', '', '', '', '', ''] }]),
      entries: [noAllergiesEntry(ctx, code)],
    });
  }
  const rows = r.allergies.map((a, i) => {
    const n = `alg${i + 1}`;
    return {
      id: n,
      cells: [
        TYPE_LABEL[a.type],
        { id: `${n}-agent`, text: agentText(a.agent) },
        { id: `${n}-reaction`, text: a.reaction ? codeLabel(a.reaction.display, a.reaction.code) : '' },
        { id: `${n}-crit`, text: a.criticality ? CRITICALITY[a.criticality] : '' },
        { id: `${n}-status`, text: a.status === 'active' ? 'Attiva' : 'Risolta' },
        a.status === 'active' ? itPeriod(a.onset, undefined) : itPeriod(a.onset, a.resolution),
        noteCell(n, a.source, a.note),
      ],
    };
  });
  return section(ctx, {
    key: 'allergies',
    templateRoot: TPL.secAllergies,
    text: table(headers, rows),
    entries: r.allergies.map((a, i) => allergyEntry(ctx, a, `alg${i + 1}`)),
  });
}


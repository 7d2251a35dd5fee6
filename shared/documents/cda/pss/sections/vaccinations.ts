/**
 * Vaccinazioni (11369-6, …4.2.3; optional, ≥ 1 entry when present: b23–b26). Each entry is a
 * substanceAdministration …3.3.1 (code IMMUNIZ, statusCode completed, one effectiveTime:
 * b117–b121) with the product …3.3.2 coded ATC (or AIC + ATC translation) and a lotNumberText
 * (required, b122–b125), optional coverage period (…3.3.3), dose number (…3.3.4), adverse
 * reaction (CAUS …3.1.5.1) and comment (b127–b145).
 */
import type { ClinicalRecord } from '../../../../domain/clinical-record.ts';
import type { VaccinationEntry } from '../../../../domain/record/vaccination-entries.ts';
import { el, type XmlElement } from '../../../xml/writer.ts';
import { OID, cd, ivlTs, loinc, originalText, statusCode, templateId, textRef, tsEl } from '../../datatypes.ts';
import { type BuildContext, commentAct, entryId, noteCell, section } from '../context.ts';
import { codeLabel, itDate, table } from '../narrative.ts';
import { TPL } from '../templates.ts';
import { productCode } from './medications.ts';
import { routeCode } from './route.ts';

function vaccination(ctx: BuildContext, v: VaccinationEntry, n: string): XmlElement {
  return el(
    'substanceAdministration',
    { classCode: 'SBADM', moodCode: 'EVN' },
    templateId(TPL.immunization),
    entryId(ctx, v.id),
    cd('code', { code: 'IMMUNIZ', codeSystem: OID.ACT_CODE, codeSystemName: 'ActCode', displayName: 'Immunization' }),
    textRef(n),
    statusCode('completed'),
    tsEl(v.date),
    v.route ? routeCode(v.route) : null,
    el('consumable', { typeCode: 'CSM' },
      el('manufacturedProduct', { classCode: 'MANU' },
        templateId(TPL.immunizationProduct),
        el('manufacturedMaterial', { classCode: 'MMAT', determinerCode: 'KIND' },
          productCode(v.atc, v.aic, `${n}-vaccine`),
          v.lot ? el('lotNumberText', null, v.lot) : el('lotNumberText', { nullFlavor: 'UNK' })))),
    v.coveredUntil
      ? el('entryRelationship', { typeCode: 'REFR' },
          el('observation', { classCode: 'OBS', moodCode: 'EVN' },
            templateId(TPL.immunizationCoverage),
            loinc('59781-5', 'Validità della dose'),
            statusCode('completed'),
            el('value', { 'xsi:type': 'IVL_TS' }, el('high', { value: v.coveredUntil.replace(/-/g, '') }))))
      : null,
    v.doseNumber !== undefined
      ? el('entryRelationship', { typeCode: 'SUBJ' },
          el('observation', { classCode: 'OBS', moodCode: 'EVN' },
            templateId(TPL.immunizationDose),
            loinc('30973-2', 'Numero dose'),
            statusCode('completed'),
            el('value', { 'xsi:type': 'INT', value: v.doseNumber })))
      : null,
    v.adverseReaction
      ? el('entryRelationship', { typeCode: 'CAUS' },
          el('observation', { classCode: 'OBS', moodCode: 'EVN' },
            templateId(TPL.reaction),
            entryId(ctx, v.id, 'reaction'),
            loinc('75321-0', 'Obiettività Clinica'),
            textRef(`${n}-reaction`),
            statusCode('completed'),
            ivlTs(v.date),
            cd('value', { code: v.adverseReaction.code, codeSystem: OID.ICD9CM, codeSystemName: 'ICD-9-CM', displayName: v.adverseReaction.display }, { 'xsi:type': 'CD' }, originalText(`${n}-reaction`))))
      : null,
    commentAct(`${n}-note`),
  );
}

export function vaccinationsSection(ctx: BuildContext, r: ClinicalRecord): XmlElement | null {
  if (r.vaccinations.length === 0) return null;
  const rows = r.vaccinations.map((v, i) => {
    const n = `vac${i + 1}`;
    return {
      id: n,
      cells: [
        { id: `${n}-vaccine`, text: v.aic ? `${v.aic.display} (AIC ${v.aic.code}) – ${codeLabel(v.atc.display, v.atc.code)}` : codeLabel(v.atc.display, v.atc.code) },
        itDate(v.date),
        v.doseNumber !== undefined ? String(v.doseNumber) : '',
        v.lot ?? 'non noto',
        v.coveredUntil ? itDate(v.coveredUntil) : '',
        { id: `${n}-reaction`, text: v.adverseReaction ? codeLabel(v.adverseReaction.display, v.adverseReaction.code) : 'Nessuna' },
        noteCell(n, v.source, v.note),
      ],
    };
  });
  return section(ctx, {
    key: 'vaccinations',
    templateRoot: TPL.secVaccinations,
    text: table(['Vaccino', 'Data', 'Dose', 'Lotto', 'Copertura fino al', 'Reazioni avverse', 'Fonte e note'], rows),
    entries: r.vaccinations.map((v, i) => vaccination(ctx, v, `vac${i + 1}`)),
  });
}

/**
 * Terapie farmacologiche (10160-0, …4.2.2; mandatory: b5–b9). Either ≥ 1 therapy
 * (substanceAdministration …3.2.1) or exactly one "no medication" statement (…3.2.3, value set
 * 2.16.840.1.113883.11.22.15). A therapy has status + IVL_TS (high when completed, b111), the
 * route (required, b112), optional PIVL_TS period and dose, and the product coded AIC with the
 * ATC as translation, or ATC alone (b113–b115). Element order per POCD_MT000040.SubstanceAdministration.
 */
import type { ClinicalRecord, MedicationEntry } from '../../../../domain/clinical-record.ts';
import { el, type XmlElement } from '../../../xml/writer.ts';
import { OID, cd, entryIvl, num, originalText, statusCode, templateId, textRef } from '../../datatypes.ts';
import { type BuildContext, commentAct, entryId, noteCell, section } from '../context.ts';
import { codeLabel, itPeriod, table } from '../narrative.ts';
import { TPL } from '../templates.ts';
import { ROUTE_LABEL, routeCode } from './route.ts';

const STATUS_LABEL: Record<MedicationEntry['status'], string> = { active: 'In corso', completed: 'Conclusa', suspended: 'Sospesa' };
const NO_MEDS_LABEL: Record<string, string> = {
  'no-known-medications': 'Nessuna terapia farmacologica in corso',
  'no-medication-info': 'Informazioni non note sulle terapie farmacologiche',
};

/** The product: AIC with ATC translation when the AIC is known, else ATC (b114/b115). */
export function productCode(atc: { code: string; display: string }, aic: { code: string; display: string } | undefined, contentId: string): XmlElement {
  if (aic) {
    return cd('code', { code: aic.code, codeSystem: OID.AIC, codeSystemName: 'AIC', displayName: aic.display }, {},
      originalText(contentId),
      cd('translation', { code: atc.code, codeSystem: OID.ATC, codeSystemName: 'ATC', displayName: atc.display }));
  }
  return cd('code', { code: atc.code, codeSystem: OID.ATC, codeSystemName: 'ATC', displayName: atc.display }, {}, originalText(contentId));
}

function therapy(ctx: BuildContext, m: MedicationEntry, n: string): XmlElement {
  const high = m.status === 'completed' ? (m.end ?? ctx.today) : undefined;
  return el(
    'substanceAdministration',
    { classCode: 'SBADM', moodCode: 'EVN' },
    templateId(TPL.medication),
    entryId(ctx, m.id),
    textRef(n),
    statusCode(m.status),
    entryIvl(m.start, high, { 'xsi:type': 'IVL_TS' }),
    m.periodHours
      ? el('effectiveTime', { 'xsi:type': 'PIVL_TS', operator: 'A', institutionSpecified: 'true' }, el('period', { value: num(m.periodHours), unit: 'h' }))
      : null,
    routeCode(m.route),
    m.dose ? el('doseQuantity', { value: num(m.dose.value), unit: m.dose.unit }) : null,
    el(
      'consumable',
      null,
      el(
        'manufacturedProduct',
        { classCode: 'MANU' },
        templateId(TPL.medicationProduct),
        el('manufacturedMaterial', null, templateId(TPL.manufacturedMaterial), productCode(m.atc, m.aic, `${n}-drug`)),
      ),
    ),
    commentAct(`${n}-note`),
  );
}

function noMedications(ctx: BuildContext, code: string): XmlElement {
  return el(
    'substanceAdministration',
    { classCode: 'SBADM', moodCode: 'EVN' },
    templateId(TPL.noMedications),
    entryId(ctx, `${ctx.documentId}.nomeds`),
    cd('code', { code, codeSystem: OID.IPS_NO_MEDICATIONS, codeSystemName: 'IPSNoMedsInfo', displayName: NO_MEDS_LABEL[code] }),
    textRef('med-none'),
    // CDA requires a consumable (POCD_MT000040.SubstanceAdministration): an empty product.
    el('consumable', null, el('manufacturedProduct', null, el('manufacturedMaterial', null, el('code', { nullFlavor: 'NA' })))),
  );
}

export function medicationsSection(ctx: BuildContext, r: ClinicalRecord): XmlElement {
  const headers = ['Farmaco', 'Principio attivo (ATC)', 'Posologia', 'Via', 'Stato', 'Periodo', 'Fonte e note'];
  if (r.medications.length === 0) {
    const code = r.noMedications ?? 'no-medication-info';
    return section(ctx, {
      key: 'medications',
      templateRoot: TPL.secMedications,
      text: table(headers, [{ id: 'med-none', cells: [NO_MEDS_LABEL[code] ?? code, '', '', '', '', '', ''] }]),
      entries: [noMedications(ctx, code)],
    });
  }
  const rows = r.medications.map((m, i) => {
    const n = `med${i + 1}`;
    return {
      id: n,
      cells: [
        { id: `${n}-drug`, text: m.aic ? `${m.aic.display} (AIC ${m.aic.code})` : codeLabel(m.atc.display, m.atc.code) },
        codeLabel(m.atc.display, m.atc.code),
        { id: `${n}-dose`, text: m.dosageText },
        ROUTE_LABEL[m.route],
        STATUS_LABEL[m.status],
        itPeriod(m.start, m.status === 'completed' ? m.end : undefined),
        noteCell(n, m.source, m.note),
      ],
    };
  });
  return section(ctx, {
    key: 'medications',
    templateRoot: TPL.secMedications,
    text: table(headers, rows),
    entries: r.medications.map((m, i) => therapy(ctx, m, `med${i + 1}`)),
  });
}

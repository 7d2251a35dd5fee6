/**
 * The substanceAdministration entries of the vaccination IG (PAEDIATRICS.md §1): "Dati
 * vaccinazione" (template …11.4.1, statusCode completed) for a dose given, "Esonero/omissione o
 * differimento" (…11.4.2, statusCode cancelled, reason …11.4.10) for a refusal, exemption or
 * postponement, with their nested observations. Element order follows
 * POCD_MT000040.SubstanceAdministration (route, site, dose, consumable, performer, participant,
 * entryRelationship). `detail` = the scheda singola (route, site, dose, reactions, risk, clinical
 * conditions); the certificato carries only what it certifies (vaccine, lot, date, dose number,
 * diseases, place; for a decision its kind, period and coded reason).
 */
import type { VaccinationDecision, VaccineAdministration, VaccineProduct, TargetDisease } from '../../../domain/vaccination-document.ts';
import { NO_IMMUNIZATION_REASON_LABEL, VACCINE_ROUTE_LABEL, VACCINE_SITE_LABEL } from '../../../domain/vaccination-document.ts';
import { el, type XmlChild, type XmlElement } from '../../xml/writer.ts';
import { OID, cd, ii, loinc, num, originalText, statusCode, templateId, textRef, tsDate } from '../datatypes.ts';
import { VACC_OID, VACC_TPL } from './templates.ts';

export interface EntryContext {
  /** OID root of the document, section and entry ids. */
  idRoot: string;
  /** Scheda singola: every clinical detail; certificato: what it certifies. */
  detail: boolean;
}

/** Narrative ids an entry points at (the row and the coded values' originalText). */
export const narrativeIds = {
  row: (id: string) => `vac-${id}`,
  vaccine: (id: string) => `vac-${id}-vaccino`,
  reason: (id: string) => `vac-${id}-motivo`,
  reaction: (id: string) => `vac-${id}-reazione`,
};

function observation(tpl: string, code: XmlElement, ...rest: XmlChild[]): XmlElement {
  return el('observation', { classCode: 'OBS', moodCode: 'EVN' }, templateId(tpl), code, statusCode('completed'), ...rest);
}

function relationship(typeCode: string, obs: XmlElement, inversionInd = 'false'): XmlElement {
  return el('entryRelationship', { typeCode, inversionInd }, obs);
}

function antigenValue(d: TargetDisease): XmlElement {
  return cd('value', { code: d.code, codeSystem: VACC_OID.ANTIGENS, codeSystemName: 'Antigeni/Principi Vaccinali', displayName: d.display }, { 'xsi:type': 'CD' });
}

/** ERRORE-b47…b49: one RSON observation per disease, coded on the antigen list. */
function targetDiseases(list: readonly TargetDisease[]): XmlElement[] {
  return list.map((d) => relationship('RSON', observation(VACC_TPL.targetDisease, loinc('75323-6', 'Condizione'), antigenValue(d))));
}

function doseNumber(n: number | undefined): XmlElement | null {
  if (n === undefined) return null;
  // ERRORE-b17: the only SUBJ inversionInd=true relationship of the entry.
  return relationship('SUBJ', observation(VACC_TPL.doseNumber, loinc('30973-2', 'Numero di dose'), el('value', { 'xsi:type': 'INT', value: n })), 'true');
}

/**
 * consumable/manufacturedProduct. With an AIC: code AIC + translation ATC (ERRORE-b12).
 * Without: on a dose given (certificato only) code nullFlavor UNK + ATC translation (b14); on a
 * decision no code at all, since the code may only be AIC there (b37.1, b35): the name says it.
 */
function consumable(id: string, v: VaccineProduct, opts: { lot?: string | undefined; given: boolean; detail: boolean }): XmlElement {
  const atc = cd('translation', { code: v.atc.code, codeSystem: OID.ATC, codeSystemName: 'ATC', displayName: v.atc.display });
  const code = v.aic
    ? cd('code', { code: v.aic.code, codeSystem: OID.AIC, codeSystemName: 'AIC', displayName: v.aic.display }, {}, originalText(narrativeIds.vaccine(id)), atc)
    : opts.given
      ? el('code', { nullFlavor: 'UNK' }, originalText(narrativeIds.vaccine(id)), atc)
      : null;
  return el(
    'consumable',
    { typeCode: 'CSM' },
    el(
      'manufacturedProduct',
      null,
      el('manufacturedMaterial', null, code, el('name', null, v.aic?.display ?? v.atc.display), opts.lot ? el('lotNumberText', null, opts.lot) : null),
      opts.detail && v.manufacturer ? el('manufacturerOrganization', null, el('name', null, v.manufacturer)) : null,
    ),
  );
}

function place(p: VaccineAdministration['place']): XmlElement | null {
  if (!p) return null;
  return el(
    'participant',
    { typeCode: 'LOC' },
    el(
      'participantRole',
      { classCode: 'ROL' },
      p.id && p.idRoot ? ii(p.idRoot, p.id) : null,
      el('playingEntity', { classCode: 'PLC' }, el('name', null, p.name)),
    ),
  );
}

function performer(p: VaccineAdministration['performer']): XmlElement | null {
  if (!p) return null;
  return el(
    'performer',
    { typeCode: 'PRF' },
    el(
      'assignedEntity',
      null,
      p.codiceFiscale ? ii(OID.CODICE_FISCALE, p.codiceFiscale, 'MEF') : el('id', { nullFlavor: 'NI' }),
      el('assignedPerson', null, el('name', null, p.name)),
    ),
  );
}

export function administrationEntry(ctx: EntryContext, a: VaccineAdministration): XmlElement {
  const detail = ctx.detail;
  const reaction = detail && a.adverseReaction
    ? relationship(
      'CAUS',
      observation(
        VACC_TPL.adverseReaction,
        loinc('31044-1', 'Immunization reaction'),
        a.adverseReaction.onset ? el('effectiveTime', null, el('low', { value: tsDate(a.adverseReaction.onset) })) : null,
        cd('value', { code: a.adverseReaction.code, codeSystem: OID.ICD9CM, codeSystemName: 'ICD-9-CM', displayName: a.adverseReaction.display }, { 'xsi:type': 'CD' }, originalText(narrativeIds.reaction(a.id))),
      ),
    )
    : null;
  return el(
    'substanceAdministration',
    { classCode: 'SBADM', moodCode: 'EVN' },
    templateId(VACC_TPL.administration),
    ii(ctx.idRoot, a.id),
    textRef(narrativeIds.row(a.id)),
    statusCode('completed'),
    el('effectiveTime', { value: tsDate(a.date) }),
    // W003-W005 of the scheda singola: route, site and dose given.
    detail && a.route ? cd('routeCode', { code: a.route, codeSystem: OID.ROUTE, codeSystemName: 'HL7 RouteOfAdministration', displayName: VACCINE_ROUTE_LABEL[a.route].hl7 }) : null,
    detail && a.site ? cd('approachSiteCode', { code: a.site, codeSystem: VACC_OID.ACT_SITE, codeSystemName: 'ActSite', displayName: VACCINE_SITE_LABEL[a.site].hl7 }) : null,
    detail && a.doseMl !== undefined ? el('doseQuantity', { value: num(a.doseMl), unit: 'mL' }) : null,
    consumable(a.id, a.vaccine, { lot: a.lot, given: true, detail }),
    detail ? performer(a.performer) : null,
    place(a.place),
    doseNumber(a.doseNumber),
    // ERRORE-b22: at most two REFR (coverage period, next dose).
    a.coveredUntil
      ? relationship('REFR', observation(VACC_TPL.coverage, loinc('59778-1', 'Date when overdue for immunization'), el('value', { 'xsi:type': 'IVL_TS' }, el('high', { value: tsDate(a.coveredUntil) }))))
      : null,
    a.nextDue ? relationship('REFR', observation(VACC_TPL.coverage, loinc('30980-7', 'Date vaccine due'), el('value', { 'xsi:type': 'TS', value: tsDate(a.nextDue) }))) : null,
    detail && a.riskCategory
      ? relationship('RSON', observation(VACC_TPL.riskCategory, loinc('95715-9', 'Categorie a rischio'), cd('value', { code: a.riskCategory.code, codeSystem: VACC_OID.RISK_CATEGORY, codeSystemName: 'Categorie di Rischio', displayName: a.riskCategory.display }, { 'xsi:type': 'CD' })))
      : null,
    reaction,
    targetDiseases(a.targetDiseases),
  );
}

export function decisionEntry(ctx: EntryContext, d: VaccinationDecision): XmlElement {
  const condition = ctx.detail && d.condition
    ? cd('translation', { code: d.condition.code, codeSystem: OID.ICD9CM, codeSystemName: 'ICD-9-CM', displayName: d.condition.display })
    : null;
  // The narrative shows the reason in the scheda always, in the certificato when coded (narrative.ts).
  const shown = ctx.detail || d.reason !== undefined;
  const value = d.reason
    ? cd('value', { code: d.reason, codeSystem: VACC_OID.ACT_REASON, codeSystemName: 'HL7 ActNoImmunizationReason', displayName: NO_IMMUNIZATION_REASON_LABEL[d.reason].hl7 }, { 'xsi:type': 'CD' }, originalText(narrativeIds.reason(d.id)), condition)
    : ctx.detail && d.condition
      ? cd('value', { code: d.condition.code, codeSystem: OID.ICD9CM, codeSystemName: 'ICD-9-CM', displayName: d.condition.display }, { 'xsi:type': 'CD' }, originalText(narrativeIds.reason(d.id)))
      : null;
  return el(
    'substanceAdministration',
    { classCode: 'SBADM', moodCode: 'EVN' },
    templateId(VACC_TPL.notGiven),
    ii(ctx.idRoot, d.id),
    textRef(narrativeIds.row(d.id)),
    statusCode('cancelled'),
    el('effectiveTime', { value: tsDate(d.date) }),
    consumable(d.id, d.vaccine, { given: false, detail: ctx.detail }),
    doseNumber(d.doseNumber),
    relationship(
      'RSON',
      el(
        'observation',
        { classCode: 'OBS', moodCode: 'EVN' },
        templateId(VACC_TPL.reason),
        loinc('85714-4', 'Motivo per cui non si è ricevuto vaccino'),
        // An uncoded reason is its narrative text (observation/text comes before statusCode).
        !value && shown ? textRef(narrativeIds.reason(d.id)) : null,
        statusCode('completed'),
        // ERRORE-b41/b42: an effectiveTime has both low and high, so only a bounded period gets one.
        d.until ? el('effectiveTime', null, el('low', { value: tsDate(d.date) }), el('high', { value: tsDate(d.until) })) : null,
        value,
      ),
    ),
    d.presumedImmunity.map((x) => relationship('RSON', observation(VACC_TPL.presumedImmunity, loinc('59784-9', 'Disease with presumed immunity'), antigenValue(x)))),
    targetDiseases(d.targetDiseases),
  );
}

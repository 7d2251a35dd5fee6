/** Medications and vaccinations (substance administrations with an ATC/AIC product) back into the record. */
import { RouteCode } from '../../../../domain/record/entry-base.ts';
import type { ClinicalRecord, MedicationEntry } from '../../../../domain/clinical-record.ts';
import { TPL } from '../templates.ts';
import { type El, attr, coded, hasTemplate, isoDate, kid, kids, low } from './dom.ts';
import { type Reader, drop, entries, product, rel, withNote } from './reader.ts';

export function medications(r: Reader, sec: El | undefined, rec: ClinicalRecord): void {
  for (const sa of entries(sec)) {
    if (hasTemplate(sa, TPL.noMedications)) {
      const code = attr(kid(sa, 'code'), 'code');
      if (code === 'no-known-medications' || code === 'no-medication-info') rec.noMedications = code;
      continue;
    }
    const { atc, aic } = product(sa);
    if (!atc) { r.warnings.push(`terapia senza ATC (${aic?.code ?? 'codice assente'}): non importata`); continue; }
    const ivl = kids(sa, 'effectiveTime').find((e) => attr(e, 'xsi:type') === 'IVL_TS' || kid(e, 'low'));
    const pivl = kids(sa, 'effectiveTime').find((e) => attr(e, 'xsi:type') === 'PIVL_TS');
    const period = kid(pivl, 'period');
    const periodValue = Number(attr(period, 'value'));
    const unit = attr(period, 'unit');
    const periodHours = Number.isFinite(periodValue) && periodValue > 0 ? (unit === 'd' ? periodValue * 24 : unit === 'h' ? periodValue : undefined) : undefined;
    const dq = kid(sa, 'doseQuantity');
    const doseEl = attr(dq, 'value') ? dq : kid(dq, 'low');
    const doseValue = Number(attr(doseEl, 'value'));
    const route = RouteCode.safeParse(attr(kid(sa, 'routeCode'), 'code'));
    const st = attr(kid(sa, 'statusCode'), 'code');
    const status: MedicationEntry['status'] = st === 'active' || st === 'suspended' ? st : 'completed';
    const ref = attr(kid(sa, 'text', 'reference'), 'value');
    if (!route.success) r.warnings.push(`via di somministrazione assente o non gestita per ${atc.code}: impostata orale`);
    rec.medications.push(drop(withNote({
      id: r.id(sa, 'med'), atc, aic: aic && /^\d{9}$/.test(aic.code) ? aic : undefined,
      dosageText: r.text(ref ? `${ref}-dose` : undefined) ?? (periodHours ? `ogni ${periodHours} ore` : 'come da prescrizione'),
      dose: Number.isFinite(doseValue) && doseValue > 0 ? { value: doseValue, unit: attr(doseEl, 'unit') ?? '1' } : undefined,
      route: route.success ? route.data : 'PO',
      periodHours, status,
      start: isoDate(attr(kid(ivl, 'low'), 'value')),
      end: status === 'completed' ? isoDate(attr(kid(ivl, 'high'), 'value')) : undefined,
    } as Omit<MedicationEntry, 'source'>, r.sourceNote(sa))));
  }
}

export function vaccinations(r: Reader, sec: El | undefined, rec: ClinicalRecord): void {
  for (const sa of entries(sec)) {
    const { atc, aic } = product(sa);
    if (!atc) { r.warnings.push('vaccinazione senza ATC: non importata'); continue; }
    const lot = kid(sa, 'consumable', 'manufacturedProduct', 'manufacturedMaterial', 'lotNumberText');
    const dose = Number(attr(kid(rel(sa, TPL.immunizationDose), 'value'), 'value'));
    const route = RouteCode.safeParse(attr(kid(sa, 'routeCode'), 'code'));
    const reaction = kids(sa, 'entryRelationship').filter((e) => attr(e, 'typeCode') === 'CAUS').map((e) => kid(e, 'observation'))[0];
    const date = low(sa);
    if (!date) { r.warnings.push(`vaccinazione ${atc.code} senza data: non importata`); continue; }
    rec.vaccinations.push(drop(withNote({
      id: r.id(sa, 'vac'), atc, aic: aic && /^\d{9}$/.test(aic.code) ? aic : undefined, date,
      doseNumber: Number.isInteger(dose) && dose > 0 ? dose : undefined,
      lot: lot && !attr(lot, 'nullFlavor') ? (lot.textContent ?? '').trim() || undefined : undefined,
      route: route.success ? route.data : undefined,
      coveredUntil: isoDate(attr(kid(rel(sa, TPL.immunizationCoverage), 'value', 'high'), 'value')),
      adverseReaction: coded(kid(reaction, 'value')),
    }, r.sourceNote(sa))));
  }
}

/**
 * The section's narrative block, generated from the same data as the entries (the IG's
 * "human-readable = narrative" rule; the PDF prints exactly this). The scheda singola shows every
 * detail of its one administration or decision; the certificato is printable for school: names,
 * vaccines, dates, doses, diseases prevented and the vaccinations not given with their kind and
 * period, no clinical notes (no reactions, conditions or free text).
 */
import {
  DECISION_KIND_LABEL,
  NO_IMMUNIZATION_REASON_LABEL,
  VACCINE_ROUTE_LABEL,
  VACCINE_SITE_LABEL,
  type TargetDisease,
  type VaccinationDecision,
  type VaccineAdministration,
  type VaccineProduct,
} from '../../../domain/vaccination-document.ts';
import { el, type XmlElement } from '../../xml/writer.ts';
import { itDate, paragraph, table, type Cell } from '../pss/narrative.ts';
import { narrativeIds } from './entries.ts';

export function vaccineLabel(v: VaccineProduct): string {
  return v.aic ? `${v.aic.display} (AIC ${v.aic.code}; ATC ${v.atc.code})` : `${v.atc.display} (ATC ${v.atc.code})`;
}

function diseases(list: readonly TargetDisease[]): string {
  return list.map((d) => d.display).join(', ');
}

function dose(n: number | undefined): string {
  return n === undefined ? '' : String(n);
}

function decisionPeriod(d: VaccinationDecision): string {
  return d.until ? `${itDate(d.date)} – ${itDate(d.until)}` : `dal ${itDate(d.date)}`;
}

/** The scheda singola of one administration: one row with every recorded detail. */
export function administrationDetail(a: VaccineAdministration): XmlElement {
  const cells: Cell[] = [
    { id: narrativeIds.vaccine(a.id), text: vaccineLabel(a.vaccine) },
    dose(a.doseNumber),
    itDate(a.date),
    a.lot ?? '',
    a.route ? VACCINE_ROUTE_LABEL[a.route].it : '',
    a.site ? VACCINE_SITE_LABEL[a.site].it : '',
    a.doseMl !== undefined ? `${String(a.doseMl).replace('.', ',')} mL` : '',
    [a.place?.name, a.performer ? `${a.performer.givenName} ${a.performer.surname}` : undefined].filter(Boolean).join('; '),
    diseases(a.targetDiseases),
    [a.coveredUntil ? `copertura fino al ${itDate(a.coveredUntil)}` : '', a.nextDue ? `prossima dose dal ${itDate(a.nextDue)}` : ''].filter(Boolean).join('; '),
    a.adverseReaction ? { id: narrativeIds.reaction(a.id), text: a.adverseReaction.display } : '',
  ];
  return table(
    ['Vaccino', 'Dose', 'Data', 'Lotto', 'Via', 'Sede', 'Quantità', 'Luogo ed esecutore', 'Malattie prevenute', 'Copertura e richiamo', 'Reazioni avverse'],
    [{ id: narrativeIds.row(a.id), cells }],
  );
}

/** The scheda singola of one decision, with the reason and its clinical condition. */
export function decisionDetail(d: VaccinationDecision): XmlElement {
  const reason = [NO_IMMUNIZATION_REASON_LABEL[d.reason].it, d.condition?.display, d.reasonText].filter(Boolean).join('. ');
  return table(
    ['Tipo', 'Vaccino', 'Dose', 'Periodo', 'Motivo', 'Malattie', 'Immunità presunta'],
    [{
      id: narrativeIds.row(d.id),
      cells: [
        DECISION_KIND_LABEL[d.kind],
        { id: narrativeIds.vaccine(d.id), text: vaccineLabel(d.vaccine) },
        dose(d.doseNumber),
        decisionPeriod(d),
        { id: narrativeIds.reason(d.id), text: reason },
        diseases(d.targetDiseases),
        diseases(d.presumedImmunity),
      ],
    }],
  );
}

/** The certificato: vaccinations given (by date), then those not given. */
export function certificateNarrative(administrations: readonly VaccineAdministration[], decisions: readonly VaccinationDecision[]): XmlElement[] {
  const out: XmlElement[] = [];
  if (administrations.length === 0) out.push(paragraph(undefined, 'Nessuna vaccinazione registrata.'));
  else {
    out.push(
      table(
        ['Data', 'Vaccino', 'Dose', 'Lotto', 'Malattie prevenute'],
        administrations.map((a) => ({
          id: narrativeIds.row(a.id),
          cells: [itDate(a.date), { id: narrativeIds.vaccine(a.id), text: vaccineLabel(a.vaccine) }, dose(a.doseNumber), a.lot ?? '', diseases(a.targetDiseases)],
        })),
      ),
    );
  }
  if (decisions.length > 0) {
    out.push(el('paragraph', null, 'Vaccinazioni non eseguite'));
    out.push(
      table(
        ['Tipo', 'Vaccino', 'Periodo', 'Motivo', 'Malattie'],
        decisions.map((d) => ({
          id: narrativeIds.row(d.id),
          cells: [
            DECISION_KIND_LABEL[d.kind],
            { id: narrativeIds.vaccine(d.id), text: vaccineLabel(d.vaccine) },
            decisionPeriod(d),
            { id: narrativeIds.reason(d.id), text: NO_IMMUNIZATION_REASON_LABEL[d.reason].it },
            diseases(d.targetDiseases),
          ],
        })),
      ),
    );
  }
  return out;
}

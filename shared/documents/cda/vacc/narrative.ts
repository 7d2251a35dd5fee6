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
import { cell, itDate, paragraph, table, type Cell } from '../pss/narrative.ts';
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

/**
 * The scheda singola as a two-column table, one line per recorded fact (one administration or
 * decision fits a printed page that way); the table's ID is what the entry's text points at.
 */
function factTable(entryId: string, facts: ReadonlyArray<[string, Cell]>): XmlElement {
  return el(
    'table',
    { ID: narrativeIds.row(entryId), border: '1', width: '100%' },
    el('thead', null, el('tr', null, el('th', null, 'Voce'), el('th', null, 'Valore'))),
    el('tbody', null, facts.filter(([, v]) => v !== '').map(([k, v]) => el('tr', null, el('td', null, k), cell(v)))),
  );
}

/** The scheda singola of one administration, with every recorded detail. */
export function administrationDetail(a: VaccineAdministration): XmlElement {
  return factTable(a.id, [
    ['Vaccino', { id: narrativeIds.vaccine(a.id), text: vaccineLabel(a.vaccine) }],
    ['Produttore', a.vaccine.manufacturer ?? ''],
    ['Dose', dose(a.doseNumber)],
    ['Data', itDate(a.date)],
    ['Lotto', a.lot ?? ''],
    ['Via di somministrazione', a.route ? VACCINE_ROUTE_LABEL[a.route].it : ''],
    ['Sede', a.site ? VACCINE_SITE_LABEL[a.site].it : ''],
    ['Quantità', a.doseMl !== undefined ? `${String(a.doseMl).replace('.', ',')} mL` : ''],
    ['Luogo', a.place?.name ?? ''],
    ['Eseguita da', a.performer?.name ?? ''],
    ['Malattie prevenute', diseases(a.targetDiseases)],
    ['Categoria di rischio', a.riskCategory?.display ?? ''],
    ['Copertura fino al', a.coveredUntil ? itDate(a.coveredUntil) : ''],
    ['Prossima dose dal', a.nextDue ? itDate(a.nextDue) : ''],
    ['Reazioni avverse', a.adverseReaction ? { id: narrativeIds.reaction(a.id), text: a.adverseReaction.display } : 'Nessuna segnalata'],
  ]);
}

/** The scheda singola of one decision, with the reason and its clinical condition. */
export function decisionDetail(d: VaccinationDecision): XmlElement {
  const reason = [d.reason ? NO_IMMUNIZATION_REASON_LABEL[d.reason].it : undefined, d.condition?.display, d.reasonText].filter(Boolean).join('. ');
  return factTable(d.id, [
    ['Tipo', DECISION_KIND_LABEL[d.kind]],
    ['Vaccino', { id: narrativeIds.vaccine(d.id), text: vaccineLabel(d.vaccine) }],
    ['Dose', dose(d.doseNumber)],
    ['Periodo', decisionPeriod(d)],
    ['Motivo', { id: narrativeIds.reason(d.id), text: reason }],
    ['Malattie', diseases(d.targetDiseases)],
    ['Immunità presunta', diseases(d.presumedImmunity)],
  ]);
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
            // Only the coded reason: the doctor's text and the condition are clinical notes.
            d.reason ? { id: narrativeIds.reason(d.id), text: NO_IMMUNIZATION_REASON_LABEL[d.reason].it } : '',
            diseases(d.targetDiseases),
          ],
        })),
      ),
    );
  }
  return out;
}

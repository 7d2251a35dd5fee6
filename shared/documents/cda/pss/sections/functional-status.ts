/**
 * Stato funzionale del paziente (47420-5, …4.2.13; optional). One BATTERY organizer …3.14.1
 * per assessment (b260–b261) with at most one each of: motor capacity …3.14.2 (LOINC 75246-9,
 * value set 2.16.840.1.113883.2.9.77.22.11.15, b262–b266), care regime …3.14.3 (ASSERTION,
 * PSSADI/PSSADP, b267–b271), mental status …3.14.4 (LOINC 8693-4, statusCode normal, ICD-9-CM
 * value, b272–b277).
 */
import type { ClinicalRecord, FunctionalStatusEntry } from '../../../../domain/clinical-record.ts';
import { el, type XmlElement } from '../../../xml/writer.ts';
import { OID, cd, ivlTs, loinc, statusCode, templateId } from '../../datatypes.ts';
import { type BuildContext, entryId, noteCell, section } from '../context.ts';
import { codeLabel, itDate, table } from '../narrative.ts';
import { TPL } from '../templates.ts';

export const MOTOR: Record<NonNullable<FunctionalStatusEntry['motorCapacity']>, string> = {
  'LA21285-4': 'Autonomo', 'LA21286-5': 'Assistito', 'LA4270-0': 'Allettato', 'LA6743-4': 'Su sedia a rotelle',
};
export const REGIME: Record<NonNullable<FunctionalStatusEntry['careRegime']>, string> = {
  PSSADI: 'Assistenza Domiciliare Integrata', PSSADP: 'Assistenza Domiciliare Programmata',
};

export function functionalText(f: FunctionalStatusEntry): string[] {
  return [
    f.motorCapacity ? `Capacità motoria: ${MOTOR[f.motorCapacity]}` : '',
    f.careRegime ? `Regime di assistenza: ${REGIME[f.careRegime]}` : '',
    f.mentalStatus ? `Stato mentale: ${codeLabel(f.mentalStatus.display, f.mentalStatus.code)}` : '',
  ].filter(Boolean);
}

function component(obs: XmlElement): XmlElement {
  return el('component', null, obs);
}

function organizer(ctx: BuildContext, f: FunctionalStatusEntry): XmlElement {
  return el('organizer', { classCode: 'BATTERY', moodCode: 'EVN' },
    templateId(TPL.batteryOrganizer),
    entryId(ctx, f.id),
    statusCode('completed'),
    f.motorCapacity
      ? component(el('observation', { classCode: 'OBS', moodCode: 'EVN' },
          templateId(TPL.batteryObservation),
          loinc('75246-9', 'Activity'),
          statusCode('completed'),
          ivlTs(f.date),
          cd('value', { code: f.motorCapacity, codeSystem: OID.PSS_MOTOR, codeSystemName: 'CapacitaMotoria_PSSIT', displayName: MOTOR[f.motorCapacity] }, { 'xsi:type': 'CD' })))
      : null,
    f.careRegime
      ? component(el('observation', { classCode: 'OBS', moodCode: 'EVN' },
          templateId(TPL.careRegime),
          cd('code', { code: 'ASSERTION', codeSystem: OID.ACT_CODE, codeSystemName: 'ActCode', displayName: 'Assertion' }),
          statusCode('completed'),
          ivlTs(f.date),
          cd('value', { code: f.careRegime, codeSystem: OID.PSS_IT, codeSystemName: 'ProfiloSanitarioSinteticoIT', displayName: REGIME[f.careRegime] }, { 'xsi:type': 'CD' })))
      : null,
    f.mentalStatus
      ? component(el('observation', { classCode: 'OBS', moodCode: 'EVN' },
          templateId(TPL.mentalStatus),
          loinc('8693-4', 'Stato mentale'),
          // b275: the IG wants 'normal' here (the generic ActStatus rule exempts this template).
          statusCode('normal'),
          ivlTs(f.date),
          cd('value', { code: f.mentalStatus.code, codeSystem: OID.ICD9CM, codeSystemName: 'ICD-9-CM', displayName: f.mentalStatus.display }, { 'xsi:type': 'CD' })))
      : null,
  );
}

export function functionalStatusSection(ctx: BuildContext, r: ClinicalRecord): XmlElement | null {
  // An assessment with nothing in it would be an organizer without components (CDA needs ≥ 1).
  const items = r.functionalStatus.filter((f) => f.motorCapacity || f.careRegime || f.mentalStatus);
  if (items.length === 0) return null;
  const rows = items.map((f, i) => ({ id: `func${i + 1}`, cells: [itDate(f.date), functionalText(f).join('; '), noteCell(`func${i + 1}`, f.source, f.note)] }));
  return section(ctx, {
    key: 'functionalStatus',
    templateRoot: TPL.secFunctional,
    text: table(['Data', 'Valutazione', 'Fonte e note'], rows),
    entries: items.map((f) => organizer(ctx, f)),
  });
}

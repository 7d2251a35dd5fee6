/**
 * Visite e ricoveri (46240-8, …4.2.12; optional, ≥ 1 entry: b50–b53). Encounter EVN …3.12.1
 * coded from EncounterCode_PSSIT (2.16.840.1.113883.2.9.77.22.11.14), a text reference and an
 * effectiveTime as a point or low+high (b253–b259). The facility travels as a location
 * participant (LOC/SDLOC), read back by the parser, and — when known — also as the performer the
 * schematron recommends (W002): the facility as representedOrganization, its identifier unknown
 * to the record (id nullFlavor NI), no time (b259 would then need low and high). The discharge
 * diagnosis is an RSON observation (ICD-9-CM), so both survive a CDA → record round trip.
 */
import type { ClinicalRecord } from '../../../../domain/clinical-record.ts';
import { el, type XmlElement } from '../../../xml/writer.ts';
import { OID, cd, entryIvl, templateId, textRef, tsDate } from '../../datatypes.ts';
import { type BuildContext, entryId, noteCell, section } from '../context.ts';
import { codeLabel, itDate, itPeriod, table } from '../narrative.ts';
import { TPL } from '../templates.ts';

export function encountersSection(ctx: BuildContext, r: ClinicalRecord): XmlElement | null {
  if (r.encounters.length === 0) return null;
  const rows = r.encounters.map((e, i) => {
    const n = `enc${i + 1}`;
    return {
      id: n,
      cells: [
        codeLabel(e.encounterType.display, e.encounterType.code),
        e.end ? itPeriod(e.start, e.end) : itDate(e.start),
        e.facility ?? '',
        e.dischargeDiagnosis ? codeLabel(e.dischargeDiagnosis.display, e.dischargeDiagnosis.code) : '',
        noteCell(n, e.source, e.note),
      ],
    };
  });
  return section(ctx, {
    key: 'encounters',
    templateRoot: TPL.secEncounters,
    text: table(['Tipo', 'Data', 'Struttura', 'Diagnosi di dimissione', 'Fonte e note'], rows),
    entries: r.encounters.map((e, i) =>
      el('encounter', { classCode: 'ENC', moodCode: 'EVN' },
        templateId(TPL.encounter),
        entryId(ctx, e.id),
        cd('code', { code: e.encounterType.code, codeSystem: OID.PSS_ENCOUNTER, codeSystemName: 'EncounterCode_PSSIT', displayName: e.encounterType.display }),
        textRef(`enc${i + 1}`),
        e.end ? entryIvl(e.start, e.end) : el('effectiveTime', { value: tsDate(e.start) }),
        e.facility
          ? el('performer', { typeCode: 'PRF' },
              el('assignedEntity', null, el('id', { nullFlavor: 'NI' }), el('representedOrganization', null, el('name', null, e.facility))))
          : null,
        e.facility
          ? el('participant', { typeCode: 'LOC' },
              el('participantRole', { classCode: 'SDLOC' }, el('playingEntity', { classCode: 'PLC' }, el('name', null, e.facility))))
          : null,
        e.dischargeDiagnosis
          ? el('entryRelationship', { typeCode: 'RSON' },
              el('observation', { classCode: 'OBS', moodCode: 'EVN' },
                entryId(ctx, e.id, 'dx'),
                cd('code', { code: e.dischargeDiagnosis.code, codeSystem: OID.ICD9CM, codeSystemName: 'ICD-9-CM', displayName: e.dischargeDiagnosis.display })))
          : null,
      )),
  });
}

/** Family history, devices, past procedures and encounters (visits, admissions) back into the record. */
import { type ClinicalRecord, type FamilyMember } from '../../../../domain/clinical-record.ts';
import { OID } from '../../datatypes.ts';
import { type El, attr, coded, high, isoDate, kid, kids, low } from './dom.ts';
import { type Reader, drop, entries, parseSourceText, rowSource, withNote } from './reader.ts';

const RELATIONSHIPS = ['FTH', 'MTH', 'BRO', 'SIS', 'GRFTH', 'GRMTH', 'UNCLE', 'AUNT', 'SON', 'DAU'] as const;

export function family(r: Reader, sec: El | undefined, rec: ClinicalRecord): void {
  for (const org of entries(sec)) {
    if (org.localName !== 'organizer') continue;
    const relCode = attr(kid(org, 'subject', 'relatedSubject', 'code'), 'code');
    const relationship = RELATIONSHIPS.find((x) => x === relCode);
    if (!relationship) { r.warnings.push(`familiare ${relCode ?? '?'} non gestito: non importato`); continue; }
    let deceasedAge: number | undefined;
    const conditions: FamilyMember['conditions'] = [];
    for (const obs of kids(org, 'component').map((c) => kid(c, 'observation'))) {
      const dx = coded(kid(obs, 'value'));
      if (!dx) continue;
      let onsetAge: number | undefined;
      for (const a of kids(obs, 'entryRelationship').map((e) => kid(e, 'observation'))) {
        const years = Number(attr(kid(a, 'value'), 'value'));
        if (!Number.isInteger(years)) continue;
        if (attr(kid(a, 'code'), 'code') === '35267-4') onsetAge = years;
        if (attr(kid(a, 'code'), 'code') === '39016-1') deceasedAge = years;
      }
      conditions.push(drop({ diagnosis: dx, onsetAge }));
    }
    if (conditions.length === 0) continue;
    const firstObs = kid(kids(org, 'component')[0], 'observation');
    const ref = attr(kid(firstObs, 'text', 'reference'), 'value');
    const noteText = r.text(ref ? `${ref}-note` : undefined);
    const parsed = noteText ? parseSourceText(noteText) : { source: 'doctor' as const };
    rec.familyHistory.push(drop(withNote({ id: r.id(org, 'fam'), relationship, conditions, deceasedAge }, parsed)));
  }
}

export function devices(r: Reader, sec: El | undefined, rec: ClinicalRecord): void {
  for (const s of entries(sec)) {
    const cnd = coded(kid(s, 'code'));
    if (!cnd) continue;
    rec.devices.push(drop(withNote({ id: r.id(s, 'dev'), cnd, date: isoDate(attr(kid(s, 'effectiveTime'), 'value')) }, rowSource(r, s))));
  }
}

export function procedures(r: Reader, sec: El | undefined, rec: ClinicalRecord): void {
  for (const p of entries(sec)) {
    const code = coded(kid(p, 'code'));
    const start = low(p);
    if (!code || !start) { r.warnings.push('procedura senza codice o data: non importata'); continue; }
    if (attr(kid(p, 'code'), 'codeSystem') !== OID.ICD9CM) { r.warnings.push(`procedura ${code.code}: codice non ICD-9-CM, non importata`); continue; }
    const reason = kids(p, 'entryRelationship').filter((e) => attr(e, 'typeCode') === 'RSON').map((e) => kid(e, 'observation')).find(Boolean);
    rec.procedures.push(drop(withNote({ id: r.id(p, 'proc'), procedure: code, start, end: high(p), reason: coded(kid(reason, 'code')) }, r.sourceNote(p))));
  }
}

export function encounters(r: Reader, sec: El | undefined, rec: ClinicalRecord): void {
  for (const e of entries(sec)) {
    const type = coded(kid(e, 'code'));
    const start = low(e);
    if (!type || !start) { r.warnings.push('visita o ricovero senza tipo o data: non importato'); continue; }
    const facility = kids(e, 'participant').filter((p) => attr(p, 'typeCode') === 'LOC').map((p) => kid(p, 'participantRole', 'playingEntity', 'name')).find(Boolean);
    const dx = kids(e, 'entryRelationship').filter((x) => attr(x, 'typeCode') === 'RSON').map((x) => kid(x, 'observation', 'code')).find(Boolean);
    rec.encounters.push(drop(withNote({
      id: r.id(e, 'enc'), encounterType: type, start, end: high(e),
      facility: facility ? (facility.textContent ?? '').trim() || undefined : undefined,
      dischargeDiagnosis: coded(dx),
    }, rowSource(r, e))));
  }
}

/** Allergies and problems (concern acts around one observation, with its clinical status) back into the record. */
import { type AllergyEntry, type ClinicalRecord } from '../../../../domain/clinical-record.ts';
import { OID } from '../../datatypes.ts';
import { TPL } from '../templates.ts';
import { type El, attr, coded, high, kid, low } from './dom.ts';
import { type Reader, drop, entries, rel, withNote } from './reader.ts';

export function allergies(r: Reader, sec: El | undefined, rec: ClinicalRecord): void {
  for (const act of entries(sec)) {
    const none = rel(act, TPL.noAllergies);
    if (none) {
      const code = attr(kid(none, 'value'), 'code');
      if (code === 'no-known-allergies' || code === 'no-allergy-info' || code === 'no-known-medication-allergies' || code === 'no-known-food-allergies' || code === 'no-known-environmental-allergies') rec.noAllergies = code;
      continue;
    }
    const obs = rel(act, TPL.allergyObservation);
    if (!obs) { r.warnings.push('allergia senza osservazione'); continue; }
    const typeCode = attr(kid(obs, 'value'), 'code') ?? 'ALG';
    const type = (['ALG', 'OINT', 'DALG', 'DINT', 'FALG', 'FINT', 'EALG'] as const).find((t) => t === typeCode) ?? 'ALG';
    const code = kid(obs, 'participant', 'participantRole', 'playingEntity', 'code');
    const c = coded(code);
    const system = attr(code, 'codeSystem');
    const agent: AllergyEntry['agent'] = !c ? { kind: 'unknown' }
      : system === OID.ATC ? { kind: 'atc', ...c }
      : system === OID.AIC && /^\d{9}$/.test(c.code) ? { kind: 'aic', ...c }
      : { kind: 'substance', ...c };
    const status = attr(kid(rel(obs, TPL.clinicalStatus), 'value'), 'code') === 'LA18632-2' || attr(kid(act, 'statusCode'), 'code') === 'completed' ? 'resolved' : 'active';
    const reaction = rel(obs, TPL.reaction);
    const crit = attr(kid(rel(obs, TPL.criticality), 'value'), 'code');
    rec.allergies.push(drop(withNote({
      id: r.id(act, 'alg'), type, agent, status,
      onset: low(obs),
      resolution: status === 'resolved' ? high(obs) ?? high(act) : undefined,
      reaction: attr(kid(reaction, 'value'), 'codeSystem') === OID.ICD9CM ? coded(kid(reaction, 'value')) : undefined,
      criticality: crit === 'L' || crit === 'M' || crit === 'H' ? crit : undefined,
    } as Omit<AllergyEntry, 'source'>, r.sourceNote(obs))));
  }
}

export function problems(r: Reader, sec: El | undefined, rec: ClinicalRecord): void {
  for (const act of entries(sec)) {
    const obs = rel(act, TPL.problemObservation);
    const value = kid(obs, 'value');
    if (attr(value, 'codeSystem') === OID.IPS_NO_PROBLEMS) {
      const code = attr(value, 'code');
      if (code === 'no-known-problems' || code === 'no-problem-info') rec.noProblems = code;
      continue;
    }
    const dx = coded(value);
    if (!dx) { r.warnings.push('problema senza codice: non importato'); continue; }
    if (attr(value, 'codeSystem') !== OID.ICD9CM) {
      // The record codes problems in ICD-9-CM only: other value sets (e.g. missing organs, ICD-10) are reported, not guessed.
      r.warnings.push(`problema ${dx.code} (${dx.display}) codificato in ${attr(value, 'codeSystem') ?? '?'}, non ICD-9-CM: non importato`);
      continue;
    }
    const status = attr(kid(rel(obs, TPL.clinicalStatus), 'value'), 'code') === 'LA18632-2' || attr(kid(act, 'statusCode'), 'code') === 'completed' ? 'resolved' : 'active';
    const sev = attr(kid(rel(obs, TPL.problemSeverity), 'value'), 'code');
    rec.problems.push(drop(withNote({
      id: r.id(act, 'prb'), diagnosis: dx, status,
      chronic: attr(kid(rel(obs, TPL.problemChronicity), 'value'), 'code') === 'LA28752-6',
      onset: low(obs) ?? low(act),
      resolution: status === 'resolved' ? high(obs) ?? high(act) : undefined,
      severity: sev === 'L' || sev === 'M' || sev === 'H' ? sev : undefined,
    }, r.sourceNote(obs))));
  }
}

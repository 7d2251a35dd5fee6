/** Observation sections back into the record: lifestyle, pregnancies, vital signs, functional status, lab results. */
import { type ClinicalRecord, type FunctionalStatusEntry, type LifestyleEntry, type PregnancyEntry } from '../../../../domain/clinical-record.ts';
import { LIFESTYLE, SMOKING } from '../sections/lifestyle.ts';
import { PREGNANCY } from '../sections/pregnancies.ts';
import { VITAL } from '../sections/vital-signs.ts';
import { TPL } from '../templates.ts';
import { type El, attr, coded, hasTemplate, isoDate, kid, kids, low } from './dom.ts';
import { type Reader, drop, entries, parseSourceText, rowSource, withNote } from './reader.ts';

const byCode = <K extends string>(table: Record<K, { code: string }>): Map<string, K> =>
  new Map(Object.entries(table).map(([k, v]) => [(v as { code: string }).code, k as K]));
const LIFESTYLE_BY_CODE = byCode(LIFESTYLE);
const PREGNANCY_BY_CODE = byCode(PREGNANCY);
const VITAL_BY_CODE = byCode(VITAL);
const SMOKING_BY_CODE = byCode(SMOKING);

export function observationsSimple(r: Reader, sec: El | undefined, rec: ClinicalRecord, kind: 'lifestyle' | 'pregnancies'): void {
  for (const obs of entries(sec)) {
    const code = attr(kid(obs, 'code'), 'code') ?? '';
    const value = kid(obs, 'value');
    const type = attr(value, 'xsi:type');
    const sn = rowSource(r, obs);
    if (kind === 'lifestyle') {
      const k = LIFESTYLE_BY_CODE.get(code);
      if (!k) { r.warnings.push(`stile di vita ${code} non gestito`); continue; }
      const e: Omit<LifestyleEntry, 'source'> = { id: r.id(obs, 'life'), kind: k, date: isoDate(attr(kid(obs, 'effectiveTime'), 'value')) };
      if (k === 'smoking') e.smoking = SMOKING_BY_CODE.get(attr(value, 'code') ?? '');
      else if (type === 'PQ') e.drinksPerDay = Number(attr(value, 'value'));
      else e.text = (value?.textContent ?? '').trim() || undefined;
      rec.lifestyle.push(drop(withNote(e, sn)));
    } else {
      const k = PREGNANCY_BY_CODE.get(code);
      if (!k) { r.warnings.push(`gravidanza ${code} non gestito`); continue; }
      const e: Omit<PregnancyEntry, 'source'> = { id: r.id(obs, 'preg'), kind: k };
      if (type === 'INT') e.count = Number(attr(value, 'value'));
      else e.date = isoDate(attr(value, 'value'));
      rec.pregnancies.push(drop(withNote(e, sn)));
    }
  }
}

export function vitals(r: Reader, sec: El | undefined, rec: ClinicalRecord): void {
  const single = (obs: El | undefined): { code: string; value: number; date?: string } => ({
    code: attr(kid(obs, 'code'), 'code') ?? '',
    value: Number(attr(kid(obs, 'value'), 'value')),
    date: isoDate(attr(kid(obs, 'effectiveTime'), 'value')),
  });
  for (const e of entries(sec)) {
    if (e.localName === 'organizer') {
      const comps = kids(e, 'component').map((c) => single(kid(c, 'observation')));
      const sys = comps.find((c) => c.code === VITAL.systolic.code);
      const dia = comps.find((c) => c.code === VITAL.diastolic.code);
      const date = isoDate(attr(kid(e, 'effectiveTime'), 'value')) ?? sys?.date;
      if (sys && dia && date) {
        rec.vitalSigns.push({ id: r.id(e, 'vs'), kind: 'blood-pressure', systolic: Math.round(sys.value), diastolic: Math.round(dia.value), date, ...rowSource(r, kid(kids(e, 'component')[0], 'observation')) });
      } else r.warnings.push('gruppo di parametri vitali non gestito');
      continue;
    }
    const s = single(e);
    const kind = VITAL_BY_CODE.get(s.code);
    if (!kind || kind === 'systolic' || kind === 'diastolic' || !s.date || !(s.value > 0)) { r.warnings.push(`parametro vitale ${s.code} non gestito`); continue; }
    rec.vitalSigns.push({ id: r.id(e, 'vs'), kind, value: s.value, date: s.date, ...rowSource(r, e) });
  }
}

export function functional(r: Reader, sec: El | undefined, rec: ClinicalRecord): void {
  entries(sec).forEach((org, i) => {
    const obs = kids(org, 'component').map((c) => kid(c, 'observation')).filter((o): o is El => o !== undefined);
    const motor = attr(kid(obs.find((o) => hasTemplate(o, TPL.batteryObservation)), 'value'), 'code');
    const regime = attr(kid(obs.find((o) => hasTemplate(o, TPL.careRegime)), 'value'), 'code');
    const mental = coded(kid(obs.find((o) => hasTemplate(o, TPL.mentalStatus)), 'value'));
    const date = obs.map((o) => low(o)).find(Boolean);
    if (!date) { r.warnings.push('stato funzionale senza data: non importato'); return; }
    const e: Omit<FunctionalStatusEntry, 'source'> = { id: r.id(org, 'func'), date };
    if (motor === 'LA21285-4' || motor === 'LA21286-5' || motor === 'LA4270-0' || motor === 'LA6743-4') e.motorCapacity = motor;
    if (regime === 'PSSADI' || regime === 'PSSADP') e.careRegime = regime;
    if (mental) e.mentalStatus = mental;
    const t = r.text(`func${i + 1}-note`);
    rec.functionalStatus.push(withNote(e, t ? parseSourceText(t) : { source: 'doctor' }));
  });
}

export function results(r: Reader, sec: El | undefined, rec: ClinicalRecord): void {
  for (const org of entries(sec)) {
    for (const obs of kids(org, 'component').map((c) => kid(c, 'observation'))) {
      const loinc = coded(kid(obs, 'code'));
      const v = kid(obs, 'value');
      const value = Number(attr(v, 'value'));
      const date = isoDate(attr(kid(obs, 'effectiveTime'), 'value')) ?? isoDate(attr(kid(org, 'effectiveTime'), 'value'));
      if (!loinc || !Number.isFinite(value) || !date) { r.warnings.push('esito di laboratorio non numerico o senza data: non importato'); continue; }
      const range = kid(obs, 'referenceRange', 'observationRange', 'value');
      const lo = Number(attr(kid(range, 'low'), 'value'));
      const hi = Number(attr(kid(range, 'high'), 'value'));
      const interp = attr(kid(obs, 'interpretationCode'), 'code');
      rec.labResults.push(drop(withNote({
        id: r.id(obs, 'lab'), loinc, value, unit: attr(v, 'unit') ?? '1', date,
        referenceLow: range && Number.isFinite(lo) ? lo : undefined,
        referenceHigh: range && Number.isFinite(hi) ? hi : undefined,
        interpretation: interp === 'N' || interp === 'H' || interp === 'L' || interp === 'A' ? interp : undefined,
      }, rowSource(r, obs))));
    }
  }
}

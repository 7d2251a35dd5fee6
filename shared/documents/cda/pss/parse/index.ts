/**
 * parsePssCda: a PSS CDA (ours or another product's, such as the official IG example) back to
 * the coded clinical record, so existing documents can seed the record and our own output can
 * be checked by round trip. Tolerant: what the record cannot hold is listed in `warnings`
 * instead of failing. Sources and notes come from the comment acts' narrative
 * ("<source label>. <note>"), as the builder writes them.
 */
import {
  ENTRY_SOURCE_LABEL,
  RouteCode,
  emptyClinicalRecord,
  type AllergyEntry,
  type ClinicalRecord,
  type EntrySource,
  type FamilyMember,
  type FunctionalStatusEntry,
  type LifestyleEntry,
  type MedicationEntry,
  type PregnancyEntry,
} from '../../../../domain/clinical-record.ts';
import { OID } from '../../datatypes.ts';
import { DONATION_LABEL } from '../sections/organ-donation.ts';
import { LIFESTYLE, SMOKING } from '../sections/lifestyle.ts';
import { PREGNANCY } from '../sections/pregnancies.ts';
import { VITAL } from '../sections/vital-signs.ts';
import { SECTION, TPL } from '../templates.ts';
import { type El, all, attr, coded, hasTemplate, high, isoDate, kid, kids, low, parseXml } from './dom.ts';

export interface ParsedPss {
  record: ClinicalRecord;
  warnings: string[];
}

const LABEL_TO_SOURCE = new Map<string, EntrySource>(Object.entries(ENTRY_SOURCE_LABEL).map(([k, v]) => [v, k as EntrySource]));
const byCode = <K extends string>(table: Record<K, { code: string }>): Map<string, K> =>
  new Map(Object.entries(table).map(([k, v]) => [(v as { code: string }).code, k as K]));
const LIFESTYLE_BY_CODE = byCode(LIFESTYLE);
const PREGNANCY_BY_CODE = byCode(PREGNANCY);
const VITAL_BY_CODE = byCode(VITAL);
const SMOKING_BY_CODE = byCode(SMOKING);

class Reader {
  readonly warnings: string[] = [];
  private readonly narrative = new Map<string, string>();
  private seq = 0;
  constructor(readonly root: El) {
    for (const e of all(root, '*')) {
      const id = attr(e, 'ID');
      if (id) this.narrative.set(id, (e.textContent ?? '').replace(/\s+/g, ' ').trim());
    }
  }
  /** Our entry id when the II is well formed, else a generated one. */
  id(e: El | undefined, prefix: string): string {
    const ext = attr(kid(e, 'id'), 'extension');
    if (ext && /^[A-Za-z0-9._-]{1,64}$/.test(ext)) return ext;
    return `${prefix}-${String(++this.seq).padStart(3, '0')}`;
  }
  text(ref: string | undefined): string | undefined {
    return ref ? this.narrative.get(ref.replace(/^#/, '')) : undefined;
  }
  /** Source and note from the entry's comment act (…3.1.7), falling back to 'doctor'. */
  sourceNote(e: El | undefined): { source: EntrySource; note?: string } {
    const act = kids(e, 'entryRelationship').map((r) => kid(r, 'act')).find((a) => hasTemplate(a, TPL.comment));
    const text = this.text(attr(kid(act, 'text', 'reference'), 'value'));
    if (!text) return { source: 'doctor' };
    for (const [label, source] of LABEL_TO_SOURCE) {
      if (text === label) return { source };
      if (text.startsWith(`${label}. `)) return { source, note: text.slice(label.length + 2) };
    }
    return { source: 'doctor', note: text };
  }
}

function rel(e: El | undefined, template: string, name = 'observation'): El | undefined {
  return kids(e, 'entryRelationship').map((r) => kid(r, name)).find((o) => hasTemplate(o, template));
}

function withNote<T extends object>(entry: T, sn: { source: EntrySource; note?: string }): T & { source: EntrySource; note?: string } {
  return sn.note === undefined ? { ...entry, source: sn.source } : { ...entry, source: sn.source, note: sn.note };
}

function drop<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

function sectionsByCode(root: El): Map<string, El> {
  const out = new Map<string, El>();
  for (const comp of kids(kid(root, 'component', 'structuredBody'), 'component')) {
    const sec = kid(comp, 'section');
    const code = attr(kid(sec, 'code'), 'code');
    if (sec && code) out.set(code, sec);
  }
  return out;
}

function entries(sec: El | undefined): El[] {
  return kids(sec, 'entry').flatMap((e) => kids(e).slice(0, 1));
}

function allergies(r: Reader, sec: El | undefined, rec: ClinicalRecord): void {
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

function product(sa: El | undefined): { atc?: { code: string; display: string }; aic?: { code: string; display: string } } {
  const code = kid(sa, 'consumable', 'manufacturedProduct', 'manufacturedMaterial', 'code');
  const tr = kids(code, 'translation');
  const pick = (system: string) => (attr(code, 'codeSystem') === system ? coded(code) : coded(tr.find((t) => attr(t, 'codeSystem') === system)));
  return { atc: pick(OID.ATC), aic: pick(OID.AIC) };
}

function medications(r: Reader, sec: El | undefined, rec: ClinicalRecord): void {
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

function vaccinations(r: Reader, sec: El | undefined, rec: ClinicalRecord): void {
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

function problems(r: Reader, sec: El | undefined, rec: ClinicalRecord): void {
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

const RELATIONSHIPS = ['FTH', 'MTH', 'BRO', 'SIS', 'GRFTH', 'GRMTH', 'UNCLE', 'AUNT', 'SON', 'DAU'] as const;

function family(r: Reader, sec: El | undefined, rec: ClinicalRecord): void {
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

function parseSourceText(text: string): { source: EntrySource; note?: string } {
  for (const [label, source] of LABEL_TO_SOURCE) {
    if (text === label) return { source };
    if (text.startsWith(`${label}. `)) return { source, note: text.slice(label.length + 2) };
  }
  return { source: 'doctor', note: text };
}

/** Source from the narrative row an entry points at (`<row>-note`), for entries without a comment act. */
function rowSource(r: Reader, e: El | undefined): { source: EntrySource; note?: string } {
  const ref = attr(kid(e, 'text', 'reference'), 'value');
  const t = r.text(ref ? `${ref}-note` : undefined);
  return t ? parseSourceText(t) : { source: 'doctor' };
}

function observationsSimple(r: Reader, sec: El | undefined, rec: ClinicalRecord, kind: 'lifestyle' | 'pregnancies'): void {
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

function vitals(r: Reader, sec: El | undefined, rec: ClinicalRecord): void {
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

function devices(r: Reader, sec: El | undefined, rec: ClinicalRecord): void {
  for (const s of entries(sec)) {
    const cnd = coded(kid(s, 'code'));
    if (!cnd) continue;
    rec.devices.push(drop(withNote({ id: r.id(s, 'dev'), cnd, date: isoDate(attr(kid(s, 'effectiveTime'), 'value')) }, rowSource(r, s))));
  }
}

/**
 * The code systems a planned activity may carry and the builder can write back
 * (sections/care-plans.ts); for visits the schematron (b235) allows EncounterCode_PSSIT or ActCode.
 */
const PLAN_SYSTEMS: Record<string, string[] | undefined> = { observation: [OID.LOINC], procedure: [OID.ICD9CM], encounter: [OID.PSS_ENCOUNTER, OID.ACT_CODE] };

function carePlans(r: Reader, sec: El | undefined, rec: ClinicalRecord): void {
  for (const e of entries(sec)) {
    const sn = rowSource(r, e);
    const id = r.id(e, 'plan');
    const date = isoDate(attr(kid(e, 'effectiveTime'), 'value')) ?? low(e);
    const c = coded(kid(e, 'code'));
    if (e.localName === 'substanceAdministration') {
      const { atc } = product(e);
      const start = low(e);
      if (atc && start) rec.carePlans.push(drop(withNote({ id, kind: 'therapy' as const, atc, start, end: high(e) }, sn)));
      else r.warnings.push('terapia pianificata senza ATC o data: non importata');
      continue;
    }
    if (!date) { r.warnings.push(`attività pianificata ${c?.code ?? ''} senza data`); continue; }
    // A code is kept only in the system the builder writes for that kind (a LOINC code on a
    // planned procedure would otherwise be printed as ICD-9-CM): else it is kept as text.
    const system = attr(kid(e, 'code'), 'codeSystem');
    const expected = PLAN_SYSTEMS[e.localName ?? ''];
    const fits = c && expected && expected.includes(system ?? '');
    if (c && expected && !fits) r.warnings.push(`attività pianificata ${c.code} (sistema ${system ?? '?'}): importata come testo`);
    if (e.localName === 'observation' && fits) rec.carePlans.push(withNote({ id, kind: 'exam' as const, loinc: c, date }, sn));
    else if (e.localName === 'procedure' && fits) rec.carePlans.push(withNote({ id, kind: 'procedure' as const, procedure: c, date }, sn));
    else if (e.localName === 'encounter' && fits) rec.carePlans.push(withNote({ id, kind: 'visit' as const, encounterType: c, date }, sn));
    else {
      const ref = attr(kid(e, 'text', 'reference'), 'value');
      const description = r.text(ref ? `${ref}-what` : undefined) ?? c?.display ?? r.text(ref) ?? 'Attività pianificata';
      rec.carePlans.push(withNote({ id, kind: 'other' as const, description, date }, sn));
    }
  }
}

function procedures(r: Reader, sec: El | undefined, rec: ClinicalRecord): void {
  for (const p of entries(sec)) {
    const code = coded(kid(p, 'code'));
    const start = low(p);
    if (!code || !start) { r.warnings.push('procedura senza codice o data: non importata'); continue; }
    if (attr(kid(p, 'code'), 'codeSystem') !== OID.ICD9CM) { r.warnings.push(`procedura ${code.code}: codice non ICD-9-CM, non importata`); continue; }
    const reason = kids(p, 'entryRelationship').filter((e) => attr(e, 'typeCode') === 'RSON').map((e) => kid(e, 'observation')).find(Boolean);
    rec.procedures.push(drop(withNote({ id: r.id(p, 'proc'), procedure: code, start, end: high(p), reason: coded(kid(reason, 'code')) }, r.sourceNote(p))));
  }
}

function encounters(r: Reader, sec: El | undefined, rec: ClinicalRecord): void {
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

function functional(r: Reader, sec: El | undefined, rec: ClinicalRecord): void {
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

function results(r: Reader, sec: El | undefined, rec: ClinicalRecord): void {
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

function organDonation(r: Reader, sec: El | undefined, rec: ClinicalRecord): void {
  if (!sec) return;
  // Narrative only in the IG: read our row (Richiesta | Scelta | Data | Fonte e note).
  const row = all(sec, 'tr').find((tr) => attr(tr, 'ID') === 'don1') ?? all(sec, 'tr')[1];
  const cells = kids(row, 'td').map((td) => (td.textContent ?? '').trim());
  const choice = (Object.entries(DONATION_LABEL) as Array<[keyof typeof DONATION_LABEL, string]>).find(([, l]) => cells[1]?.toLowerCase() === l.toLowerCase())?.[0];
  if (!choice) { r.warnings.push('dichiarazione sulla donazione di organi non interpretabile'); return; }
  const [d, m, y] = (cells[2] ?? '').split('/');
  const date = y && m && d ? `${y}-${m}-${d}` : undefined;
  rec.organDonation = drop({ choice, date, ...parseSourceText(cells[3] ?? ENTRY_SOURCE_LABEL.doctor) });
}

function acts(r: Reader, sec: El | undefined, rec: ClinicalRecord, kind: 'exemptions' | 'careNetworks'): void {
  for (const a of entries(sec)) {
    const code = coded(kid(a, 'code'));
    const codeSystem = attr(kid(a, 'code'), 'codeSystem');
    if (!code || !codeSystem || !/^\d+(\.\d+)+$/.test(codeSystem)) { r.warnings.push(`${kind === 'exemptions' ? 'esenzione' : 'rete'} senza codice: non importata`); continue; }
    const status = attr(kid(a, 'statusCode'), 'code') === 'active' ? 'active' as const : 'completed' as const;
    const base = { id: r.id(a, kind === 'exemptions' ? 'ese' : 'net'), codeSystem, status, start: low(a), end: status === 'completed' ? high(a) : undefined };
    if (kind === 'exemptions') rec.exemptions.push(drop(withNote({ ...base, exemption: code }, r.sourceNote(a))));
    else rec.careNetworks.push(drop(withNote({ ...base, network: code }, r.sourceNote(a))));
  }
}

export function parsePssCda(xml: string): ParsedPss {
  const root = parseXml(xml);
  const r = new Reader(root);
  const rec = emptyClinicalRecord();
  const s = sectionsByCode(root);
  allergies(r, s.get(SECTION.allergies.code), rec);
  medications(r, s.get(SECTION.medications.code), rec);
  vaccinations(r, s.get(SECTION.vaccinations.code), rec);
  problems(r, s.get(SECTION.problems.code), rec);
  family(r, s.get(SECTION.familyHistory.code), rec);
  observationsSimple(r, s.get(SECTION.lifestyle.code), rec, 'lifestyle');
  observationsSimple(r, s.get(SECTION.pregnancies.code), rec, 'pregnancies');
  vitals(r, s.get(SECTION.vitalSigns.code), rec);
  devices(r, s.get(SECTION.devices.code), rec);
  carePlans(r, s.get(SECTION.carePlans.code), rec);
  procedures(r, s.get(SECTION.procedures.code), rec);
  encounters(r, s.get(SECTION.encounters.code), rec);
  functional(r, s.get(SECTION.functionalStatus.code), rec);
  results(r, s.get(SECTION.results.code), rec);
  organDonation(r, s.get(SECTION.organDonation.code), rec);
  acts(r, s.get(SECTION.exemptions.code), rec, 'exemptions');
  acts(r, s.get(SECTION.networks.code), rec, 'careNetworks');
  return { record: rec, warnings: r.warnings };
}

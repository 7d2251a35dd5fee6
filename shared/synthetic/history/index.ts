/**
 * Long synthetic histories for the longitudinal record: years of visits, chronic therapy plans
 * with their refills and the pharmacy's dispensations, vital signs and laboratory series with
 * abnormal values, received documents carrying those values, hospital stays. Deterministic
 * (`rand` only) and consistent: conditions start in adulthood, each therapy treats a condition
 * and starts after its product reached the market, tests follow the conditions (DOMAIN.md §3),
 * nothing is dispensed during a stay. Some patients refill on time, some leave gaps (adherence
 * is computed on the dispensations later).
 */
import type { ClinicalRecord, EncounterEntry, ExemptionEntry, ProblemEntry } from '../../domain/clinical-record.ts';
import type { VaccinationEntry } from '../../domain/record/vaccination-entries.ts';
import type { PatientInput } from '../../domain/patient.ts';
import {
  VITAL_KINDS,
  bodyMassIndex,
  posologyText,
  type Dispensation,
  type Interpretation,
  type Observation,
  type Prescription,
  type ReceivedDocument,
  type TherapyPlan,
  type Visit,
  type VitalKind,
} from '../../domain/record/index.ts';
import { pick } from '../../random.ts';
import { CONDITIONS, FOLLOW_UP, HISTORY_DRUGS, LABS, type ConditionKey, type LabDef } from './catalog.ts';
import { deviceReportJson, labReportCda, narrativeCda } from './documents.ts';
import { dateOf, dayOf, romeInstant } from './time.ts';

type Rand = () => number;

export interface SyntheticHistoryOptions {
  /** The last day of the history (yyyy-mm-dd). */
  today: string;
  years: number;
  /** The doctor profile that wrote the visits, plans and prescriptions. */
  authorId?: string;
  /**
   * A patient followed very closely (weekly INR, home telemonitoring uploads): the history is
   * filled up to these many received documents and observations.
   */
  intensive?: { documents: number; observations: number };
}

/** A received document before it is stored: its metadata (the store adds patient, hash and size) and bytes. */
export interface SyntheticDocument {
  document: Omit<ReceivedDocument, 'patientId' | 'sha256' | 'size'>;
  bytes: string;
}

export interface SyntheticHistory {
  /** The PSS sections that are not views of the record (problems, exemptions, stays, …). */
  record: ClinicalRecord;
  visits: Visit[];
  plans: TherapyPlan[];
  prescriptions: Prescription[];
  dispensations: Dispensation[];
  observations: Observation[];
  documents: SyntheticDocument[];
  conditions: ConditionKey[];
  adherent: boolean;
}

const LABORATORIES = ['Laboratorio analisi Ospedale San Camillo', 'Centro diagnostico Salus', 'Laboratorio ASL Roma 1, presidio Nuovo Regina Margherita'];
const HOSPITALS = ['Ospedale San Camillo, Medicina interna', 'Policlinico Umberto I, Cardiologia', 'Ospedale Sandro Pertini, Medicina generale'];
const REASONS: Record<ConditionKey | 'acute', string[]> = {
  hypertension: ['Controllo pressorio', 'Rinnovo terapia antipertensiva'],
  diabetes: ['Controllo diabete', 'Valutazione esami glicemici'],
  dyslipidemia: ['Controllo profilo lipidico'],
  hypothyroidism: ['Controllo funzione tiroidea'],
  'heart-failure': ['Controllo scompenso: dispnea, edemi'],
  'atrial-fibrillation': ['Controllo INR e terapia anticoagulante'],
  ckd: ['Controllo funzione renale'],
  acute: ['Febbre e tosse', 'Lombalgia', 'Cefalea', 'Faringodinia', 'Dolore addominale', 'Certificato', 'Vertigini'],
};
const NOTES = [
  'Paziente in buon compenso. Prosegue terapia in atto.',
  'Riferisce buona aderenza alla terapia. Consigliata attività fisica regolare.',
  'Valori pressori non a target: rinforzata l\'indicazione alla dieta iposodica.',
  'Esami in visione. Si programma controllo tra 3 mesi.',
  'Obiettività nella norma. Nessuna modifica terapeutica.',
  'Riferisce saltuaria dimenticanza delle compresse serali: discusso piano di assunzione.',
];

const int = (rand: Rand, min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
const gauss = (rand: Rand) => {
  let s = 0;
  for (let i = 0; i < 6; i++) s += rand();
  return (s - 3) / Math.sqrt(0.5);
};
const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

function interpretation(v: number, low: number | undefined, high: number | undefined): Interpretation | undefined {
  if (high !== undefined && v > high) return v > high * 1.5 ? 'HH' : 'H';
  if (low !== undefined && v < low) return v < low * 0.6 ? 'LL' : 'L';
  return low !== undefined || high !== undefined ? 'N' : undefined;
}

/** CKD-EPI 2021 (race-free) from serum creatinine (mg/dL). */
function ckdEpi(scr: number, age: number, sex: 'M' | 'F'): number {
  const k = sex === 'F' ? 0.7 : 0.9;
  const a = sex === 'F' ? -0.241 : -0.302;
  return 142 * Math.min(scr / k, 1) ** a * Math.max(scr / k, 1) ** -1.2 * 0.9938 ** age * (sex === 'F' ? 1.012 : 1);
}

export function syntheticHistory(patient: PatientInput, rand: Rand, o: SyntheticHistoryOptions): SyntheticHistory {
  const today = dayOf(o.today);
  const birth = dayOf(patient.birthDate);
  const ageAt = (day: number) => Math.floor((day - birth) / 365.25);
  const age = ageAt(today);
  const adult = birth + Math.ceil(18 * 365.25);
  const start = Math.max(today - Math.round(o.years * 365.25), age >= 18 ? adult : birth);
  const author = o.authorId ? { authorId: o.authorId } : {};
  const sex = patient.sex === 'F' ? 'F' : 'M';

  // ---- conditions (ICD-9-CM problems), onset in adulthood, some before the history starts
  const conditions = new Map<ConditionKey, number>();
  const forced: ConditionKey[] = o.intensive ? ['hypertension', 'diabetes', 'dyslipidemia', 'ckd', 'atrial-fibrillation'] : [];
  for (const c of CONDITIONS) {
    if (age < 25) break;
    if (!forced.includes(c.key) && rand() >= c.chance(age, sex)) continue;
    const earliest = Math.max(birth + 30 * 365, start - 8 * 365);
    const onset = forced.includes(c.key) ? Math.min(start + int(rand, 0, 200), today - 400) : int(rand, Math.min(earliest, today - 90), today - 60);
    conditions.set(c.key, Math.max(onset, birth + 25 * 365));
  }
  const adherent = o.intensive ? true : rand() < 0.6;
  let seq = 0;
  const nid = (p: string) => `${p}-${(++seq).toString(36)}`;

  const problems: ProblemEntry[] = [...conditions].map(([key, onset]) => {
    const def = CONDITIONS.find((c) => c.key === key)!;
    return { id: `prb-${key}`, source: 'doctor', diagnosis: { ...def.dx }, status: 'active', chronic: true, onset: dateOf(onset) };
  });
  const problemOf = (k: ConditionKey) => `prb-${k}`;
  const exemptions: ExemptionEntry[] = [...conditions].flatMap(([key, onset]) => {
    const e = CONDITIONS.find((c) => c.key === key)!.exemption;
    // Exemption codes of D.M. 329/1999: none before it.
    return e ? [{ id: `ese-${key}`, source: 'doctor' as const, exemption: e, codeSystem: '2.16.840.1.113883.2.9.6.1.22', status: 'active' as const, start: dateOf(Math.max(onset + 30, dayOf('1999-06-01'))) }] : [];
  });

  // ---- hospital stays (PSS encounters IMP), with their discharge letter
  const stays: Array<[number, number]> = [];
  const encounters: EncounterEntry[] = [];
  const documents: SyntheticDocument[] = [];
  const stayCount = Math.round((today - start) / 365 * 0.04 * (1 + conditions.size) + (o.intensive ? 6 : 0));
  for (let i = 0; i < stayCount; i++) {
    const s = int(rand, start + 30, today - 20);
    const e = s + int(rand, 3, 12);
    if (e >= today || stays.some(([a, b]) => s <= b + 30 && e >= a - 30)) continue;
    stays.push([s, e]);
    const cause = [...conditions.keys()][int(rand, 0, Math.max(0, conditions.size - 1))];
    const dx = cause ? CONDITIONS.find((c) => c.key === cause)!.dx : { code: '486', display: 'Polmonite, agente non specificato' };
    const facility = pick(rand, HOSPITALS);
    const id = nid('enc');
    encounters.push({ id, source: 'specialist', encounterType: { code: 'IMP', display: 'Ricovero' }, start: dateOf(s), end: dateOf(e), facility, dischargeDiagnosis: { ...dx } });
    const docId = nid('ldo');
    documents.push(narrative(docId, 'LDO', '34105-7', 'Lettera di dimissione ospedaliera', romeInstant(e, 11 * 60), facility, `Ricovero dal ${dateOf(s)} al ${dateOf(e)}. Diagnosi di dimissione: ${dx.display} (${dx.code}).`));
  }
  stays.sort((a, b) => a[0] - b[0]);
  const inStay = (d: number) => stays.find(([a, b]) => d >= a && d <= b);

  function narrative(id: string, kind: 'LDO' | 'RSA', typeCode: string, title: string, effective: string, organization: string, text: string): SyntheticDocument {
    const day = dayOf(effective);
    return {
      document: {
        id, kind, format: 'cda', typeCode, title, cdaId: `2.16.840.1.113883.2.9.2.120.4.4^${id}`, setId: `2.16.840.1.113883.2.9.2.120.4.4^${id}`, versionNumber: 1,
        authorName: kind === 'LDO' ? 'Dirigente medico' : 'Specialista ambulatoriale', organizationName: organization, documentDate: effective,
        receivedAt: `${dateOf(day + 1)}T09:00:00.000Z`, validation: synthetic(day + 1), signature: synthetic(day + 1), added: {}, warnings: [],
      },
      bytes: narrativeCda({ id, typeCode, title, effective, patient, author: 'Dirigente medico', organization, text }),
    };
  }

  // ---- therapy plans: each treats a condition, none before its product existed
  const plans: TherapyPlan[] = [];
  const planCondition = new Map<string, ConditionKey>();
  for (const [key, onset] of conditions) {
    const def = CONDITIONS.find((c) => c.key === key)!;
    const drugs = [...def.drugs, ...(key === 'diabetes' && age > 50 && rand() < 0.5 ? ['B01AC06'] : [])];
    let from = onset + int(rand, 0, 60);
    drugs.forEach((atc, i) => {
      const d = HISTORY_DRUGS.get(atc);
      if (!d || plans.some((p) => p.atc.code === atc)) return;
      if (i > 0) {
        if (rand() < 0.45 && !o.intensive) return;
        from += int(rand, 365, 5 * 365);
      }
      const begin = Math.max(from, dayOf(`${d.since}-01-01`));
      if (begin >= today - 30) return;
      const stopped = !o.intensive && i > 0 && rand() < 0.15;
      const end = stopped ? int(rand, begin + 180, today - 1) : undefined;
      const posology = { unitsPerDose: 1, unit: d.unit, dosesPerDay: d.dosesPerDay, asNeeded: false };
      const plan: TherapyPlan = {
        id: `pln-${atc}`, source: 'doctor', ...(d.aic ? { aic: { code: d.aic, display: d.aicDisplay! } } : {}), atc: { code: d.atc, display: d.atcDisplay },
        dosageText: posologyText(posology), dose: { value: 1, unit: d.unit }, route: 'PO', periodHours: 24 / d.dosesPerDay,
        status: end !== undefined && end < today ? 'completed' : 'active', start: dateOf(begin), ...(end !== undefined ? { end: dateOf(end) } : {}),
        chronic: true, posology, problemId: problemOf(key), ...author,
      };
      plans.push(plan);
      planCondition.set(plan.id, key);
    });
  }

  // ---- refills and dispensations: on time with small overlaps (adherent) or with gaps
  const prescriptions: Prescription[] = [];
  const dispensations: Dispensation[] = [];
  for (const plan of plans) {
    const d = HISTORY_DRUGS.get(plan.atc.code)!;
    const packs = d.packUnits / d.dosesPerDay < 45 ? 2 : 1;
    const supply = Math.round((packs * d.packUnits) / d.dosesPerDay);
    const end = plan.end ? dayOf(plan.end) : today;
    const exemption = exemptions.find((e) => e.id === `ese-${planCondition.get(plan.id)}` && e.start! <= o.today)?.exemption.code;
    let day = Math.max(dayOf(plan.start!), start);
    while (day <= end) {
      const stay = inStay(day);
      if (stay) day = stay[1] + 1;
      const rx: Prescription = {
        id: nid('rx'), kind: 'medicine', date: dateOf(day), ...(plan.aic ? { aic: plan.aic } : {}), atc: plan.atc, packs, posology: plan.posology!,
        dosageText: plan.dosageText, planId: plan.id, ...(exemption ? { exemption } : {}), problemId: plan.problemId!, ...author,
      };
      prescriptions.push(rx);
      const dispensed = rand() < (adherent ? 0.98 : 0.85);
      const at = day + int(rand, 0, adherent ? 3 : 10);
      if (dispensed && at <= today && !inStay(at)) {
        dispensations.push({ id: nid('dsp'), date: dateOf(at), ...(plan.aic ? { aic: plan.aic } : {}), atc: plan.atc, packs, source: 'csv', prescriptionId: rx.id });
      }
      const factor = adherent ? 0.85 + rand() * 0.2 : rand() < 0.15 ? 2.5 + rand() * 2 : 1.15 + rand() * 0.9;
      day += Math.max(7, Math.round(supply * factor));
    }
  }

  // ---- visits, with the vital signs measured there
  const visits: Visit[] = [];
  const observations: Observation[] = [];
  const hypertensive = conditions.has('hypertension');
  const bpBase = hypertensive ? (adherent ? 134 : 149) + gauss(rand) * 5 : 121 + gauss(rand) * 6;
  const heightCm = age < 18 ? 0 : Math.round((sex === 'F' ? 162 : 175) + gauss(rand) * 6);
  const weightBase = age < 18 ? 0 : Math.round(((heightCm / 100) ** 2) * (conditions.has('diabetes') ? 30 : 25 + gauss(rand) * 2));
  const vital = (id: string, kind: VitalKind, value: number, effective: string, extra: Partial<Observation> = {}): Observation => ({
    id, source: 'doctor', ...author, code: VITAL_KINDS[kind].loinc, display: VITAL_KINDS[kind].display, effective,
    value: { type: 'quantity', value, unit: VITAL_KINDS[kind].unit }, status: 'final', ...extra,
  });
  const perYear = 2 + conditions.size * 1.5 + (o.intensive ? 6 : 0);
  const visitCount = Math.round(((today - start) / 365.25) * perYear);
  const visitDays = Array.from({ length: visitCount }, () => int(rand, start, today)).filter((d) => !inStay(d) && new Date(d * 86_400_000).getUTCDay() !== 0).sort((a, b) => a - b);
  let heightTaken = false;
  for (const day of visitDays) {
    const chronic = [...conditions.keys()].filter((k) => conditions.get(k)! <= day);
    const about = chronic.length && rand() < 0.7 ? chronic[int(rand, 0, chronic.length - 1)] : undefined;
    const year = Number(dateOf(day).slice(0, 4));
    const k = rand();
    const kind = k < 0.8 ? 'ambulatoriale' : k < 0.92 ? 'telefonica' : k < 0.97 || year < 2020 ? (age > 75 ? 'domiciliare' : 'ambulatoriale') : 'televisita';
    const at = romeInstant(day, int(rand, 17, 38) * 30);
    const id = nid('vis');
    visits.push({
      id, at, kind, reason: pick(rand, REASONS[about ?? 'acute']), ...(rand() < 0.8 ? { note: pick(rand, NOTES) } : {}),
      problemIds: about ? [problemOf(about)] : [], ...author,
    });
    if (kind === 'telefonica' || kind === 'televisita') continue;
    const years = (day - start) / 365.25;
    if (rand() < (hypertensive ? 0.85 : 0.3)) {
      const sys = Math.round(bpBase + years * 0.4 + gauss(rand) * 9);
      const dia = Math.round(sys * 0.58 + 4 + gauss(rand) * 5);
      observations.push(vital(`${id}.bp.sys`, 'systolic', sys, at, { panelId: `${id}.bp` }), vital(`${id}.bp.dia`, 'diastolic', dia, at, { panelId: `${id}.bp` }));
    }
    if (age >= 18) {
      if (!heightTaken) {
        observations.push(vital(`${id}.height`, 'height', heightCm, at));
        heightTaken = true;
      }
      if (rand() < 0.4) {
        const w = round(weightBase + Math.sin(years) * 2 + gauss(rand) * 1.2, 1);
        observations.push(vital(`${id}.weight`, 'weight', w, at), vital(`${id}.bmi`, 'bmi', bodyMassIndex(w, heightCm), at));
      }
      if (conditions.has('diabetes') && rand() < 0.2) observations.push(vital(`${id}.waist`, 'waist', Math.round(weightBase * 1.05 + gauss(rand) * 3), at));
      if (conditions.has('diabetes') && rand() < 0.25) observations.push(vital(`${id}.glucose`, 'glucose', Math.round(150 + gauss(rand) * 30), at));
    }
    if (rand() < 0.3 || conditions.has('atrial-fibrillation')) observations.push(vital(`${id}.hr`, 'heart-rate', Math.round((conditions.has('atrial-fibrillation') ? 84 : 72) + gauss(rand) * 9), at));
    if (conditions.has('heart-failure') && rand() < 0.5) observations.push(vital(`${id}.spo2`, 'spo2', Math.min(100, Math.round(95 + gauss(rand) * 1.5)), at));
  }

  // ---- laboratory series, each panel one received LAB report carrying its values
  const due = new Map<number, Set<string>>();
  for (const [key, onset] of conditions) {
    const f = FOLLOW_UP[key];
    const every = o.intensive && key === 'atrial-fibrillation' ? 7 : f.everyDays;
    for (let d = Math.max(onset + 20, start) + int(rand, 0, every); d <= today - 1; d += Math.round(every * (0.8 + rand() * 0.4))) {
      // Panels due within three weeks of each other are drawn the same morning.
      const near = [...due.keys()].find((x) => Math.abs(x - d) <= 20 && (every > 20 || x === d));
      const day = inStay(near ?? d) ? inStay(near ?? d)![1] + 3 : near ?? d;
      const set = due.get(day) ?? new Set<string>();
      f.labs.forEach((l) => set.add(l));
      due.set(day, set);
    }
  }
  // Routine check-ups of an adult over 40, every two or three years.
  if (age >= 40) {
    for (let d = Math.max(start, birth + 40 * 365) + int(rand, 0, 700); d < today - 1; d += int(rand, 700, 1100)) {
      const set = due.get(d) ?? new Set<string>();
      ['glucose', 'cholesterol', 'hdl', 'triglycerides', 'creatinine', 'hemoglobin'].forEach((l) => set.add(l));
      due.set(inStay(d) ? inStay(d)![1] + 3 : d, set);
    }
  }
  const drift = (lab: LabDef, years: number) => (lab === LABS.creatinine && conditions.has('ckd') ? years * 0.04 : lab === LABS.hba1c && !adherent ? 0.8 : 0);
  for (const day of [...due.keys()].sort((a, b) => a - b)) {
    if (day > today - 1) continue;
    const docId = nid('lab');
    const effective = romeInstant(day, 7 * 60 + 45);
    const years = (day - start) / 365.25;
    const labs = [...due.get(day)!];
    let creatinine: number | undefined;
    const obs = labs.map((name): Observation => {
      const lab = LABS[name]!;
      let v = round(lab.mean(new Set(conditions.keys()), sex) + drift(lab, years) + gauss(rand) * lab.sd, lab.decimals);
      if (name === 'creatinine') creatinine = v = Math.max(0.4, v);
      if (name === 'egfr') v = Math.round(ckdEpi(creatinine ?? LABS.creatinine!.mean(new Set(conditions.keys()), sex), ageAt(day), sex));
      v = Math.max(lab.decimals ? 10 ** -lab.decimals : 1, v);
      const range = lab.low !== undefined || lab.high !== undefined ? { referenceRange: { ...(lab.low !== undefined ? { low: lab.low } : {}), ...(lab.high !== undefined ? { high: lab.high } : {}) } } : {};
      const interp = interpretation(v, lab.low, lab.high);
      return {
        id: `${docId}.${name}`, source: 'document', documentId: docId, code: lab.code, display: lab.display, effective,
        value: { type: 'quantity', value: v, unit: lab.unit }, ...range, ...(interp ? { interpretation: interp } : {}),
        specimen: name === 'acr' ? 'urine' : name === 'hemoglobin' || name === 'hba1c' || name === 'inr' ? 'sangue intero' : 'siero', status: 'final',
      };
    });
    observations.push(...obs);
    const laboratory = pick(rand, LABORATORIES);
    documents.push({
      document: {
        id: docId, kind: 'LAB', format: 'cda', typeCode: '11502-2', title: 'Referto di laboratorio', cdaId: `2.16.840.1.113883.2.9.2.120.4.4^${docId}`,
        setId: `2.16.840.1.113883.2.9.2.120.4.4^${docId}`, versionNumber: 1, authorName: 'Laboratorio analisi', organizationName: laboratory,
        documentDate: romeInstant(day, 13 * 60), receivedAt: `${dateOf(day + 1)}T08:00:00.000Z`, validation: synthetic(day + 1), signature: synthetic(day + 1),
        added: { observations: obs.length }, warnings: [],
      },
      bytes: labReportCda({ id: docId, effective: romeInstant(day, 13 * 60), patient, laboratory, observations: obs }),
    });
  }

  // ---- a yearly specialist report for the closely followed conditions
  for (const key of ['diabetes', 'heart-failure'] as const) {
    const onset = conditions.get(key);
    if (onset === undefined) continue;
    for (let d = Math.max(onset + 90, start) + int(rand, 0, 200); d < today; d += int(rand, 300, 430)) {
      if (inStay(d)) continue;
      documents.push(narrative(nid('rsa'), 'RSA', '11488-4', key === 'diabetes' ? 'Visita diabetologica' : 'Visita cardiologica', romeInstant(d, 10 * 60), 'Ambulatorio specialistico ASL Roma 1', 'Paziente valutato in ambulatorio: si conferma la terapia in atto e si programma il controllo annuale.'));
    }
  }

  if (o.intensive) fillTelemonitoring(rand, o.intensive, { today, start, documents, observations, inStay, patient, bpBase, weightBase });

  const vaccinations: VaccinationEntry[] = [];
  for (let y = Number(o.today.slice(0, 4)) - 4; y < Number(o.today.slice(0, 4)); y++) {
    const d = dayOf(`${y}-10-15`) + int(rand, 0, 40);
    if (ageAt(d) >= 65 && d >= start && d < today) vaccinations.push({ id: nid('vac'), source: 'doctor', atc: { code: 'J07BB02', display: 'INFLUENZA, ANTIGENE PURIFICATO' }, date: dateOf(d), lot: `L${int(rand, 10000, 99999)}`, route: 'IM' });
  }
  const record: ClinicalRecord = {
    problems, allergies: [], medications: [], vaccinations, vitalSigns: [], familyHistory: [], lifestyle: [], pregnancies: [], devices: [],
    carePlans: [], procedures: [], encounters, functionalStatus: [], labResults: [], exemptions, careNetworks: [],
  };
  if (age >= 18) record.lifestyle.push({ id: 'life-smoke', source: 'patient-declared', kind: 'smoking', smoking: pick(rand, ['current', 'former', 'never', 'never'] as const), date: o.today });
  if (problems.length === 0) record.noProblems = 'no-known-problems';
  record.noAllergies = 'no-known-allergies';
  if (plans.length === 0) record.noMedications = 'no-known-medications';
  return { record, visits, plans, prescriptions, dispensations, observations, documents, conditions: [...conditions.keys()], adherent };
}

function synthetic(day: number) {
  return { verdict: 'not-applicable' as const, errors: 0, warnings: 0, messages: ['documento sintetico'], checkedAt: `${dateOf(day)}T08:00:00.000Z` };
}

/**
 * Home telemonitoring for the closely followed patient, in the years before `today`: uploads of
 * morning and evening pressure with heart rate, capillary glucose and weight, until the history
 * holds the documents and observations asked for.
 */
function fillTelemonitoring(
  rand: Rand,
  target: { documents: number; observations: number },
  h: { today: number; start: number; documents: SyntheticDocument[]; observations: Observation[]; inStay(d: number): unknown; patient: PatientInput; bpBase: number; weightBase: number },
): void {
  const uploads = Math.max(0, target.documents - h.documents.length);
  const readings = Math.max(0, target.observations - h.observations.length);
  if (uploads === 0) return;
  const perUpload = Math.ceil(readings / uploads);
  const every = 3;
  const first = Math.max(h.start, h.today - uploads * every);
  let left = readings;
  for (let u = 0; u < uploads; u++) {
    const docId = `dev-${u.toString(36)}`;
    const from = first + u * every;
    const obs: Observation[] = [];
    for (let i = 0; obs.length < Math.min(perUpload, left); i++) {
      const day = from + Math.floor(i / 6) % every;
      const slot = i % 6;
      const at = romeInstant(day, slot < 3 ? 7 * 60 + slot : 20 * 60 + slot);
      const base = { source: 'device' as const, documentId: docId, effective: at, status: 'final' as const, device: 'Misuratore domiciliare (sintetico)' };
      const id = `${docId}.${i}`;
      const q = (kind: VitalKind, value: number, extra: Partial<Observation> = {}): Observation => ({
        ...base, id, code: VITAL_KINDS[kind].loinc, display: VITAL_KINDS[kind].display, value: { type: 'quantity', value, unit: VITAL_KINDS[kind].unit }, ...extra,
      });
      const sys = Math.round(h.bpBase + gauss(rand) * 10);
      if (slot === 0 || slot === 3) obs.push(q('systolic', sys, { panelId: `${docId}.p${i}` }));
      else if (slot === 1 || slot === 4) obs.push(q('diastolic', Math.round(sys * 0.58 + 4 + gauss(rand) * 4), { panelId: `${docId}.p${i - 1}` }));
      else if (slot === 2) obs.push(q('glucose', Math.round(150 + gauss(rand) * 35)));
      else obs.push(i % 12 === 5 ? q('weight', round(h.weightBase + gauss(rand), 1)) : q('heart-rate', Math.round(80 + gauss(rand) * 8)));
    }
    left -= obs.length;
    h.observations.push(...obs);
    const day = from + every - 1;
    h.documents.push({
      document: {
        id: docId, kind: 'DEVICE', format: 'fhir-json', title: 'Telemonitoraggio: misurazioni domiciliari', documentDate: romeInstant(day, 21 * 60),
        receivedAt: `${dateOf(day + 1)}T06:00:00.000Z`, organizationName: 'Centrale di telemonitoraggio ASL Roma 1', validation: synthetic(day + 1), signature: synthetic(day + 1),
        added: { observations: obs.length }, warnings: [],
      },
      bytes: deviceReportJson({ id: docId, device: 'Misuratore domiciliare (sintetico)', observations: obs }),
    });
  }
}

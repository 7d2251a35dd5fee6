/**
 * Synthetic coded clinical records for PSS tests, the CLI and benchmarks. Codes come from the
 * curated subsets of the official tables in ./pss-terms.ts. The mix is driven by `rand` only, so
 * the same seed gives the same record; across ~30 patients every PSS section appears both
 * filled and empty (mandatory sections then carry their absence statements).
 */
import type { AllergyEntry, CarePlanEntry, ClinicalRecord, FamilyMember, MedicationEntry, PssInput, VitalSignEntry } from '../domain/clinical-record.ts';
import type { EntrySource, RouteCode } from '../domain/record/entry-base.ts';
import { encodeCodiceFiscale } from '../domain/codice-fiscale.ts';
import type { Patient, PatientInput } from '../domain/patient.ts';
import { pick } from '../random.ts';
import { SANDBOX_DOCTOR } from './sandbox-doctor.ts';
import {
  ALLERGENS,
  ATC_ALLERGY_AGENTS,
  CND_DEVICES,
  DRUGS,
  ICD9_CHRONIC_ADULT,
  ICD9_CHRONIC_CHILD,
  ICD9_FAMILY,
  ICD9_MENTAL_STATUS,
  ICD9_PROCEDURES,
  ICD9_REACTIONS,
  ICD9_RESOLVED,
  VACCINES_ATC_J07,
} from './pss-terms.ts';

type Rand = () => number;

const SOURCES: readonly EntrySource[] = ['doctor', 'doctor', 'doctor', 'patient-declared', 'specialist'];

/** Free text with the characters that must be escaped, so every build exercises the writer. */
const NOTES = [
  'Controllo tra 6 mesi',
  'Riferito dal paziente: "sintomi <lievi> & transitori"',
  'Vedi lettera dello specialista',
  'Aderenza alla terapia buona',
  "Valutare l'andamento & rivalutare",
];

function int(rand: Rand, min: number, max: number): number {
  return min + Math.floor(rand() * (max - min + 1));
}

function sample<T>(rand: Rand, items: readonly T[], n: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(rand() * pool.length), 1)[0] as T);
  return out;
}

function ageAt(birth: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birth.slice(0, 4));
  return today.slice(5) < birth.slice(5) ? years - 1 : years;
}

/** A date between the birth date (or `from`) and today, as yyyy-mm-dd. */
function dateBetween(rand: Rand, from: string, to: string): string {
  const b = Date.parse(`${to}T00:00:00Z`);
  // A start after the end (a 16-year-old's "adult" history, a newborn's last month) collapses to the end.
  const a = Math.min(Date.parse(`${from}T00:00:00Z`), b);
  const t = a + Math.floor(rand() * Math.max(1, b - a));
  return new Date(t).toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function note(rand: Rand): string | undefined {
  return rand() < 0.35 ? pick(rand, NOTES) : undefined;
}

const ROUTES_BY_ATC: Record<string, RouteCode> = { R03AC02: 'NASINHL', R03DC03: 'PO' };

/**
 * Year each product of the curated list reached Italian pharmacies (approximate, from the AIFA
 * registration of the brand): no Triatec in 1979, no Singulair in 1990.
 */
const DRUG_SINCE: Record<string, number> = {
  C09AA05: 1991, C08CA01: 1990, C10AA05: 1998, A10BA02: 1960, H03AA01: 1975, C07AB07: 1987, A02BC02: 1995,
  B01AC06: 1994, R03AC02: 1972, C03CA01: 1965, M04AA01: 1968, R06AE07: 1988, R03DC03: 1998,
};

/** What each chronic problem is treated with (ATC of the curated products), so a therapy always has its reason. */
const DRUGS_FOR: Record<string, readonly string[]> = {
  '401.9': ['C09AA05', 'C08CA01', 'C07AB07'],
  '250.00': ['A10BA02'],
  '272.0': ['C10AA05'],
  '244.9': ['H03AA01'],
  '493.90': ['R03AC02', 'R03DC03'],
  '493.00': ['R03AC02', 'R03DC03'],
  '496': ['R03AC02'],
  '428.0': ['C03CA01', 'C07AB07', 'C09AA05'],
  '427.31': ['C07AB07', 'B01AC06'],
  '414.01': ['B01AC06', 'C10AA05', 'C07AB07'],
  '274.9': ['M04AA01'],
  '530.81': ['A02BC02'],
  '477.9': ['R06AE07'],
};

/** Exemptions (DM 329/1999, reddito E01 from 2011) and the problem each needs. */
const EXEMPTION_FOR: Record<string, { code: string; display: string; since: number }> = {
  '250.00': { code: '013', display: 'Diabete mellito', since: 1999 },
  '401.9': { code: '031', display: 'Ipertensione arteriosa', since: 1999 },
  '414.01': { code: '0A02', display: 'Malattie cardiache e del circolo polmonare', since: 2017 },
  '244.9': { code: '027', display: 'Ipotiroidismo congenito, ipotiroidismo acquisito (grave)', since: 1999 },
};

/**
 * Vaccines of the curated list: from when they were offered in Italy and at what ages (in
 * years; the calendario vaccinale), so a date is never before the product or outside the age.
 */
const VACCINE_WINDOW: Record<string, { since: number; minAge: number; maxAge: number }> = {
  J07BB02: { since: 1980, minAge: 0.5, maxAge: 120 },
  J07BX03: { since: 2021, minAge: 5, maxAge: 120 },
  J07AL02: { since: 2002, minAge: 0.2, maxAge: 120 },
  J07CA09: { since: 2000, minAge: 0.2, maxAge: 1.5 },
  J07BD52: { since: 1990, minAge: 1, maxAge: 12 },
  J07BK01: { since: 2004, minAge: 1, maxAge: 15 },
  J07AM51: { since: 1970, minAge: 6, maxAge: 120 },
  J07BM03: { since: 2016, minAge: 11, maxAge: 45 },
  J07BC01: { since: 1991, minAge: 0, maxAge: 120 },
  J07BH01: { since: 2006, minAge: 0.1, maxAge: 0.7 },
};

const yearStart = (y: number) => `${y}-01-01`;
const maxDate = (...d: string[]) => d.reduce((a, b) => (a > b ? a : b));
const minDate = (...d: string[]) => d.reduce((a, b) => (a < b ? a : b));
const plusYears = (date: string, years: number) => addDays(date, Math.round(years * 365.25));

/** Reactions that are allergies (and severe), and those of an intolerance. */
const ANAPHYLAXIS = new Set(['995.0']);
const INTOLERANCE_REACTIONS = new Set(['787.01']);

/**
 * A plausible record for the patient as of `today` (yyyy-mm-dd). `fullness` 0..1 scales how
 * much is filled in; 0 gives an empty record (absence statements only).
 */
export function syntheticClinicalRecord(patient: PatientInput, rand: Rand, today: string, fullness = rand()): ClinicalRecord {
  const age = ageAt(patient.birthDate, today);
  const child = age < 15;
  const adultFrom = child ? patient.birthDate : addDays(patient.birthDate, 18 * 365);
  const src = (): EntrySource => pick(rand, SOURCES);
  const on = (p: number): boolean => rand() < p * fullness * 1.6;
  let seq = 0;
  const id = (prefix: string): string => `${prefix}-${(++seq).toString().padStart(3, '0')}`;

  const chronicPool = child ? ICD9_CHRONIC_CHILD : ICD9_CHRONIC_ADULT;
  const problems: ClinicalRecord['problems'] = [
    ...sample(rand, chronicPool, on(0.8) ? int(rand, 1, child ? 2 : 4) : 0).map((dx) => ({
      id: id('prb'), source: src(), diagnosis: { ...dx }, status: 'active' as const, chronic: true,
      onset: dateBetween(rand, adultFrom, today), severity: rand() < 0.5 ? pick(rand, ['L', 'M', 'H'] as const) : undefined, note: note(rand),
    })),
    ...sample(rand, ICD9_RESOLVED, on(0.5) ? int(rand, 1, 2) : 0).map((dx) => {
      const onset = dateBetween(rand, patient.birthDate, addDays(today, -60));
      return { id: id('prb'), source: src(), diagnosis: { ...dx }, status: 'resolved' as const, chronic: false, onset, resolution: addDays(onset, int(rand, 5, 50)), note: note(rand) };
    }),
  ];

  const allergies: AllergyEntry[] = on(0.5)
    ? Array.from({ length: int(rand, 1, 2) }, (): AllergyEntry => {
        const k = rand();
        const agent: AllergyEntry['agent'] =
          k < 0.45 ? { kind: 'atc', ...pick(rand, ATC_ALLERGY_AGENTS) }
          : k < 0.6 ? (() => { const d = pick(rand, DRUGS); return { kind: 'aic' as const, code: d.aic, display: d.aicDisplay }; })()
          : k < 0.92 ? { kind: 'substance', ...pick(rand, ALLERGENS) }
          : { kind: 'unknown' };
        const drug = agent.kind === 'atc' || agent.kind === 'aic';
        const reaction = rand() < 0.7 ? { ...pick(rand, ICD9_REACTIONS) } : undefined;
        // An anaphylaxis is an allergy of high criticality; nausea is an intolerance, never a high one.
        const intolerance = reaction ? INTOLERANCE_REACTIONS.has(reaction.code) : rand() < 0.3;
        const type: AllergyEntry['type'] = drug ? (intolerance ? 'DINT' : 'DALG') : intolerance ? 'OINT' : pick(rand, ['ALG', 'FALG', 'EALG'] as const);
        const criticality: AllergyEntry['criticality'] = reaction && ANAPHYLAXIS.has(reaction.code) ? 'H' : intolerance ? pick(rand, ['L', 'M', undefined] as const) : rand() < 0.7 ? pick(rand, ['L', 'M', 'H'] as const) : undefined;
        const resolved = rand() < 0.15 && !(reaction && ANAPHYLAXIS.has(reaction.code));
        const onset = dateBetween(rand, patient.birthDate, today);
        return {
          id: id('alg'), source: src(), type, agent, status: resolved ? 'resolved' : 'active', onset,
          resolution: resolved ? addDays(onset, int(rand, 30, 900) ) : undefined,
          reaction,
          criticality,
          note: note(rand),
        };
      }).map((a) => (a.resolution && a.resolution > today ? { ...a, resolution: today } : a))
    : [];

  // Therapies follow the active chronic problems: each drug is one of the problem's, started after the
  // diagnosis and after the product existed.
  const treated = problems.filter((p) => p.status === 'active' && DRUGS_FOR[p.diagnosis.code]);
  const candidates = [...new Map(treated.flatMap((p) => DRUGS_FOR[p.diagnosis.code]!.map((atc) => [atc, p] as const))).entries()];
  const medications: MedicationEntry[] = sample(rand, candidates, on(0.9) ? int(rand, 1, child ? 2 : 5) : 0).map(([atc, problem]) => {
    const d = DRUGS.find((x) => x.atc === atc)!;
    const status = pick(rand, ['active', 'active', 'active', 'completed', 'suspended'] as const);
    const from = maxDate(problem.onset ?? adultFrom, yearStart(DRUG_SINCE[atc] ?? 2000));
    const start = dateBetween(rand, from, addDays(today, -30));
    const once = rand() < 0.7;
    return {
      id: id('med'), source: src(),
      aic: rand() < 0.8 ? { code: d.aic, display: d.aicDisplay } : undefined,
      atc: { code: d.atc, display: d.atcDisplay },
      dosageText: once ? '1 compressa al giorno' : '1 compressa ogni 12 ore',
      dose: rand() < 0.6 ? { value: 1, unit: '{compressa}' } : undefined,
      route: ROUTES_BY_ATC[d.atc] ?? 'PO',
      periodHours: rand() < 0.8 ? (once ? 24 : 12) : undefined,
      status, start, end: status === 'completed' ? minDate(addDays(start, int(rand, 10, 25)), today) : undefined,
      note: note(rand),
    };
  }).filter((m) => m.start <= today);

  const windowOf = (code: string): [string, string] | null => {
    const w = VACCINE_WINDOW[code];
    if (!w) return null;
    const from = maxDate(yearStart(w.since), plusYears(patient.birthDate, w.minAge));
    const to = minDate(today, plusYears(patient.birthDate, w.maxAge));
    return from <= to ? [from, to] : null;
  };
  const vaccinable = VACCINES_ATC_J07.filter((v) => windowOf(v.code));
  const vaccinations = sample(rand, vaccinable, on(0.6) ? int(rand, 1, 3) : 0).map((v, i) => ({
    id: id('vac'), source: src(), atc: { ...v }, date: dateBetween(rand, ...windowOf(v.code)!),
    doseNumber: rand() < 0.7 ? i + 1 : undefined, lot: rand() < 0.8 ? `L${int(rand, 10000, 99999)}` : undefined,
    route: rand() < 0.7 ? ('IM' as const) : undefined,
    coveredUntil: rand() < 0.3 ? addDays(today, 365) : undefined,
    adverseReaction: rand() < 0.15 ? { ...pick(rand, ICD9_REACTIONS) } : undefined,
    note: note(rand),
  }));

  const vitalSigns: VitalSignEntry[] = [];
  if (on(0.7)) {
    const date = dateBetween(rand, addDays(today, -365), today);
    const height = child ? int(rand, 60, 160) : int(rand, 150, 195);
    const weight = child ? int(rand, 6, 55) : int(rand, 48, 115);
    vitalSigns.push({ id: id('vs'), source: 'doctor', kind: 'height', value: height, date });
    vitalSigns.push({ id: id('vs'), source: 'doctor', kind: 'weight', value: weight, date });
    vitalSigns.push({ id: id('vs'), source: 'doctor', kind: 'bmi', value: Math.round((weight / (height / 100) ** 2) * 10) / 10, date });
    if (!child || rand() < 0.3) vitalSigns.push({ id: id('vs'), source: src(), kind: 'blood-pressure', systolic: int(rand, 105, 165), diastolic: int(rand, 60, 100), date });
    if (rand() < 0.4) vitalSigns.push({ id: id('vs'), source: 'doctor', kind: 'heart-rate', value: int(rand, 55, 100), date });
  }

  const relations: FamilyMember['relationship'][] = ['FTH', 'MTH', 'BRO', 'SIS', 'GRFTH', 'GRMTH', 'UNCLE', 'AUNT'];
  const familyHistory: FamilyMember[] = sample(rand, relations, on(0.6) ? int(rand, 1, 3) : 0).map((relationship) => ({
    id: id('fam'), source: rand() < 0.8 ? 'patient-declared' : 'doctor', relationship,
    conditions: sample(rand, ICD9_FAMILY, int(rand, 1, 2)).map((dx) => ({ diagnosis: { ...dx }, onsetAge: rand() < 0.6 ? int(rand, 35, 75) : undefined })),
    deceasedAge: rand() < 0.3 ? int(rand, 60, 95) : undefined,
    note: note(rand),
  }));

  const lifestyle: ClinicalRecord['lifestyle'] = [];
  if (!child && on(0.6)) {
    lifestyle.push({ id: id('life'), source: 'patient-declared', kind: 'smoking', smoking: pick(rand, ['current', 'former', 'never'] as const), date: today });
    if (rand() < 0.6) lifestyle.push({ id: id('life'), source: 'patient-declared', kind: 'alcohol', drinksPerDay: int(rand, 0, 4), date: today });
    if (rand() < 0.5) lifestyle.push({ id: id('life'), source: 'patient-declared', kind: 'physical-activity', text: pick(rand, ['Cammina 30 minuti al giorno', 'Sedentario', 'Nuoto 2 volte a settimana']) });
    if (rand() < 0.3) lifestyle.push({ id: id('life'), source: 'patient-declared', kind: 'occupation', text: pick(rand, ['Impiegata', 'Pensionato', 'Operaio edile']) });
  } else if (child && on(0.3)) {
    lifestyle.push({ id: id('life'), source: 'patient-declared', kind: 'diet', text: 'Alimentazione varia, latte vaccino' });
  }

  const pregnancies: ClinicalRecord['pregnancies'] = [];
  if (patient.sex === 'F' && age >= 18 && on(0.5)) {
    const n = int(rand, 1, 4);
    const live = int(rand, 0, n);
    pregnancies.push({ id: id('preg'), source: 'patient-declared', kind: 'pregnancies', count: n });
    pregnancies.push({ id: id('preg'), source: 'patient-declared', kind: 'live-births', count: live });
    if (n - live > 0) pregnancies.push({ id: id('preg'), source: 'patient-declared', kind: 'spontaneous-abortions', count: n - live });
    if (age < 50 && rand() < 0.5) pregnancies.push({ id: id('preg'), source: 'patient-declared', kind: 'last-menstrual-period', date: addDays(today, -int(rand, 3, 40)) });
  }

  const devices = sample(rand, CND_DEVICES, !child && on(0.3) ? int(rand, 1, 2) : 0).map((c) => ({
    id: id('dev'), source: src(), cnd: { ...c }, date: rand() < 0.8 ? dateBetween(rand, adultFrom, today) : undefined, note: note(rand),
  }));

  const carePlans: CarePlanEntry[] = [];
  if (on(0.4)) {
    const future = (): string => addDays(today, int(rand, 14, 200));
    const kinds = sample(rand, ['exam', 'therapy', 'procedure', 'visit', 'other'] as const, int(rand, 1, 3));
    for (const k of kinds) {
      const base = { id: id('plan'), source: src(), note: note(rand) };
      if (k === 'exam') carePlans.push({ ...base, kind: 'exam', loinc: pick(rand, [{ code: '4548-4', display: 'Emoglobina glicata' }, { code: '2093-3', display: 'Colesterolo totale' }, { code: '24627-2', display: 'RX torace' }]), date: future() });
      if (k === 'therapy' && medications.length > 0) { const d = pick(rand, medications); carePlans.push({ ...base, kind: 'therapy', atc: { ...d.atc }, start: future() }); }
      if (k === 'procedure') carePlans.push({ ...base, kind: 'procedure', procedure: { ...pick(rand, ICD9_PROCEDURES) }, date: future() });
      if (k === 'visit') carePlans.push({ ...base, kind: 'visit', encounterType: pick(rand, [{ code: 'AMB', display: 'Ambulatoriale' }, { code: 'CARD', display: 'Cardiologia' }]), date: future() });
      if (k === 'other') carePlans.push({ ...base, kind: 'other', description: 'Programma di attività fisica adattata', date: future() });
    }
  }

  const procedures = sample(rand, ICD9_PROCEDURES, on(0.4) ? int(rand, 1, 2) : 0).map((p) => {
    const start = dateBetween(rand, patient.birthDate, addDays(today, -10));
    return { id: id('proc'), source: src(), procedure: { ...p }, start, end: addDays(start, int(rand, 0, 3)), reason: rand() < 0.5 ? { ...pick(rand, ICD9_CHRONIC_ADULT) } : undefined, note: note(rand) };
  });

  const encounters = on(0.4)
    ? Array.from({ length: int(rand, 1, 2) }, () => {
        const start = dateBetween(rand, patient.birthDate, addDays(today, -10));
        const admission = rand() < 0.6;
        return {
          id: id('enc'), source: src(),
          encounterType: admission ? { code: 'IMP', display: 'Ricovero' } : pick(rand, [{ code: 'AMB', display: 'Ambulatoriale' }, { code: 'EMER', display: 'Emergenza' }]),
          start, end: admission ? addDays(start, int(rand, 1, 12)) : undefined,
          facility: pick(rand, ['Ospedale San Camillo, Medicina interna', 'Policlinico Umberto I', 'Presidio ospedaliero & ambulatori "Centro"']),
          dischargeDiagnosis: admission ? { ...pick(rand, ICD9_RESOLVED) } : undefined,
          note: note(rand),
        };
      })
    : [];

  const functionalStatus = (age >= 70 || child) && on(0.4) || on(0.1)
    ? [{
        id: id('func'), source: 'doctor' as const, date: dateBetween(rand, addDays(today, -300), today),
        motorCapacity: rand() < 0.8 ? pick(rand, ['LA21285-4', 'LA21286-5', 'LA4270-0', 'LA6743-4'] as const) : undefined,
        careRegime: rand() < 0.5 ? pick(rand, ['PSSADI', 'PSSADP'] as const) : undefined,
        mentalStatus: rand() < 0.4 ? { ...pick(rand, ICD9_MENTAL_STATUS) } : undefined,
      }].map((f) => (f.motorCapacity || f.careRegime || f.mentalStatus ? f : { ...f, motorCapacity: 'LA21285-4' as const }))
    : [];

  const labResults = on(0.4)
    ? sample(rand, [
        { loinc: { code: '4548-4', display: 'Emoglobina glicata (HbA1c)' }, unit: '%', lo: 4, hi: 6, v: [5, 9] },
        { loinc: { code: '2160-0', display: 'Creatinina' }, unit: 'mg/dL', lo: 0.5, hi: 1.2, v: [0.6, 1.9] },
        { loinc: { code: '2093-3', display: 'Colesterolo totale' }, unit: 'mg/dL', lo: 0, hi: 200, v: [150, 280] },
      ] as const, int(rand, 1, 2)).map((t) => {
        const value = Math.round((t.v[0] + rand() * (t.v[1] - t.v[0])) * 10) / 10;
        return {
          id: id('lab'), source: src(), loinc: { ...t.loinc }, value, unit: t.unit, referenceLow: t.lo, referenceHigh: t.hi,
          interpretation: value > t.hi ? ('H' as const) : value < t.lo ? ('L' as const) : ('N' as const),
          date: dateBetween(rand, addDays(today, -365), today),
        };
      })
    : [];

  const organDonation = !child && on(0.3)
    ? { choice: pick(rand, ['consent', 'dissent', 'not-expressed'] as const), date: dateBetween(rand, adultFrom, today), source: 'patient-declared' as const }
    : undefined;

  // Exemptions for the patient's own conditions (after the diagnosis and the decree), or for age and income.
  const exemptionPool: Array<{ code: string; display: string; from: string }> = [
    ...problems.filter((p) => p.status === 'active' && EXEMPTION_FOR[p.diagnosis.code]).map((p) => {
      const e = EXEMPTION_FOR[p.diagnosis.code]!;
      return { code: e.code, display: e.display, from: maxDate(p.onset ?? adultFrom, yearStart(e.since)) };
    }),
    ...(age < 6 || age > 65 ? [{ code: 'E01', display: 'Esenzione per reddito: età inferiore a 6 anni o superiore a 65 anni', from: maxDate(yearStart(2011), age > 65 ? plusYears(patient.birthDate, 65) : patient.birthDate) }] : []),
  ].filter((e) => e.from <= addDays(today, -30));
  const exemptions = sample(rand, exemptionPool, on(0.6) ? int(rand, 1, 2) : 0).map(({ from, ...e }) => {
    const closed = rand() < 0.2 && e.code !== 'E01';
    const start = dateBetween(rand, from, addDays(today, -30));
    return { id: id('ese'), source: 'doctor' as const, exemption: e, codeSystem: '2.16.840.1.113883.2.9.6.1.22', status: closed ? ('completed' as const) : ('active' as const), start, end: closed ? addDays(start, 365) : undefined, note: note(rand) };
  }).map((e) => (e.end && e.end > today ? { ...e, end: today } : e));

  const careNetworks = on(0.2)
    ? [{
        id: id('net'), source: 'doctor' as const,
        network: pick(rand, [{ code: 'RETE-DIAB', display: 'Rete diabetologica' }, { code: 'RETE-ONC', display: 'Rete oncologica' }, { code: 'RETE-IMA', display: 'Rete IMA' }]),
        // The IG example's network catalogue (Lombardy); regional catalogues differ.
        codeSystem: '2.16.840.1.113883.2.9.2.30.3.1.3.6.10.1',
        status: 'active' as const, start: dateBetween(rand, adultFrom, today), note: note(rand),
      }]
    : [];

  const record: ClinicalRecord = {
    problems, allergies, medications, vaccinations, vitalSigns, familyHistory, lifestyle, pregnancies,
    devices, carePlans, procedures, encounters, functionalStatus, labResults, organDonation, exemptions, careNetworks,
  };
  // Never "no information on problems" next to a therapy: with no problem, there is no therapy either.
  if (problems.length === 0) record.noProblems = rand() < 0.5 ? 'no-known-problems' : 'no-problem-info';
  if (allergies.length === 0) record.noAllergies = rand() < 0.6 ? 'no-known-allergies' : 'no-allergy-info';
  if (medications.length === 0) record.noMedications = rand() < 0.5 ? 'no-known-medications' : 'no-medication-info';
  return record;
}

/** Fixed header parties for synthetic documents: a made-up doctor (MMG or PLS), ASL and custodian. */
export function syntheticDocumentParties(role: 'MMG' | 'PLS'): Pick<PssInput, 'author' | 'organization' | 'custodian'> {
  return {
    author: role === 'MMG'
      ? { codiceFiscale: SANDBOX_DOCTOR.codiceFiscale, givenName: SANDBOX_DOCTOR.givenName, surname: SANDBOX_DOCTOR.surname, prefix: SANDBOX_DOCTOR.prefix, role, phone: SANDBOX_DOCTOR.phone, email: SANDBOX_DOCTOR.email }
      : { codiceFiscale: encodeCodiceFiscale({ surname: 'Bianchi', givenName: 'Laura', birthDate: '1975-03-01', sex: 'F', belfiore: 'H501' }), givenName: 'Laura', surname: 'Bianchi', prefix: 'Dott.ssa', role, phone: '06 5550456' },
    organization: { aslCode: '120201', name: 'ASL Roma 1', regionCode: '120' },
    custodian: { idRoot: '2.16.840.1.113883.2.9.4.1.1', id: '120201', name: 'ASL Roma 1' },
  };
}

/** Fixed header inputs for synthetic documents: a made-up doctor, ASL and custodian. */
export function syntheticPssInput(
  patient: PatientInput,
  index: number,
  rand: Rand,
  options: { today: string; role?: 'MMG' | 'PLS'; versionNumber?: number; fullness?: number },
): PssInput {
  const role = options.role ?? 'MMG';
  const docId = (v: number): string => `PSS.${patient.identifier}.${options.today.replace(/-/g, '')}.V${v}`;
  const versionNumber = options.versionNumber ?? 1;
  const full: Patient = { ...patient, id: `P${(index + 1).toString().padStart(5, '0')}`, createdAt: `${options.today}T08:00:00Z`, updatedAt: `${options.today}T08:00:00Z`, version: 1 };
  return {
    patient: full,
    ...syntheticDocumentParties(role),
    confidentiality: rand() < 0.1 ? 'V' : 'N',
    choices: { obscured: rand() < 0.1, hiddenFromGuardians: false, consentToFse: true },
    version: {
      documentId: docId(versionNumber),
      setId: docId(1),
      versionNumber,
      replacesDocumentId: versionNumber > 1 ? docId(versionNumber - 1) : undefined,
    },
    effectiveTime: `${options.today}T10:00:00+01:00`,
    record: syntheticClinicalRecord(patient, rand, options.today, options.fullness),
  };
}

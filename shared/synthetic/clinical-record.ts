/**
 * Synthetic coded clinical records for PSS tests, the CLI and benchmarks. Codes come from the
 * curated subsets of the official tables in ./pss-terms.ts. The mix is driven by `rand` only, so
 * the same seed gives the same record; across ~30 patients every PSS section appears both
 * filled and empty (mandatory sections then carry their absence statements).
 */
import type {
  AllergyEntry,
  CarePlanEntry,
  ClinicalRecord,
  EntrySource,
  FamilyMember,
  MedicationEntry,
  PssInput,
  RouteCode,
  VitalSignEntry,
} from '../domain/clinical-record.ts';
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
        const type: AllergyEntry['type'] = agent.kind === 'atc' || agent.kind === 'aic' ? pick(rand, ['DALG', 'DINT'] as const) : pick(rand, ['ALG', 'FALG', 'EALG', 'OINT'] as const);
        const resolved = rand() < 0.15;
        const onset = dateBetween(rand, patient.birthDate, today);
        return {
          id: id('alg'), source: src(), type, agent, status: resolved ? 'resolved' : 'active', onset,
          resolution: resolved ? addDays(onset, int(rand, 30, 900) ) : undefined,
          reaction: rand() < 0.7 ? { ...pick(rand, ICD9_REACTIONS) } : undefined,
          criticality: rand() < 0.7 ? pick(rand, ['L', 'M', 'H'] as const) : undefined,
          note: note(rand),
        };
      }).map((a) => (a.resolution && a.resolution > today ? { ...a, resolution: today } : a))
    : [];

  const drugPool = child ? DRUGS.filter((d) => ['R03AC02', 'R06AE07', 'R03DC03'].includes(d.atc)) : DRUGS;
  const medications: MedicationEntry[] = sample(rand, drugPool, on(0.75) ? int(rand, 1, child ? 2 : 5) : 0).map((d) => {
    const status = pick(rand, ['active', 'active', 'active', 'completed', 'suspended'] as const);
    const start = dateBetween(rand, adultFrom, addDays(today, -30));
    const once = rand() < 0.7;
    return {
      id: id('med'), source: src(),
      aic: rand() < 0.8 ? { code: d.aic, display: d.aicDisplay } : undefined,
      atc: { code: d.atc, display: d.atcDisplay },
      dosageText: once ? '1 compressa al giorno' : '1 compressa ogni 12 ore',
      dose: rand() < 0.6 ? { value: 1, unit: '{compressa}' } : undefined,
      route: ROUTES_BY_ATC[d.atc] ?? 'PO',
      periodHours: rand() < 0.8 ? (once ? 24 : 12) : undefined,
      status, start, end: status === 'completed' ? addDays(start, int(rand, 10, 25)) : undefined,
      note: note(rand),
    };
  });

  const vaccinations = sample(rand, VACCINES_ATC_J07, on(0.6) ? int(rand, 1, 3) : 0).map((v, i) => ({
    id: id('vac'), source: src(), atc: { ...v }, date: dateBetween(rand, patient.birthDate, today),
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
      if (k === 'therapy') { const d = pick(rand, DRUGS); carePlans.push({ ...base, kind: 'therapy', atc: { code: d.atc, display: d.atcDisplay }, start: future() }); }
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

  const exemptionPool = [
    { code: '013', display: 'Diabete mellito' },
    { code: '031', display: 'Ipertensione arteriosa' },
    { code: '048', display: 'Soggetti affetti da patologie neoplastiche maligne' },
    { code: 'E01', display: 'Esenzione per reddito: età inferiore a 6 anni o superiore a 65 anni' },
  ];
  const exemptions = sample(rand, exemptionPool, on(0.4) ? int(rand, 1, 2) : 0).map((e) => {
    const closed = rand() < 0.2;
    const start = dateBetween(rand, adultFrom, addDays(today, -30));
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
  if (problems.length === 0) record.noProblems = rand() < 0.5 ? 'no-known-problems' : 'no-problem-info';
  if (allergies.length === 0) record.noAllergies = rand() < 0.6 ? 'no-known-allergies' : 'no-allergy-info';
  if (medications.length === 0) record.noMedications = rand() < 0.5 ? 'no-known-medications' : 'no-medication-info';
  return record;
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
    author: role === 'MMG'
      ? { codiceFiscale: SANDBOX_DOCTOR.codiceFiscale, givenName: SANDBOX_DOCTOR.givenName, surname: SANDBOX_DOCTOR.surname, prefix: SANDBOX_DOCTOR.prefix, role, phone: SANDBOX_DOCTOR.phone, email: SANDBOX_DOCTOR.email }
      : { codiceFiscale: encodeCodiceFiscale({ surname: 'Bianchi', givenName: 'Laura', birthDate: '1975-03-01', sex: 'F', belfiore: 'H501' }), givenName: 'Laura', surname: 'Bianchi', prefix: 'Dott.ssa', role, phone: '06 5550456' },
    organization: { aslCode: '120201', name: 'ASL Roma 1', regionCode: '120' },
    custodian: { idRoot: '2.16.840.1.113883.2.9.4.1.1', id: '120201', name: 'ASL Roma 1' },
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

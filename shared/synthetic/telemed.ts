/**
 * Synthetic telemedicine documents for tests, the CLI and benchmarks: a televisita, a
 * teleconsulto or a teleassistenza for a synthetic patient of the panel, with codes from the
 * curated ICD-9-CM subsets (./pss-terms.ts) and a made-up specialist. Driven by `rand` only:
 * the same seed gives the same documents.
 */
import type { TelemedInput, TelemedKind } from '../documents/cda/telemed/input.ts';
import { encodeCodiceFiscale } from '../domain/codice-fiscale.ts';
import type { Patient, PatientInput } from '../domain/patient.ts';
import { pick, seededRandom } from '../random.ts';
import { FEMALE_NAMES, MALE_NAMES, SURNAMES } from './italian-names.ts';
import { syntheticPatients } from './patients.ts';
import { ICD9_CHRONIC_ADULT } from './pss-terms.ts';
import { SANDBOX_DOCTOR } from './sandbox-doctor.ts';

type Rand = () => number;

/** A 1×1 transparent PNG: the smallest attachment that is a real image. */
const PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const SPECIALTIES = [
  { branca: '02', disciplina: { code: '08', display: 'Cardiologia' }, specialty: 'Cardiologia', checks: ['ECG a riposo', 'Ecocardiogramma'] },
  { branca: '09', disciplina: { code: '19', display: 'Malattie endocrine, del ricambio e della nutrizione' }, specialty: 'Endocrinologia', checks: ['Emoglobina glicata', 'Profilo lipidico'] },
  { branca: '13', disciplina: { code: '29', display: 'Nefrologia' }, specialty: 'Nefrologia', checks: ['Creatinina e eGFR', 'Microalbuminuria'] },
  { branca: '22', disciplina: { code: '68', display: 'Pneumologia' }, specialty: 'Pneumologia', checks: ['Spirometria', 'Saturimetria notturna'] },
  { branca: '15', disciplina: { code: '32', display: 'Neurologia' }, specialty: 'Neurologia', checks: ['Visita neurologica di controllo'] },
] as const;

const PROCEDURE: Record<TelemedKind, { code: string; display: string; description: string }> = {
  televisita: { code: '89.01', display: 'Anamnesi e valutazione, definite brevi', description: 'Televisita di controllo' },
  teleconsulto: { code: '89.07', display: 'Consulto definito complessivo', description: 'Teleconsulto specialistico' },
  teleassistenza: { code: '89.08', display: 'Altro consulto', description: 'Teleassistenza domiciliare' },
};

const REPORTS: Record<TelemedKind, readonly string[]> = {
  televisita: [
    'Paziente collegato in videochiamata, buona qualità audio e video.\nRiferisce benessere generale; valori domiciliari riportati in linea con l’obiettivo.',
    'Televisita di controllo: il paziente mostra il diario dei parametri.\nNessun sintomo nuovo; aderenza alla terapia riferita buona.',
  ],
  teleconsulto: [
    'Discusso il caso con lo specialista in collegamento.\nConcordato di proseguire la terapia in atto e rivalutare tra tre mesi.',
    'Teleconsulto su referti recenti condivisi in piattaforma.\nLo specialista suggerisce un accertamento di secondo livello.',
  ],
  teleassistenza: [
    'Ciclo di teleassistenza concluso: il caregiver ha appreso la misurazione dei parametri.\nNessun evento avverso nel periodo.',
    'Assistenza a distanza per la gestione della terapia domiciliare completata.\nIl paziente esegue le rilevazioni in autonomia.',
  ],
};

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

function specialist(rand: Rand, specialty: string): TelemedInput['specialists'][number] {
  const sex = rand() < 0.5 ? 'F' : 'M';
  const surname = pick(rand, SURNAMES);
  const givenName = pick(rand, sex === 'F' ? FEMALE_NAMES : MALE_NAMES);
  const year = 1960 + Math.floor(rand() * 25);
  const birthDate = `${year}-${pad(1 + Math.floor(rand() * 12))}-${pad(1 + Math.floor(rand() * 28))}`;
  return {
    codiceFiscale: encodeCodiceFiscale({ surname, givenName, birthDate, sex, belfiore: 'H501' }),
    givenName,
    surname,
    specialty,
    organization: 'Azienda Ospedaliera San Camillo-Forlanini',
  };
}

/** One synthetic document of a kind for a patient; `index` makes the ids unique. */
export function syntheticTelemedInput(kind: TelemedKind, patient: PatientInput, index: number, rand: Rand, today: string): TelemedInput {
  const spec = pick(rand, SPECIALTIES);
  const proc = PROCEDURE[kind];
  const hour = 8 + Math.floor(rand() * 10);
  const minutes = 15 + Math.floor(rand() * 30);
  const start = `${today}T${pad(hour)}:00:00+01:00`;
  const end = `${today}T${pad(hour)}:${pad(minutes)}:00+01:00`;
  const prefix = { televisita: 'TV', teleconsulto: 'TC', teleassistenza: 'TA' }[kind];
  const docId = `${prefix}.${patient.identifier}.${today.replace(/-/g, '')}.${index + 1}`;
  const full: Patient = { ...patient, id: `P${pad(index + 1, 5)}`, createdAt: `${today}T08:00:00Z`, updatedAt: `${today}T08:00:00Z`, version: 1 };
  const nDx = Math.floor(rand() * 3);
  const diagnoses = Array.from({ length: nDx }, () => pick(rand, ICD9_CHRONIC_ADULT)).filter((d, i, a) => a.findIndex((x) => x.code === d.code) === i);
  const withQuestion = kind !== 'televisita' || rand() < 0.6;
  const dx = pick(rand, ICD9_CHRONIC_ADULT);
  const nSpecialists = kind === 'teleconsulto' ? 1 + Math.floor(rand() * 2) : rand() < 0.3 ? 1 : 0;
  return {
    kind,
    patient: full,
    author: {
      codiceFiscale: SANDBOX_DOCTOR.codiceFiscale,
      givenName: SANDBOX_DOCTOR.givenName,
      surname: SANDBOX_DOCTOR.surname,
      prefix: SANDBOX_DOCTOR.prefix,
      role: 'MMG',
      phone: SANDBOX_DOCTOR.phone,
      email: SANDBOX_DOCTOR.email,
    },
    organization: { aslCode: '120201', name: 'ASL Roma 1', regionCode: '120' },
    custodian: { idRoot: '2.16.840.1.113883.2.9.4.1.1', id: '120201', name: 'ASL Roma 1' },
    facility: { idRoot: '2.16.840.1.113883.2.9.4.1.3', id: '120201A1', name: 'Casa della Comunità Roma Centro' },
    confidentiality: rand() < 0.1 ? 'V' : 'N',
    choices: { obscured: rand() < 0.1, hiddenFromGuardians: false, consentToFse: true },
    version: { documentId: docId, setId: docId, versionNumber: 1 },
    effectiveTime: end,
    order: { root: '2.16.840.1.113883.2.9.4.3.9', id: `1200A${pad(Math.floor(rand() * 1e9), 10)}` },
    encounterId: `ENC.${docId}`,
    question: withQuestion
      ? { text: `Rivalutazione a distanza per ${dx.display.toLowerCase()}`, diagnosis: rand() < 0.7 ? { code: dx.code, display: dx.display } : undefined }
      : undefined,
    service: {
      procedure: { code: proc.code, display: proc.display },
      description: `${proc.description} – ${spec.specialty}`,
      branca: spec.branca,
      disciplina: { ...spec.disciplina },
      start,
      end,
    },
    attachment: { title: 'Istantanea della sessione', mediaType: 'image/png', base64: PIXEL_PNG },
    report: pick(rand, REPORTS[kind]),
    diagnoses: diagnoses.map((d) => ({ code: d.code, display: d.display })),
    conclusions: rand() < 0.7 ? 'Quadro clinico stabile. Prosegue il percorso concordato.' : undefined,
    recommendedChecks: rand() < 0.6 ? spec.checks.slice(0, 1 + Math.floor(rand() * spec.checks.length)) : [],
    specialists: Array.from({ length: nSpecialists }, () => specialist(rand, spec.specialty)),
  };
}

/** `count` synthetic documents of a kind, deterministic by `seed`. */
export function syntheticTelemedInputs(kind: TelemedKind, count: number, seed = 1, today = '2026-03-15'): TelemedInput[] {
  const rand = seededRandom(seed * 7919 + kind.length);
  const patients = syntheticPatients({ count, seed, kind: 'MMG', today: new Date(`${today}T12:00:00Z`) });
  return patients.map((p, i) => syntheticTelemedInput(kind, p, i, rand, today));
}

/**
 * Synthetic inputs of the vaccination documents (shared/domain/vaccination-document.ts): a
 * child of a PLS panel with a parent or tutor, the synthetic PLS and ASL of the PSS documents,
 * and a vaccination history from the national calendar (vaccination-history.ts). The version
 * is the certificato's; a scheda singola gets its own with `singVaccVersion`.
 */
import type { DocumentVersion } from '../domain/document-header.ts';
import { encodeCodiceFiscale } from '../domain/codice-fiscale.ts';
import { addDays } from '../domain/iso-date.ts';
import type { Patient, PatientInput } from '../domain/patient.ts';
import type { Guardian, VaccDocInput } from '../domain/vaccination-document.ts';
import { pick, seededRandom } from '../random.ts';
import { syntheticDocumentParties } from './clinical-record.ts';
import { BIRTHPLACES, FEMALE_NAMES, MALE_NAMES, SURNAMES } from './italian-names.ts';
import { syntheticPatients } from './patients.ts';
import { syntheticVaccinationHistory, type SyntheticVaccinationOptions, type VaccinationProfile } from './vaccination-history.ts';

type Rand = () => number;

function guardian(child: PatientInput, rand: Rand): Guardian | undefined {
  const r = rand();
  if (r < 0.15) return undefined;
  const relation = r < 0.7 ? 'MTH' : r < 0.95 ? 'FTH' : 'GUARD';
  const sex = relation === 'MTH' ? 'F' : relation === 'FTH' ? 'M' : rand() < 0.5 ? 'F' : 'M';
  const surname = relation === 'FTH' ? child.surname : pick(rand, SURNAMES);
  const givenName = pick(rand, sex === 'F' ? FEMALE_NAMES : MALE_NAMES);
  const birthDate = addDays(child.birthDate, -Math.floor((24 + rand() * 20) * 365.25));
  const codiceFiscale = encodeCodiceFiscale({ surname, givenName, birthDate, sex, belfiore: pick(rand, BIRTHPLACES).belfiore });
  return { name: `${givenName} ${surname}`, relation, codiceFiscale, phone: `333 ${Math.floor(1_000_000 + rand() * 8_999_999)}` };
}

function docId(kind: 'CERTVACC' | 'SINGVACC', patient: PatientInput, tail: string): string {
  return `${kind}.${patient.identifier}.${tail}`;
}

export interface SyntheticVaccDoc {
  input: VaccDocInput;
  profile: VaccinationProfile;
}

export function syntheticVaccDocInput(
  patient: PatientInput,
  index: number,
  rand: Rand,
  options: SyntheticVaccinationOptions & { versionNumber?: number },
): SyntheticVaccDoc {
  const { today } = options;
  const full: Patient = { ...patient, id: `P${(index + 1).toString().padStart(5, '0')}`, createdAt: `${today}T08:00:00Z`, updatedAt: `${today}T08:00:00Z`, version: 1 };
  const history = syntheticVaccinationHistory(patient, rand, options);
  const versionNumber = options.versionNumber ?? 1;
  const id = (v: number): string => docId('CERTVACC', patient, `${today.replace(/-/g, '')}.V${v}`);
  const g = guardian(patient, rand);
  return {
    profile: history.profile,
    input: {
      patient: full,
      ...(g ? { guardian: g } : {}),
      ...syntheticDocumentParties('PLS'),
      confidentiality: 'N',
      choices: { obscured: rand() < 0.05, hiddenFromGuardians: false, consentToFse: true },
      version: { documentId: id(versionNumber), setId: id(1), versionNumber, replacesDocumentId: versionNumber > 1 ? id(versionNumber - 1) : undefined },
      effectiveTime: `${today}T10:00:00+01:00`,
      administrations: history.administrations,
      decisions: history.decisions,
    },
  };
}

/** The version of the scheda singola of one administration or decision (its own document). */
export function singVaccVersion(input: Pick<VaccDocInput, 'patient'>, entryId: string, versionNumber = 1): DocumentVersion {
  const id = (v: number): string => docId('SINGVACC', input.patient, `${entryId}.V${v}`);
  return { documentId: id(versionNumber), setId: id(1), versionNumber, replacesDocumentId: versionNumber > 1 ? id(versionNumber - 1) : undefined };
}

/** The calendar and catalogue a synthetic history follows (loaded by the caller from resources/vaccination). */
export type VaccinationCalendarSource = Omit<SyntheticVaccinationOptions, 'today'>;

/**
 * A synthetic PLS panel (children 0-14) with their vaccination documents' inputs: the CLI's
 * `--synthetic N --seed S` for the vaccination types (same seed, same bytes); every fifth
 * certificate in version 2 (RPLC).
 */
export function* syntheticVaccPanel(o: { count: number; seed: number; today: string }, source: VaccinationCalendarSource): Iterable<SyntheticVaccDoc> {
  const children = syntheticPatients({ count: o.count, seed: o.seed + 2, kind: 'PLS', today: new Date(o.today) });
  const rand = seededRandom(o.seed);
  for (const [i, p] of children.entries()) yield syntheticVaccDocInput(p, i, rand, { today: o.today, ...source, versionNumber: i % 5 === 4 ? 2 : 1 });
}

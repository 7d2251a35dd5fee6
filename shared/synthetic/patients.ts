import { encodeCodiceFiscale } from '../domain/codice-fiscale.ts';
import type { PatientInput } from '../domain/patient.ts';
import { BIRTHPLACES, FEMALE_NAMES, MALE_NAMES, SURNAMES } from './italian-names.ts';
import { pick, seededRandom } from '../random.ts';

export type PanelKind = 'MMG' | 'PLS';

export interface SyntheticPanelOptions {
  count: number;
  seed?: number;
  /** MMG: adults 16-99; PLS: children 0-14 (D.P.R. 270/2000 and ACN for paediatrics). */
  kind?: PanelKind;
  /** The "today" ages are computed from; fixed in tests so the panel does not change with the date. */
  today?: Date;
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * A synthetic panel: plausible Italian names, valid codici fiscali (unique within the panel,
 * as omocodia would make them in reality), ages matching an MMG or PLS list.
 */
export function syntheticPatients(options: SyntheticPanelOptions): PatientInput[] {
  const rand = seededRandom(options.seed ?? 1);
  const today = options.today ?? new Date();
  const [minAge, maxAge] = options.kind === 'PLS' ? [0, 14] : [16, 99];
  const seen = new Set<string>();
  const out: PatientInput[] = [];
  while (out.length < options.count) {
    const sex = rand() < 0.52 ? 'F' : 'M';
    const surname = pick(rand, SURNAMES);
    const givenName = pick(rand, sex === 'F' ? FEMALE_NAMES : MALE_NAMES);
    // Adult panels are older on average: squash the uniform draw towards later ages.
    const u = options.kind === 'PLS' ? rand() : Math.sqrt(rand());
    const ageDays = Math.floor((minAge + u * (maxAge - minAge + 1)) * 365.25);
    const birth = new Date(today.getTime() - ageDays * 86_400_000);
    const place = pick(rand, BIRTHPLACES);
    const identifier = encodeCodiceFiscale({ surname, givenName, birthDate: isoDate(birth), sex, belfiore: place.belfiore });
    if (seen.has(identifier)) continue;
    seen.add(identifier);
    out.push({ surname, givenName, sex, birthDate: isoDate(birth), identifierKind: 'CF', identifier, birthPlace: place.name });
  }
  return out;
}

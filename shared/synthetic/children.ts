/**
 * The sandbox's children (0-14 years, a paediatrician's panel): each with a parent as guardian
 * and a vaccination history drawn from the calendar it is given (PNPV 2023-2025, PAEDIATRICS.md
 * §2), most on time, some behind schedule, one refusal, one exemption, one postponement. The
 * same seed gives the same children. Other series of the same children (growth) add to this file.
 */
import type { VaccinationCalendar } from '../analytics/vaccination-schedule/index.ts';
import type { VaccinationDecisionEntry, VaccinationEntry, VaccinationSite } from '../domain/record/vaccination-entries.ts';
import { encodeCodiceFiscale } from '../domain/codice-fiscale.ts';
import { addDuration, latest } from '../domain/duration.ts';
import { addDays } from '../domain/iso-date.ts';
import type { PatientInput } from '../domain/patient.ts';
import { pick, seededRandom } from '../random.ts';
import { BIRTHPLACES, FEMALE_NAMES, MALE_NAMES } from './italian-names.ts';
import { syntheticPatients } from './patients.ts';

/** How a child's vaccinations went: the sandbox shows each case at least once. */
export type VaccinationProfile = 'on-time' | 'behind' | 'refusal' | 'exemption' | 'postponement';

/** One product per calendar series (its ATC J07, and a lot prefix): what the history records. */
const SERIES_VACCINE: Record<string, { atc: string; display: string; route: 'IM' | 'PO' | 'SQ' }> = {
  hexavalent: { atc: 'J07CA09', display: 'Esavalente DTPa-IPV-HB-Hib', route: 'IM' },
  pcv: { atc: 'J07AL02', display: 'Pneumococco coniugato', route: 'IM' },
  'rotavirus-2': { atc: 'J07BH01', display: 'Rotavirus vivo attenuato', route: 'PO' },
  menb: { atc: 'J07AH09', display: 'Meningococco B', route: 'IM' },
  menacwy: { atc: 'J07AH08', display: 'Meningococco ACWY', route: 'IM' },
  mprv: { atc: 'J07BD54', display: 'MPRV morbillo-parotite-rosolia-varicella', route: 'SQ' },
  'dtpa-ipv-booster': { atc: 'J07CA02', display: 'DTPa-IPV', route: 'IM' },
  'dtpa-ipv-adolescent': { atc: 'J07CA02', display: 'dTpa-IPV', route: 'IM' },
  'hpv-2': { atc: 'J07BM03', display: 'HPV 9-valente', route: 'IM' },
};

const PLACES = ['Ambulatorio del pediatra', 'Centro vaccinale ASL', 'Centro vaccinale distrettuale'];

export interface SyntheticChild {
  patient: PatientInput;
  profile: VaccinationProfile;
}

/**
 * Which profile each child gets, by position, so the sandbox always has each case: the first
 * child over 13 months a refusal, the first other one over 3 years an exemption, the ninth a
 * postponement, every fourth behind schedule.
 */
export function profilesOf(birthDates: readonly string[], today: string): VaccinationProfile[] {
  const out = birthDates.map((_, i): VaccinationProfile => (i === 8 ? 'postponement' : i % 4 === 3 ? 'behind' : 'on-time'));
  const refusal = birthDates.findIndex((b, i) => out[i] === 'on-time' && addDuration(b, { months: 13 }) <= today);
  if (refusal >= 0) out[refusal] = 'refusal';
  const exemption = birthDates.findIndex((b, i) => out[i] === 'on-time' && addDuration(b, { years: 3 }) <= today);
  if (exemption >= 0) out[exemption] = 'exemption';
  return out;
}

/** `count` children 0-14 years old on `today`, each with a parent as guardian. */
export function syntheticChildren(options: { count: number; seed?: number; today: string }): SyntheticChild[] {
  const rand = seededRandom((options.seed ?? 14) + 1);
  const kids = syntheticPatients({ count: options.count, seed: options.seed ?? 14, kind: 'PLS', today: new Date(`${options.today}T12:00:00Z`) });
  const profiles = profilesOf(kids.map((k) => k.birthDate), options.today);
  return kids.map((patient, i) => {
    const mother = rand() < 0.7;
    const givenName = pick(rand, mother ? FEMALE_NAMES : MALE_NAMES);
    const parentBirth = addDays(patient.birthDate, -Math.floor((25 + rand() * 15) * 365.25));
    const codiceFiscale = encodeCodiceFiscale({ surname: patient.surname, givenName, birthDate: parentBirth, sex: mother ? 'F' : 'M', belfiore: pick(rand, BIRTHPLACES).belfiore });
    const phone = `3${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`;
    return {
      patient: { ...patient, guardian: { name: `${givenName} ${patient.surname}`, relation: mother ? 'MTH' : 'FTH', codiceFiscale, phone } },
      profile: profiles[i]!,
    };
  });
}

export interface ChildVaccinations {
  vaccinations: VaccinationEntry[];
  vaccinationDecisions: VaccinationDecisionEntry[];
}

/**
 * The child's vaccinations, dose by dose from the calendar: each at its recommended age (or the
 * recommended interval after the previous dose, whichever is later) plus a few days. Behind
 * schedule: the doses stop at an age between 3 and 14 months, so the later ones are overdue.
 * Refusal: the parents refused MPRV at 12 months. Exemption: varicella immunity after the
 * disease at 3 years. Postponement: the last dose due is put off for a fever, for three weeks.
 */
export function childVaccinations(child: SyntheticChild, calendar: VaccinationCalendar, seed: number, today: string): ChildVaccinations {
  const rand = seededRandom(seed);
  const birth = child.patient.birthDate;
  const stopAt = child.profile === 'behind' ? addDuration(birth, { months: 3 + Math.floor(rand() * 12) }) : today;
  const vaccinations: VaccinationEntry[] = [];
  const decisions: VaccinationDecisionEntry[] = [];
  const refusedMprv = child.profile === 'refusal';
  let n = 0;
  const site = (): VaccinationSite => {
    const infant = vaccinations.length < 12;
    return infant ? pick(rand, ['LVL', 'RVL'] as const) : pick(rand, ['LD', 'RD'] as const);
  };
  for (const s of calendar.series) {
    const product = SERIES_VACCINE[s.id];
    if (!product || !s.doses || (s.sex && s.sex !== child.patient.sex)) continue;
    if (refusedMprv && s.id === 'mprv') continue;
    let previous: string | undefined;
    for (const d of s.doses) {
      const due = latest(addDuration(birth, d.at), previous && d.interval ? addDuration(previous, d.interval) : undefined)!;
      const date = addDays(due, Math.floor(rand() * 21));
      const maxAge = d.maxAge ?? s.maxAge;
      if (date > today || date > stopAt || (maxAge && date >= addDuration(birth, maxAge))) break;
      previous = date;
      n++;
      vaccinations.push({
        id: `vac-${String(n).padStart(3, '0')}`, source: 'doctor',
        atc: { code: product.atc, display: product.display },
        date, doseNumber: d.dose, lot: `${product.atc.slice(3)}${String(Math.floor(rand() * 90000) + 10000)}`,
        route: product.route, ...(product.route === 'PO' ? {} : { site: site() }),
        place: pick(rand, PLACES), performer: 'Pediatra di libera scelta',
      });
    }
  }
  vaccinations.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  if (refusedMprv && addDuration(birth, { months: 12 }) <= today) {
    decisions.push({ id: 'dec-001', source: 'doctor', kind: 'refusal', atc: { code: 'J07BD54', display: 'MPRV morbillo-parotite-rosolia-varicella' }, date: addDuration(birth, { months: 12, days: 10 }), reason: 'Dissenso informato dei genitori' });
  }
  if (child.profile === 'exemption' && addDuration(birth, { years: 3 }) <= today) {
    decisions.push({ id: 'dec-001', source: 'doctor', kind: 'exemption', atc: { code: 'J07BK01', display: 'Varicella' }, date: addDuration(birth, { years: 3 }), reason: 'Immunità dopo varicella naturale (esonero)' });
  }
  if (child.profile === 'postponement') {
    const until = addDays(today, 21);
    decisions.push({ id: 'dec-001', source: 'doctor', kind: 'postponement', atc: { code: 'J07CA09', display: 'Esavalente DTPa-IPV-HB-Hib' }, date: addDays(today, -3), until, reason: 'Febbre in corso: differita' });
  }
  return { vaccinations, vaccinationDecisions: decisions };
}

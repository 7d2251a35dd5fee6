/**
 * Synthetic vaccination histories for children 0-14, following the national calendar
 * (resources/vaccination/pnpv-2023-2025.json, loaded by the caller: shared code reads no
 * files): each calendar dose due before "today" is given a few days after its recommended age,
 * at least the minimum interval after the previous one. Profiles, so a panel shows every case
 * a paediatrician meets (PAEDIATRICS.md §2): on time; behind schedule (late doses, doses
 * missing after some age); a refusal by the parents; an exemption (medical precaution after a
 * reaction, or presumed immunity to varicella with MPR instead of MPRV); a postponement.
 */
import { addDuration, latest } from '../domain/duration.ts';
import { addDays, daysBetween } from '../domain/iso-date.ts';
import type { PatientInput } from '../domain/patient.ts';
import type { TargetDisease, VaccinationDecision, VaccineAdministration, VaccineProduct, VaccineSite } from '../domain/vaccination-document.ts';
import type { CalendarDose, CalendarSeries, VaccinationCalendar } from '../analytics/vaccination-schedule/calendar.ts';
import type { VaccineIndex } from '../analytics/vaccination-schedule/vaccines.ts';
import { encodeCodiceFiscale } from '../domain/codice-fiscale.ts';
import { pick } from '../random.ts';
import { SYNTHETIC_MPR, SYNTHETIC_VACCINE_PRODUCTS, TARGET_DISEASE_LABEL, type SyntheticVaccineProduct } from './vaccine-products.ts';

type Rand = () => number;

export type VaccinationProfile = 'on-time' | 'behind' | 'refusal' | 'exemption' | 'postponement';

export interface SyntheticVaccinationHistory {
  profile: VaccinationProfile;
  administrations: VaccineAdministration[];
  decisions: VaccinationDecision[];
}

export interface SyntheticVaccinationOptions {
  today: string;
  calendar: VaccinationCalendar;
  vaccines: VaccineIndex;
}

const ASL_PLACE = { name: 'Ambulatorio vaccinale ASL Roma 1, Distretto 1', id: '120201', idRoot: '2.16.840.1.113883.2.9.4.1.1' };
const OFFICE_PLACE = { name: 'Studio pediatrico, Via Nomentana 120, Roma' };
const NURSE_SUBJECT = { surname: 'Greco', givenName: 'Chiara', birthDate: '1985-09-14', sex: 'F', belfiore: 'H501' } as const;
const NURSE = { name: `${NURSE_SUBJECT.givenName} ${NURSE_SUBJECT.surname}, assistente sanitaria`, codiceFiscale: encodeCodiceFiscale(NURSE_SUBJECT) };
const PLS_PERFORMER = { name: 'Dott.ssa Laura Bianchi, pediatra', codiceFiscale: encodeCodiceFiscale({ surname: 'Bianchi', givenName: 'Laura', birthDate: '1975-03-01', sex: 'F', belfiore: 'H501' }) };

/** Series a refusal or an exemption may concern (not the hexavalent: almost nobody refuses it). */
const REFUSABLE = ['mprv', 'menb', 'rotavirus-2', 'rotavirus-3', 'menacwy', 'hpv-2', 'pcv'];

function productOf(p: SyntheticVaccineProduct, withAic: boolean): VaccineProduct {
  return withAic ? { atc: p.atc, aic: p.aic, manufacturer: p.manufacturer } : { atc: p.atc, manufacturer: p.manufacturer };
}

function diseasesOf(vaccines: VaccineIndex, atc: string): TargetDisease[] {
  return vaccines.targetDiseasesOf({ atc }).map((code) => ({ code, display: TARGET_DISEASE_LABEL[code] ?? code }));
}

function lot(rand: Rand): string {
  const letters = 'ABCDEFGHJKLMNPRSTUVWXYZ';
  return `${pick(rand, [...letters])}${pick(rand, [...letters])}${Math.floor(10_000 + rand() * 89_999)}`;
}

function site(rand: Rand, p: SyntheticVaccineProduct, birth: string, date: string): VaccineSite | undefined {
  if (p.route === 'NASINHL') return 'BN';
  if (!p.injected) return undefined;
  const infant = date < addDuration(birth, { years: 1 });
  return infant ? (rand() < 0.5 ? 'LVL' : 'RVL') : rand() < 0.5 ? 'LD' : 'RD';
}

/** The series of this child's calendar: by sex; one variant per group (one rotavirus product, HPV by age). */
function childSeries(calendar: VaccinationCalendar, sex: 'M' | 'F', rand: Rand): CalendarSeries[] {
  const rotavirus = rand() < 0.7 ? 'rotavirus-2' : 'rotavirus-3';
  return calendar.series.filter((s) => {
    if (s.sex && s.sex !== sex) return false;
    if (s.variant?.group === 'rotavirus') return s.id === rotavirus;
    if (s.variant?.group === 'hpv') return s.variant.default === true;
    return true;
  });
}

export function syntheticVaccinationHistory(patient: PatientInput, rand: Rand, options: SyntheticVaccinationOptions): SyntheticVaccinationHistory {
  const { today, vaccines } = options;
  const birth = patient.birthDate;
  const r = rand();
  const profile: VaccinationProfile = r < 0.55 ? 'on-time' : r < 0.75 ? 'behind' : r < 0.85 ? 'refusal' : r < 0.93 ? 'exemption' : 'postponement';
  const series = childSeries(options.calendar, patient.sex, rand);
  const administrations: VaccineAdministration[] = [];
  const decisions: VaccinationDecision[] = [];
  const atOffice = rand() < 0.5;
  // Behind: from some age on, most doses are missing; the rest come late.
  const ageDays = daysBetween(birth, today);
  // Mostly in the first years, when most doses fall.
  const stopAge = profile === 'behind' ? addDays(birth, 60 + Math.floor(rand() * Math.max(0, Math.min(ageDays, 2200) - 90))) : undefined;
  const dueSeries = series.filter((s) => s.doses && addDuration(birth, s.doses[0]!.at) < today && REFUSABLE.includes(s.id));
  const decided = profile === 'refusal' || profile === 'exemption' || profile === 'postponement' ? dueSeries.length > 0 ? pick(rand, dueSeries) : undefined : undefined;
  const varicellaImmune = profile === 'exemption' && decided?.id === 'mprv' && rand() < 0.6;

  for (const s of series) {
    if (!s.doses) continue;
    const products = SYNTHETIC_VACCINE_PRODUCTS[s.id];
    if (!products) continue;
    let product = pick(rand, products);
    if (s.id === 'mprv' && varicellaImmune) product = SYNTHETIC_MPR;
    let previous: string | undefined;
    for (const [n, d] of s.doses.entries()) {
      let due = latest(addDuration(birth, d.at), previous && d.interval ? addDuration(previous, d.interval) : undefined)!;
      const id = `${s.id}-${d.dose}`;
      if (s === decided && !varicellaImmune) {
        // The decision concerns the first dose due: refusal and exemption stop the series.
        if (profile === 'refusal' && n === 0) {
          decisions.push(decision(rand, vaccines, 'refusal', id, product, d, due, today));
          break;
        }
        if (profile === 'exemption' && n === s.doses.length - 1 && n > 0 && due < today) {
          decisions.push(decision(rand, vaccines, 'exemption', id, product, d, due, today));
          break;
        }
        if (profile === 'postponement' && n === 0 && due < today) {
          const p = decision(rand, vaccines, 'postponement', id, product, d, due, today);
          decisions.push(p);
          due = addDays(p.until!, 1);
        }
      }
      if (s === decided && varicellaImmune && n === 0 && due < today) {
        decisions.push({
          id: 'varicella-esonero',
          kind: 'exemption',
          vaccine: { atc: { code: 'J07BK01', display: 'VARICELLA, VIVO ATTENUATO' } },
          date: addDays(due, -7),
          reason: 'IMMUNE',
          condition: { code: '052.9', display: 'Varicella senza menzione di complicazioni' },
          reasonText: 'Varicella contratta, documentata dal pediatra',
          targetDiseases: [{ code: '40', display: TARGET_DISEASE_LABEL['40']! }],
          presumedImmunity: [{ code: '40', display: TARGET_DISEASE_LABEL['40']! }],
        });
      }
      const late = stopAge && due > stopAge;
      if (late && rand() < 0.75) break;
      const delay = profile === 'behind' ? 10 + Math.floor(rand() * (late ? 400 : 120)) : Math.floor(rand() * 21);
      const minDate = previous && d.minInterval ? addDuration(previous, d.minInterval) : birth;
      const date = latest(addDays(due, delay), minDate)!;
      if (date >= today) break;
      // Past the age a dose is offered at (rotavirus by week 24/32, PCV by 5 years): never given.
      const maxAge = d.maxAge ?? s.maxAge;
      if (maxAge && date > addDuration(birth, maxAge)) break;
      const next = s.doses[n + 1];
      const nextDue = next ? latest(addDuration(birth, next.at), next.interval ? addDuration(date, next.interval) : undefined) : undefined;
      // Older doses were sometimes given elsewhere and recorded with the ATC only (no package).
      const withAic = rand() < 0.9;
      const reaction = profile === 'exemption' && s === decided && n === 0;
      administrations.push({
        id,
        vaccine: productOf(product, withAic),
        doseNumber: d.dose,
        date,
        lot: rand() < 0.95 ? lot(rand) : undefined,
        site: site(rand, product, birth, date),
        route: product.route,
        doseMl: product.doseMl,
        place: atOffice ? OFFICE_PLACE : ASL_PLACE,
        performer: atOffice ? PLS_PERFORMER : NURSE,
        targetDiseases: diseasesOf(vaccines, product.atc.code),
        nextDue: nextDue && nextDue > date ? nextDue : undefined,
        adverseReaction: reaction
          ? { code: '995.2', display: 'Altri effetti avversi non specificati di farmaci, medicamenti e prodotti biologici', onset: date }
          : rand() < 0.03 ? { code: '780.6', display: 'Febbre', onset: addDays(date, 1) } : undefined,
      });
      previous = date;
    }
  }
  administrations.push(...influenza(rand, birth, today, vaccines, atOffice));
  return { profile, administrations: administrations.filter((a) => a.date < today), decisions };
}

function decision(
  rand: Rand,
  vaccines: VaccineIndex,
  kind: 'refusal' | 'exemption' | 'postponement',
  id: string,
  product: SyntheticVaccineProduct,
  d: CalendarDose,
  due: string,
  today: string,
): VaccinationDecision {
  const date = due < today ? due : addDays(today, -1);
  const base = { id: `${id}-${kind}`, kind, vaccine: productOf(product, rand() < 0.5), doseNumber: d.dose, date, targetDiseases: diseasesOf(vaccines, product.atc.code), presumedImmunity: [] };
  if (kind === 'refusal') {
    // Some refusals are recorded as the parents' words only, with no coded reason.
    const coded = rand() < 0.7;
    return { ...base, ...(coded ? { reason: pick(rand, ['PATOBJ', 'PHILISOP', 'VACSAF'] as const) } : {}), reasonText: 'Dissenso informato firmato dai genitori' };
  }
  if (kind === 'exemption') {
    return { ...base, reason: 'MEDPREC', condition: { code: 'V14.7', display: 'Anamnesi personale di allergia a siero o vaccino' }, reasonText: 'Reazione alla dose precedente' };
  }
  return {
    ...base,
    reason: 'MEDPREC',
    until: addDays(date, 21 + Math.floor(rand() * 40)),
    condition: rand() < 0.5 ? { code: '780.6', display: 'Febbre' } : { code: '465.9', display: 'Infezioni acute delle vie respiratorie superiori, sede non specificata' },
  };
}

/** Seasonal influenza (PNPV: 6 months to 6 years), for about a third of the children, two doses in the first season. */
function influenza(rand: Rand, birth: string, today: string, vaccines: VaccineIndex, atOffice: boolean): VaccineAdministration[] {
  if (rand() > 0.35) return [];
  const out: VaccineAdministration[] = [];
  const from = addDuration(birth, { months: 6 });
  const until = addDuration(birth, { years: 6 });
  const products = SYNTHETIC_VACCINE_PRODUCTS['influenza']!;
  let first = true;
  for (let year = Number(birth.slice(0, 4)); year <= Number(today.slice(0, 4)); year++) {
    const date = addDays(`${year}-10-15`, Math.floor(rand() * 45));
    if (date < from || date >= until || date >= today) continue;
    // The live nasal vaccine is for children from 2 years (SmPC).
    const product = date >= addDuration(birth, { years: 2 }) && rand() < 0.4 ? products[1]! : products[0]!;
    const doses = first ? [date, addDays(date, 28)] : [date];
    doses.forEach((d, i) => {
      if (d >= today) return;
      out.push({
        id: `flu-${year}-${i + 1}`,
        vaccine: productOf(product, true),
        doseNumber: first ? i + 1 : undefined,
        date: d,
        lot: lot(rand),
        site: site(rand, product, birth, d),
        route: product.route,
        doseMl: product.doseMl,
        place: atOffice ? OFFICE_PLACE : ASL_PLACE,
        performer: atOffice ? PLS_PERFORMER : NURSE,
        targetDiseases: diseasesOf(vaccines, product.atc.code),
        coveredUntil: `${year + 1}-04-30`,
        riskCategory: { code: '29', display: 'Età compresa fra 6 mesi e 6 anni' },
      });
    });
    first = false;
  }
  return out;
}

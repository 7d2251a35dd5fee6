/**
 * parsePssCda: a PSS CDA (ours or another product's, such as the official IG example) back to
 * the coded clinical record, so existing documents can seed the record and our own output can
 * be checked by round trip. Tolerant: what the record cannot hold is listed in `warnings`
 * instead of failing. Sources and notes come from the comment acts' narrative
 * ("<source label>. <note>"), as the builder writes them.
 */
import { emptyClinicalRecord, type ClinicalRecord } from '../../../../domain/clinical-record.ts';
import { SECTION } from '../templates.ts';
import { type El, attr, kid, kids, parseXml } from './dom.ts';
import { acts, organDonation } from './read-acts.ts';
import { allergies, problems } from './read-allergies-problems.ts';
import { carePlans } from './read-care-plans.ts';
import { devices, encounters, family, procedures } from './read-history.ts';
import { medications, vaccinations } from './read-medications-vaccinations.ts';
import { functional, observationsSimple, results, vitals } from './read-observations.ts';
import { Reader } from './reader.ts';

export interface ParsedPss {
  record: ClinicalRecord;
  warnings: string[];
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

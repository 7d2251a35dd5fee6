/**
 * Which patient of the panel a study's files name. Italian hospitals and radiology centres
 * often put the codice fiscale in Patient ID (0010,0020); when they do, it decides. Otherwise
 * the name and the birth date must both agree: a name alone (two Maria Rossi) or a birth
 * date alone is no match. Either way the doctor confirms before anything is imported; this
 * only proposes.
 *
 * Names are compared in the registry's search form (shared/domain/search-key.ts), joined:
 * DICOM Person Name is "family^given^middle" (PS3.5 §6.2.1), but many Italian systems write
 * "ROSSI MARIO" with no caret, and some put the given name first; both orders are accepted.
 */
import { checkCodiceFiscale, normalizeCodiceFiscale } from '../domain/codice-fiscale.ts';
import type { PatientSummary } from '../domain/patient.ts';
import { searchKey } from '../domain/search-key.ts';

export interface DicomPatientFacts {
  id?: string;
  name?: { family?: string; given?: string; middle?: string; raw: string };
  birthDate?: string;
  sex?: string;
}

export type MatchBy = 'codiceFiscale' | 'nameBirthDate';

export interface PatientMatch {
  patientId: string;
  by: MatchBy;
}

/** The codice fiscale a Patient ID holds, when it is one with a right check character. */
export function codiceFiscaleIn(patientId: string | undefined): string | undefined {
  if (!patientId) return undefined;
  const cf = normalizeCodiceFiscale(patientId);
  return checkCodiceFiscale(cf).valid ? cf : undefined;
}

/** The files' name joined in search form: family then given when the carets say which is which. */
function nameForms(name: DicomPatientFacts['name']): string[] {
  if (!name) return [];
  const given = [name.given, name.middle].filter(Boolean).join(' ');
  return [searchKey(given ? (name.family ?? '') + given : name.family || name.raw)].filter((k) => k !== '');
}

/** Whether a patient's surname and given name agree with the files' Patient Name, in either order. */
export function sameName(facts: DicomPatientFacts, patient: Pick<PatientSummary, 'surname' | 'givenName'>): boolean {
  const keys = [searchKey(patient.surname + patient.givenName), searchKey(patient.givenName + patient.surname)];
  return nameForms(facts.name).some((f) => keys.includes(f));
}

/**
 * The patient the facts name among `candidates` (those sharing the codice fiscale or the birth
 * date, as the database finds them), or undefined. One rule, in order: the codice fiscale in
 * Patient ID, else name and birth date; more than one patient by name and birth date is no match.
 */
export function matchPatient(facts: DicomPatientFacts, candidates: readonly PatientSummary[]): PatientMatch | undefined {
  const cf = codiceFiscaleIn(facts.id);
  if (cf) {
    const hit = candidates.find((p) => p.identifierKind === 'CF' && normalizeCodiceFiscale(p.identifier) === cf);
    // A codice fiscale names one person: when it is nobody in the panel, a namesake is not them.
    return hit ? { patientId: hit.id, by: 'codiceFiscale' } : undefined;
  }
  if (!facts.birthDate) return undefined;
  const hits = candidates.filter((p) => p.birthDate === facts.birthDate && sameName(facts, p));
  return hits.length === 1 ? { patientId: hits[0]!.id, by: 'nameBirthDate' } : undefined;
}

/**
 * How the files' patient stands against the patient the doctor is importing into: 'same' when
 * matchPatient names them, 'different' when the files name someone else (a codice fiscale, a
 * birth date or a name that is not theirs), 'unknown' when the files say too little to tell.
 */
export function agreement(facts: DicomPatientFacts, target: PatientSummary): { verdict: 'same'; by: MatchBy } | { verdict: 'different' | 'unknown' } {
  const match = matchPatient(facts, [target]);
  if (match) return { verdict: 'same', by: match.by };
  if (codiceFiscaleIn(facts.id)) return { verdict: 'different' };
  if (facts.birthDate && facts.birthDate !== target.birthDate) return { verdict: 'different' };
  if (nameForms(facts.name).length > 0 && !sameName(facts, target)) return { verdict: 'different' };
  return { verdict: 'unknown' };
}

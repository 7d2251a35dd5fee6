/**
 * A patient to register from a study's files, for imports that may create the patient
 * (`cartella import --create-patient`): only when Patient ID is a valid codice fiscale, which
 * gives the sex and the birth date (D.M. 23/12/1976), and Patient Name gives a name. The
 * century comes from Patient Birth Date when the files agree with the code, else the most
 * recent one not in the future. A name written without carets ("ROSSI MARIO") is split where
 * the surname and name letters of the code say it is.
 */
import { decodeCodiceFiscale, nameCode, surnameCode } from '../domain/codice-fiscale.ts';
import type { PatientInput } from '../domain/patient.ts';
import { codiceFiscaleIn, type DicomPatientFacts } from './patient-match.ts';

function title(text: string): string {
  return text.toLowerCase().replace(/(^|[\s'-])\p{L}/gu, (m) => m.toUpperCase());
}

function splitName(name: NonNullable<DicomPatientFacts['name']>, cf: string): { surname: string; givenName: string } | undefined {
  const given = [name.given, name.middle].filter(Boolean).join(' ');
  if (name.family && given) return { surname: name.family, givenName: given };
  const words = (name.family ?? name.raw).split(/\s+/).filter(Boolean);
  for (let i = 1; i < words.length; i++) {
    const surname = words.slice(0, i).join(' ');
    const givenName = words.slice(i).join(' ');
    if (surnameCode(surname) === cf.slice(0, 3) && nameCode(givenName) === cf.slice(3, 6)) return { surname, givenName };
  }
  return undefined;
}

export function patientFromDicom(facts: DicomPatientFacts, today: string): PatientInput | undefined {
  const cf = codiceFiscaleIn(facts.id);
  const decoded = cf && decodeCodiceFiscale(cf);
  if (!cf || !decoded || !facts.name) return undefined;
  const names = splitName(facts.name, cf);
  if (!names) return undefined;
  const mm = String(decoded.month).padStart(2, '0');
  const dd = String(decoded.day).padStart(2, '0');
  const yy = String(decoded.yearTwoDigits).padStart(2, '0');
  let birthDate: string;
  if (facts.birthDate && facts.birthDate.slice(2) === `${yy}-${mm}-${dd}`) birthDate = facts.birthDate;
  else {
    const century = Number(today.slice(0, 2));
    const recent = `${century}${yy}-${mm}-${dd}`;
    birthDate = recent <= today ? recent : `${century - 1}${yy}-${mm}-${dd}`;
  }
  return { surname: title(names.surname), givenName: title(names.givenName), sex: decoded.sex, birthDate, identifierKind: 'CF', identifier: cf };
}

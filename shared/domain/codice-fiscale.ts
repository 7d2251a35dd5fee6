import type { CodiceFiscaleProblem } from '../errors/index.ts';

/**
 * Codice fiscale per D.M. 23 dicembre 1976 n. 13813 (Min. Finanze), "Sistemi di
 * codificazione dei soggetti da iscrivere all'anagrafe tributaria". Tables copied from
 * resources/terms/codice-fiscale-tables.csv (see FHIR-TERMS-DICOM.md §3).
 */

/** Values of characters in odd positions 1, 3, …, 15 (1-based). Digits share the letters' values. */
const ODD: Record<string, number> = {
  '0': 1, '1': 0, '2': 5, '3': 7, '4': 9, '5': 13, '6': 15, '7': 17, '8': 19, '9': 21,
  A: 1, B: 0, C: 5, D: 7, E: 9, F: 13, G: 15, H: 17, I: 19, J: 21, K: 2, L: 4, M: 18,
  N: 20, O: 11, P: 3, Q: 6, R: 8, S: 12, T: 14, U: 16, V: 10, W: 22, X: 25, Y: 24, Z: 23,
};

/** Even positions 2, …, 14: digits 0-9 and letters A-Z map to 0-9 and 0-25. */
function evenValue(c: string): number {
  return c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 65;
}

const MONTHS = 'ABCDEHLMPRST';
/** Omocodia: digits replaced right to left by these letters (0-9). */
const OMOCODIA = 'LMNPQRSTUV';
/** 0-based positions that hold digits, and may hold omocodia letters. */
const DIGIT_POSITIONS = [6, 7, 9, 10, 12, 13, 14];
const SHAPE = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

export function normalizeCodiceFiscale(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** The check character for the first 15 characters. */
export function checkCharacter(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = first15[i]!;
    sum += i % 2 === 0 ? ODD[c]! : evenValue(c);
  }
  return String.fromCharCode(65 + (sum % 26));
}

/** Replaces omocodia letters with their digits, so the date and place can be read. */
export function decodeOmocodia(cf: string): string {
  const chars = cf.split('');
  for (const p of DIGIT_POSITIONS) {
    const i = OMOCODIA.indexOf(chars[p]!);
    if (i >= 0 && !(chars[p]! >= '0' && chars[p]! <= '9')) chars[p] = String(i);
  }
  return chars.join('');
}

export interface DecodedCodiceFiscale {
  surnameCode: string;
  nameCode: string;
  /** Last two digits of the birth year: the century cannot be told from the code. */
  yearTwoDigits: number;
  month: number;
  day: number;
  sex: 'M' | 'F';
  /** Codice catastale (Belfiore) of the birthplace; `Z…` for foreign states. */
  belfiore: string;
  omocodia: boolean;
}

export function decodeCodiceFiscale(cf: string): DecodedCodiceFiscale | undefined {
  const n = normalizeCodiceFiscale(cf);
  if (!SHAPE.test(n)) return undefined;
  const d = decodeOmocodia(n);
  const dayRaw = Number(d.slice(9, 11));
  return {
    surnameCode: d.slice(0, 3),
    nameCode: d.slice(3, 6),
    yearTwoDigits: Number(d.slice(6, 8)),
    month: MONTHS.indexOf(d[8]!) + 1,
    day: dayRaw > 40 ? dayRaw - 40 : dayRaw,
    sex: dayRaw > 40 ? 'F' : 'M',
    belfiore: d.slice(11, 15),
    omocodia: d !== n,
  };
}

function lettersOf(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
}

const isVowel = (c: string) => 'AEIOU'.includes(c);

/** The three surname letters: consonants, then vowels, then X (D.M. 1976, art. 3). */
export function surnameCode(surname: string): string {
  const l = lettersOf(surname);
  const cons = [...l].filter((c) => !isVowel(c)).join('');
  const vow = [...l].filter(isVowel).join('');
  return (cons + vow + 'XXX').slice(0, 3);
}

/** The three given-name letters: with four or more consonants, the 1st, 3rd and 4th. */
export function nameCode(givenName: string): string {
  const l = lettersOf(givenName);
  const cons = [...l].filter((c) => !isVowel(c)).join('');
  if (cons.length >= 4) return cons[0]! + cons[2]! + cons[3]!;
  const vow = [...l].filter(isVowel).join('');
  return (cons + vow + 'XXX').slice(0, 3);
}

export interface CodiceFiscaleSubject {
  surname: string;
  givenName: string;
  birthDate: string; // yyyy-mm-dd
  sex: 'M' | 'F';
  belfiore: string;
}

/** Builds the codice fiscale of a subject (used by the synthetic panel and the tests). */
export function encodeCodiceFiscale(s: CodiceFiscaleSubject): string {
  const [y, m, d] = s.birthDate.split('-').map(Number) as [number, number, number];
  const day = s.sex === 'F' ? d + 40 : d;
  const first15 =
    surnameCode(s.surname) +
    nameCode(s.givenName) +
    String(y % 100).padStart(2, '0') +
    MONTHS[m - 1] +
    String(day).padStart(2, '0') +
    s.belfiore.toUpperCase();
  return first15 + checkCharacter(first15);
}

export interface CodiceFiscaleCheck {
  /** False when any blocking problem was found. */
  valid: boolean;
  /** Blocking problems: the code cannot be accepted. */
  problems: CodiceFiscaleProblem[];
  /**
   * Non-blocking: the letters differ from those computed from the name. Codes issued by the
   * Agenzia delle Entrate stay valid even when they do not follow the rule, so we only warn.
   */
  warnings: CodiceFiscaleProblem[];
  /** The check character the code should have, when that was the problem. */
  expectedCheckCharacter?: string;
  decoded?: DecodedCodiceFiscale;
}

function daysInMonth(month: number, yearTwoDigits: number): number {
  // 29 February is accepted for any year: the century is not in the code.
  return [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  void yearTwoDigits;
}

/** Checks a codice fiscale and, when given, its agreement with the subject's data. */
export function checkCodiceFiscale(
  value: string,
  subject: Partial<Omit<CodiceFiscaleSubject, 'belfiore'>> = {},
): CodiceFiscaleCheck {
  const cf = normalizeCodiceFiscale(value);
  if (cf.length !== 16) return { valid: false, problems: ['length'], warnings: [] };
  if (!SHAPE.test(cf)) return { valid: false, problems: ['characters'], warnings: [] };
  const problems: CodiceFiscaleProblem[] = [];
  const warnings: CodiceFiscaleProblem[] = [];
  const expected = checkCharacter(cf.slice(0, 15));
  if (expected !== cf[15]) problems.push('check-character');
  const decoded = decodeCodiceFiscale(cf)!;
  if (decoded.month < 1) problems.push('month');
  if (decoded.day < 1 || decoded.day > daysInMonth(decoded.month, decoded.yearTwoDigits)) problems.push('day');
  if (subject.birthDate && problems.length === 0) {
    const [y, m, d] = subject.birthDate.split('-').map(Number) as [number, number, number];
    if (y % 100 !== decoded.yearTwoDigits || m !== decoded.month || d !== decoded.day) problems.push('birth-date-mismatch');
  }
  if (subject.sex && problems.length === 0 && subject.sex !== decoded.sex) problems.push('sex-mismatch');
  if (subject.surname && surnameCode(subject.surname) !== decoded.surnameCode) warnings.push('surname-mismatch');
  if (subject.givenName && nameCode(subject.givenName) !== decoded.nameCode) warnings.push('name-mismatch');
  return {
    valid: problems.length === 0,
    problems,
    warnings,
    ...(problems.includes('check-character') ? { expectedCheckCharacter: expected } : {}),
    decoded,
  };
}

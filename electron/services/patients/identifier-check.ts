import { checkCodiceFiscale, normalizeCodiceFiscale } from '../../../shared/domain/codice-fiscale.ts';
import { checkForeignIdentifier } from '../../../shared/domain/foreign-identifiers.ts';
import type { PatientInput } from '../../../shared/domain/patient.ts';
import { AppError } from '../../../shared/errors/index.ts';

type IdentifierFields = Pick<PatientInput, 'identifierKind' | 'identifier'> &
  Partial<Pick<PatientInput, 'birthDate' | 'sex' | 'surname' | 'givenName'>>;

export interface IdentifierVerdict {
  valid: boolean;
  problems: string[];
  normalized: string;
  decoded?: { birthDate: string; sex: string };
  expectedCheckCharacter?: string;
}

/** Checks the identifier per its kind, against the birth date and sex when given. */
export function checkIdentifier(p: IdentifierFields): IdentifierVerdict {
  const normalized = normalizeCodiceFiscale(p.identifier);
  if (p.identifierKind !== 'CF') {
    const valid = checkForeignIdentifier(p.identifierKind, normalized);
    return { valid, problems: valid ? [] : ['characters'], normalized };
  }
  const r = checkCodiceFiscale(normalized, { birthDate: p.birthDate, sex: p.sex, surname: p.surname, givenName: p.givenName });
  return {
    valid: r.valid,
    problems: [...r.problems, ...r.warnings],
    normalized,
    ...(r.expectedCheckCharacter ? { expectedCheckCharacter: r.expectedCheckCharacter } : {}),
    ...(r.decoded
      ? {
          decoded: {
            birthDate: `..${String(r.decoded.yearTwoDigits).padStart(2, '0')}-${String(r.decoded.month).padStart(2, '0')}-${String(r.decoded.day).padStart(2, '0')}`,
            sex: r.decoded.sex,
          },
        }
      : {}),
  };
}

/** Throws CODICE_FISCALE_INVALID (or INVALID_INPUT for foreign codes) with the first blocking problem. */
export function assertIdentifier(p: PatientInput): string {
  const v = checkIdentifier(p);
  if (v.valid) return v.normalized;
  if (p.identifierKind !== 'CF') {
    throw new AppError('INVALID_INPUT', `Invalid ${p.identifierKind} code`, {
      issues: [{ path: 'identifier', message: `codice ${p.identifierKind} non valido` }],
    });
  }
  const reason = v.problems[0] as NonNullable<ReturnType<typeof checkCodiceFiscale>['problems'][number]>;
  throw new AppError('CODICE_FISCALE_INVALID', `Codice fiscale rejected: ${reason}`, {
    reason,
    ...(v.expectedCheckCharacter ? { expected: v.expectedCheckCharacter } : {}),
  });
}

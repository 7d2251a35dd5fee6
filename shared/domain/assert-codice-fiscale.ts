import { AppError } from '../errors/index.ts';
import { checkCodiceFiscale, normalizeCodiceFiscale } from './codice-fiscale.ts';

/**
 * A codice fiscale that must be right before it is stored (the doctor's, in the gateway identity
 * and in the document profile): throws CODICE_FISCALE_INVALID with the first blocking problem
 * (and the expected check character), else returns it normalized.
 */
export function assertCodiceFiscale(value: string, who: string): string {
  const check = checkCodiceFiscale(value);
  if (check.valid) return normalizeCodiceFiscale(value);
  const reason = check.problems[0]!;
  throw new AppError('CODICE_FISCALE_INVALID', `Codice fiscale of the ${who} rejected: ${reason}`, {
    reason,
    ...(check.expectedCheckCharacter ? { expected: check.expectedCheckCharacter } : {}),
  });
}

/**
 * The closed union of error codes that may cross a process boundary (ARCHITECTURE.md §1.5).
 * Every code has a typed `data` payload and an Italian message in the renderer's locale files
 * (renderer/src/i18n/it.json, key `errors.<CODE>`). Adding a code here is a contract change.
 */
import type { ImportRefusal } from '../import/refusal.ts';

export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_METHOD',
  'NOT_FOUND',
  'CONFLICT',
  'CODICE_FISCALE_INVALID',
  'VALIDATION_FAILED',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'DB_KEY_INVALID',
  'DB_KEY_MISSING',
  'DB_UNAVAILABLE',
  'PIN_INCORRECT',
  'PIN_LOCKED',
  'PIN_FINAL_TRY_NEEDS_CONSENT',
  'PASSPHRASE_INCORRECT',
  'OUTSIDE_SUBSTITUTION',
  'NO_DOCTOR_AT_WORK',
  'TOKEN_NOT_PRESENT',
  'CERTIFICATE_INVALID',
  'SIGNATURE_INVALID',
  'GATEWAY_UNAVAILABLE',
  'GATEWAY_REJECTED',
  'DICOM_INVALID',
  'IMPORT_REFUSED',
  'CANCELLED',
  'TIMEOUT',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Typed payloads per code; codes not listed carry no data. */
export interface ErrorDataMap {
  INVALID_INPUT: { issues: { path: string; message: string }[] };
  UNKNOWN_METHOD: { method: string };
  NOT_FOUND: { entity: string; id: string };
  CONFLICT: { entity: string; field?: string };
  CODICE_FISCALE_INVALID: { reason: CodiceFiscaleProblem; expected?: string };
  VALIDATION_FAILED: { issues: { severity: string; code: string; path: string; message: string }[] };
  PIN_INCORRECT: { triesState: PinTriesState };
  PIN_LOCKED: Record<string, never>;
  PIN_FINAL_TRY_NEEDS_CONSENT: Record<string, never>;
  /** A profile's passphrase (shared/api/doctors.ts); after repeated failures, seconds to wait before the next try. */
  PASSPHRASE_INCORRECT: { retryAfterSeconds?: number };
  /** A sostituto outside every substitution period (outside the sandbox): today, and the nearest period when there is one. */
  OUTSIDE_SUBSTITUTION: { today: string; from?: string; to?: string };
  GATEWAY_REJECTED: { type?: string; title?: string; detail?: string; status?: number };
  DICOM_INVALID: { reason: DicomProblem; detail?: string };
  /** A received file that cannot be imported (shared/import/refusal.ts): nothing was written. */
  IMPORT_REFUSED: { reason: ImportRefusal; detail?: string; /** CSV_COLUMNS: the header found, to map. */ columns?: string[] };
}

export type PinTriesState = 'ok' | 'count-low' | 'final-try' | 'locked';

/** Why a codice fiscale was refused; each has its own Italian message. */
export type CodiceFiscaleProblem =
  | 'length'
  | 'characters'
  | 'check-character'
  | 'month'
  | 'day'
  | 'birth-date-mismatch'
  | 'sex-mismatch'
  | 'surname-mismatch'
  | 'name-mismatch';

/**
 * Why a DICOM file cannot be read or shown; each has its own Italian message
 * (renderer/src/i18n/features/imaging.*.json, `imaging.problems.<reason>`). `detail` carries
 * a technical fact such as a transfer syntax UID, never patient data.
 */
export const DICOM_PROBLEMS = [
  'not-dicom',
  'truncated',
  'malformed',
  'no-pixel-data',
  'frame-out-of-range',
  'unsupported-transfer-syntax',
  'unsupported-image',
  'corrupt-pixel-data',
] as const;

export type DicomProblem = (typeof DICOM_PROBLEMS)[number];

export type ErrorData<C extends ErrorCode> = C extends keyof ErrorDataMap ? ErrorDataMap[C] : undefined;

export interface RpcError<C extends ErrorCode = ErrorCode> {
  code: C;
  message: string;
  data?: ErrorData<C>;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

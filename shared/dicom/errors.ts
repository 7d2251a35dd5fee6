import { AppError, isAppError } from '../errors/app-error.ts';
import type { DicomProblem } from '../errors/codes.ts';

/** The one error every DICOM function throws on bad input: `DICOM_INVALID` with its reason. */
export function dicomError(reason: DicomProblem, message: string, detail?: string): AppError<'DICOM_INVALID'> {
  return new AppError('DICOM_INVALID', message, detail === undefined ? { reason } : { reason, detail });
}

/**
 * dicom-parser throws strings and `{ exception, dataSet }` objects, the wasm codecs numbers
 * and RuntimeErrors: the developer text of any of them, for the AppError's log message.
 */
export function thrownText(e: unknown): string {
  if (typeof e === 'string') return e;
  if (e instanceof Error) return e.message;
  if (e && typeof e === 'object' && 'exception' in e) return thrownText((e as { exception: unknown }).exception);
  return String(e);
}

/**
 * What a DICOM entry point throws when something other than a DICOM_INVALID escaped from
 * below (a library's TypeError on a shape nobody foresaw): still a typed error for the
 * caller, marked `unexpected` in the developer message so that tests can tell it apart.
 */
export function unexpected(e: unknown, reason: DicomProblem): AppError {
  if (isAppError(e)) return e;
  return dicomError(reason, `unexpected ${e instanceof Error ? e.name : typeof e}: ${thrownText(e)}`);
}

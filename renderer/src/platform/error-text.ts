import type { TFunction } from 'i18next';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { ErrorData } from '../../../shared/errors/codes.ts';

/**
 * The Italian (or English) text for any error a call can reject with, from the locale files:
 * `errors.<CODE>`, with the data filled in; codice fiscale and DICOM problems name the exact problem.
 */
export function errorText(t: TFunction, error: unknown): string {
  if (!(error instanceof AppError)) return t('errors.INTERNAL');
  switch (error.code) {
    case 'CODICE_FISCALE_INVALID': {
      const data = error.data as ErrorData<'CODICE_FISCALE_INVALID'> | undefined;
      if (!data?.reason) return t('errors.CODICE_FISCALE_INVALID');
      return t(`codiceFiscale.problems.${data.reason}`, { expected: data.expected ?? '?' });
    }
    case 'INVALID_INPUT': {
      const data = error.data as ErrorData<'INVALID_INPUT'> | undefined;
      const fields = (data?.issues ?? []).map((i) => fieldName(t, i.path)).filter(Boolean);
      return fields.length ? t('errors.INVALID_INPUT_fields', { fields: [...new Set(fields)].join(', ') }) : t('errors.INVALID_INPUT');
    }
    case 'NOT_FOUND': {
      const data = error.data as ErrorData<'NOT_FOUND'> | undefined;
      return data?.entity === 'doctorProfile' ? t('errors.NOT_FOUND_doctorProfile') : t('errors.NOT_FOUND');
    }
    case 'CONFLICT': {
      const data = error.data as ErrorData<'CONFLICT'> | undefined;
      return data?.field === 'identifier' ? t('errors.CONFLICT_identifier') : t('errors.CONFLICT');
    }
    case 'GATEWAY_REJECTED': {
      const data = error.data as ErrorData<'GATEWAY_REJECTED'> | undefined;
      const detail = data?.detail ?? data?.title;
      return detail ? `${t('errors.GATEWAY_REJECTED')} (${detail})` : t('errors.GATEWAY_REJECTED');
    }
    case 'PASSPHRASE_INCORRECT': {
      const data = error.data as ErrorData<'PASSPHRASE_INCORRECT'> | undefined;
      return data?.retryAfterSeconds ? t('errors.PASSPHRASE_INCORRECT_wait', { seconds: data.retryAfterSeconds }) : t('errors.PASSPHRASE_INCORRECT');
    }
    case 'OUTSIDE_SUBSTITUTION': {
      const data = error.data as ErrorData<'OUTSIDE_SUBSTITUTION'> | undefined;
      const day = (iso: string | undefined) => (iso ? iso.split('-').reverse().join('/') : '?');
      if (data?.from && data.to) return t('errors.OUTSIDE_SUBSTITUTION_period', { today: day(data.today), from: day(data.from), to: day(data.to) });
      return t('errors.OUTSIDE_SUBSTITUTION', { today: day(data?.today) });
    }
    case 'DICOM_INVALID': {
      const data = error.data as ErrorData<'DICOM_INVALID'> | undefined;
      if (!data?.reason) return t('errors.DICOM_INVALID');
      return t(`imaging.problems.${data.reason}`, { detail: data.detail ?? '?' });
    }
    default:
      return t(`errors.${error.code}`);
  }
}

/** The label of a form field named by an issue path (e.g. "identifier" -> "Identificativo"). */
export function fieldName(t: TFunction, path: string): string {
  const key = path.split('.')[0] ?? '';
  return t(`patient.fields.${key}`, { defaultValue: key });
}

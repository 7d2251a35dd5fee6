import type { TFunction } from 'i18next';
import type { FieldError } from 'react-hook-form';

/** Italian text for a form field error: server messages as they are, zod issues by their code. */
export function fieldErrorText(t: TFunction, field: string, error: FieldError | undefined): string | undefined {
  if (!error) return undefined;
  if (error.type === 'server' && error.message) return error.message;
  if (field === 'teamCountry') return t('validation.country');
  if (field === 'birthDate') return error.type === 'too_small' || !error.type ? t('validation.required') : t('validation.date');
  switch (error.type) {
    case 'too_small':
    case 'invalid_type':
      return t('validation.required');
    case 'too_big':
      return t('validation.tooLong', { max: maxOf(error.message) });
    case 'invalid_value':
      return t('validation.choose');
    default:
      return t('validation.invalid');
  }
}

function maxOf(message: string | undefined): string {
  return /(\d+)/.exec(message ?? '')?.[1] ?? '';
}

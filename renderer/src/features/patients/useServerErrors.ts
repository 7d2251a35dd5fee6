import { useState } from 'react';
import type { UseFormSetError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../../../shared/errors/app-error.ts';
import type { ErrorData } from '../../../../shared/errors/codes.ts';
import type { IdentifierKind } from '../../../../shared/domain/patient.ts';
import { errorText } from '../../platform/error-text.ts';
import type { PatientFormValues } from './PatientForm.tsx';

const FIELDS = new Set(['surname', 'givenName', 'sex', 'birthDate', 'identifierKind', 'identifier', 'teamCountry', 'birthPlace', 'address', 'phone', 'email']);

/** Puts the service's verdict on the field it concerns, in words; anything else above the form. */
export function useServerErrors(setError: UseFormSetError<PatientFormValues>) {
  const { t } = useTranslation();
  const [formError, setFormError] = useState<string>();

  function showServerError(e: unknown, kind: IdentifierKind): void {
    const text = errorText(t, e);
    if (e instanceof AppError && e.code === 'CODICE_FISCALE_INVALID') {
      setError('identifier', { type: 'server', message: text }, { shouldFocus: true });
      return;
    }
    if (e instanceof AppError && e.code === 'CONFLICT' && (e.data as ErrorData<'CONFLICT'>)?.field === 'identifier') {
      setError('identifier', { type: 'server', message: text }, { shouldFocus: true });
      return;
    }
    if (e instanceof AppError && e.code === 'INVALID_INPUT') {
      const issues = (e.data as ErrorData<'INVALID_INPUT'> | undefined)?.issues ?? [];
      for (const issue of issues) {
        const field = issue.path.split('.')[0] ?? '';
        if (!FIELDS.has(field)) continue;
        const message = field === 'identifier' && kind !== 'CF' ? t(`codiceFiscale.foreign.${kind}`) : t('validation.invalid');
        setError(field as keyof PatientFormValues, { type: 'server', message });
      }
    }
    setFormError(text);
  }

  return { formError, showServerError, clearFormError: () => setFormError(undefined) };
}
